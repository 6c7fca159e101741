import { fromJson } from './mappers.ts';
import type { SqlPort } from './sql-port.ts';

/** Hub-wide settings made in the console (the mail server, say), as JSON values by name. */
export interface SettingsStore {
  get(name: string): Promise<unknown>;
  set(name: string, value: unknown): Promise<void>;
}

/** Settings on either database. */
export function createSettingsStore(port: SqlPort): SettingsStore {
  return {
    async get(name) {
      const [row] = await port.all('SELECT value FROM hub_settings WHERE name = ?', [name]);
      return row ? fromJson<unknown>(row.value) : null;
    },
    async set(name, value) {
      await port.run(
        `INSERT INTO hub_settings (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
        [name, JSON.stringify(value)],
      );
    },
  };
}

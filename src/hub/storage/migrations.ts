/** One schema step: applied once, in version order, recorded in `schema_version`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations a database at `current` still needs; refuses a database newer than this code. */
export function pendingMigrations(current: number, migrations: readonly Migration[]): Migration[] {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(
      `database schema version ${current} is newer than this hub knows (${latest}); upgrade the hub`,
    );
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i + 1} is numbered ${m.version}`);
  });
  return migrations.filter((m) => m.version > current);
}

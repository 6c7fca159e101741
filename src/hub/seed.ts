import { enrollmentCode, hashPassword, normalizeCode, randomToken, sha256 } from './auth/secrets.ts';
import type { Store } from './storage/store.ts';

/** What first start created, to print once: nothing of it is stored in clear. */
export interface SeedResult {
  admin?: { username: string; password: string };
  station?: { name: string; enrollmentCode: string };
}

/**
 * On an empty database: a demo admin (password random, or `password` when given) and a
 * demo station with an enrollment code.
 */
export async function seedDemo(store: Store, now: Date, password = randomToken(12)): Promise<SeedResult> {
  const result: SeedResult = {};
  if (!(await store.adminByUsername('admin'))) {
    await store.createAdmin({ username: 'admin', passwordHash: await hashPassword(password), role: 'admin' });
    result.admin = { username: 'admin', password };
  }
  if ((await store.listStations()).length === 0) {
    const station = await store.createStation({
      name: '河口县科普e站（演示）',
      town: '河口镇',
      group: 'hekou',
    });
    const code = enrollmentCode();
    await store.addEnrollmentCode(
      station.id,
      sha256(normalizeCode(code)),
      new Date(now.getTime() + 30 * 86_400_000),
    );
    result.station = { name: station.name, enrollmentCode: code };
  }
  return result;
}

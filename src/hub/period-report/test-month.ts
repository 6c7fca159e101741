/** A seeded month for tests and sample reports: November 2026 at four stations in three towns. */
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { Counter } from '../../protocol/usage.ts';
import type { TestHub } from '../test-hub.ts';

export const MONTH = { key: '2026-11', from: '2026-11-01', to: '2026-11-30' } as const;
/** The hub's clock while the test reads the report: 2 December, 11:00 station time. */
export const AFTER_MONTH = new Date('2026-12-02T03:00:00Z');

const SLOT = 15 * 60_000;
/** Midnight of a November day, station time (UTC+8). */
const dayStart = (day: number) => Date.parse(`2026-11-${String(day).padStart(2, '0')}T00:00:00+08:00`);

/** The stations: name, town, group, and the November days on which each sent heartbeats. */
export const SEED_STATIONS = [
  { name: '南溪镇老卡村科普e站', town: '南溪镇', group: 'nanxi', days: [1, 30], gap: [12, 13] },
  { name: '南溪镇马鞍底社区e站', town: '南溪镇', group: 'nanxi', days: [1, 20], gap: null },
  { name: '河口镇北山社区科普e站', town: '河口镇', group: 'hekou', days: [10, 30], gap: null },
  { name: '莲花滩乡科普e站', town: '莲花滩乡', group: 'lianhua', days: null, gap: null },
] as const;

const heartbeat: Heartbeat = {
  appVersion: '1.0.0',
  packVersion: 1,
  lastUpdate: null,
  errors: [],
  storage: { used: 10_000_000, quota: 1_000_000_000 },
  queue: 0,
};

export interface SeededMonth {
  stations: Array<{ id: string; token: string; name: string; town: string; group: string }>;
  /** Slots with a heartbeat per station (one heartbeat per 15-minute slot, as seeded). */
  slots: number[];
}

async function ingest(hub: TestHub, token: string, counters: Counter[]): Promise<void> {
  const res = await fetch(`${hub.url}/api/v1/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ batchId: crypto.randomUUID(), counters }),
  });
  if (res.status !== 200) throw new Error(`usage refused: ${res.status} ${await res.text()}`);
}

/**
 * Creates and enrolls the stations through the admin API, writes a month of heartbeats (one
 * per 15 minutes while a station was up) straight into the store, and uploads usage over HTTP
 * as kiosks do. Leaves the hub's clock at AFTER_MONTH.
 */
export async function seedMonth(hub: TestHub): Promise<SeededMonth> {
  hub.clock.now = new Date('2026-11-01T00:00:00+08:00');
  const headers = await hub.login('admin');
  const stations: SeededMonth['stations'] = [];
  for (const s of SEED_STATIONS) {
    const created = await fetch(`${hub.url}/api/v1/admin/stations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: s.name, town: s.town, group: s.group }),
    });
    const { enrollmentCode, station } = (await created.json()) as {
      enrollmentCode: string;
      station: { id: string };
    };
    const enrolled = await fetch(`${hub.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: enrollmentCode }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    stations.push({ id: station.id, token, name: s.name, town: s.town, group: s.group });
  }
  const slots: number[] = [];
  for (const [i, s] of SEED_STATIONS.entries()) {
    let n = 0;
    if (s.days) {
      for (let day = s.days[0]; day <= s.days[1]; day++) {
        if (s.gap && day >= s.gap[0] && day <= s.gap[1]) continue;
        for (let t = dayStart(day); t < dayStart(day) + 86_400_000; t += SLOT) {
          await hub.store.recordHeartbeat(stations[i]?.id ?? '', heartbeat, new Date(t + 60_000));
          n++;
        }
      }
    }
    slots.push(n);
  }
  hub.clock.now = new Date('2026-11-30T20:00:00+08:00');
  const [a, b, c] = stations;
  if (!a || !b || !c) throw new Error('stations missing');
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
  await ingest(hub, a.token, [
    { day: day(3), metric: 'article_open', key: 'boil-water', count: 40 },
    { day: day(3), metric: 'article_complete', key: 'boil-water', count: 25 },
    { day: day(18), metric: 'article_open', key: 'boil-water', count: 12 },
    { day: day(18), metric: 'article_open', key: 'flood-escape', count: 9 },
    { day: day(18), metric: 'article_complete', key: 'flood-escape', count: 3 },
    { day: day(3), metric: 'quiz_start', key: 'selftest', count: 30 },
    { day: day(3), metric: 'quiz_complete', key: 'selftest', count: 25 },
    { day: day(3), metric: 'selftest_pass', key: 'selftest', count: 4 },
    // Levels (issue 19's survey-like scoring): 23 takers aged 18-69, 2 others.
    { day: day(3), metric: 'selftest_level', key: 'adult/0', count: 10 },
    { day: day(3), metric: 'selftest_level', key: 'adult/1', count: 9 },
    { day: day(3), metric: 'selftest_level', key: 'adult/2', count: 3 },
    { day: day(3), metric: 'selftest_level', key: 'adult/3', count: 1 },
    { day: day(3), metric: 'selftest_level', key: 'other/1', count: 2 },
    { day: day(3), metric: 'quiz_complete', key: 'topic:health', count: 11 },
    { day: day(3), metric: 'quiz_option', key: 'health-boil-single/0', count: 6 },
    { day: day(3), metric: 'quiz_option', key: 'health-boil-single/1', count: 14 },
    { day: day(3), metric: 'quiz_option', key: 'health-boil-truefalse/true', count: 13 },
    { day: day(3), metric: 'quiz_option', key: 'health-boil-truefalse/false', count: 7 },
    { day: day(3), metric: 'tutorial_start', key: 'call-family', count: 20 },
    { day: day(3), metric: 'tutorial_step', key: 'call-family/0', count: 20 },
    { day: day(3), metric: 'tutorial_step', key: 'call-family/1', count: 16 },
    { day: day(3), metric: 'tutorial_step', key: 'call-family/2', count: 7 },
    { day: day(3), metric: 'tutorial_complete', key: 'call-family', count: 5 },
    { day: day(3), metric: 'language', key: 'vi', count: 9 },
    { day: day(3), metric: 'language', key: 'en', count: 2 },
  ]);
  await ingest(hub, b.token, [
    { day: day(5), metric: 'article_open', key: 'flood-escape', count: 15 },
    { day: day(5), metric: 'article_complete', key: 'flood-escape', count: 6 },
    { day: day(5), metric: 'quiz_complete', key: 'selftest', count: 10 },
    { day: day(5), metric: 'selftest_pass', key: 'selftest', count: 2 },
    { day: day(5), metric: 'language', key: 'vi', count: 4 },
  ]);
  await ingest(hub, c.token, [
    { day: day(12), metric: 'article_open', key: 'boil-water', count: 22 },
    { day: day(12), metric: 'article_complete', key: 'boil-water', count: 18 },
    { day: day(12), metric: 'quiz_complete', key: 'selftest', count: 20 },
    { day: day(12), metric: 'selftest_pass', key: 'selftest', count: 3 },
    { day: day(12), metric: 'quiz_option', key: 'health-boil-single/1', count: 5 },
    // Outside the month: must not count in November's report.
    { day: '2026-10-31', metric: 'article_open', key: 'boil-water', count: 1000 },
    { day: '2026-12-01', metric: 'article_open', key: 'boil-water', count: 1000 },
  ]);
  hub.clock.now = AFTER_MONTH;
  return { stations, slots };
}

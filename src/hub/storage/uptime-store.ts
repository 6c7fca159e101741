import { type Row, toInt } from './mappers.ts';
import type { SqlPort } from './sql-port.ts';

/** Minutes in one uptime slot: a kiosk is up in a slot when a heartbeat arrived in it. */
export const UPTIME_SLOT_MINUTES = 15;
/** Slots in a day. */
export const SLOTS_PER_DAY = (24 * 60) / UPTIME_SLOT_MINUTES;
/** Stations keep China Standard Time (UTC+8, no daylight saving): their days start at 16:00 UTC. */
export const STATION_UTC_OFFSET_MS = 8 * 3_600_000;

/** One station's day: how many slots had a heartbeat. */
export interface UptimeDay {
  stationId: string;
  day: string;
  slots: number;
}

/**
 * Uptime per station and day, rolled up from heartbeats (so it outlives any pruning of the
 * heartbeat history). Judged from heartbeats only, never from usage.
 */
export interface UptimeStore {
  /** Recomputes the days whose heartbeats fall in [from, to); returns how many station days. */
  rollup(from: Date, to: Date): Promise<number>;
  /** The newest day rolled up, if any. */
  lastDay(): Promise<string | null>;
  /** The time of the oldest heartbeat (where a first rollup starts). */
  firstHeartbeat(): Promise<Date | null>;
  /** Station days in [from, to] (days, inclusive). */
  days(from: string, to: string): Promise<UptimeDay[]>;
  /** Each station's first day with a heartbeat. */
  firstDays(): Promise<Map<string, string>>;
}

const SLOT_MS = UPTIME_SLOT_MINUTES * 60_000;

/** The uptime store on either database (the day and slot arithmetic differs a little). */
export function createUptimeStore(port: SqlPort): UptimeStore {
  const sqlite = port.kind === 'sqlite';
  const rollupSql = sqlite
    ? `INSERT INTO uptime_days (station_id, day, slots)
       SELECT station_id, date((at + ${STATION_UTC_OFFSET_MS}) / 1000, 'unixepoch') AS d, COUNT(DISTINCT at / ${SLOT_MS})
       FROM heartbeats WHERE at >= ? AND at < ? GROUP BY station_id, d
       ON CONFLICT (station_id, day) DO UPDATE SET slots = excluded.slots`
    : `INSERT INTO uptime_days (station_id, day, slots)
       SELECT station_id, (at AT TIME ZONE 'Asia/Shanghai')::date AS d,
         COUNT(DISTINCT floor(extract(epoch FROM at) * 1000 / ${SLOT_MS}))
       FROM heartbeats WHERE at >= ? AND at < ? GROUP BY station_id, d
       ON CONFLICT (station_id, day) DO UPDATE SET slots = excluded.slots`;
  const dayText = (column: string) => (sqlite ? column : `to_char(${column}, 'YYYY-MM-DD')`);
  const dayParam = sqlite ? '?' : '?::date';
  return {
    async rollup(from, to) {
      // Whole station days, so a day's count is never replaced by a part of it.
      const start = Math.floor((from.getTime() + STATION_UTC_OFFSET_MS) / 86_400_000) * 86_400_000;
      const end = Math.ceil((to.getTime() + STATION_UTC_OFFSET_MS) / 86_400_000) * 86_400_000;
      return port.run(rollupSql, [
        new Date(start - STATION_UTC_OFFSET_MS),
        new Date(end - STATION_UTC_OFFSET_MS),
      ]);
    },
    async lastDay() {
      const [row] = await port.all(`SELECT ${dayText('MAX(day)')} AS d FROM uptime_days`);
      return row?.d === null || row?.d === undefined ? null : String(row.d);
    },
    async firstHeartbeat() {
      const [row] = await port.all('SELECT MIN(at) AS at FROM heartbeats');
      if (row?.at === null || row?.at === undefined) return null;
      return row.at instanceof Date ? row.at : new Date(Number(row.at));
    },
    async days(from, to) {
      return (
        await port.all(
          `SELECT station_id, ${dayText('day')} AS d, slots FROM uptime_days
           WHERE day >= ${dayParam} AND day <= ${dayParam} ORDER BY station_id, day`,
          [from, to],
        )
      ).map((r: Row) => ({ stationId: String(r.station_id), day: String(r.d), slots: toInt(r.slots) }));
    },
    async firstDays() {
      const rows = await port.all(
        `SELECT station_id, ${dayText('MIN(day)')} AS d FROM uptime_days GROUP BY station_id`,
      );
      return new Map(rows.map((r) => [String(r.station_id), String(r.d)]));
    },
  };
}

import { stationDay, stationDayStart } from '../uptime-report.ts';

/** A report period: a calendar month (`2026-11`) or an ISO week (`2026-W47`, Monday to Sunday). */
export interface Period {
  kind: 'monthly' | 'weekly';
  key: string;
  /** First and last station day, inclusive. */
  from: string;
  to: string;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The month `YYYY-MM`, or null when the key is not one. */
export function monthPeriod(key: string): Period | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const first = Date.UTC(year, month - 1, 1);
  const last = Date.UTC(year, month, 0);
  return { kind: 'monthly', key, from: iso(first), to: iso(last) };
}

/** The Monday of ISO week 1 of `year`: the week with the year's first Thursday. */
function isoWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY;
}

/** The ISO week `YYYY-Www`, or null when the key is not one (or the year has no such week). */
export function weekPeriod(key: string): Period | null {
  const m = /^(\d{4})-W(0[1-9]|[1-4][0-9]|5[0-3])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const monday = isoWeekOne(year) + (Number(m[2]) - 1) * 7 * DAY;
  if (monday >= isoWeekOne(year + 1)) return null;
  return { kind: 'weekly', key, from: iso(monday), to: iso(monday + 6 * DAY) };
}

/** Parses a period key of either kind. */
export function parsePeriod(key: string): Period | null {
  return monthPeriod(key) ?? weekPeriod(key);
}

/** The period of `kind` holding the station day `day`. */
export function periodOf(kind: Period['kind'], day: string): Period {
  if (kind === 'monthly') return monthPeriod(day.slice(0, 7)) as Period;
  const ms = Date.parse(`${day}T00:00:00Z`);
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday - isoWeekOne(year)) / (7 * DAY)) + 1;
  return weekPeriod(`${year}-W${String(week).padStart(2, '0')}`) as Period;
}

/** The period before `period`. */
export function previousPeriod(period: Period): Period {
  return periodOf(period.kind, iso(Date.parse(`${period.from}T00:00:00Z`) - DAY));
}

/** The current period at `now` (station time) and the `count` before it, newest first. */
export function recentPeriods(kind: Period['kind'], now: Date, count: number): Period[] {
  const out = [periodOf(kind, stationDay(now))];
  while (out.length < count + 1) out.push(previousPeriod(out[out.length - 1] as Period));
  return out;
}

/** When a period's report is due: 06:00 station time on the day after it ends. */
export function periodDueAt(period: Period): Date {
  return new Date(stationDayStart(period.to) + DAY + 6 * 3_600_000);
}

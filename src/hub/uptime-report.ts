import type { HubContext } from './http/context.ts';
import type { ReportQuery, Table } from './reports.ts';
import { percent } from './reports.ts';
import { STATION_UTC_OFFSET_MS, UPTIME_SLOT_MINUTES } from './storage/uptime-store.ts';

const SLOT_MS = UPTIME_SLOT_MINUTES * 60_000;

/** The start of a station day ('YYYY-MM-DD', UTC+8) as an instant. */
export function stationDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - STATION_UTC_OFFSET_MS;
}

/** The station day ('YYYY-MM-DD', UTC+8) an instant falls on. */
export function stationDay(at: Date | number): string {
  return new Date((typeof at === 'number' ? at : at.getTime()) + STATION_UTC_OFFSET_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * Uptime per station in [from, to]: the 15-minute slots in which a heartbeat arrived, against
 * the slots since the station first reported (not before it was installed), up to now or its
 * revocation. Heartbeats only: a kiosk that uploads usage but sends no heartbeat is not up.
 */
export async function uptimeReport(ctx: HubContext, query: ReportQuery): Promise<Table> {
  const now = ctx.now().getTime();
  const [days, firsts, stations] = await Promise.all([
    ctx.store.uptime.days(query.from, query.to),
    ctx.store.uptime.firstDays(),
    ctx.store.listStations(),
  ]);
  const rangeStart = stationDayStart(query.from);
  const rangeEnd = stationDayStart(query.to) + 86_400_000;
  const rows = stations
    .filter(
      (s) =>
        (!query.stationId || s.id === query.stationId) &&
        (!query.town || s.town === query.town) &&
        (!query.group || s.group === query.group) &&
        s.createdAt.getTime() < rangeEnd &&
        (!s.revokedAt || s.revokedAt.getTime() > rangeStart),
    )
    .map((s) => {
      const mine = days.filter((d) => d.stationId === s.id);
      const online = mine.reduce((n, d) => n + d.slots, 0);
      const first = firsts.get(s.id);
      const start = Math.max(rangeStart, first ? stationDayStart(first) : Number.POSITIVE_INFINITY);
      const end = Math.min(rangeEnd, now, s.revokedAt?.getTime() ?? Number.POSITIVE_INFINITY);
      const possible = end > start ? Math.ceil((end - start) / SLOT_MS) : 0;
      return {
        station: s.id,
        name: s.name,
        town: s.town,
        group: s.group,
        daysReporting: mine.filter((d) => d.slots > 0).length,
        slotsOnline: online,
        slotsPossible: possible,
        uptimeShare: percent(Math.min(online, possible), possible),
      };
    });
  return {
    columns: [
      'station',
      'name',
      'town',
      'group',
      'daysReporting',
      'slotsOnline',
      'slotsPossible',
      'uptimeShare',
    ],
    rows,
  };
}

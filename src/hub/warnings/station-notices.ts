import { type Notice, SEVERITIES } from '../../protocol/notice.ts';
import type { HubContext } from '../http/context.ts';
import type { Station } from '../storage/store.ts';
import { DEFAULT_ALERT_SETTINGS } from '../storage/warning-store.ts';
import { stationPlace, withheld } from './reach.ts';

/** Notices a kiosk gets at most (the config's limit), the most severe first. */
const MAX_NOTICES = 20;
const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Notice['severity'], number>;

/**
 * The notices one station shows now: its group's (and every group's) notices in force, less
 * those whose area does not cover the station, that wait for approval under the group's policy,
 * or that are exercises and tests outside a test group. Also whether its alarm may chime.
 */
export async function stationNotices(
  ctx: HubContext,
  station: Station,
  now: Date,
): Promise<{ notices: Notice[]; chime: boolean }> {
  const ws = ctx.store.warnings;
  const [live, own, all, place] = await Promise.all([
    ws.liveNotices(station.group, now),
    ws.alertSettings(station.group),
    ws.alertSettings('*'),
    ws.stationPlace(station.id),
  ]);
  const settings = own ?? all ?? DEFAULT_ALERT_SETTINGS;
  const where = stationPlace(station, settings, place);
  const notices = live
    .filter((n) => withheld(n, settings, where) === null)
    .map((n) => n.notice)
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || Date.parse(b.onset) - Date.parse(a.onset))
    .slice(0, MAX_NOTICES);
  return { notices, chime: settings.chime };
}

import type { Notice } from '../../protocol/notice.ts';
import { areaCovers, type Place } from '../cap/area.ts';
import type { Station } from '../storage/store.ts';
import {
  type AlertPolicy,
  type AlertSettings,
  DEFAULT_ALERT_SETTINGS,
  type ScopedNotice,
} from '../storage/warning-store.ts';

/** The settings that apply to a group: its own, else those of `*`, else the defaults. */
export function effectiveSettings(group: string, own: ReadonlyMap<string, AlertSettings>): AlertSettings {
  return own.get(group) ?? own.get('*') ?? DEFAULT_ALERT_SETTINGS;
}

/** Where a station stands: its own place over its group's, and its registered town last. */
export function stationPlace(
  station: Station,
  settings: AlertSettings,
  own: Place | null | undefined,
): Place {
  const group = settings.place ?? {};
  const point = own && typeof own.lat === 'number' ? own : group;
  const place: Place = { town: own?.town ?? group.town ?? station.town };
  if (typeof point.lat === 'number' && typeof point.lon === 'number') {
    place.lat = point.lat;
    place.lon = point.lon;
  }
  const geocode = own?.geocode ?? group.geocode;
  if (geocode) place.geocode = geocode;
  return place;
}

/** Whether a group's policy sends a notice of this severity out at once. */
export function releasedAtOnce(policy: AlertPolicy, severity: Notice['severity']): boolean {
  if (policy === 'all') return true;
  if (policy === 'none') return false;
  if (policy === 'extreme') return severity === 'extreme';
  return severity === 'extreme' || severity === 'severe';
}

/** Why a notice is not shown on a station, or null when it is. */
export function withheld(
  scoped: ScopedNotice,
  settings: AlertSettings,
  place: Place,
): 'status' | 'area' | 'approval' | null {
  const status = scoped.notice.status ?? 'actual';
  if (status !== 'actual' && !settings.testGroup) return 'status';
  const scope = scoped.scope;
  if (!scope) return null;
  if (scope.area && areaCovers(scope.area, place) === null) return 'area';
  if (!scope.approvedAt && !releasedAtOnce(settings.policy, scoped.notice.severity)) return 'approval';
  return null;
}

/** Per group, how many stations show a notice now and how many wait for an editor's approval. */
export interface Reach {
  shown: Array<{ group: string; stations: number }>;
  waiting: Array<{ group: string; stations: number }>;
}

/** Which stations a notice reaches, group by group (revoked stations do not count). */
export function noticeReach(
  scoped: ScopedNotice,
  stations: readonly Station[],
  settings: ReadonlyMap<string, AlertSettings>,
  places: ReadonlyMap<string, Place>,
): Reach {
  const shown = new Map<string, number>();
  const waiting = new Map<string, number>();
  const everywhere = scoped.groups.includes('*');
  for (const station of stations) {
    if (station.revokedAt || !(everywhere || scoped.groups.includes(station.group))) continue;
    const own = effectiveSettings(station.group, settings);
    const why = withheld(scoped, own, stationPlace(station, own, places.get(station.id)));
    const into = why === null ? shown : why === 'approval' ? waiting : null;
    into?.set(station.group, (into.get(station.group) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, n]) => ({ group, stations: n }));
  return { shown: list(shown), waiting: list(waiting) };
}

/** The reach in words for the audit log: "hekou 3, nanxi 1; waiting: lianhua 2". */
export function reachText(reach: Reach): string {
  const part = (xs: Reach['shown']) => xs.map((x) => `${x.group} ${x.stations}`).join(', ') || 'none';
  return `shown at once: ${part(reach.shown)}; waiting for approval: ${part(reach.waiting)}`;
}

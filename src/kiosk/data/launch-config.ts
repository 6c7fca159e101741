import { type ConfigIssue, mergeStationConfig, type StationConfig } from '../../protocol/station-config.ts';

// Short names for the launch URL, e.g. /?station=南溪社区e站&idle=120&lang=vi&hub=https://hub.example.org
const PARAMS: Record<string, keyof StationConfig> = {
  station: 'stationName',
  idle: 'idleSeconds',
  warn: 'warningSeconds',
  lang: 'defaultLocale',
  text: 'defaultTextSize',
  hub: 'hubUrl',
  pin: 'maintenancePin',
};
const NUMERIC = new Set<keyof StationConfig>(['idleSeconds', 'warningSeconds']);

/** Station settings from the kiosk's launch URL on top of `base`; bad values are reported, not applied. */
export function readLaunchConfig(
  base: StationConfig,
  search: string,
): { config: StationConfig; issues: ConfigIssue[] } {
  const overrides: Record<string, unknown> = {};
  const unknown: ConfigIssue[] = [];
  for (const [name, raw] of new URLSearchParams(search)) {
    const field = PARAMS[name];
    if (!field) {
      unknown.push({ code: 'CONFIG_INVALID', field: name, message: 'unknown launch parameter' });
      continue;
    }
    overrides[field] = NUMERIC.has(field) && /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  const { config, issues } = mergeStationConfig(base, overrides);
  return { config, issues: [...unknown, ...issues] };
}

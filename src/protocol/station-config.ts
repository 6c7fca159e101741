import * as v from 'valibot';
import { LOCALES } from './locales.ts';

/** Text sizes a resident can pick; `large` brings body text to 32 px. */
export const TEXT_SIZES = ['standard', 'large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** Station settings: built-in defaults, overridden by the launch URL and later by the hub. */
export const StationConfigSchema = v.object({
  stationName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)),
  /** Seconds without a touch before the "still there?" warning. */
  idleSeconds: v.pipe(v.number(), v.integer(), v.minValue(15), v.maxValue(3600)),
  /** Length of the warning countdown; WCAG 2.2.1 asks for at least 20 s. */
  warningSeconds: v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(300)),
  defaultLocale: v.picklist(LOCALES),
  defaultTextSize: v.picklist(TEXT_SIZES),
  /** PIN for the hidden maintenance screen (long press on the station name). */
  maintenancePin: v.pipe(v.string(), v.regex(/^[0-9]{4,8}$/)),
  /** The hub's public address, for take-home QR codes; without it no QR is shown. */
  hubUrl: v.optional(v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//), v.maxLength(200))),
});

export type StationConfig = v.InferOutput<typeof StationConfigSchema>;

/** What a kiosk uses before anyone configures it. */
export const DEFAULT_STATION_CONFIG: StationConfig = {
  stationName: '河口科普e站',
  idleSeconds: 90,
  warningSeconds: 30,
  defaultLocale: 'zh-CN',
  defaultTextSize: 'standard',
  maintenancePin: '2468',
};

/** A config problem as a value: which field and why, for logs and the maintenance screen. */
export interface ConfigIssue {
  code: 'CONFIG_INVALID';
  field: string;
  message: string;
}

/**
 * Merges partial overrides into a base config. Each field is checked on its own, so one bad
 * value falls back to the base and is reported, and the rest still apply.
 */
export function mergeStationConfig(
  base: StationConfig,
  overrides: Record<string, unknown>,
): { config: StationConfig; issues: ConfigIssue[] } {
  const config: Record<string, unknown> = { ...base };
  const issues: ConfigIssue[] = [];
  for (const [field, value] of Object.entries(overrides)) {
    const schema = StationConfigSchema.entries[field as keyof StationConfig];
    if (!schema) {
      issues.push({ code: 'CONFIG_INVALID', field, message: 'unknown setting' });
      continue;
    }
    const result = v.safeParse(schema, value);
    if (result.success) config[field] = result.output;
    else issues.push({ code: 'CONFIG_INVALID', field, message: result.issues[0].message });
  }
  return { config: config as StationConfig, issues };
}

/**
 * The alert rule kinds and their thresholds: plain constants (no schema library), so the
 * console can import them without pulling validators into the kiosk's shared code.
 */
export const ALERT_KINDS = [
  'silent',
  'stale_content',
  'storage_low',
  'clock_skew',
  'update_errors',
  'notice_not_shown',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What a rule's threshold counts, its bounds and its default. */
export const ALERT_THRESHOLDS: Record<
  AlertKind,
  { unit: 'hours' | 'percent' | 'minutes' | 'checks'; min: number; max: number; default: number }
> = {
  /** No heartbeat for this many hours. */
  silent: { unit: 'hours', min: 1, max: 720, default: 6 },
  /** Older content than the group's live release for this many hours. */
  stale_content: { unit: 'hours', min: 1, max: 720, default: 24 },
  /** Storage used at or above this share of the quota. */
  storage_low: { unit: 'percent', min: 50, max: 99, default: 90 },
  /** The kiosk's clock this many minutes off the hub's. */
  clock_skew: { unit: 'minutes', min: 1, max: 1440, default: 10 },
  /** This many content-update checks in a row failed. */
  update_errors: { unit: 'checks', min: 2, max: 50, default: 3 },
  /** An Extreme notice not shown this many minutes after it came into force. */
  notice_not_shown: { unit: 'minutes', min: 5, max: 240, default: 15 },
};

/** Longest time between reminders while an alert stays on (0: one message, then silence). */
export const MAX_REMIND_HOURS = 168;

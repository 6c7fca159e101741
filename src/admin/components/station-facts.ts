import type { Heartbeat } from '../../protocol/heartbeat.ts';
import type { Locale } from '../../protocol/locales.ts';
import { formatBytes, formatDateTime } from '../format.ts';

/** Storage use as "12 MB of 2 GB (1 %)". */
export function storageText(locale: Locale, hb: Heartbeat | null): string {
  if (!hb?.storage) return '—';
  const { used, quota } = hb.storage;
  const share =
    quota > 0 ? ` (${new Intl.NumberFormat(locale, { style: 'percent' }).format(used / quota)})` : '';
  return `${formatBytes(locale, used)} / ${formatBytes(locale, quota)}${share}`;
}

/** The last content update's result and when it was checked. */
export function updateText(locale: Locale, hb: Heartbeat | null): string {
  if (!hb?.lastUpdate) return '—';
  return `${hb.lastUpdate.result} · ${formatDateTime(locale, hb.lastUpdate.checkedAt)}`;
}

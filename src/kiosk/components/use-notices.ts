import { useEffect, useState } from 'preact/hooks';
import type { Notice } from '../../protocol/notice.ts';
import { useKiosk } from '../stores/kiosk-context.ts';

const RANK: Record<Notice['severity'], number> = { extreme: 0, severe: 1, moderate: 2, minor: 3, unknown: 4 };

/**
 * The hub's notices that are in force now, most severe first. Checked every minute, so a
 * notice ends on time even while the kiosk is offline.
 */
export function useLiveNotices(): Notice[] {
  const notices = useKiosk().station.notices.value;
  // Re-render every minute; the time itself is read fresh at each render.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  const now = Date.now();
  return notices
    .filter((n) => Date.parse(n.onset) <= now && Date.parse(n.expires) > now)
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || Date.parse(b.onset) - Date.parse(a.onset));
}

/** Whether a notice is shown in the alarming colours. */
export function isUrgent(notice: Notice): boolean {
  return notice.severity === 'extreme' || notice.severity === 'severe';
}

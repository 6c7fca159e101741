import { ALERT_THRESHOLDS, type AlertKind } from '../../protocol/alert-kinds.ts';
import { useT } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';

/** A threshold in its unit: "6 小时", "90%", "连续 3 次". */
export function useThreshold() {
  const t = useT();
  return (kind: AlertKind, count: number) =>
    t(`alerts.unit.${ALERT_THRESHOLDS[kind].unit}` as MessageKey, { count });
}

import { useT } from '../context.ts';
import type { StationState } from '../types.ts';

const MARK: Record<StationState, string> = { online: '●', late: '◐', silent: '○', revoked: '✕' };

/** A station's state in words with a shape, never by colour alone. */
export function StateBadge({ state }: { state: StationState }) {
  const t = useT();
  return (
    <span class={`state state--${state}`}>
      <span aria-hidden="true">{MARK[state]} </span>
      {t(`state.${state}`)}
    </span>
  );
}

import { AUDIENCES, type Audience } from '../../protocol/content-doc.ts';
import type { TargetAudience } from '../i18n/audience/index.ts';

/**
 * The audiences a topic page offers to filter by: those its articles are written for, in the
 * plan's order, and only where choosing one narrows the list (a topic written wholly for young
 * people has nothing to filter).
 */
export function audienceChoices(entries: readonly { audience: Audience }[]): TargetAudience[] {
  return AUDIENCES.filter(
    (a): a is TargetAudience =>
      a !== 'all' && entries.some((e) => e.audience === a) && entries.some((e) => e.audience !== a),
  );
}

/** The entries written for `chosen`, or all of them when nothing is chosen. */
export function entriesFor<T extends { audience: Audience }>(
  entries: readonly T[],
  chosen: TargetAudience | null,
): T[] {
  return chosen ? entries.filter((e) => e.audience === chosen) : [...entries];
}

import type { Notice } from '../protocol/notice.ts';
import type { HubContext } from './http/context.ts';
import type { CapMessage, NoticeScope } from './storage/warning-store.ts';

/** What a new or changed notice is: its content, groups, and (if it came by itself) its scope. */
export interface NoticeChange {
  notice: Notice;
  /** The groups it is for; on a replacement, empty keeps the earlier groups. */
  groups: readonly string[];
  scope: NoticeScope | null;
  /** New content for an existing notice (same id, higher revision). */
  replace: boolean;
  /** The CAP messages behind it, recorded in the same transaction (a repeat writes nothing). */
  messages?: readonly CapMessage[];
}

/**
 * The one way a notice is created or changed, whoever sends it: the console, a CAP feed or
 * upload, a partner system. Anything every notice needs (such as narration) belongs here.
 */
export async function saveNotice(
  ctx: HubContext,
  change: NoticeChange,
): Promise<'saved' | 'duplicate' | 'missing'> {
  return ctx.store.warnings.saveNotice(change);
}

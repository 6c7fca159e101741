import type { Notice } from '../../protocol/notice.ts';
import type { AlertArea } from '../cap/area.ts';
import { fromJson, type Row, toDate, toDateOrNull, toInt } from './mappers.ts';
import type { PartnerKey, PartnerScope } from './partner-store.ts';
import type { CapFeed, CapMessage, CapOutcome, NoticeScope, ScopedNotice } from './warning-store.ts';

/** A notice row (notice, cancelled_at, groups) with its scope columns (origin NULL: none). */
export function toScopedNotice(r: Row): ScopedNotice {
  const scope: NoticeScope | null =
    r.origin == null
      ? null
      : {
          origin: String(r.origin) as NoticeScope['origin'],
          originRef: String(r.origin_ref),
          area: r.area == null ? null : fromJson<AlertArea>(r.area),
          approvedAt: toDateOrNull(r.approved_at),
          approvedBy: r.approved_by == null ? null : String(r.approved_by),
        };
  return {
    notice: fromJson<Notice>(r.notice),
    groups: [...fromJson<string[]>(r.groups ?? '[]')].sort(),
    cancelledAt: toDateOrNull(r.cancelled_at),
    scope,
  };
}

export function toCapMessage(r: Row): CapMessage {
  return {
    sender: String(r.sender),
    identifier: String(r.identifier),
    sent: toDate(r.sent),
    msgType: String(r.msg_type),
    status: String(r.status),
    outcome: String(r.outcome) as CapOutcome,
    detail: String(r.detail),
    noticeId: r.notice_id == null ? null : String(r.notice_id),
    source: String(r.source),
    receivedAt: toDate(r.received_at),
  };
}

export function toCapFeed(r: Row): CapFeed {
  return {
    id: String(r.id),
    name: String(r.name),
    url: String(r.url),
    intervalSeconds: toInt(r.interval_seconds),
    enabled: r.enabled === true || r.enabled === 1 || r.enabled === 1n,
    createdAt: toDate(r.created_at),
    etag: r.etag == null ? null : String(r.etag),
    lastModified: r.last_modified == null ? null : String(r.last_modified),
    lastPolledAt: toDateOrNull(r.last_polled_at),
    lastOkAt: toDateOrNull(r.last_ok_at),
    lastError: r.last_error == null ? null : String(r.last_error),
    failures: toInt(r.failures),
    nextPollAt: toDate(r.next_poll_at),
  };
}

export function toPartnerKey(r: Row): PartnerKey {
  return {
    id: String(r.id),
    name: String(r.name),
    prefix: String(r.prefix),
    groups: fromJson<string[]>(r.groups),
    scopes: fromJson<PartnerScope[]>(r.scopes),
    createdBy: r.created_by == null ? null : String(r.created_by),
    createdAt: toDate(r.created_at),
    revokedAt: toDateOrNull(r.revoked_at),
    lastUsedAt: toDateOrNull(r.last_used_at),
  };
}

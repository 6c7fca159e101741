/**
 * Every route the hub registers, fuzzed through the real app (Fastify inject) and a real SQLite
 * file: no input gets a 5xx, every refusal is an ApiError in JSON, and nothing is stored from
 * refused input. A route without an entry in ROUTES fails the suite, so none can be forgotten.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLibrary, removeTestLibrary } from '../content-kit/test-library.ts';
import { nextRoot, signEnvelope } from '../content-kit/trust-sign.ts';
import { ALERT_KINDS, ALERT_THRESHOLDS } from '../protocol/alerts.ts';
import type { ApiErrorCode } from '../protocol/api-error.ts';
import { ArticleDocSchema, CATALOG_PATH, CatalogSchema } from '../protocol/content-doc.ts';
import { LOCALES } from '../protocol/locales.ts';
import { NoticeSchema } from '../protocol/notice.ts';
import { QuizBankSchema } from '../protocol/quiz-doc.ts';
import { REPORTS } from '../protocol/reports.ts';
import { TEXT_SIZES } from '../protocol/station-config.ts';
import { TOPICS } from '../protocol/topics.ts';
import { TutorialDocSchema } from '../protocol/tutorial-doc.ts';
import { METRICS } from '../protocol/usage.ts';
import { makeZip } from './archive.ts';
import { hashPassword, normalizeCode, randomToken, sha256 } from './auth/secrets.ts';
import type { AdminRole } from './storage/store.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

/** Every code an error may carry; `satisfies` keeps the list in step with the type. */
const CODES = Object.keys({
  BAD_REQUEST: 1,
  BODY_INVALID: 1,
  BODY_TOO_LARGE: 1,
  UNAUTHORIZED: 1,
  TOKEN_REVOKED: 1,
  FORBIDDEN: 1,
  NOT_FOUND: 1,
  CONFLICT: 1,
  RATE_LIMITED: 1,
  ENROLLMENT_INVALID: 1,
  DAY_OUT_OF_RANGE: 1,
  UNSUPPORTED_MEDIA_TYPE: 1,
  CONTENT_INVALID: 1,
  ARCHIVE_INVALID: 1,
  ARCHIVE_UNSAFE_PATH: 1,
  ARCHIVE_SYMLINK: 1,
  ARCHIVE_TOO_LARGE: 1,
  ARCHIVE_TOO_MANY_FILES: 1,
  PACK_MANIFEST_INVALID: 1,
  PACK_KEY_UNKNOWN: 1,
  PACK_SIGNATURE_INVALID: 1,
  PACK_EXPIRED: 1,
  PACK_VERSION_ROLLBACK: 1,
  BLOB_HASH_MISMATCH: 1,
  BLOB_MISSING: 1,
  ROOT_INVALID: 1,
  ROOT_THRESHOLD_NOT_MET: 1,
  ROOT_VERSION_INVALID: 1,
  ROOT_EXPIRED: 1,
  TIMESTAMP_INVALID: 1,
  TIMESTAMP_SIGNATURE_INVALID: 1,
  TIMESTAMP_EXPIRED: 1,
  TIMESTAMP_ROLLBACK: 1,
  PACK_TIMESTAMP_MISMATCH: 1,
  PACK_KEY_REVOKED: 1,
  PACK_THRESHOLD_NOT_MET: 1,
  BLOB_TOO_LARGE: 1,
  METADATA_TOO_LARGE: 1,
  CONTENT_KEY_OFFLINE: 1,
  TIMESTAMP_KEY_MISSING: 1,
  VERSION_NOT_NEWER: 1,
  ACCOUNT_DISABLED: 1,
  PASSWORD_WEAK: 1,
  NOT_READY: 1,
  SECRET_UNREADABLE: 1,
  REPORT_FONT_MISSING: 1,
  CAP_INVALID: 1,
  INTERNAL: 1,
} satisfies Record<ApiErrorCode, 1>);

const HOST = 'hub.test';
const ORIGIN = `http://${HOST}`;
const PASSWORD = 'correct horse battery';
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

// ---------------------------------------------------------------------------------------------
// Generators

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const nasty = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '..',
  '.',
  '*',
  '',
  ' ',
  '\u0000',
  '%00',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  "' OR 1=1 --",
  '１２３',
  '😀',
  'null',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '2026-02-31',
  '2026-13-01T00:00:00Z',
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 20_000 }) },
);
const key = fc.oneof(text, nasty);
/** Any JSON-able value, with prototype-pollution keys mixed in. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(key, fc.jsonValue(), { maxKeys: 5 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  text,
);
/** A near-valid value: the right shape for a field, or something plainly wrong. */
const loose = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });
/** A record whose fields are each near-valid, some missing, sometimes with an extra key. */
const shaped = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(key, junk) }),
    )
    .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));

const day = fc.oneof(
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-31', '2026-00-10', '0000-01-01', '9999-12-31', '2026-1-1'),
);
const timestamp = fc.oneof(
  fc
    .date({
      min: new Date(Date.now() - 86_400_000),
      max: new Date(Date.now() + 40 * 86_400_000),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-02-31T00:00:00Z',
    '2026-02-30T12:00:00.123456789Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '2026-06-01T24:00:00Z',
    '2026-06-01T12:00:00+23:59',
    '2026-06-01 12:00:00Z',
  ),
);
/** A day the hub takes usage for (within a year back, a day ahead). */
const recentDay = fc
  .integer({ min: -380, max: 0 })
  .map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
const localized = (max: number) =>
  shaped(Object.fromEntries(LOCALES.map((l) => [l, loose(fc.string({ minLength: 1, maxLength: max + 5 }))])));
const groupName = fc.oneof(fc.constantFrom('*', 'hekou', 'fuzz', ' hekou ', 'a*b'), text);

/** A JSON body: near-valid shapes, any JSON, or raw bytes that are not JSON at all. */
interface Body {
  payload: string | Buffer | undefined;
  contentType: string | undefined;
  /** The value sent, when it was JSON. */
  value?: unknown;
}
const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/zip',
      'application/octet-stream',
      'application/JSON',
      '',
    ),
  },
  { weight: 1, arbitrary: printable },
);
function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
const jsonBody = (shape: fc.Arbitrary<unknown> = junk): fc.Arbitrary<Body> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.oneof({ weight: 3, arbitrary: shape }, junk), contentTypes)
        .map(([value, ct]) => ({
          payload: safeJson(value),
          contentType: ct,
          value,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(text, fc.constantFrom('{', '{"__proto__":{"x":1}}', '[', 'nul')), contentTypes)
        .map(([raw, ct]) => ({ payload: raw, contentType: ct })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.uint8Array({ maxLength: 300 }), contentTypes)
        .map(([bytes, ct]) => ({ payload: Buffer.from(bytes), contentType: ct })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ payload: undefined, contentType: undefined }) },
  );

/** Query parameters: wanted names with near-valid values, any names, repeated names. */
type Query = Array<[string, string]>;
const queryOf = (fields: Record<string, fc.Arbitrary<string>> = {}): fc.Arbitrary<Query> =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(key, text), { minLength: 1, maxLength: 3 }) },
      ),
      fc.boolean(),
    )
    .map(([wanted, extra, repeatFlag]) => [wanted, extra, repeatFlag && extra.length > 0] as const)
    .map(([wanted, extra, repeat]) => {
      const pairs = Object.entries(wanted) as Query;
      const first = pairs[0];
      return [...pairs, ...extra, ...(repeat && first ? [first] : [])];
    });

/** Who is asking. */
type Auth =
  | 'none'
  | 'junk'
  | 'station'
  | 'revoked'
  | AdminRole
  | 'no-csrf'
  | 'partner'
  | 'partner-cap'
  | 'partner-revoked';
/** Extra headers that may turn a request away before validation, or trip code that reads them. */
const extraHeaders = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        origin: fc.oneof(
          fc.constantFrom(ORIGIN, 'null', 'http://evil.test', 'http://', '://', ''),
          printable,
        ),
        'sec-fetch-site': fc.oneof(
          fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none'),
          printable,
        ),
        'x-forwarded-host': printable,
        'if-none-match': printable,
        range: fc.oneof(fc.constantFrom('bytes=0-0', 'bytes=5-1', 'bytes=-0', 'bytes=0-,0-'), printable),
        accept: fc.oneof(fc.constant('text/html'), printable),
        cookie: printable,
        'x-csrf-token': printable,
      },
      { requiredKeys: [] },
    ),
  },
);

// ---------------------------------------------------------------------------------------------
// The hub, its state, and what counts as a change

/** Answers per route and status (FUZZ_STATS=1 prints them: is the fuzz reaching validation?). */
const stats: Record<string, Record<number, number>> = {};
let hub: TestHub;
let db: Database.Database;
const state = {
  stationToken: '',
  revokedToken: '',
  victimStation: '',
  victimAccount: '',
  victimUsername: 'victim-user',
  principals: {} as Record<AdminRole, string>,
  ownPassword: {} as Record<AdminRole, string>,
  notice: '',
  /** A CAP notice waiting for approval, a feed, partner keys and a partner's notice. */
  pendingNotice: '',
  feed: '',
  victimFeed: '',
  victimKey: '',
  partnerKey: '',
  partnerSecret: '',
  partnerCapSecret: '',
  partnerRevokedSecret: '',
  partnerNotice: '',
  draft: '',
  publishDraft: '',
  /** The live release's version. */
  release: '',
  /** Root 2, signed by a threshold of root 1's keys (its own are the same): accepted once. */
  nextRoot: undefined as unknown,
  codes: [] as string[],
  usedCodes: new Set<string>(),
  goodZip: new Uint8Array() as Uint8Array,
  library: new Map<string, Uint8Array>(),
  /** A rule and a recipient the change routes may alter or delete, and one only the test route sends to. */
  rule: '',
  recipient: '',
  testRecipient: '',
  schedule: '',
  webhookSecret: 'fuzz-webhook-secret-0123',
  smtpPassword: 'fuzz smtp password 42',
};

/** Every table's rows (as sorted JSON lines) and the blob files. */
type Snapshot = Map<string, string[]>;
function snapshot(): Snapshot {
  const out: Snapshot = new Map();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
    name: string;
  }>;
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>;
    out.set(name, rows.map((r) => JSON.stringify(r)).sort());
  }
  const blobs = join(hub.dir, 'blobs');
  out.set(
    '<blobs>',
    (readdirSync(blobs, { recursive: true }) as string[]).map((f) => relative(blobs, join(blobs, f))).sort(),
  );
  return out;
}

/** Tables (with columns, or every column) a request may change. */
type Writes = Record<string, '*' | string[]>;
/** Asserts that `before` and `after` differ only in `allowed`. */
function expectOnly(before: Snapshot, after: Snapshot, allowed: Writes, what: string): void {
  for (const [table, rows] of after) {
    // Rate-limit windows count every request, refused or not: counters, not stored input.
    const allow = table === 'rate_limits' ? '*' : allowed[table];
    if (allow === '*') continue;
    const strip = (lines: string[] = []) =>
      allow
        ? lines.map((line) => {
            const row = JSON.parse(line) as Record<string, unknown>;
            for (const c of allow) delete row[c];
            return JSON.stringify(row);
          })
        : lines;
    expect(strip(rows), `${what}: table ${table} changed`).toEqual(strip(before.get(table)));
  }
}

interface Sent {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Query;
  body: Body;
  auth: Auth;
}

/** One fuzz entry per registered route. */
interface Entry {
  /** Who to send as (weighted by repetition); the route's own role should dominate. */
  auth: Auth[];
  params?: Record<string, fc.Arbitrary<string>>;
  query?: fc.Arbitrary<Query>;
  body?: fc.Arbitrary<Body>;
  /** What a 2xx may change (GET and refusals change nothing unless listed in `refusalWrites`). */
  writes?: Writes;
  refusalWrites?: Writes;
  /** For a 2xx: the input was valid and what it stored is right (throws otherwise). */
  accepted?: (sent: Sent, res: LightMyRequestResponse) => void | Promise<void>;
  runs?: number;
}

const ADMIN_AUTH: Auth[] = [
  'admin',
  'admin',
  'admin',
  'admin',
  'editor',
  'viewer',
  'none',
  'junk',
  'no-csrf',
];
const EDITOR_AUTH: Auth[] = ['editor', 'editor', 'editor', 'admin', 'viewer', 'none', 'junk', 'no-csrf'];
const VIEWER_AUTH: Auth[] = ['viewer', 'viewer', 'editor', 'admin', 'none', 'junk'];
const STATION_AUTH: Auth[] = ['station', 'station', 'station', 'station', 'revoked', 'none', 'junk'];
const ANYONE: Auth[] = ['none', 'none', 'station', 'junk', 'viewer'];
const PARTNER_AUTH: Auth[] = [
  'partner',
  'partner',
  'partner',
  'partner-cap',
  'partner-revoked',
  'none',
  'junk',
  'station',
];
const PARTNER_CAP_AUTH: Auth[] = [
  'partner-cap',
  'partner-cap',
  'partner-cap',
  'partner',
  'partner-revoked',
  'none',
  'junk',
];

const id = (...good: Array<() => string>) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...good).map((f) => f()) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: text },
  );
const version = fc.oneof(
  { weight: 2, arbitrary: fc.constant(() => state.release).map((f) => f()) },
  { weight: 1, arbitrary: fc.constantFrom('01', '0', '-1', '1.0', '99999999999999999', '1e3', '2') },
  { weight: 1, arbitrary: text },
);
const okText = (max: number) => fc.string({ minLength: 1, maxLength: max + 3 });
const trimmedLength = (s: unknown, max: number) =>
  typeof s === 'string' && s.trim().length >= 1 && s.trim().length <= max;
const objectWith = (value: unknown, keys: string[]): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).every((k) => keys.includes(k));
const validGroup = (g: unknown) =>
  typeof g === 'string' && trimmedLength(g, 60) && (g.trim() === '*' || !g.includes('*'));

const reportNames = [...REPORTS, 'x', '__proto__', 'constructor'];

// ---------------------------------------------------------------------------------------------
// Warnings: CAP documents, feed addresses, places, partner notices

const CAP_FIXTURES = [
  'two-languages.xml',
  'update.xml',
  'cancel.xml',
  'circle.xml',
  'expired.xml',
  'malformed.xml',
  'bomb.xml',
  'exercise.xml',
  'wrong-status.xml',
  'test-status.xml',
].map((f) => readFileSync(join(import.meta.dirname, 'cap', 'fixtures', f), 'utf8'));
const CAP_FIELDS = [
  'identifier',
  'sender',
  'sent',
  'status',
  'msgType',
  'scope',
  'severity',
  'urgency',
  'certainty',
  'language',
  'expires',
  'polygon',
  'circle',
  'references',
  'value',
  'areaDesc',
];
const escapeXml = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const withField = (xml: string, field: string, value: string) => {
  const open = `<${field}>`;
  const start = xml.indexOf(open);
  const end = xml.indexOf(`</${field}>`, start);
  return start < 0 || end < 0 ? xml : `${xml.slice(0, start + open.length)}${value}${xml.slice(end)}`;
};
/** CAP documents: fixtures with a fresh identifier, a field replaced, cut short, bytes flipped. */
function capBodies(): fc.Arbitrary<Body> {
  const ct = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('application/cap+xml', 'application/xml', 'text/xml') },
    { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/plain', 'application/zip') },
  );
  const fixture = fc
    .tuple(fc.constantFrom(...CAP_FIXTURES), fc.uuid())
    .map(([xml, uuid]) => withField(xml, 'identifier', `FUZZ-${uuid}`));
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(fixture, ct).map(([payload, contentType]) => ({ payload, contentType })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fixture,
          fc.constantFrom(...CAP_FIELDS),
          fc.oneof(
            text,
            nasty,
            fc.constantFrom(
              '2027-06-12T06:00:00+08:00',
              'Update',
              'Cancel',
              'Extreme',
              '22.5,103.9 5',
              '1,2 3,4 5,6 1,2',
            ),
          ),
          ct,
        )
        .map(([xml, field, value, contentType]) => ({
          payload: withField(xml, field, escapeXml(value)),
          contentType,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fixture, fc.nat(), ct)
        .map(([xml, at, contentType]) => ({ payload: xml.slice(0, at % xml.length), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fixture,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
          ct,
        )
        .map(([xml, flips, contentType]) => {
          const bytes = Buffer.from(xml);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          return { payload: bytes, contentType };
        }),
    },
  );
}
const CAP_WRITES: Writes = {
  notices: '*',
  notice_groups: '*',
  notice_scopes: '*',
  cap_messages: '*',
  audit_log: '*',
};
const PARTNER_TOUCH: Writes = { audit_log: '*', partner_keys: ['last_used_at'] };
/** A CAP document was taken: its outcome is one of the five, and a notice it made is a valid notice. */
async function capAccepted(_sent: Sent, res: LightMyRequestResponse): Promise<void> {
  const result = res.json() as { outcome: string; noticeId: string | null };
  expect(['created', 'updated', 'cancelled', 'ignored', 'duplicate']).toContain(result.outcome);
  if (result.noticeId && (result.outcome === 'created' || result.outcome === 'updated')) {
    const stored = await hub.store.warnings.scopedNotice(result.noticeId);
    expect(v.safeParse(NoticeSchema, stored?.notice).success).toBe(true);
  }
}
const feedUrl = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .string({ unit: fc.constantFrom('a', 'b', '1', '/', '-') })
      .map((p) => `http://127.0.0.1:9/${p}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'ftp://127.0.0.1/x',
      'javascript:alert(1)',
      'http://user:pw@127.0.0.1:9/x',
      'file:///etc/passwd',
      '127.0.0.1:9',
      '',
      'http://',
    ),
  },
  { weight: 1, arbitrary: junk.filter((j) => typeof j !== 'string' || !/^\s*https?:/i.test(j)) },
);
/** Feeds the fuzz makes may only point at a closed loopback port (nothing else is ever fetched). */
function expectLoopbackFeed(value: unknown): void {
  const url = new URL((value as { url: string }).url.trim());
  expect(url.protocol).toBe('http:');
  expect(url.host).toBe('127.0.0.1:9');
  expect(url.username + url.password).toBe('');
}
const place = shaped({
  town: loose(fc.oneof(okText(60), fc.constantFrom('南溪镇', '镇', ''))),
  lat: loose(fc.oneof(fc.double({ min: -100, max: 100 }), fc.constantFrom(22.5, Number.NaN))),
  lon: loose(fc.oneof(fc.double({ min: -200, max: 200 }), fc.constant(103.9))),
  geocode: loose(fc.oneof(fc.constantFrom('532532', '532532100', 'x', '💥'), text)),
});
function expectPlace(value: unknown): void {
  if (value === null) return;
  expect(objectWith(value, ['town', 'lat', 'lon', 'geocode'])).toBe(true);
  const p = value as Record<string, unknown>;
  expect(p.lat === undefined).toBe(p.lon === undefined);
  if (p.lat !== undefined)
    expect(Math.abs(p.lat as number) <= 90 && Math.abs(p.lon as number) <= 180).toBe(true);
  if (p.town !== undefined)
    expect(trimmedLength(p.town, 60) && (p.town as string).trim().length >= 2).toBe(true);
}
const someLanguages = (max: number) =>
  shaped(Object.fromEntries(LOCALES.map((l) => [l, loose(fc.string({ minLength: 1, maxLength: max + 5 }))])));
const partnerNotice = fc.oneof(
  fc.record({
    severity: fc.constantFrom('extreme', 'moderate', 'unknown'),
    urgency: fc.constantFrom('immediate', 'past'),
    headline: fc.record({ 'zh-CN': fc.string({ minLength: 1, maxLength: 50 }).map((t) => `停水${t}`) }),
    groups: fc.constantFrom(['fuzz'], ['fuzz'], ['fuzz', 'fuzz'], ['hekou'], ['*']),
    expires: fc
      .integer({ min: -60, max: 40 * 24 * 60 })
      .map((m) => new Date(Date.now() + m * 60_000).toISOString()),
  }),
  shaped({
    severity: loose(fc.constantFrom('extreme', 'severe', 'moderate', 'minor', 'unknown', 'toString')),
    urgency: loose(fc.constantFrom('immediate', 'expected', 'future', 'past', 'unknown')),
    certainty: loose(fc.constantFrom('observed', 'likely', 'x')),
    status: loose(fc.constantFrom('actual', 'exercise', 'test', 'system')),
    headline: loose(someLanguages(200)),
    instruction: loose(someLanguages(1000)),
    area: loose(someLanguages(400)),
    groups: loose(fc.array(groupName, { maxLength: 3 })),
    onset: loose(timestamp),
    expires: loose(timestamp),
  }),
);
/** A partner's notice was taken: only within its key's group, and the stored notice is valid. */
async function partnerAccepted({ body }: Sent, res: LightMyRequestResponse): Promise<void> {
  const sent = body.value as { groups: string[] };
  expect(sent.groups.every((g) => g.trim() === 'fuzz')).toBe(true);
  const { notice } = res.json() as { notice: { id: string } };
  const stored = await hub.store.warnings.scopedNotice(notice.id);
  expect(v.safeParse(NoticeSchema, stored?.notice).success).toBe(true);
  expect(stored?.scope).toMatchObject({ origin: 'partner', originRef: state.partnerKey });
}

const ROUTES: Record<string, Entry> = {
  // ---- station API
  'POST /api/v1/enroll': {
    auth: ANYONE,
    body: jsonBody(
      shaped({
        code: loose(
          fc.oneof(
            fc.constantFrom(...[0, 1, 2, 3, 4, 5].map((i) => () => state.codes[i] ?? '')).map((f) => f()),
            fc.constantFrom(0, 1, 2).map((i) => ` ${(state.codes[i] ?? '').toLowerCase()} `),
            text,
          ),
        ),
      }),
    ),
    writes: { stations: ['token_hash'], enrollment_codes: ['used_at'], audit_log: '*' },
    accepted: ({ body }) => {
      const code = (body.value as { code: string }).code;
      const normal = normalizeCode(code);
      expect(state.codes.map(normalizeCode)).toContain(normal);
      expect(state.usedCodes.has(normal), 'a code works once').toBe(false);
      state.usedCodes.add(normal);
    },
  },
  'GET /api/v1/packs/current/manifest': {
    auth: STATION_AUTH,
    query: queryOf({ group: groupName }),
  },
  'GET /api/v1/trust/root/:version': {
    auth: ANYONE,
    params: { version: fc.oneof(fc.constantFrom('1', '2', '3'), version) },
  },
  'GET /api/v1/trust/timestamp': {
    auth: STATION_AUTH,
    query: queryOf({ group: groupName }),
    // A timestamp is signed on demand and kept for the group.
    writes: { trust_timestamps: '*' },
  },
  'GET /api/v1/packs/:version/manifest': { auth: ANYONE, params: { version } },
  'GET /api/v1/blobs/:sha256': {
    auth: ANYONE,
    params: {
      sha256: fc.oneof(
        fc.constant(() => blobHashes()[0] ?? '').map((f) => f()),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.stringMatching(/^[0-9A-F]{64}$/),
        text,
      ),
    },
  },
  'POST /api/v1/usage': {
    auth: STATION_AUTH,
    body: jsonBody(
      shaped({
        batchId: loose(fc.uuid()),
        counters: loose(
          fc.array(
            fc.oneof(
              fc.record({
                day: recentDay,
                metric: fc.constant('article_open'),
                key: fc.constantFrom('boil-water', 'flood-escape'),
                count: fc.integer({ min: 1, max: 50 }),
              }),
              shaped({
                day: loose(fc.oneof(recentDay, day)),
                metric: loose(
                  fc.constantFrom('article_open', 'language', 'quiz_option', '__proto__', 'toString'),
                ),
                key: loose(fc.constantFrom('vi', 'heat-illness', '-', 'boil-water', '__proto__')),
                count: loose(fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double())),
              }),
            ),
            { maxLength: 4 },
          ),
        ),
      }),
    ),
    writes: { usage_batches: '*', usage_totals: '*', stations: ['last_seen_at'] },
    accepted: ({ body }) => {
      const batch = body.value as { batchId: string; counters: Array<Record<string, unknown>> };
      expect(batch.batchId).toMatch(/^[0-9a-f-]{36}$/i);
      expect(batch.counters.length).toBeGreaterThan(0);
      for (const c of batch.counters) {
        expect(Object.keys(c).sort()).toEqual(['count', 'day', 'key', 'metric']);
        expect(Object.hasOwn(METRICS, c.metric as string)).toBe(true);
        expect(METRICS[c.metric as keyof typeof METRICS].test(c.key as string)).toBe(true);
        expect(Number.isInteger(c.count) && (c.count as number) >= 1).toBe(true);
      }
    },
  },
  'POST /api/v1/heartbeat': {
    auth: STATION_AUTH,
    body: jsonBody(
      fc.oneof(
        fc.record({
          appVersion: fc.constantFrom('1.2.3', '2026.1+b'),
          packVersion: fc.nat(),
          lastUpdate: fc.constant(null),
          errors: fc.array(fc.constantFrom('BLOB_MISSING', 'QUOTA_EXCEEDED'), { maxLength: 2 }),
          storage: fc.constant(null),
          queue: fc.nat({ max: 100 }),
        }),
        shaped({
          appVersion: loose(fc.oneof(fc.constantFrom('1.2.3', '2026.1+b'), fc.string({ maxLength: 41 }))),
          packVersion: loose(fc.integer({ min: -1, max: 100 })),
          lastUpdate: loose(
            fc.oneof(
              fc.constant(null),
              shaped({
                checkedAt: loose(timestamp),
                result: loose(fc.constantFrom('ok', 'unchanged', 'PACK_EXPIRED', 'x')),
              }),
            ),
          ),
          errors: loose(
            fc.array(fc.oneof(fc.constantFrom('BLOB_MISSING', 'QUOTA_EXCEEDED'), fc.string()), {
              maxLength: 3,
            }),
          ),
          storage: loose(
            fc.oneof(fc.constant(null), shaped({ used: loose(fc.nat()), quota: loose(fc.integer()) })),
          ),
          queue: loose(fc.integer({ min: -1, max: 1000 })),
          sentAt: loose(timestamp),
          shownNotices: loose(
            fc.array(fc.oneof(fc.constantFrom('flood-1', 'a'.repeat(65), ''), fc.string()), {
              maxLength: 21,
            }),
          ),
        }),
      ),
    ),
    writes: { stations: ['last_seen_at', 'last_heartbeat'], heartbeats: '*' },
    accepted: async ({ body }) => {
      const station = (await hub.store.listStations()).find((s) => s.lastHeartbeat && !s.revokedAt);
      expect(station?.lastHeartbeat).toEqual(body.value);
    },
  },
  'GET /api/v1/station/config': { auth: STATION_AUTH, query: queryOf() },

  // ---- admin: sign-in, stations, figures
  'POST /api/v1/admin/login': {
    auth: ['none', 'none', 'junk', 'viewer'],
    body: jsonBody(
      shaped({
        username: loose(fc.oneof(fc.constant(state.victimUsername), text)),
        password: loose(fc.oneof(fc.constant(PASSWORD), text)),
      }),
    ),
    writes: { sessions: '*', admins: ['failed_logins', 'locked_until'], audit_log: '*' },
    // A wrong password for a real account counts towards its lock; nothing else changes.
    refusalWrites: { admins: ['failed_logins', 'last_failed_at', 'locked_until'] },
    accepted: ({ body }) =>
      expect(body.value).toEqual({ username: state.victimUsername, password: PASSWORD }),
  },
  'POST /api/v1/admin/logout': {
    auth: VIEWER_AUTH,
    body: jsonBody(),
    writes: { sessions: '*', audit_log: '*' },
    accepted: ({ auth }) => expect(['viewer', 'editor', 'admin']).toContain(auth),
  },
  'GET /api/v1/admin/me': { auth: VIEWER_AUTH, query: queryOf() },
  'GET /api/v1/admin/stations': {
    auth: VIEWER_AUTH,
    query: queryOf({ format: fc.constantFrom('csv', 'json') }),
  },
  'GET /api/v1/admin/stations/:id': { auth: VIEWER_AUTH, params: { id: id(() => state.victimStation) } },
  'POST /api/v1/admin/stations': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      shaped({
        name: loose(okText(60)),
        town: loose(okText(60)),
        group: loose(fc.oneof(okText(60), groupName)),
      }),
    ),
    writes: { stations: '*', enrollment_codes: '*', audit_log: '*' },
    accepted: async ({ body }, res) => {
      const input = body.value;
      expect(objectWith(input, ['name', 'town', 'group'])).toBe(true);
      const { name = '', town = '', group = '' } = input as Record<string, string>;
      expect(trimmedLength(name, 60) && trimmedLength(town, 60) && trimmedLength(group, 60)).toBe(true);
      expect(group).not.toContain('*');
      const stored = await hub.store.getStation((res.json() as { station: { id: string } }).station.id);
      expect(stored).toMatchObject({ name: name.trim(), town: town.trim(), group: group.trim() });
    },
  },
  'POST /api/v1/admin/stations/:id/enrollment-code': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimStation) },
    body: jsonBody(),
    writes: { enrollment_codes: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.victimStation),
  },
  'POST /api/v1/admin/stations/:id/revoke': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimStation) },
    body: jsonBody(),
    writes: { stations: ['revoked_at'], audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.victimStation),
  },
  'GET /api/v1/admin/stations/:id/heartbeats': {
    auth: VIEWER_AUTH,
    params: { id: id(() => state.victimStation) },
  },
  'GET /api/v1/admin/usage': {
    auth: VIEWER_AUTH,
    query: queryOf({
      from: fc.oneof(fc.constant('2026-01-01'), day),
      to: fc.oneof(fc.constant('2027-06-30'), day),
      by: fc.oneof(fc.constantFrom('metric,key', 'day', 'station,town', 'group,,', '__proto__'), text),
      metric: fc.oneof(
        fc.constantFrom('article_open', 'language,quiz_option', 'toString', '__proto__'),
        text,
      ),
      station: text,
      town: text,
      group: text,
      format: fc.constantFrom('json', 'csv', 'xml'),
    }),
    // Only metrics of the usage vocabulary may be asked for (not `toString` or `__proto__`).
    accepted: ({ query }) => {
      for (const [name, value] of query) {
        if (name !== 'metric') continue;
        for (const m of value.split(',').filter(Boolean)) expect(Object.hasOwn(METRICS, m), m).toBe(true);
      }
    },
  },
  'GET /api/v1/admin/selftest': {
    auth: VIEWER_AUTH,
    query: queryOf({
      from: fc.oneof(fc.constant('2026-01-01'), day),
      to: fc.oneof(fc.constant('2027-06-30'), day),
      by: fc.oneof(fc.constantFrom('station', 'town'), text),
      format: fc.constantFrom('json', 'csv', 'xml'),
    }),
  },
  'GET /api/v1/admin/audit': { auth: ADMIN_AUTH, query: queryOf() },

  // ---- admin: content
  'POST /api/v1/admin/drafts': {
    auth: EDITOR_AUTH,
    query: queryOf({ name: text }),
    body: fc.oneof({ weight: 3, arbitrary: zipBodies() }, { weight: 1, arbitrary: jsonBody() }),
    writes: { drafts: '*', audit_log: '*', '<blobs>': '*' },
    // Whatever was accepted (the good library, or a copy whose changes the compiler may ignore or
    // accept), every stored file is its blob and every document passes the kiosk's schemas.
    accepted: async (_sent, res) => {
      const { files } = res.json() as { files: Array<{ path: string; sha256: string }> };
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = readFileSync(join(hub.dir, 'blobs', file.sha256));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
        const schema = documentSchema(file.path);
        if (schema) v.parse(schema, JSON.parse(bytes.toString('utf8')));
      }
    },
    runs: Math.ceil(RUNS / 3),
  },
  'GET /api/v1/admin/drafts/:id': {
    auth: EDITOR_AUTH,
    params: { id: id(() => state.draft) },
    query: queryOf({ group: groupName }),
  },
  'DELETE /api/v1/admin/drafts/:id': {
    auth: EDITOR_AUTH,
    params: { id: id(() => state.draft) },
    body: jsonBody(),
    writes: { drafts: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.draft),
  },
  'POST /api/v1/admin/drafts/:id/publish': {
    auth: EDITOR_AUTH,
    params: { id: id(() => state.publishDraft) },
    body: jsonBody(
      fc.oneof(
        fc.record({ groups: fc.array(groupName, { minLength: 1, maxLength: 2 }) }),
        shaped({ groups: loose(fc.array(groupName, { maxLength: 3 })), note: loose(text) }),
      ),
    ),
    writes: { drafts: '*', audit_log: '*', releases: '*', release_activations: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.publishDraft);
      const { groups, note } = body.value as { groups: unknown[]; note?: unknown };
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.every(validGroup)).toBe(true);
      expect(note === undefined || (typeof note === 'string' && note.trim().length <= 200)).toBe(true);
    },
  },
  'GET /api/v1/admin/releases': { auth: VIEWER_AUTH, query: queryOf() },
  'GET /api/v1/admin/releases/:version': {
    auth: VIEWER_AUTH,
    params: { version },
    query: queryOf({ group: groupName }),
  },
  'POST /api/v1/admin/releases/:version/rollback': {
    auth: EDITOR_AUTH,
    params: { version },
    body: jsonBody(shaped({ groups: loose(fc.array(groupName, { maxLength: 3 })) })),
    writes: { releases: '*', release_activations: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.version).toBe(state.release);
      const groups = (body.value as { groups?: unknown[] } | undefined)?.groups;
      expect(groups === undefined || (groups.length > 0 && groups.every(validGroup))).toBe(true);
    },
    runs: Math.ceil(RUNS / 2),
  },
  'GET /api/v1/admin/releases/:version/pack.zip': {
    auth: EDITOR_AUTH,
    params: { version },
    // Exporting is audited.
    writes: { audit_log: '*' },
    runs: Math.ceil(RUNS / 3),
  },

  // ---- admin: update trust
  'GET /api/v1/admin/trust': { auth: VIEWER_AUTH, query: queryOf() },
  'POST /api/v1/admin/trust/drafts': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      shaped({
        newContentKey: loose(fc.boolean()),
        newTimestampKey: loose(fc.boolean()),
        removeRootKeys: loose(
          fc.array(fc.constantFrom(...'0123456789abcdef'.split('')).map((c) => c.repeat(16))),
        ),
        addRootKeys: loose(
          fc.array(fc.record({ holder: okText(80), publicKey: fc.constant('A'.repeat(43).concat('=')) }), {
            maxLength: 2,
          }),
        ),
        rootThreshold: loose(fc.integer({ min: 0, max: 20 })),
        validDays: loose(fc.integer({ min: 0, max: 4000 })),
      }),
    ),
    // A draft is not stored: only the audit line (and, off the database, any new online key file).
    writes: { audit_log: '*' },
    runs: Math.ceil(RUNS / 2),
  },
  'POST /api/v1/admin/trust/roots': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      fc.oneof(
        fc.constant(() => state.nextRoot).map((f) => f()),
        shaped({
          signed: junk,
          signatures: loose(fc.array(shaped({ keyid: text, sig: text }), { maxLength: 3 })),
        }),
      ),
    ),
    writes: { trust_roots: '*', audit_log: '*' },
    accepted: ({ body }) => {
      expect(body.value).toEqual(state.nextRoot);
    },
    runs: Math.ceil(RUNS / 2),
  },

  // ---- admin: notices and groups
  'GET /api/v1/admin/notices': { auth: VIEWER_AUTH, query: queryOf() },
  'POST /api/v1/admin/notices': {
    auth: EDITOR_AUTH,
    body: jsonBody(
      fc.oneof(
        fc.record({
          severity: fc.constantFrom('extreme', 'minor'),
          urgency: fc.constantFrom('immediate', 'future'),
          headline: fc.record(Object.fromEntries(LOCALES.map((l) => [l, okText(120)]))),
          instruction: fc.record(Object.fromEntries(LOCALES.map((l) => [l, okText(600)]))),
          groups: fc.array(groupName, { minLength: 1, maxLength: 2 }),
          expires: timestamp,
        }),
        shaped({
          severity: loose(fc.constantFrom('extreme', 'severe', 'moderate', 'minor', 'toString')),
          urgency: loose(fc.constantFrom('immediate', 'expected', 'future')),
          headline: loose(localized(120)),
          instruction: loose(localized(600)),
          groups: loose(fc.array(groupName, { maxLength: 3 })),
          onset: loose(timestamp),
          expires: loose(timestamp),
        }),
      ),
    ),
    writes: { notices: '*', notice_groups: '*', audit_log: '*' },
    accepted: ({ body }) => {
      const n = body.value as Record<string, unknown>;
      expect(['extreme', 'severe', 'moderate', 'minor']).toContain(n.severity);
      expect(['immediate', 'expected', 'future']).toContain(n.urgency);
      for (const [field, max] of [
        ['headline', 120],
        ['instruction', 600],
      ] as const) {
        const value = n[field];
        expect(objectWith(value, [...LOCALES])).toBe(true);
        for (const l of LOCALES) expect(trimmedLength((value as Record<string, unknown>)[l], max)).toBe(true);
      }
      expect(Array.isArray(n.groups) && n.groups.length > 0 && n.groups.every(validGroup)).toBe(true);
      const expires = Date.parse(n.expires as string);
      expect(Number.isFinite(expires)).toBe(true);
      expect(n.onset === undefined || Number.isFinite(Date.parse(n.onset as string))).toBe(true);
    },
  },
  'POST /api/v1/admin/notices/:id/cancel': {
    auth: EDITOR_AUTH,
    params: { id: id(() => state.notice) },
    body: jsonBody(),
    writes: { notices: ['cancelled_at'], audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.notice),
  },
  'GET /api/v1/admin/groups': { auth: VIEWER_AUTH, query: queryOf() },
  'PUT /api/v1/admin/groups/:group/config': {
    auth: ADMIN_AUTH,
    params: { group: groupName },
    body: jsonBody(
      fc.oneof(
        fc.record({
          idleSeconds: fc.integer({ min: 10, max: 4000 }),
          warningSeconds: fc.integer({ min: 15, max: 310 }),
          defaultLocale: fc.constantFrom(...LOCALES),
          defaultTextSize: fc.constantFrom(...TEXT_SIZES),
          enabledTopics: fc.array(fc.constantFrom(...TOPICS), { minLength: 1, maxLength: 3 }),
          featured: fc.array(fc.constantFrom('boil-water', 'flood-escape', 'nope'), { maxLength: 2 }),
        }),
        shaped({
          idleSeconds: loose(fc.integer({ min: -10, max: 5000 })),
          warningSeconds: loose(fc.integer({ min: -10, max: 100 })),
          defaultLocale: loose(fc.constantFrom(...LOCALES, 'fr')),
          defaultTextSize: loose(fc.constantFrom('normal', 'large', 'huge')),
          enabledTopics: loose(
            fc.array(fc.constantFrom('health', 'emergency', 'agriculture', 'x'), { maxLength: 3 }),
          ),
          featured: loose(
            fc.array(fc.constantFrom('boil-water', 'flood-escape', 'nope', '__proto__'), { maxLength: 2 }),
          ),
        }),
      ),
    ),
    writes: { group_configs: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(validGroup(params.group)).toBe(true);
      const c = body.value as Record<string, unknown>;
      expect(Object.keys(c).sort()).toEqual(
        [
          'defaultLocale',
          'defaultTextSize',
          'enabledTopics',
          'featured',
          'idleSeconds',
          'warningSeconds',
        ].sort(),
      );
      expect(LOCALES).toContain(c.defaultLocale);
      expect((c.featured as string[]).every((f) => ['boil-water', 'flood-escape'].includes(f))).toBe(true);
      expect((c.enabledTopics as unknown[]).length).toBeGreaterThan(0);
    },
  },

  // ---- admin: accounts
  'GET /api/v1/admin/accounts': { auth: ADMIN_AUTH, query: queryOf() },
  'POST /api/v1/admin/accounts': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      shaped({
        username: loose(
          fc.oneof(fc.stringMatching(/^[a-z0-9._-]{3,32}$/), fc.constant(state.victimUsername)),
        ),
        password: loose(fc.oneof(fc.constant(PASSWORD), fc.string({ maxLength: 20 }))),
        role: loose(fc.constantFrom('admin', 'editor', 'viewer', 'root')),
      }),
    ),
    writes: { admins: '*', audit_log: '*' },
    accepted: ({ body }) => {
      const a = body.value as Record<string, string>;
      expect(objectWith(a, ['username', 'password', 'role'])).toBe(true);
      expect(a.username?.trim()).toMatch(/^[A-Za-z0-9._-]{3,32}$/);
      expect([...(a.password ?? '')].length).toBeGreaterThanOrEqual(10);
      expect(['admin', 'editor', 'viewer']).toContain(a.role);
    },
  },
  'POST /api/v1/admin/accounts/:id/password': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimAccount) },
    body: jsonBody(
      shaped({ password: loose(fc.oneof(fc.constant(PASSWORD), fc.string({ maxLength: 20 }))) }),
    ),
    writes: { admins: ['password_hash', 'failed_logins', 'locked_until'], sessions: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.victimAccount);
      expect([...(body.value as { password: string }).password].length).toBeGreaterThanOrEqual(10);
    },
    runs: Math.ceil(RUNS / 2),
  },
  'POST /api/v1/admin/accounts/:id/disable': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimAccount) },
    body: jsonBody(),
    writes: { admins: ['disabled'], sessions: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.victimAccount),
  },
  'POST /api/v1/admin/accounts/:id/enable': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimAccount) },
    body: jsonBody(),
    writes: { admins: ['disabled'], audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.victimAccount),
  },
  'POST /api/v1/admin/accounts/:id/role': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimAccount) },
    body: jsonBody(
      shaped({ role: loose(fc.constantFrom('admin', 'editor', 'viewer', 'root', '__proto__')) }),
    ),
    writes: { admins: ['role'], audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.victimAccount);
      expect(['admin', 'editor', 'viewer']).toContain((body.value as { role: string }).role);
    },
  },
  'POST /api/v1/admin/me/password': {
    auth: VIEWER_AUTH,
    body: jsonBody(
      shaped({
        current: loose(fc.oneof(fc.constant(PASSWORD), fc.string({ maxLength: 20 }))),
        next: loose(fc.oneof(fc.constant(`${PASSWORD} 2`), fc.string({ maxLength: 20 }))),
      }),
    ),
    writes: { admins: ['password_hash'], sessions: '*', audit_log: '*' },
    accepted: ({ auth, body }) => {
      const { current, next } = body.value as { current: string; next: string };
      expect(current).toBe(state.ownPassword[auth as AdminRole]);
      expect([...next].length).toBeGreaterThanOrEqual(10);
      state.ownPassword[auth as AdminRole] = next;
    },
    runs: Math.ceil(RUNS / 2),
  },

  // ---- admin: reports
  'GET /api/v1/admin/reports': { auth: VIEWER_AUTH, query: queryOf() },
  'GET /api/v1/admin/reports/:name': {
    auth: VIEWER_AUTH,
    params: { name: fc.oneof(fc.constantFrom(...reportNames), text) },
    query: fc.oneof(
      fc.constantFrom<Query>(
        [
          ['from', '2026-01-01'],
          ['to', '2026-12-31'],
        ],
        [
          ['from', '2026-01-01'],
          ['to', '2026-12-31'],
          ['format', 'csv'],
          ['topic', 'health'],
        ],
      ),
      queryOf({
        from: fc.oneof(fc.constant('2026-01-01'), day),
        to: fc.oneof(fc.constant('2027-06-30'), day),
        station: text,
        town: text,
        group: text,
        topic: fc.oneof(fc.constantFrom('health', 'emergency', '__proto__'), text),
        format: fc.constantFrom('json', 'csv', 'xml'),
      }),
    ),
  },

  // ---- admin: alerts
  'GET /api/v1/admin/alerts': {
    auth: VIEWER_AUTH,
    query: queryOf({
      station: fc.oneof(fc.uuid(), text),
      before: fc.oneof(timestamp, text),
      limit: fc.oneof(fc.constantFrom('1', '200', '500', '501', '0', '-1', '1e2'), text),
    }),
  },
  'GET /api/v1/admin/alerts/rules': { auth: VIEWER_AUTH, query: queryOf() },
  'POST /api/v1/admin/alerts/rules': {
    auth: ADMIN_AUTH,
    body: jsonBody(ruleBody()),
    writes: { alert_rules: '*', audit_log: '*' },
    accepted: ({ body }) => expectRule(body.value),
  },
  'PUT /api/v1/admin/alerts/rules/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.rule) },
    body: jsonBody(ruleBody()),
    writes: { alert_rules: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.rule);
      expectRule(body.value);
    },
  },
  'DELETE /api/v1/admin/alerts/rules/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.rule) },
    body: jsonBody(),
    writes: { alert_rules: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.rule),
  },
  'GET /api/v1/admin/alerts/recipients': {
    auth: ADMIN_AUTH,
    query: queryOf(),
    accepted: (_sent, res) => expect(res.body).not.toContain(state.webhookSecret),
  },
  'POST /api/v1/admin/alerts/recipients': {
    auth: ADMIN_AUTH,
    body: jsonBody(recipientBody()),
    writes: { alert_recipients: '*', audit_log: '*' },
    accepted: ({ body }, res) => {
      expectRecipient(body.value);
      expect(res.body).not.toMatch(/"secret"/);
    },
  },
  'PUT /api/v1/admin/alerts/recipients/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.recipient) },
    body: jsonBody(recipientBody()),
    writes: { alert_recipients: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.recipient);
      expectRecipient(body.value);
    },
  },
  'DELETE /api/v1/admin/alerts/recipients/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.recipient) },
    body: jsonBody(),
    writes: { alert_recipients: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.recipient),
  },
  // Only the loopback webhook recipient (a closed port) is ever sent to: the fuzz reaches nothing else.
  'POST /api/v1/admin/alerts/recipients/:id/test': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.testRecipient) },
    body: jsonBody(),
    writes: { audit_log: '*' },
    accepted: ({ params }, res) => {
      expect(params.id).toBe(state.testRecipient);
      expect(res.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^WEBHOOK_/) });
    },
    runs: Math.ceil(RUNS / 4),
  },
  'GET /api/v1/admin/alerts/smtp': {
    auth: ADMIN_AUTH,
    query: queryOf(),
    accepted: (_sent, res) => expect(res.body).not.toContain(state.smtpPassword),
  },
  'PUT /api/v1/admin/alerts/smtp': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      shaped({
        host: loose(fc.constantFrom('127.0.0.1', 'localhost', 'mail.hekou.test', 'bad host', '')),
        port: loose(fc.integer({ min: -1, max: 70_000 })),
        security: loose(fc.constantFrom('tls', 'starttls', 'none', 'ssl')),
        username: loose(fc.string({ maxLength: 10 })),
        password: loose(fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }))),
        from: loose(fc.constantFrom('hub@hekou.test', 'not-an-address', '')),
        consoleUrl: loose(fc.constantFrom('', 'https://hub.hekou.test', 'ftp://x', 'javascript:alert(1)')),
      }),
    ),
    writes: { hub_settings: '*', audit_log: '*' },
    accepted: ({ body }, res) => {
      const b = body.value as Record<string, unknown>;
      expect(['tls', 'starttls', 'none']).toContain(b.security);
      expect(Number.isInteger(b.port) && (b.port as number) >= 1 && (b.port as number) <= 65535).toBe(true);
      expect(String(b.from)).toMatch(/@/);
      expect(['', 'https://hub.hekou.test', undefined]).toContain(b.consoleUrl);
      if (typeof b.password === 'string') expect(res.body).not.toContain(b.password);
    },
  },

  // ---- admin: period reports and schedules
  'GET /api/v1/admin/period-reports': {
    auth: VIEWER_AUTH,
    query: queryOf({
      kind: fc.constantFrom('monthly', 'weekly', 'daily', '__proto__'),
      scope: fc.constantFrom('county', 'town', 'group', 'x'),
      value: fc.oneof(fc.constantFrom('', 'town', 'fuzz'), text),
    }),
    runs: Math.ceil(RUNS / 4),
  },
  'GET /api/v1/admin/period-reports/:period': {
    auth: VIEWER_AUTH,
    params: {
      period: fc.oneof(fc.constantFrom('2026-11', '2026-W47', '2025-W53', '2026-13', '2026-W00'), text),
    },
    query: queryOf({
      scope: fc.constantFrom('county', 'town', 'group', 'x'),
      value: fc.oneof(fc.constantFrom('', 'town', 'fuzz'), text),
      lang: fc.constantFrom('zh-CN', 'en', 'vi', 'fr'),
      format: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('json', 'csv', 'xml') },
        { weight: 1, arbitrary: fc.constant('pdf') },
      ),
      table: fc.constantFrom('summary', 'uptime', 'selftest', 'nope', '__proto__'),
    }),
    runs: Math.ceil(RUNS / 3),
  },
  'GET /api/v1/admin/report-schedules': { auth: ADMIN_AUTH, query: queryOf() },
  'POST /api/v1/admin/report-schedules': {
    auth: ADMIN_AUTH,
    body: jsonBody(scheduleBody()),
    writes: { report_schedules: '*', audit_log: '*' },
    accepted: ({ body }) => expectSchedule(body.value),
  },
  'PUT /api/v1/admin/report-schedules/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.schedule) },
    body: jsonBody(scheduleBody()),
    writes: { report_schedules: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.schedule);
      expectSchedule(body.value);
    },
  },
  'DELETE /api/v1/admin/report-schedules/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.schedule) },
    body: jsonBody(),
    writes: { report_schedules: '*', report_runs: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.schedule),
  },

  // ---- warnings: CAP, feeds, places, approvals
  'POST /api/v1/admin/cap': {
    auth: EDITOR_AUTH,
    body: fc.oneof({ weight: 4, arbitrary: capBodies() }, { weight: 1, arbitrary: jsonBody() }),
    writes: CAP_WRITES,
    // A refusal is audited, and changes nothing else.
    refusalWrites: { audit_log: '*' },
    accepted: capAccepted,
  },
  'GET /api/v1/admin/cap/messages': { auth: VIEWER_AUTH, query: queryOf() },
  'GET /api/v1/admin/cap/feeds': { auth: VIEWER_AUTH, query: queryOf() },
  'POST /api/v1/admin/cap/feeds': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      fc.oneof(
        fc.record({
          name: okText(80),
          url: fc.nat().map((n) => `http://127.0.0.1:9/feed-${n}`),
          intervalSeconds: fc.integer({ min: 60, max: 3600 }),
        }),
        shaped({
          name: loose(okText(80)),
          url: feedUrl,
          intervalSeconds: loose(fc.integer({ min: 0, max: 100_000 })),
          enabled: loose(fc.boolean()),
        }),
      ),
    ),
    writes: { cap_feeds: '*', audit_log: '*' },
    accepted: ({ body }) => expectLoopbackFeed(body.value),
  },
  'PUT /api/v1/admin/cap/feeds/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.feed) },
    body: jsonBody(
      fc.oneof(
        fc.record({
          name: okText(80),
          url: fc.nat().map((n) => `http://127.0.0.1:9/feed-${n}`),
          intervalSeconds: fc.integer({ min: 60, max: 3600 }),
        }),
        shaped({
          name: loose(okText(80)),
          url: feedUrl,
          intervalSeconds: loose(fc.integer({ min: 0, max: 100_000 })),
          enabled: loose(fc.boolean()),
        }),
      ),
    ),
    writes: { cap_feeds: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.feed);
      const url = (body.value as { url?: unknown }).url;
      if (url !== undefined) expectLoopbackFeed(body.value);
    },
  },
  'DELETE /api/v1/admin/cap/feeds/:id': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimFeed) },
    body: jsonBody(),
    writes: { cap_feeds: '*', cap_feed_entries: '*', audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.victimFeed),
  },
  'POST /api/v1/admin/cap/feeds/:id/poll': {
    auth: EDITOR_AUTH,
    params: { id: id(() => state.feed) },
    body: jsonBody(),
    // Its feed points at a closed loopback port: each poll fails and is recorded.
    writes: { cap_feeds: '*', cap_feed_entries: '*', audit_log: '*', ...CAP_WRITES },
    accepted: ({ params }) => expect(params.id).toBe(state.feed),
    runs: Math.ceil(RUNS / 4),
  },
  'GET /api/v1/admin/alert-settings': { auth: VIEWER_AUTH, query: queryOf() },
  'PUT /api/v1/admin/groups/:group/alert-settings': {
    auth: ADMIN_AUTH,
    params: { group: groupName },
    body: jsonBody(
      fc.oneof(
        fc.record({
          policy: fc.constantFrom('extreme', 'severe', 'all', 'none'),
          chime: fc.boolean(),
          testGroup: fc.boolean(),
          place: fc.constantFrom(null, { town: '南溪镇', lat: 22.6, lon: 103.9 }, { geocode: '532532' }),
        }),
        shaped({
          policy: loose(fc.constantFrom('extreme', 'severe', 'all', 'none', 'some')),
          chime: loose(fc.boolean()),
          testGroup: loose(fc.boolean()),
          place: loose(fc.oneof(fc.constant(null), place)),
        }),
      ),
    ),
    writes: { alert_settings: '*', audit_log: '*' },
    accepted: ({ body }) => {
      const v = body.value as Record<string, unknown>;
      expect(['extreme', 'severe', 'all', 'none']).toContain(v.policy);
      expect(typeof v.chime === 'boolean' && typeof v.testGroup === 'boolean').toBe(true);
      expectPlace(v.place);
    },
  },
  'PUT /api/v1/admin/stations/:id/place': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimStation) },
    body: jsonBody(
      fc.oneof(
        fc.record({
          place: fc.constantFrom(null, { lat: 22.5, lon: 103.95 }, { town: '桥头乡', geocode: '532532101' }),
        }),
        shaped({ place: loose(fc.oneof(fc.constant(null), place)) }),
      ),
    ),
    writes: { station_places: '*', audit_log: '*' },
    accepted: ({ params, body }) => {
      expect(params.id).toBe(state.victimStation);
      expectPlace((body.value as { place: unknown }).place);
    },
  },
  'POST /api/v1/admin/notices/:id/approve': {
    auth: EDITOR_AUTH,
    params: { id: id(() => state.pendingNotice) },
    body: jsonBody(),
    writes: { notice_scopes: ['approved_at', 'approved_by'], audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.pendingNotice),
  },
  'GET /api/v1/admin/partner-keys': { auth: ADMIN_AUTH, query: queryOf() },
  'POST /api/v1/admin/partner-keys': {
    auth: ADMIN_AUTH,
    body: jsonBody(
      fc.oneof(
        fc.record({
          name: okText(80),
          groups: fc.constantFrom(['fuzz'], ['*'], ['hekou', 'fuzz']),
          scopes: fc.constantFrom(['notices'], ['cap'], ['cap', 'notices']),
        }),
        shaped({
          name: loose(okText(80)),
          groups: loose(fc.array(groupName, { maxLength: 3 })),
          scopes: loose(fc.array(fc.constantFrom('notices', 'cap', 'admin'), { maxLength: 3 })),
        }),
      ),
    ),
    writes: { partner_keys: '*', audit_log: '*' },
    accepted: (_sent, res) => {
      const { key, secret } = res.json() as { key: { scopes: string[] }; secret: string };
      expect(secret).toMatch(/^kpk_[A-Za-z0-9_-]{43}$/);
      for (const scope of key.scopes) expect(['notices', 'cap']).toContain(scope);
    },
  },
  'POST /api/v1/admin/partner-keys/:id/revoke': {
    auth: ADMIN_AUTH,
    params: { id: id(() => state.victimKey) },
    body: jsonBody(),
    writes: { partner_keys: ['revoked_at'], audit_log: '*' },
    accepted: ({ params }) => expect(params.id).toBe(state.victimKey),
  },

  // ---- partner API (a refusal after the key is checked is audited, and the key's last use noted)
  'GET /api/v1/partner/notices': {
    auth: PARTNER_AUTH,
    query: queryOf(),
    writes: PARTNER_TOUCH,
    refusalWrites: PARTNER_TOUCH,
  },
  'POST /api/v1/partner/notices': {
    auth: PARTNER_AUTH,
    body: jsonBody(partnerNotice),
    writes: { notices: '*', notice_groups: '*', notice_scopes: '*', ...PARTNER_TOUCH },
    refusalWrites: PARTNER_TOUCH,
    accepted: partnerAccepted,
  },
  'PUT /api/v1/partner/notices/:id': {
    auth: PARTNER_AUTH,
    params: {
      id: id(
        () => state.partnerNotice,
        () => state.notice,
      ),
    },
    body: jsonBody(partnerNotice),
    writes: { notices: '*', notice_groups: '*', notice_scopes: '*', ...PARTNER_TOUCH },
    refusalWrites: PARTNER_TOUCH,
    accepted: (sent, res) => {
      expect(sent.params.id).toBe(state.partnerNotice);
      partnerAccepted(sent, res);
    },
  },
  'POST /api/v1/partner/notices/:id/cancel': {
    auth: PARTNER_AUTH,
    params: {
      id: id(
        () => state.partnerNotice,
        () => state.notice,
        () => state.pendingNotice,
      ),
    },
    body: jsonBody(),
    writes: { notices: ['cancelled_at'], ...PARTNER_TOUCH },
    refusalWrites: PARTNER_TOUCH,
    accepted: ({ params }) => expect(params.id).toBe(state.partnerNotice),
    runs: Math.ceil(RUNS / 3),
  },
  'POST /api/v1/partner/cap': {
    auth: PARTNER_CAP_AUTH,
    body: fc.oneof({ weight: 4, arbitrary: capBodies() }, { weight: 1, arbitrary: jsonBody() }),
    writes: { ...CAP_WRITES, ...PARTNER_TOUCH },
    refusalWrites: PARTNER_TOUCH,
    accepted: capAccepted,
  },

  // ---- public
  'GET /api/v1/health': { auth: ANYONE, query: queryOf() },
  'GET /api/v1/health/ready': { auth: ANYONE, query: queryOf() },
  'GET /api/v1/openapi.json': { auth: ANYONE, query: queryOf() },
  'GET /a/page.css': { auth: ANYONE, query: queryOf() },
  'GET /a/tutorial/:id': {
    auth: ANYONE,
    params: { id: fc.oneof(fc.constantFrom('call-family', 'boil-water', '__proto__'), text) },
    query: queryOf({ lang: fc.oneof(fc.constantFrom(...LOCALES, 'constructor'), text) }),
  },
  'GET /a/:id': {
    auth: ANYONE,
    params: { id: fc.oneof(fc.constantFrom('boil-water', 'flood-escape', '__proto__', 'page.css'), text) },
    query: queryOf({ lang: fc.oneof(fc.constantFrom(...LOCALES, 'constructor'), text) }),
  },
  'GET /admin': { auth: ANYONE, query: queryOf() },
  'GET /admin/*': { auth: ANYONE, params: { '*': text }, query: queryOf() },
};

function ruleBody(): fc.Arbitrary<unknown> {
  return shaped({
    group: loose(fc.oneof(groupName, fc.constantFrom('hekou', 'fuzz'))),
    kind: loose(fc.constantFrom(...ALERT_KINDS, 'loud', '__proto__')),
    threshold: loose(fc.integer({ min: -5, max: 2000 })),
    remindHours: loose(fc.integer({ min: -1, max: 200 })),
    enabled: loose(fc.boolean()),
  });
}
function expectRule(value: unknown): void {
  const r = value as Record<string, unknown>;
  expect(objectWith(r, ['group', 'kind', 'threshold', 'remindHours', 'enabled'])).toBe(true);
  expect(validGroup(r.group)).toBe(true);
  const t = ALERT_THRESHOLDS[r.kind as keyof typeof ALERT_THRESHOLDS];
  expect(t).toBeDefined();
  expect((r.threshold as number) >= t.min && (r.threshold as number) <= t.max).toBe(true);
  expect(typeof r.enabled).toBe('boolean');
}
function recipientBody(): fc.Arbitrary<unknown> {
  return shaped({
    channel: loose(fc.constantFrom('email', 'webhook', 'sms')),
    address: loose(
      fc.constantFrom(
        'clerk@hekou.test',
        'http://127.0.0.1:1/hook',
        'https://hook.hekou.test/x',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'http://user:pw@hook.test/',
        'not an address',
      ),
    ),
    groups: loose(fc.array(fc.oneof(groupName, fc.constant('*')), { maxLength: 3 })),
    locale: loose(fc.constantFrom(...LOCALES, 'fr')),
    enabled: loose(fc.boolean()),
    secret: loose(fc.oneof(fc.constant(null), fc.string({ maxLength: 30 }))),
  });
}
function expectRecipient(value: unknown): void {
  const r = value as Record<string, unknown>;
  expect(['email', 'webhook']).toContain(r.channel);
  if (r.channel === 'email') expect(String(r.address)).toMatch(/^[^@\s]+@[^@\s]+$/);
  else expect(String(r.address)).toMatch(/^https?:\/\/[^@/]+\//);
  expect(LOCALES).toContain(r.locale);
  expect((r.groups as unknown[]).length).toBeGreaterThan(0);
}
function scheduleBody(): fc.Arbitrary<unknown> {
  return shaped({
    period: loose(fc.constantFrom('weekly', 'monthly', 'daily')),
    scope: loose(fc.constantFrom('county', 'town', 'group', 'province')),
    scopeValue: loose(fc.constantFrom('', '河口镇', 'fuzz')),
    recipients: loose(fc.array(fc.constantFrom('kexie@hekou.test', 'bad', ''), { maxLength: 3 })),
    locale: loose(fc.constantFrom('zh-CN', 'en', 'vi', 'fr')),
    enabled: loose(fc.boolean()),
  });
}
function expectSchedule(value: unknown): void {
  const s = value as Record<string, unknown>;
  expect(['weekly', 'monthly']).toContain(s.period);
  expect((s.scope === 'county') === (s.scopeValue === '')).toBe(true);
  expect((s.recipients as string[]).every((r) => r === 'kexie@hekou.test')).toBe(true);
  expect((s.recipients as string[]).length).toBeGreaterThan(0);
}

/** The protocol schema a pack file's path calls for, if it is a document. */
function documentSchema(path: string): v.GenericSchema | undefined {
  if (path === CATALOG_PATH) return CatalogSchema;
  if (/^articles\/[^/]+\.json$/.test(path)) return ArticleDocSchema;
  if (/^quizzes\/[^/]+\.json$/.test(path)) return QuizBankSchema;
  if (/^tutorials\/[^/]+\.json$/.test(path)) return TutorialDocSchema;
  return undefined;
}

function blobHashes(): string[] {
  return readdirSync(join(hub.dir, 'blobs')).filter((f) => /^[0-9a-f]{64}$/.test(f));
}

/** Zip uploads: the fixture library, the library with a file broken, hostile or random archives. */
function zipBodies(): fc.Arbitrary<Body> {
  const zip = (files: Array<[string, Uint8Array]>) =>
    Buffer.from(makeZip(files.map(([path, bytes]) => ({ path, bytes, type: 'application/octet-stream' }))));
  const bytesOf = fc.oneof(
    fc.string().map((s) => new TextEncoder().encode(s)),
    fc.uint8Array({ maxLength: 200 }),
  );
  const libraryWith = (changes: Array<[string, Uint8Array]>) => {
    const files = new Map(state.library);
    for (const [path, bytes] of changes) files.set(path, bytes);
    return zip([...files]);
  };
  const paths = fc.oneof(
    fc.constantFrom(
      'content/articles/health/boil-water/zh-CN.md',
      'content/articles/health/boil-water/cover.svg',
      'content/quizzes/health.yaml',
      'content/articles/health/boil-water/zh-CN.md/x',
      'content/articles/health/new/zh-CN.md',
      'content/articles/x/en.md',
      'content/manifest.json',
      'manifest.json',
      'blobs/x',
      'content/articles/health',
      `content/articles/${'a'.repeat(300)}/zh-CN.md`,
      '../evil',
      '/abs',
      'a\\b',
    ),
    fc.string({ minLength: 1, maxLength: 40 }).map((s) => `content/articles/${s}`),
  );
  const ct = fc.constantFrom('application/zip', 'application/x-zip-compressed', 'application/octet-stream');
  return fc.oneof(
    {
      weight: 1,
      arbitrary: ct.map((contentType): Body => ({ payload: Buffer.from(state.goodZip), contentType })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.array(fc.tuple(paths, bytesOf), { minLength: 1, maxLength: 3 }), ct)
        .map(([changes, contentType]) => ({ payload: libraryWith(changes), contentType })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(fc.tuple(paths, bytesOf), { maxLength: 4 }), ct)
        .map(([files, contentType]) => ({ payload: zip(files), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.uint8Array({ maxLength: 500 }), ct).map(([bytes, contentType]) => ({
        payload: Buffer.from(bytes),
        contentType,
      })),
    },
    {
      // A real zip with bytes flipped.
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
          ct,
        )
        .map(([flips, contentType]) => {
          const bytes = Buffer.from(state.goodZip);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          return { payload: bytes, contentType } satisfies Body;
        }),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Running one request

/** A fresh session for `role` (cheap: straight into the store), so a logout in one run cannot starve the next. */
async function session(role: AdminRole): Promise<{ cookie: string; csrf: string; idHash: string }> {
  const sid = randomToken();
  const csrf = randomToken(24);
  const adminId = state.principals[role];
  await hub.store.createSession({
    idHash: sha256(sid),
    adminId,
    csrfToken: csrf,
    expiresAt: new Date(hub.clock.now.getTime() + 3_600_000),
  });
  return { cookie: `kepu_session=${sid}`, csrf, idHash: sha256(sid) };
}

function encodePart(value: string): string {
  // Lone surrogates cannot be percent-encoded; a browser would send U+FFFD.
  const wellFormed = value.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  return encodeURIComponent(wellFormed);
}

async function fire(
  routeKey: string,
  entry: Entry,
  input: {
    auth: Auth;
    params: Record<string, string>;
    query: Query;
    body: Body;
    extra: Record<string, string> | null;
    head: boolean;
  },
): Promise<void> {
  const [method = 'GET', pattern = '/'] = routeKey.split(' ');
  const path = pattern.replace(/:([a-z0-9]+)|\*/g, (_m, name: string | undefined) =>
    encodePart(input.params[name ?? '*'] ?? ''),
  );
  const qs = input.query.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&');
  const url = qs ? `${path}?${qs}` : path;
  const headers: Record<string, string> = { host: HOST };
  let sessionHash: string | undefined;
  switch (input.auth) {
    case 'station':
      headers.authorization = `Bearer ${state.stationToken}`;
      break;
    case 'revoked':
      headers.authorization = `Bearer ${state.revokedToken}`;
      break;
    case 'junk':
      headers.authorization = `Bearer ${randomToken()}`;
      headers.cookie = `kepu_session=${randomToken()}`;
      break;
    case 'viewer':
    case 'editor':
    case 'admin':
    case 'no-csrf': {
      const s = await session(input.auth === 'no-csrf' ? 'admin' : input.auth);
      headers.cookie = s.cookie;
      headers.origin = ORIGIN;
      headers['sec-fetch-site'] = 'same-origin';
      if (input.auth !== 'no-csrf') headers['x-csrf-token'] = s.csrf;
      sessionHash = s.idHash;
      break;
    }
    case 'partner':
      headers.authorization = `Bearer ${state.partnerSecret}`;
      break;
    case 'partner-cap':
      headers.authorization = `Bearer ${state.partnerCapSecret}`;
      break;
    case 'partner-revoked':
      headers.authorization = `Bearer ${state.partnerRevokedSecret}`;
      break;
    case 'none':
      break;
  }
  Object.assign(headers, input.extra ?? {});
  const sendsBody = method !== 'GET' && input.body.payload !== undefined;
  if (sendsBody && input.body.contentType !== undefined) headers['content-type'] = input.body.contentType;
  const sentMethod = input.head ? 'HEAD' : method;
  const what = `${sentMethod} ${url.slice(0, 200)} as ${input.auth}`;

  const before = snapshot();
  const res = await hub.app.inject({
    method: sentMethod as 'GET',
    url,
    headers,
    ...(sendsBody ? { payload: input.body.payload } : {}),
  });
  const after = snapshot();
  const seen = stats[routeKey] ?? {};
  stats[routeKey] = seen;
  seen[res.statusCode] = (seen[res.statusCode] ?? 0) + 1;
  if (sessionHash) await hub.store.deleteSession(sessionHash);

  expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toMatch(/^application\/json/);
    if (sentMethod !== 'HEAD') {
      const error = res.json() as { code?: unknown; message?: unknown };
      expect(CODES, `${what}: ${res.body.slice(0, 200)}`).toContain(error.code);
      expect(typeof error.message, what).toBe('string');
    }
    expectOnly(before, after, entry.refusalWrites ?? {}, `${what} → ${res.statusCode}`);
  } else if (res.statusCode >= 200 && res.statusCode < 300) {
    expectOnly(before, after, entry.writes ?? {}, what);
    await entry.accepted?.(
      { method, path, params: input.params, query: input.query, body: input.body, auth: input.auth },
      res,
    );
  }
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  hub = await startTestHub({ publish: true, stationRequestsPerMinute: 1_000_000 });
  db = new Database(join(hub.dir, 'hub.sqlite'), { readonly: true, fileMustExist: true });
  const hash = await hashPassword(PASSWORD);
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    state.principals[role] = (
      await hub.store.createAdmin({ username: `fuzz-${role}`, passwordHash: hash, role })
    ).id;
    state.ownPassword[role] = PASSWORD;
  }
  state.victimAccount = (
    await hub.store.createAdmin({ username: state.victimUsername, passwordHash: hash, role: 'viewer' })
  ).id;
  ({ token: state.stationToken } = await hub.enroll('fuzz'));
  const revoked = await hub.enroll('fuzz');
  state.revokedToken = revoked.token;
  await hub.store.revokeStation(revoked.stationId, hub.clock.now);
  const victim = await hub.store.createStation({ name: 'victim', town: 'town', group: 'fuzz' });
  state.victimStation = victim.id;
  for (let i = 0; i < 6; i++) {
    const code = `FUZZ-${i}${i}${i}${i}-CODE`;
    state.codes.push(code);
    await hub.store.addEnrollmentCode(
      victim.id,
      sha256(normalizeCode(code)),
      new Date(hub.clock.now.getTime() + 3_600_000),
    );
  }
  const notice = await hub.app.inject({
    method: 'POST',
    url: '/api/v1/admin/notices',
    headers: await adminHeaders(),
    payload: {
      severity: 'minor',
      urgency: 'future',
      headline: { 'zh-CN': '测试', vi: 'thử', en: 'test' },
      instruction: { 'zh-CN': '测试', vi: 'thử', en: 'test' },
      groups: ['fuzz'],
      expires: new Date(hub.clock.now.getTime() + 86_400_000).toISOString(),
    },
  });
  state.notice = (notice.json() as { notice: { id: string } }).notice.id;
  const moderate = withField(
    withField(CAP_FIXTURES[0] ?? '', 'identifier', 'FUZZ-PENDING'),
    'severity',
    'Moderate',
  ).replace('<severity>Severe</severity>', '<severity>Moderate</severity>');
  const pending = await hub.app.inject({
    method: 'POST',
    url: '/api/v1/admin/cap',
    headers: { ...(await adminHeaders()), 'content-type': 'application/cap+xml' },
    payload: moderate,
  });
  expect(pending.statusCode, pending.body).toBe(200);
  state.pendingNotice = (pending.json() as { noticeId: string }).noticeId;
  const feed = { url: 'http://127.0.0.1:9/feed', intervalSeconds: 120, enabled: false };
  state.feed = (await hub.store.warnings.addFeed({ ...feed, name: 'fuzz feed' })).id;
  state.victimFeed = (
    await hub.store.warnings.addFeed({ ...feed, url: `${feed.url}/victim`, name: 'victim' })
  ).id;
  const key = async (scopes: Array<'notices' | 'cap'>) => {
    const secret = `kpk_${randomToken()}`;
    const made = await hub.store.partners.createKey({
      name: `fuzz ${scopes.join('+')}`,
      hash: sha256(secret),
      prefix: secret.slice(0, 12),
      groups: ['fuzz'],
      scopes,
      createdBy: null,
      createdAt: hub.clock.now,
    });
    return { id: made.id, secret };
  };
  const notices = await key(['notices']);
  state.partnerKey = notices.id;
  state.partnerSecret = notices.secret;
  state.partnerCapSecret = (await key(['cap'])).secret;
  const revokedKey = await key(['notices', 'cap']);
  await hub.store.partners.revokeKey(revokedKey.id, hub.clock.now);
  state.partnerRevokedSecret = revokedKey.secret;
  state.victimKey = (await key(['notices'])).id;
  const partnerMade = await hub.app.inject({
    method: 'POST',
    url: '/api/v1/partner/notices',
    headers: {
      host: HOST,
      authorization: `Bearer ${state.partnerSecret}`,
      'content-type': 'application/json',
    },
    payload: {
      severity: 'severe',
      urgency: 'immediate',
      headline: { 'zh-CN': '停水' },
      groups: ['fuzz'],
      expires: new Date(hub.clock.now.getTime() + 86_400_000).toISOString(),
    },
  });
  expect(partnerMade.statusCode, partnerMade.body).toBe(201);
  state.partnerNotice = (partnerMade.json() as { notice: { id: string } }).notice.id;

  state.release = String((await hub.store.listReleases())[0]?.version);
  const post = async (url: string, payload: unknown) => {
    const res = await hub.app.inject({
      method: 'POST',
      url,
      headers: await adminHeaders(),
      payload: payload as object,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: string }).id;
  };
  state.rule = await post('/api/v1/admin/alerts/rules', {
    group: 'fuzz',
    kind: 'silent',
    threshold: 2,
    remindHours: 0,
    enabled: true,
  });
  state.recipient = await post('/api/v1/admin/alerts/recipients', {
    channel: 'webhook',
    address: 'http://127.0.0.1:1/victim',
    groups: ['*'],
    locale: 'en',
    enabled: true,
    secret: state.webhookSecret,
  });
  // Port 1 on loopback: nothing listens, so a test message fails at once and goes nowhere.
  state.testRecipient = await post('/api/v1/admin/alerts/recipients', {
    channel: 'webhook',
    address: 'http://127.0.0.1:1/test',
    groups: ['fuzz'],
    locale: 'zh-CN',
    enabled: true,
  });
  const smtp = await hub.app.inject({
    method: 'PUT',
    url: '/api/v1/admin/alerts/smtp',
    headers: await adminHeaders(),
    payload: {
      host: '127.0.0.1',
      port: 1,
      security: 'none',
      username: 'u',
      password: state.smtpPassword,
      from: 'hub@hekou.test',
    },
  });
  expect(smtp.statusCode, smtp.body).toBe(200);
  state.schedule = await post('/api/v1/admin/report-schedules', {
    period: 'monthly',
    scope: 'county',
    scopeValue: '',
    recipients: ['kexie@hekou.test'],
    locale: 'zh-CN',
    enabled: true,
  });
  const current = await hub.trust.root();
  state.nextRoot = await signEnvelope(
    nextRoot(current, { expires: new Date(hub.clock.now.getTime() + 200 * 86_400_000) }, hub.clock.now),
    hub.rootKeys,
  );
  const lib = await createTestLibrary();
  const base = join(lib.root, 'content');
  for (const f of readdirSync(base, { recursive: true }) as string[]) {
    try {
      state.library.set(`content/${f.split('\\').join('/')}`, readFileSync(join(base, f)));
    } catch {
      // a folder
    }
  }
  await removeTestLibrary(lib);
  // A built kiosk and console, so the page routes reach sendFile.
  mkdirSync(join(hub.dir, 'web'));
  writeFileSync(join(hub.dir, 'web', 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(hub.dir, 'web', 'admin.html'), '<!doctype html><title>console</title>');
  state.goodZip = makeZip([...state.library].map(([path, bytes]) => ({ path, bytes, type: 'x' })));
  const draft = await hub.app.inject({
    method: 'POST',
    url: '/api/v1/admin/drafts?name=fuzz.zip',
    headers: { ...(await adminHeaders()), 'content-type': 'application/zip' },
    payload: Buffer.from(state.goodZip),
  });
  expect(draft.statusCode, draft.body).toBe(201);
  state.draft = (draft.json() as { id: string }).id;
  // The same draft again under another id, for the publish route (the delete route may discard the first).
  const stored = await hub.store.getDraft(state.draft);
  state.publishDraft = randomUUID();
  if (stored) await hub.store.saveDraft({ ...stored, id: state.publishDraft });
}, 60_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS)
    console.table(Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, JSON.stringify(v)])));
  db?.close();
  await hub?.close();
});

async function adminHeaders(): Promise<Record<string, string>> {
  const s = await session('admin');
  return {
    host: HOST,
    origin: ORIGIN,
    cookie: s.cookie,
    'x-csrf-token': s.csrf,
    'content-type': 'application/json',
  };
}

it('has a fuzz entry for every route the hub registers (and none for a route it lacks)', () => {
  const registered = new Set(
    hub.routes
      // HEAD routes are Fastify's copies of GET routes; the GET entry fuzzes them too.
      .filter((r) => r.method !== 'HEAD' || !hub.routes.some((g) => g.method === 'GET' && g.url === r.url))
      .map((r) => `${r.method} ${r.url}`),
  );
  expect([...registered].sort()).toEqual(Object.keys(ROUTES).sort());
});

describe('every route: no 5xx, JSON refusals, nothing stored from refused input', () => {
  for (const [routeKey, entry] of Object.entries(ROUTES)) {
    it(routeKey, async () => {
      const params = fc.record(
        Object.fromEntries(Object.entries(entry.params ?? {})) as Record<string, fc.Arbitrary<string>>,
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            auth: fc.constantFrom(...entry.auth),
            params,
            query: entry.query ?? queryOf(),
            body: entry.body ?? jsonBody(),
            extra: extraHeaders,
            head: routeKey.startsWith('GET ') ? fc.boolean() : fc.constant(false),
          }),
          (input) => fire(routeKey, entry, input),
        ),
        { numRuns: entry.runs ?? RUNS },
      );
    }, 120_000);
  }
});

it('answers an unknown address with a JSON 404, whatever the input', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(text, fc.constantFrom('/%', '/%zz', '/%E0%A4%A', '/api/v1/%00', '/api/v1/../../etc/passwd')),
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      async (path, method) => {
        const url = path.startsWith('/') ? `/api/v1/nowhere${path}` : `/api/v1/nowhere/${encodePart(path)}`;
        const res = await hub.app.inject({ method: method as 'GET', url, headers: { host: HOST } });
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, url).toBeLessThan(500);
        expect(CODES).toContain((res.json() as { code: string }).code);
      },
    ),
    { numRuns: RUNS },
  );
});

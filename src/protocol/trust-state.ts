import * as v from 'valibot';
import { PackError } from './pack-verify.ts';
import {
  type ContentPin,
  type Envelope,
  KeyIdSchema,
  type Root,
  type RootKey,
  type TimestampDoc,
  TRUST_LIMITS,
} from './trust-metadata.ts';
import {
  checkRootExpiry,
  meetsThreshold,
  parseCapped,
  type TrustCrypto,
  type VerifiedContent,
  verifyContent,
  verifyFirstRoot,
  verifyNextRoot,
  verifyTimestamp,
} from './trust-verify.ts';

/**
 * What a kiosk keeps of the trust metadata between updates, and one update round over a
 * source (the hub, the built-in pack or a USB pack): walk the root chain, check the newest
 * root's expiry, take a fresh timestamp, then the manifest it pins.
 */

const DAY_MS = 86_400_000;
/** A device clock more than this ahead of the newest signed time is not believed (years off). */
const MAX_AHEAD_MS = 2 * 366 * DAY_MS;
/** Without a fresh timestamp for this long a kiosk reports UPDATES_STALE. */
export const STALE_AFTER_MS = DAY_MS;

const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const Signers = v.pipe(v.array(KeyIdSchema), v.maxLength(TRUST_LIMITS.signatures));
const Ms = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The stored trust state (IndexedDB on the kiosk); validated whenever it is read. */
export const TrustRecordSchema = v.strictObject({
  /** Roots accepted after the built-in first one, as received: versions 2, 3, … */
  roots: v.pipe(v.array(v.pipe(v.string(), v.maxLength(TRUST_LIMITS.rootBytes))), v.maxLength(100_000)),
  /** The newest timestamp accepted: its text, hash, signers, and the device clock when it came. */
  timestamp: v.nullable(
    v.strictObject({
      json: v.pipe(v.string(), v.maxLength(TRUST_LIMITS.timestampBytes)),
      sha256: Sha256Hex,
      signers: Signers,
      deviceMs: Ms,
    }),
  ),
  /** The content version floor: the newest manifest accepted, and who signed it. */
  content: v.nullable(
    v.strictObject({
      version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
      sha256: Sha256Hex,
      signers: Signers,
    }),
  ),
  /** Reference time (ms) when this kiosk began keeping trust: staleness counts from here at most. */
  since: Ms,
});
export type TrustRecord = v.InferOutput<typeof TrustRecordSchema>;

/** The trust state, verified: the root chain from the built-in root, and the floors. */
export interface TrustView {
  /** Every trusted root, version 1 first. */
  chain: Envelope<Root>[];
  /** The newest trusted root. */
  root: Root;
  record: TrustRecord;
  /** The newest timestamp accepted, parsed. */
  timestamp: TimestampDoc | null;
}

function clone(record: TrustRecord): TrustRecord {
  return {
    roots: [...record.roots],
    timestamp: record.timestamp ? { ...record.timestamp } : null,
    content: record.content ? { ...record.content } : null,
    since: record.since,
  };
}

const encoder = new TextEncoder();

/**
 * Opens the trust state: the built-in first root (must verify: it is the app's anchor), then
 * the stored record, whose roots are walked again and whose timestamp is checked again.
 * A damaged record is cut back to what still verifies (`damaged` then says so).
 */
export async function openTrust(
  crypto: TrustCrypto,
  firstRoot: unknown,
  stored: unknown,
  nowMs: number,
): Promise<{ view: TrustView; damaged: boolean }> {
  const first = await verifyFirstRoot(crypto, firstRoot);
  const parsed = v.safeParse(TrustRecordSchema, stored);
  let damaged = stored !== undefined && stored !== null && !parsed.success;
  const record: TrustRecord = parsed.success
    ? clone(parsed.output)
    : { roots: [], timestamp: null, content: null, since: Math.max(0, Math.round(nowMs)) };
  const chain = [first];
  for (let i = 0; i < record.roots.length; i++) {
    try {
      chain.push(
        await verifyNextRoot(
          crypto,
          chain[chain.length - 1]?.signed as Root,
          JSON.parse(record.roots[i] as string),
        ),
      );
    } catch {
      damaged = true;
      record.roots = record.roots.slice(0, i);
      break;
    }
  }
  const root = chain[chain.length - 1]?.signed as Root;
  let timestamp: TimestampDoc | null = null;
  if (record.timestamp) {
    try {
      const checked = await verifyTimestamp(crypto, root, encoder.encode(record.timestamp.json), {
        previous: null,
        contentFloor: null,
        ref: null,
      });
      if (checked.sha256 !== record.timestamp.sha256) throw new Error('hash');
      timestamp = checked.doc;
    } catch {
      damaged = true;
      record.timestamp = null;
    }
  }
  if (record.content && !meetsThreshold(record.content.signers, root.roles.content)) record.content = null;
  return { view: { chain, root, record, timestamp }, damaged };
}

/**
 * Trusts root N+1. Floors set under keys the new root no longer trusts for their role are
 * dropped (TUF 5.3.11): that is how a fast-forward attack with a stolen key is undone by
 * rotating the key.
 */
function withRoot(view: TrustView, next: Envelope<Root>, text: string): TrustView {
  const record = clone(view.record);
  record.roots.push(text);
  let timestamp = view.timestamp;
  if (record.timestamp && !meetsThreshold(record.timestamp.signers, next.signed.roles.timestamp)) {
    record.timestamp = null;
    timestamp = null;
  }
  if (record.content && !meetsThreshold(record.content.signers, next.signed.roles.content))
    record.content = null;
  return { chain: [...view.chain, next], root: next.signed, record, timestamp };
}

/** Content keys that some root in the chain listed and the newest does not. */
export function formerContentKeys(view: TrustView): Set<string> {
  const current = new Set(view.root.roles.content.keyids);
  const former = new Set<string>();
  for (const { signed } of view.chain)
    for (const id of signed.roles.content.keyids) if (!current.has(id)) former.add(id);
  return former;
}

/** Every key any root in the chain listed for the content role (for re-reading stored packs). */
export function contentKeysEver(view: TrustView): Record<string, RootKey> {
  const keys: Record<string, RootKey> = {};
  for (const { signed } of view.chain) {
    for (const id of signed.roles.content.keyids) {
      const key = signed.keys[id];
      if (key) keys[id] = key;
    }
  }
  return keys;
}

/**
 * The time expiry is judged against. The newest signed time seen (a timestamp's `time`) carried
 * forward by the device clock when that clock has run on since (whatever its offset); else the
 * device clock when it is plausible (not before the newest signed time or `floorMs`, not years
 * ahead); else the newest signed time (or `floorMs`, the build's time) plus `elapsedMs` (time
 * this page has run). Never earlier than the newest signed time, never against nothing.
 */
export function referenceTime(
  view: TrustView,
  input: { deviceMs: number; floorMs: number; elapsedMs?: number },
): { ms: number; source: 'signed' | 'device' | 'floor' } {
  const signedMs = view.timestamp ? Date.parse(view.timestamp.time) : 0;
  const floor = Math.max(input.floorMs, signedMs);
  const anchor = view.record.timestamp;
  if (view.timestamp && anchor) {
    const moved = input.deviceMs - anchor.deviceMs;
    if (moved >= 0 && moved <= MAX_AHEAD_MS)
      return { ms: Math.max(floor, signedMs + moved), source: 'signed' };
  }
  if (input.deviceMs >= floor && input.deviceMs <= floor + MAX_AHEAD_MS)
    return { ms: input.deviceMs, source: 'device' };
  return { ms: floor + Math.max(0, input.elapsedMs ?? 0), source: 'floor' };
}

/** True when no fresh timestamp has come for a day (counted from when trust began, at most). */
export function isStale(view: TrustView, refMs: number): boolean {
  const last = Math.max(view.timestamp ? Date.parse(view.timestamp.time) : 0, view.record.since);
  return refMs - last > STALE_AFTER_MS;
}

/** Where an update round reads trust metadata and the manifest. */
export interface TrustSource {
  /** Root `version` as bytes, or null when the source has none (the chain ends). */
  root(version: number): Promise<Uint8Array | null>;
  /** The current timestamp; absent for sources without one (the built-in pack, a USB pack). */
  timestamp?: () => Promise<Uint8Array>;
  /**
   * The manifest's bytes: the one `pin` names when the source has timestamps (sources serve
   * manifests by version), else its only one. At most `maxBytes` (a source stops past it).
   */
  content(pin: ContentPin | null, maxBytes: number): Promise<Uint8Array>;
}

export interface RefreshOptions {
  /** The reference time (`referenceTime`), fixed for the round as TUF asks. */
  ref: Date;
  /** False for the built-in pack: the app may be older than its pack's expiry. */
  checkExpiry: boolean;
  /** Whether pack `version` is already active or staged (then nothing is downloaded). */
  have(version: number): boolean;
  /** Called with the record after each step that changed it (roots, timestamp, manifest). */
  persist(record: TrustRecord): Promise<void>;
  /** The device clock (ms) now, stored with an accepted timestamp. */
  deviceMs: number;
}

export type RefreshResult =
  | { kind: 'unchanged'; view: TrustView }
  | { kind: 'new'; view: TrustView; content: VerifiedContent; bytes: Uint8Array };

/** One update round: roots, root expiry, timestamp, manifest. Throws PackError with the code. */
export async function refreshTrust(
  crypto: TrustCrypto,
  start: TrustView,
  source: TrustSource,
  options: RefreshOptions,
): Promise<RefreshResult> {
  let view = start;
  for (let i = 0; i < TRUST_LIMITS.rotations; i++) {
    const wanted = view.root.version + 1;
    const bytes = await source.root(wanted);
    if (!bytes) break;
    const text = new TextDecoder().decode(bytes);
    const next = await verifyNextRoot(
      crypto,
      view.root,
      parseCapped(bytes, TRUST_LIMITS.rootBytes, 'ROOT_INVALID', `root ${wanted}`),
    );
    view = withRoot(view, next, text);
    await options.persist(view.record);
  }
  if (options.checkExpiry) checkRootExpiry(view.root, options.ref);

  let pin: ContentPin | null = null;
  if (source.timestamp) {
    const bytes = await source.timestamp();
    const previous = view.record.timestamp;
    const checked = await verifyTimestamp(crypto, view.root, bytes, {
      previous:
        previous && view.timestamp ? { version: view.timestamp.version, sha256: previous.sha256 } : null,
      contentFloor: view.record.content?.version ?? null,
      ref: options.ref,
    });
    if (checked.sha256 !== previous?.sha256) {
      const record = clone(view.record);
      record.timestamp = {
        json: new TextDecoder().decode(bytes),
        sha256: checked.sha256,
        signers: checked.signers,
        deviceMs: Math.max(0, Math.round(options.deviceMs)),
      };
      view = { ...view, record, timestamp: checked.doc };
      await options.persist(record);
    }
    pin = checked.doc.content;
    if (options.have(pin.version)) return { kind: 'unchanged', view };
  }

  const bytes = await source.content(pin, pin?.length ?? TRUST_LIMITS.manifestBytes);
  const content = await verifyContent(crypto, bytes, {
    root: view.root,
    formerKeys: formerContentKeys(view),
    pin,
    floor: view.record.content?.version ?? null,
    ref: options.checkExpiry ? options.ref : null,
  });
  if (options.have(content.manifest.version)) return { kind: 'unchanged', view };
  const record = clone(view.record);
  record.content = { version: content.manifest.version, sha256: content.sha256, signers: content.signers };
  view = { ...view, record };
  await options.persist(record);
  return { kind: 'new', view, content, bytes };
}

/** Re-exported so callers can tell verification refusals from other failures. */
export { PackError };

import * as v from 'valibot';
import { canonicalBytes } from './canonical-json.ts';
import { fromBase64 } from './encoding.ts';
import { type PackManifest, PackManifestSchema } from './pack-manifest.ts';
import { keyIdOf, PackError, type PackErrorCode, type SubtleLike, sha256Hex } from './pack-verify.ts';
import {
  type ContentPin,
  contentEnvelope,
  type Envelope,
  EnvelopeSchema,
  type Role,
  type Root,
  type RootKey,
  RootSchema,
  type TimestampDoc,
  TimestampSchema,
  TRUST_LIMITS,
} from './trust-metadata.ts';

/**
 * Verification of roots, timestamps and content manifests, in the order TUF's client workflow
 * checks them (spec section 5; tuf-js's TrustedMetadataStore follows the same order). Shared
 * by the kiosk, the hub (what it accepts from the console and the CLI) and the tests.
 */

const HOUR_MS = 3_600_000;

/** Checks Ed25519 signatures, importing each public key once. Never throws: false for anything bad. */
export function createSignatureChecker(subtle: SubtleLike) {
  const imported = new Map<string, Promise<unknown>>();
  return async (publicKey: string, signature: string, data: Uint8Array): Promise<boolean> => {
    try {
      let key = imported.get(publicKey);
      if (!key) {
        key = subtle.importKey('raw', fromBase64(publicKey), { name: 'Ed25519' }, false, ['verify']);
        imported.set(publicKey, key);
      }
      return await subtle.verify({ name: 'Ed25519' }, (await key) as never, fromBase64(signature), data);
    } catch {
      return false;
    }
  };
}
export type SignatureChecker = ReturnType<typeof createSignatureChecker>;

/** Everything verification needs: WebCrypto and a signature checker that caches keys. */
export interface TrustCrypto {
  subtle: SubtleLike;
  check: SignatureChecker;
}

/** A TrustCrypto over `subtle`. */
export function trustCrypto(subtle: SubtleLike): TrustCrypto {
  return { subtle, check: createSignatureChecker(subtle) };
}

function fail(code: PackErrorCode, message: string): never {
  throw new PackError(code, message);
}

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Parses JSON bytes, refusing anything over `max` bytes first. */
export function parseCapped(bytes: Uint8Array, max: number, code: PackErrorCode, what: string): unknown {
  if (bytes.byteLength > max) fail('METADATA_TOO_LARGE', `${what} is ${bytes.byteLength} bytes, over ${max}`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return fail(code, `${what} is not JSON`);
  }
}

/** The key ids of `role` with a valid signature on the envelope, each counted once. */
export async function validSigners(
  crypto: TrustCrypto,
  envelope: Envelope<unknown>,
  role: Role,
  keys: Readonly<Record<string, RootKey>>,
): Promise<string[]> {
  let data: Uint8Array;
  try {
    data = canonicalBytes(envelope.signed);
  } catch {
    return [];
  }
  const good = new Set<string>();
  for (const s of envelope.signatures) {
    if (good.has(s.keyid) || !role.keyids.includes(s.keyid)) continue;
    const key = keys[s.keyid];
    if (key && (await crypto.check(key.public, s.sig, data))) good.add(s.keyid);
  }
  return [...good];
}

/** Whether `signers` (key ids) still meet `role`'s threshold. */
export function meetsThreshold(signers: readonly string[], role: Role): boolean {
  return signers.filter((id) => role.keyids.includes(id)).length >= role.threshold;
}

/** A root's shape, and that every key id is the id of its key (so no key counts twice). */
export async function parseRoot(crypto: TrustCrypto, json: unknown): Promise<Envelope<Root>> {
  const outer = v.safeParse(EnvelopeSchema, json);
  if (!outer.success) fail('ROOT_INVALID', firstIssue(outer.issues));
  const inner = v.safeParse(RootSchema, outer.output.signed);
  if (!inner.success) fail('ROOT_INVALID', firstIssue(inner.issues));
  const root = inner.output;
  for (const [id, key] of Object.entries(root.keys)) {
    let derived: string;
    try {
      derived = await keyIdOf(crypto.subtle, fromBase64(key.public));
    } catch {
      return fail('ROOT_INVALID', `key ${id} is not base64`);
    }
    if (derived !== id) fail('ROOT_INVALID', `key id ${id} is not the id of its key (${derived})`);
  }
  return { signed: root, signatures: outer.output.signatures };
}

async function requireRootSignatures(crypto: TrustCrypto, envelope: Envelope<Root>, by: Root, who: string) {
  const signers = await validSigners(crypto, envelope, by.roles.root, by.keys);
  if (signers.length < by.roles.root.threshold) {
    fail(
      'ROOT_THRESHOLD_NOT_MET',
      `root ${envelope.signed.version} has ${signers.length} of the ${by.roles.root.threshold} signatures ${who} needs`,
    );
  }
}

/** The first root (built into the app): well formed and signed by a threshold of its own root keys. */
export async function verifyFirstRoot(crypto: TrustCrypto, json: unknown): Promise<Envelope<Root>> {
  const envelope = await parseRoot(crypto, json);
  await requireRootSignatures(crypto, envelope, envelope.signed, 'its own root keys');
  return envelope;
}

/**
 * Root N+1 after trusted root N (TUF 5.3.4-5.3.5): the next version, signed by a threshold of
 * N's root keys and a threshold of its own. An expired intermediate root is fine (only the
 * newest one's expiry matters, `checkRootExpiry`).
 */
export async function verifyNextRoot(
  crypto: TrustCrypto,
  trusted: Root,
  json: unknown,
): Promise<Envelope<Root>> {
  const envelope = await parseRoot(crypto, json);
  const next = envelope.signed;
  if (next.version !== trusted.version + 1) {
    fail('ROOT_VERSION_INVALID', `expected root ${trusted.version + 1}, got ${next.version}`);
  }
  await requireRootSignatures(crypto, envelope, trusted, `root ${trusted.version}'s keys`);
  await requireRootSignatures(crypto, envelope, next, 'its own keys');
  return envelope;
}

/** TUF 5.3.10: the newest root must not have expired. */
export function checkRootExpiry(root: Root, ref: Date): void {
  if (Date.parse(root.expires) <= ref.getTime()) {
    fail(
      'ROOT_EXPIRED',
      `root ${root.version} expired at ${root.expires}; the root keys must sign a new one`,
    );
  }
}

/** The last timestamp a kiosk accepted, as far as rollback checks need it. */
export interface SeenTimestamp {
  version: number;
  sha256: string;
}

/** A verified timestamp: the document, who signed it, the sha256 of its bytes. */
export interface VerifiedTimestamp {
  doc: TimestampDoc;
  signers: string[];
  sha256: string;
}

/**
 * A timestamp (TUF 5.4): signed by a threshold of the timestamp role, living no longer than the
 * root allows, not older than the one seen before, not pinning a manifest below the content
 * floor, and not expired at `ref` (the kiosk's reference time; null skips the expiry check).
 */
export async function verifyTimestamp(
  crypto: TrustCrypto,
  root: Root,
  bytes: Uint8Array,
  options: { previous: SeenTimestamp | null; contentFloor: number | null; ref: Date | null },
): Promise<VerifiedTimestamp> {
  const json = parseCapped(bytes, TRUST_LIMITS.timestampBytes, 'TIMESTAMP_INVALID', 'the timestamp');
  const outer = v.safeParse(EnvelopeSchema, json);
  if (!outer.success) fail('TIMESTAMP_INVALID', firstIssue(outer.issues));
  const signers = await validSigners(crypto, outer.output, root.roles.timestamp, root.keys);
  if (signers.length < root.roles.timestamp.threshold) {
    fail(
      'TIMESTAMP_SIGNATURE_INVALID',
      `the timestamp has ${signers.length} of the ${root.roles.timestamp.threshold} signatures root ${root.version} asks for`,
    );
  }
  const inner = v.safeParse(TimestampSchema, outer.output.signed);
  if (!inner.success) fail('TIMESTAMP_INVALID', firstIssue(inner.issues));
  const doc = inner.output;
  const lifetime = Date.parse(doc.expires) - Date.parse(doc.time);
  if (lifetime > root.timestampMaxHours * HOUR_MS) {
    fail(
      'TIMESTAMP_INVALID',
      `the timestamp lives ${lifetime / HOUR_MS} h, over the root's ${root.timestampMaxHours} h`,
    );
  }
  const sha256 = await sha256Hex(crypto.subtle, bytes);
  const previous = options.previous;
  if (previous && doc.version < previous.version) {
    fail('TIMESTAMP_ROLLBACK', `timestamp ${doc.version} is older than ${previous.version}, already seen`);
  }
  if (previous && doc.version === previous.version && sha256 !== previous.sha256) {
    fail('TIMESTAMP_ROLLBACK', `a second, different timestamp ${doc.version}`);
  }
  if (options.contentFloor !== null && doc.content.version < options.contentFloor) {
    fail(
      'PACK_VERSION_ROLLBACK',
      `the timestamp pins pack ${doc.content.version}, older than pack ${options.contentFloor} already accepted`,
    );
  }
  if (options.ref && Date.parse(doc.expires) <= options.ref.getTime()) {
    fail('TIMESTAMP_EXPIRED', `timestamp ${doc.version} expired at ${doc.expires}`);
  }
  return { doc, signers, sha256 };
}

/** A verified content manifest, who signed it and the sha256 of its bytes. */
export interface VerifiedContent {
  manifest: PackManifest;
  signers: string[];
  sha256: string;
}

/**
 * A content manifest (TUF 5.6 for the targets role): within its cap, signed by a threshold of
 * the content role (a key an earlier root trusted and this one dropped is PACK_KEY_REVOKED),
 * exactly what the timestamp pins when there is one, unexpired at `ref`, and not below the
 * version floor. The signature is checked before the pin, so a tampered manifest and an old
 * manifest under a new timestamp are told apart.
 */
export async function verifyContent(
  crypto: TrustCrypto,
  bytes: Uint8Array,
  options: {
    root: Root;
    /** Content keys of earlier roots that the current one no longer lists. */
    formerKeys: ReadonlySet<string>;
    pin: ContentPin | null;
    floor: number | null;
    ref: Date | null;
  },
): Promise<VerifiedContent> {
  const { root, pin } = options;
  const json = parseCapped(
    bytes,
    pin?.length ?? TRUST_LIMITS.manifestBytes,
    'PACK_MANIFEST_INVALID',
    'the manifest',
  );
  const envelope = contentEnvelope(json);
  if (!envelope) fail('PACK_MANIFEST_INVALID', 'manifest.json is not a signed manifest');
  const role = root.roles.content;
  const signers = await validSigners(crypto, envelope, role, root.keys);
  if (signers.length < role.threshold) {
    const ids = envelope.signatures.map((s) => s.keyid);
    if (signers.length > 0)
      fail('PACK_THRESHOLD_NOT_MET', `${signers.length} of the ${role.threshold} content signatures needed`);
    if (ids.some((id) => role.keyids.includes(id)))
      fail('PACK_SIGNATURE_INVALID', 'the signature does not match the manifest');
    if (ids.some((id) => options.formerKeys.has(id)))
      fail('PACK_KEY_REVOKED', `signed by ${ids.join(', ')}, which root ${root.version} no longer trusts`);
    fail('PACK_KEY_UNKNOWN', `no trusted key ${ids.join(', ') || '(unsigned)'}`);
  }
  const parsed = v.safeParse(PackManifestSchema, envelope.signed);
  if (!parsed.success) fail('PACK_MANIFEST_INVALID', firstIssue(parsed.issues));
  const manifest = parsed.output;
  const sha256 = await sha256Hex(crypto.subtle, bytes);
  if (pin && (sha256 !== pin.sha256 || bytes.byteLength !== pin.length || manifest.version !== pin.version)) {
    fail(
      'PACK_TIMESTAMP_MISMATCH',
      `the timestamp pins pack ${pin.version} (${pin.sha256.slice(0, 12)}…), this is pack ${manifest.version} (${sha256.slice(0, 12)}…)`,
    );
  }
  if (options.ref && Date.parse(manifest.expires) <= options.ref.getTime()) {
    fail('PACK_EXPIRED', `pack ${manifest.version} expired at ${manifest.expires}`);
  }
  if (options.floor !== null && manifest.version < options.floor) {
    fail(
      'PACK_VERSION_ROLLBACK',
      `pack ${manifest.version} is older than pack ${options.floor} already accepted`,
    );
  }
  return { manifest, signers, sha256 };
}

/**
 * A stored manifest read back (storage can be damaged): well formed and signed by one of
 * `keys` (every content key the trusted chain has listed; it was fully checked when installed).
 */
export async function verifyStoredContent(
  crypto: TrustCrypto,
  json: unknown,
  keys: Readonly<Record<string, RootKey>>,
): Promise<PackManifest> {
  const envelope = contentEnvelope(json);
  if (!envelope) fail('PACK_MANIFEST_INVALID', 'stored manifest is not a signed manifest');
  const role: Role = {
    keyids: Object.keys(keys).length ? Object.keys(keys) : ['0000000000000000'],
    threshold: 1,
  };
  if ((await validSigners(crypto, envelope, role, keys)).length === 0)
    fail('PACK_SIGNATURE_INVALID', 'stored manifest does not match its signature');
  const parsed = v.safeParse(PackManifestSchema, envelope.signed);
  if (!parsed.success) fail('PACK_MANIFEST_INVALID', firstIssue(parsed.issues));
  return parsed.output;
}

import * as v from 'valibot';
import { canonicalBytes } from './canonical-json.ts';
import { fromBase64, toHex } from './encoding.ts';
import {
  type PackManifest,
  PackManifestSchema,
  SignedManifestSchema,
  type TrustedKey,
} from './pack-manifest.ts';

/** The slice of WebCrypto's SubtleCrypto that verification needs (Node 20 and browsers). */
export interface SubtleLike {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: ['verify'],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: never,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/** Why a pack or blob was refused. Shown on the maintenance screen and sent in heartbeats. */
export type PackErrorCode =
  | 'PACK_MANIFEST_INVALID'
  | 'PACK_KEY_UNKNOWN'
  | 'PACK_SIGNATURE_INVALID'
  | 'PACK_EXPIRED'
  | 'PACK_VERSION_ROLLBACK'
  | 'BLOB_HASH_MISMATCH'
  // The root of trust and its roles (trust-verify.ts), each attack with its own code.
  /** A root document is malformed, or its key ids do not match its keys. */
  | 'ROOT_INVALID'
  /** A new root is not signed by a threshold of the old root's keys and of its own. */
  | 'ROOT_THRESHOLD_NOT_MET'
  /** A new root is not the next version. */
  | 'ROOT_VERSION_INVALID'
  /** The newest trusted root has expired (a freeze of the root): no update until a new one. */
  | 'ROOT_EXPIRED'
  | 'TIMESTAMP_INVALID'
  /** The timestamp is not signed by a threshold of the timestamp role's keys. */
  | 'TIMESTAMP_SIGNATURE_INVALID'
  /** The timestamp has expired (a freeze attack, or a hub that stopped signing). */
  | 'TIMESTAMP_EXPIRED'
  /** A timestamp older than one already seen. */
  | 'TIMESTAMP_ROLLBACK'
  /** The manifest is not the one the timestamp pins (mix-and-match of old and new). */
  | 'PACK_TIMESTAMP_MISMATCH'
  /** Signed only by a key that an earlier root trusted and the current one no longer does. */
  | 'PACK_KEY_REVOKED'
  /** Fewer valid content signatures than the content role's threshold. */
  | 'PACK_THRESHOLD_NOT_MET'
  /** A blob longer than the signed manifest says (endless data). */
  | 'BLOB_TOO_LARGE'
  /** A root, timestamp or manifest longer than its cap or its pinned length (endless data). */
  | 'METADATA_TOO_LARGE';

export class PackError extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'PackError';
  }
}

/** sha256 of bytes as hex. */
export async function sha256Hex(subtle: SubtleLike, bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
}

/** Key id: the first 16 hex digits of the sha256 of the raw public key. */
export async function keyIdOf(subtle: SubtleLike, rawPublicKey: Uint8Array): Promise<string> {
  return (await sha256Hex(subtle, rawPublicKey)).slice(0, 16);
}

export interface VerifyOptions {
  subtle: SubtleLike;
  keys: readonly TrustedKey[];
  now: Date;
  /** The version already active; a lower one is a rollback and refused. Equal is accepted. */
  activeVersion?: number;
}

/**
 * Checks a `manifest.json` as received: shape, a trusted key, the Ed25519 signature over the
 * manifest's canonical JSON, expiry, and that the version does not go backwards.
 */
export async function verifyManifest(input: unknown, options: VerifyOptions): Promise<PackManifest> {
  const outer = v.safeParse(SignedManifestSchema, input);
  if (!outer.success) throw new PackError('PACK_MANIFEST_INVALID', outer.issues[0].message);
  const { manifest: raw, signature } = outer.output;

  const key = options.keys.find((k) => k.keyId === signature.keyId);
  if (!key) throw new PackError('PACK_KEY_UNKNOWN', `no trusted key ${signature.keyId}`);
  const cryptoKey = await options.subtle.importKey(
    'raw',
    fromBase64(key.publicKey),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  let data: Uint8Array;
  try {
    data = canonicalBytes(raw);
  } catch (error) {
    throw new PackError('PACK_MANIFEST_INVALID', String(error));
  }
  const ok = await options.subtle.verify(
    { name: 'Ed25519' },
    cryptoKey as never,
    fromBase64(signature.value),
    data,
  );
  if (!ok) throw new PackError('PACK_SIGNATURE_INVALID', `signature does not match key ${signature.keyId}`);

  const parsed = v.safeParse(PackManifestSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new PackError('PACK_MANIFEST_INVALID', where ? `${where}: ${issue.message}` : issue.message);
  }
  const manifest = parsed.output;
  if (Date.parse(manifest.expires) <= options.now.getTime()) {
    throw new PackError('PACK_EXPIRED', `pack ${manifest.version} expired at ${manifest.expires}`);
  }
  if (options.activeVersion !== undefined && manifest.version < options.activeVersion) {
    throw new PackError(
      'PACK_VERSION_ROLLBACK',
      `pack ${manifest.version} is older than the active pack ${options.activeVersion}`,
    );
  }
  return manifest;
}

/** Throws BLOB_HASH_MISMATCH unless the bytes hash to the expected sha256. */
export async function verifyBlob(subtle: SubtleLike, bytes: Uint8Array, expected: string): Promise<void> {
  const actual = await sha256Hex(subtle, bytes);
  if (actual !== expected) throw new PackError('BLOB_HASH_MISMATCH', `expected ${expected}, got ${actual}`);
}

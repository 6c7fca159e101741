import * as v from 'valibot';
import { PackPath } from './content-doc.ts';

/** Pack format this code reads and writes. */
export const PACK_FORMAT = 1;

const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const Timestamp = v.pipe(v.string(), v.isoTimestamp());

/** One file of a pack, stored as a blob named by its sha256. */
export const PackFileSchema = v.strictObject({
  path: PackPath,
  sha256: Sha256Hex,
  size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(256 * 1024 * 1024)),
  type: v.pipe(v.string(), v.regex(/^[a-z]+\/[a-z0-9.+-]+$/)),
});
export type PackFile = v.InferOutput<typeof PackFileSchema>;

/** What a pack holds; signed as canonical JSON. */
export const PackManifestSchema = v.pipe(
  v.strictObject({
    format: v.literal(PACK_FORMAT),
    /** Monotonic: a kiosk never accepts a version below the one it shows. */
    version: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
    created: Timestamp,
    expires: Timestamp,
    files: v.pipe(v.array(PackFileSchema), v.maxLength(100_000)),
  }),
  v.check((m) => new Set(m.files.map((f) => f.path)).size === m.files.length, 'duplicate path in manifest'),
  v.check((m) => Date.parse(m.expires) > Date.parse(m.created), 'manifest expires before it was created'),
);
export type PackManifest = v.InferOutput<typeof PackManifestSchema>;

/** The file served as `manifest.json`: the manifest and its Ed25519 signature. */
export const SignedManifestSchema = v.strictObject({
  manifest: v.unknown(),
  signature: v.strictObject({
    alg: v.literal('Ed25519'),
    keyId: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
    value: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{86}==$/)),
  }),
});
export type SignedManifest = {
  manifest: PackManifest;
  signature: v.InferOutput<typeof SignedManifestSchema>['signature'];
};

/** A public key kiosks trust: raw 32-byte Ed25519 key in base64, and its id. */
export interface TrustedKey {
  keyId: string;
  publicKey: string;
}

/** The manifest entry for a path, if the pack has it. */
export function findFile(manifest: PackManifest, path: string): PackFile | undefined {
  return manifest.files.find((f) => f.path === path);
}

import type { webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as v from 'valibot';
import { canonicalBytes } from '../protocol/canonical-json.ts';
import { fromBase64, toBase64 } from '../protocol/encoding.ts';
import {
  type PackManifest,
  PackManifestSchema,
  type SignedManifest,
  type TrustedKey,
} from '../protocol/pack-manifest.ts';
import { keyIdOf } from '../protocol/pack-verify.ts';

/** An Ed25519 publisher key pair: raw public key and PKCS#8 private key, both base64. */
export interface PublisherKey {
  keyId: string;
  /** base64 of the raw 32-byte public key. */
  publicKey: string;
  /** base64 of the PKCS#8 private key. */
  privateKey: string;
  /** Who holds it, when the key file says (root keys do). */
  holder?: string;
}

/** Why a key file was refused. */
export type KeyErrorCode = 'KEY_FILE_INVALID' | 'KEY_FILE_EXISTS';

/** A key file problem, with a code and the file's path in the message. */
export class KeyError extends Error {
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'KeyError';
  }
}

const subtle = globalThis.crypto.subtle;
const ED25519 = { name: 'Ed25519' } as const;

const KeyFileSchema = v.object({
  /** Who holds the key (a root key holder's name; shown in the root and the console). */
  holder: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(80))),
  keyId: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
  publicKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/)),
  privateKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]+={0,2}$/)),
});

/** A fresh Ed25519 key pair from WebCrypto. */
export async function generatePublisherKey(): Promise<PublisherKey> {
  const pair = (await subtle.generateKey(ED25519, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  return { keyId: await keyIdOf(subtle, raw), publicKey: toBase64(raw), privateKey: toBase64(pkcs8) };
}

/** Reads the key file at `path`, or creates one (mode 0600, folders made) when there is none. */
export async function loadOrCreateKey(
  path: string,
  label: { note?: string; holder?: string } = {},
): Promise<{ key: PublisherKey; created: boolean }> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (text !== undefined) return { key: await parseKeyFile(text, path), created: false };
  try {
    return { key: await createKeyFile(path, label), created: true };
  } catch (e) {
    // Another process created it first: use theirs.
    if (e instanceof KeyError && e.code === 'KEY_FILE_EXISTS') return loadOrCreateKey(path, label);
    throw e;
  }
}

/** Writes a new key pair to `path` (mode 0600); refuses to overwrite an existing file. */
export async function createKeyFile(
  path: string,
  label: { note?: string; holder?: string } = {},
): Promise<PublisherKey> {
  const key: PublisherKey = {
    ...(await generatePublisherKey()),
    ...(label.holder ? { holder: label.holder } : {}),
  };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const note = label.note ?? 'Kepu e-Station publisher key. Private: never commit it or send it anywhere.';
  try {
    await writeFile(path, `${JSON.stringify({ note, ...key }, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new KeyError('KEY_FILE_EXISTS', `${path} already exists`);
    throw e;
  }
  return key;
}

/** Checks a key file's shape and that its three parts belong together. */
export async function parseKeyFile(text: string, path: string): Promise<PublisherKey> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyError('KEY_FILE_INVALID', `${path} is not JSON; delete it to create a new demo key`);
  }
  const parsed = v.safeParse(KeyFileSchema, json);
  if (!parsed.success) {
    const field = parsed.issues[0].path?.map((p) => String(p.key)).join('.') ?? 'the file';
    throw new KeyError('KEY_FILE_INVALID', `${path}: ${field} is missing or malformed`);
  }
  const key: PublisherKey = {
    keyId: parsed.output.keyId,
    publicKey: parsed.output.publicKey,
    privateKey: parsed.output.privateKey,
    ...(parsed.output.holder ? { holder: parsed.output.holder } : {}),
  };
  if ((await keyIdOf(subtle, fromBase64(key.publicKey))) !== key.keyId) {
    throw new KeyError('KEY_FILE_INVALID', `${path}: keyId does not match publicKey`);
  }
  const probe = new TextEncoder().encode('kepu key check');
  try {
    const signature = await sign(probe, key);
    const pub = await subtle.importKey('raw', fromBase64(key.publicKey), ED25519, false, ['verify']);
    if (!(await subtle.verify(ED25519, pub, signature, probe))) throw new Error('mismatch');
  } catch {
    throw new KeyError('KEY_FILE_INVALID', `${path}: privateKey does not belong to publicKey`);
  }
  return key;
}

/** Signs a manifest: Ed25519 over its canonical JSON, the bytes kiosks verify. */
export async function signManifest(manifest: PackManifest, key: PublisherKey): Promise<SignedManifest> {
  const checked = v.safeParse(PackManifestSchema, manifest);
  if (!checked.success) throw new Error(`manifest is invalid: ${checked.issues[0].message}`);
  const signature = await sign(canonicalBytes(manifest), key);
  return { manifest, signature: { alg: 'Ed25519', keyId: key.keyId, value: toBase64(signature) } };
}

/** Extra trusted keys from `KEPU_TRUSTED_KEYS="keyId:base64,keyId:base64"`. */
export function parseTrustedKeys(value: string | undefined): TrustedKey[] {
  if (!value?.trim()) return [];
  return value.split(',').map((entry) => {
    const [keyId, publicKey] = entry.trim().split(':');
    if (!keyId || !publicKey || !/^[0-9a-f]{16}$/.test(keyId)) {
      throw new Error(`KEPU_TRUSTED_KEYS: "${entry}" is not keyId:base64PublicKey`);
    }
    return { keyId, publicKey };
  });
}

/** The public half of a publisher key, as kiosks trust it. */
export function trustedKey(key: PublisherKey): TrustedKey {
  return { keyId: key.keyId, publicKey: key.publicKey };
}

async function sign(data: Uint8Array, key: PublisherKey): Promise<Uint8Array> {
  const priv = await subtle.importKey('pkcs8', fromBase64(key.privateKey), ED25519, false, ['sign']);
  return new Uint8Array(await subtle.sign(ED25519, priv, data));
}

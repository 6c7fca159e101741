import { describe, expect, it } from 'vitest';
import { canonicalBytes } from './canonical-json.ts';
import { toBase64 } from './encoding.ts';
import type { PackManifest, SignedManifest, TrustedKey } from './pack-manifest.ts';
import { keyIdOf, type SubtleLike, sha256Hex, verifyBlob, verifyManifest } from './pack-verify.ts';

const webcrypto = globalThis.crypto.subtle;
// Tests compile with the DOM library, whose overloaded SubtleCrypto does not match the slice protocol declares.
const subtle = webcrypto as unknown as SubtleLike;
const ED25519 = { name: 'Ed25519' } as const;
const now = new Date('2026-12-01T00:00:00Z');

interface TestKey {
  trusted: TrustedKey;
  privateKey: CryptoKey;
}

async function makeKey(): Promise<TestKey> {
  const pair = (await webcrypto.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await webcrypto.exportKey('raw', pair.publicKey));
  return {
    trusted: { keyId: await keyIdOf(subtle, raw), publicKey: toBase64(raw) },
    privateKey: pair.privateKey,
  };
}

async function sign(manifest: PackManifest, key: TestKey): Promise<SignedManifest> {
  const value = new Uint8Array(
    await webcrypto.sign(ED25519, key.privateKey, canonicalBytes(manifest) as BufferSource),
  );
  return { manifest, signature: { alg: 'Ed25519', keyId: key.trusted.keyId, value: toBase64(value) } };
}

async function manifestWith(bytes: Uint8Array, patch: Partial<PackManifest> = {}): Promise<PackManifest> {
  return {
    format: 1,
    version: 10,
    created: '2026-11-01T00:00:00.000Z',
    expires: '2027-11-01T00:00:00.000Z',
    files: [
      {
        path: 'catalog.json',
        sha256: await sha256Hex(subtle, bytes),
        size: bytes.length,
        type: 'application/json',
      },
    ],
    ...patch,
  };
}

const blob = new TextEncoder().encode('{"articles":[]}');

describe('verifyManifest', () => {
  it('accepts a manifest signed by a trusted key, at or above the active version', async () => {
    const key = await makeKey();
    const signed = await sign(await manifestWith(blob), key);
    const opts = { subtle, keys: [key.trusted], now };
    expect(await verifyManifest(signed, opts)).toEqual(signed.manifest);
    expect((await verifyManifest(signed, { ...opts, activeVersion: 10 })).version).toBe(10);
  });

  it('PACK_MANIFEST_INVALID for a malformed file', async () => {
    await expect(verifyManifest({ manifest: {} }, { subtle, keys: [], now })).rejects.toMatchObject({
      code: 'PACK_MANIFEST_INVALID',
    });
  });

  it('PACK_SIGNATURE_INVALID when the manifest was changed after signing', async () => {
    const key = await makeKey();
    const signed = await sign(await manifestWith(blob), key);
    const tampered = { ...signed, manifest: { ...signed.manifest, version: 11 } };
    await expect(verifyManifest(tampered, { subtle, keys: [key.trusted], now })).rejects.toMatchObject({
      code: 'PACK_SIGNATURE_INVALID',
    });
  });

  it('PACK_KEY_UNKNOWN for a key the kiosk does not trust', async () => {
    const [signer, other] = [await makeKey(), await makeKey()];
    const signed = await sign(await manifestWith(blob), signer);
    await expect(verifyManifest(signed, { subtle, keys: [other.trusted], now })).rejects.toMatchObject({
      code: 'PACK_KEY_UNKNOWN',
    });
  });

  it('PACK_SIGNATURE_INVALID for the right key id with a different public key', async () => {
    const [signer, other] = [await makeKey(), await makeKey()];
    const signed = await sign(await manifestWith(blob), signer);
    const impostor = { keyId: signer.trusted.keyId, publicKey: other.trusted.publicKey };
    await expect(verifyManifest(signed, { subtle, keys: [impostor], now })).rejects.toMatchObject({
      code: 'PACK_SIGNATURE_INVALID',
    });
  });

  it('PACK_EXPIRED once the expiry has passed', async () => {
    const key = await makeKey();
    const signed = await sign(await manifestWith(blob, { expires: '2026-11-30T23:59:59.000Z' }), key);
    await expect(verifyManifest(signed, { subtle, keys: [key.trusted], now })).rejects.toMatchObject({
      code: 'PACK_EXPIRED',
    });
  });

  it('PACK_VERSION_ROLLBACK below the active version', async () => {
    const key = await makeKey();
    const signed = await sign(await manifestWith(blob, { version: 9 }), key);
    await expect(
      verifyManifest(signed, { subtle, keys: [key.trusted], now, activeVersion: 10 }),
    ).rejects.toMatchObject({ code: 'PACK_VERSION_ROLLBACK' });
  });
});

describe('verifyBlob', () => {
  it('accepts the bytes the manifest names and refuses changed ones', async () => {
    const manifest = await manifestWith(blob);
    const sha = manifest.files[0]?.sha256 ?? '';
    await expect(verifyBlob(subtle, blob, sha)).resolves.toBeUndefined();
    const changed = blob.slice();
    changed[1] = 0x20;
    await expect(verifyBlob(subtle, changed, sha)).rejects.toMatchObject({ code: 'BLOB_HASH_MISMATCH' });
  });
});

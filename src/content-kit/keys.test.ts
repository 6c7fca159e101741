import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../protocol/canonical-json.ts';
import { fromBase64 } from '../protocol/encoding.ts';
import type { PackManifest } from '../protocol/pack-manifest.ts';
import { keyIdOf, type SubtleLike, verifyManifest } from '../protocol/pack-verify.ts';
import { createKeyFile, generatePublisherKey, loadOrCreateKey, signManifest, trustedKey } from './keys.ts';

const webcrypto = globalThis.crypto.subtle;
// Tests compile with the DOM library, whose overloaded SubtleCrypto does not match the slice protocol declares.
const subtle = webcrypto as unknown as SubtleLike;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-keys-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const manifest: PackManifest = {
  format: 1,
  version: 7,
  created: '2026-11-28T00:00:00.000Z',
  expires: '2027-11-28T00:00:00.000Z',
  files: [{ path: 'catalog.json', sha256: 'a'.repeat(64), size: 2, type: 'application/json' }],
};

describe('publisher keys', () => {
  it('generates an Ed25519 pair whose id is derived from the public key', async () => {
    const key = await generatePublisherKey();
    expect(fromBase64(key.publicKey)).toHaveLength(32);
    expect(key.keyId).toBe(await keyIdOf(subtle, fromBase64(key.publicKey)));
    expect(trustedKey(key)).toEqual({ keyId: key.keyId, publicKey: key.publicKey });
  });

  it('signs the canonical manifest so that verifyManifest accepts it', async () => {
    const key = await generatePublisherKey();
    const signed = await signManifest(manifest, key);
    expect(signed.signature.keyId).toBe(key.keyId);
    const pub = await webcrypto.importKey(
      'raw',
      fromBase64(key.publicKey) as BufferSource,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    const sig = fromBase64(signed.signature.value);
    expect(
      await webcrypto.verify(
        { name: 'Ed25519' },
        pub,
        sig as BufferSource,
        canonicalBytes(manifest) as BufferSource,
      ),
    ).toBe(true);
    const now = new Date('2027-01-01T00:00:00Z');
    expect(await verifyManifest(signed, { subtle, keys: [trustedKey(key)], now })).toEqual(manifest);
  });

  it('refuses to sign an invalid manifest', async () => {
    const key = await generatePublisherKey();
    await expect(signManifest({ ...manifest, version: 0 }, key)).rejects.toThrow(/manifest is invalid/);
  });

  it('creates a key file with mode 0600 and folders, then loads the same key', async () => {
    const path = join(dir, 'a', 'b', 'publisher.json');
    const first = await loadOrCreateKey(path);
    expect(first.created).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateKey(path);
    expect(second).toEqual({ key: first.key, created: false });
  });

  it('never overwrites a key file', async () => {
    const path = join(dir, 'exists.json');
    await createKeyFile(path);
    const before = await readFile(path, 'utf8');
    await expect(createKeyFile(path)).rejects.toThrow(/^KEY_FILE_EXISTS: .*exists.json already exists$/);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', 'hello', /KEY_FILE_INVALID: .* is not JSON/],
    [
      'a missing field',
      '{"keyId":"0123456789abcdef"}',
      /KEY_FILE_INVALID: .*: publicKey is missing or malformed/,
    ],
  ])('refuses a corrupt key file: %s', async (_, text, error) => {
    const path = join(dir, 'corrupt.json');
    await writeFile(path, text);
    await expect(loadOrCreateKey(path)).rejects.toThrow(error);
  });

  it('refuses a key file whose parts do not belong together', async () => {
    const a = await generatePublisherKey();
    const b = await generatePublisherKey();
    const path = join(dir, 'mixed.json');
    await writeFile(path, JSON.stringify({ ...a, keyId: b.keyId }));
    await expect(loadOrCreateKey(path)).rejects.toThrow(/keyId does not match publicKey/);
    await writeFile(path, JSON.stringify({ ...a, privateKey: b.privateKey }));
    await expect(loadOrCreateKey(path)).rejects.toThrow(/privateKey does not belong to publicKey/);
  });
});

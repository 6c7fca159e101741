import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFile } from '../protocol/pack-manifest.ts';
import { type SubtleLike, verifyBlob } from '../protocol/pack-verify.ts';
import type { Root } from '../protocol/trust-metadata.ts';
import { trustCrypto, verifyContent } from '../protocol/trust-verify.ts';
import { type CompiledContent, compileContent } from './compile.ts';
import { generatePublisherKey, type PublisherKey } from './keys.ts';
import { type BuiltPack, writePack } from './pack.ts';
import { createTestLibrary, removeTestLibrary, type TestLibrary } from './test-library.ts';
import { buildRoot } from './trust-sign.ts';

const webcrypto = globalThis.crypto.subtle;
// Tests compile with the DOM library, whose overloaded SubtleCrypto does not match the slice protocol declares.
const subtle = webcrypto as unknown as SubtleLike;
const now = new Date('2026-12-01T00:00:00Z');
let lib: TestLibrary;
let outDir: string;
let key: PublisherKey;
let compiled: CompiledContent;
let built: BuiltPack;
let root: Root;

/** The manifest file as a kiosk checks it, with `key` as the root's content key. */
async function verifyFile(signed: unknown, floor: number | null = null) {
  const bytes = new TextEncoder().encode(JSON.stringify(signed));
  return (
    await verifyContent(trustCrypto(subtle), bytes, {
      root,
      formerKeys: new Set(),
      pin: null,
      floor,
      ref: now,
    })
  ).manifest;
}

beforeAll(async () => {
  lib = await createTestLibrary();
  outDir = await mkdtemp(join(tmpdir(), 'kepu-pack-'));
  key = await generatePublisherKey();
  const holder = { keyId: key.keyId, publicKey: key.publicKey, holder: 'test' };
  const role = { keys: [holder], threshold: 1 };
  root = buildRoot({
    version: 1,
    expires: new Date('2030-01-01'),
    timestampMaxHours: 24,
    root: role,
    content: role,
    timestamp: role,
  });
  compiled = await compileContent('content', { rootDir: lib.root });
  // The same bytes under two paths must be stored once.
  compiled.files.set('media/copy/cover.svg', compiled.files.get('media/boil-water/cover.svg') as never);
  await mkdir(join(outDir, 'blobs'));
  await writeFile(join(outDir, 'blobs', 'f'.repeat(64)), 'stale blob of an older build');
  built = await writePack(compiled, { outDir, key, version: 42, now, validDays: 30 });
});
afterAll(async () => {
  await removeTestLibrary(lib);
  await rm(outDir, { recursive: true, force: true });
});

describe('writePack', () => {
  it('writes a signed manifest that verifies', async () => {
    const signed = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
    expect(signed).toEqual(built.signed);
    const manifest = await verifyFile(signed, 41);
    expect(manifest.version).toBe(42);
    expect(manifest.created).toBe('2026-12-01T00:00:00.000Z');
    expect(manifest.expires).toBe('2026-12-31T00:00:00.000Z');
    expect(manifest.files.map((f) => f.path)).toEqual([...compiled.files.keys()].sort());
    expect(findFile(manifest, 'catalog.json')?.type).toBe('application/json');
  });

  it('stores every file once, by hash, and removes stale blobs', async () => {
    const names = (await readdir(join(outDir, 'blobs'))).sort();
    const hashes = [...new Set(built.manifest.files.map((f) => f.sha256))].sort();
    expect(names).toEqual(hashes);
    expect(hashes.length).toBe(built.manifest.files.length - 1);
    for (const file of built.manifest.files) {
      const bytes = new Uint8Array(await readFile(join(outDir, 'blobs', file.sha256)));
      expect(bytes.byteLength).toBe(file.size);
      await verifyBlob(subtle, bytes, file.sha256);
    }
  });

  it('a tampered blob fails verifyBlob with BLOB_HASH_MISMATCH', async () => {
    const file = findFile(built.manifest, 'catalog.json');
    if (!file) throw new Error('no catalog');
    const path = join(outDir, 'blobs', file.sha256);
    const bytes = new Uint8Array(await readFile(path));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await writeFile(path, bytes);
    await expect(verifyBlob(subtle, bytes, file.sha256)).rejects.toMatchObject({
      code: 'BLOB_HASH_MISMATCH',
    });
  });

  it('a tampered manifest fails with PACK_SIGNATURE_INVALID', async () => {
    const signed = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
    signed.signed.files[0].size += 1;
    await expect(verifyFile(signed)).rejects.toMatchObject({
      code: 'PACK_SIGNATURE_INVALID',
    });
  });

  it('refuses content with errors', async () => {
    const broken: CompiledContent = {
      ...compiled,
      diagnostics: [
        { severity: 'error', file: 'content/x.md', line: 3, code: 'RAW_HTML', message: 'raw HTML' },
      ],
    };
    await expect(writePack(broken, { outDir, key, version: 43 })).rejects.toThrow(
      'refusing to write a pack: the content has 1 error(s), first: content/x.md:3: error RAW_HTML: raw HTML',
    );
  });
});

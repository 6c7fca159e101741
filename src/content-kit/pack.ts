import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACK_FORMAT, type PackManifest } from '../protocol/pack-manifest.ts';
import { sha256Hex } from '../protocol/pack-verify.ts';
import type { Envelope } from '../protocol/trust-metadata.ts';
import type { CompiledContent } from './compile.ts';
import { formatDiagnostic } from './diagnostics.ts';
import type { PublisherKey } from './keys.ts';
import { mapPool } from './pool.ts';
import { signContent } from './trust-sign.ts';

/** A pack written to disk. */
export interface BuiltPack {
  manifest: PackManifest;
  /** The manifest in TUF's envelope, signed by the content key(s). */
  signed: Envelope<PackManifest>;
  dir: string;
}

/** Options for `writePack`. */
export interface WritePackOptions {
  outDir: string;
  /** The content key(s) of the current root. */
  key: PublisherKey | readonly PublisherKey[];
  /** Monotonic pack version (an integer of at least 1). */
  version: number;
  now?: Date;
  /** Days until kiosks refuse the pack; 365 by default. */
  validDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Hashes every file, signs the manifest and writes `<outDir>/manifest.json` and
 * `<outDir>/blobs/<sha256>`. `outDir` holds one pack: blobs of earlier builds are removed.
 * Throws when the compiled content has any error.
 */
export async function writePack(compiled: CompiledContent, options: WritePackOptions): Promise<BuiltPack> {
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0] ? formatDiagnostic(errors[0]) : '';
    throw new Error(`refusing to write a pack: the content has ${errors.length} error(s), first: ${first}`);
  }
  const now = options.now ?? new Date();
  const subtle = globalThis.crypto.subtle;
  const entries = [...compiled.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files = await mapPool(entries, 32, async ([path, { bytes, type }]) => ({
    path,
    sha256: await sha256Hex(subtle, bytes),
    size: bytes.byteLength,
    type,
  }));
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    version: options.version,
    created: now.toISOString(),
    expires: new Date(now.getTime() + (options.validDays ?? 365) * DAY_MS).toISOString(),
    files,
  };
  const signed = await signContent(manifest, 'privateKey' in options.key ? [options.key] : options.key);

  const blobsDir = join(options.outDir, 'blobs');
  await mkdir(blobsDir, { recursive: true });
  const blobs = new Map(files.map((f, i) => [f.sha256, entries[i]?.[1].bytes ?? new Uint8Array()]));
  await mapPool([...blobs], 32, ([hash, bytes]) => writeFile(join(blobsDir, hash), bytes));
  const stale = (await readdir(blobsDir)).filter((name) => /^[0-9a-f]{64}$/.test(name) && !blobs.has(name));
  await mapPool(stale, 32, (name) => rm(join(blobsDir, name), { force: true }));
  // Written last and renamed into place, so a reader never sees a manifest whose blobs are missing.
  const manifestPath = join(options.outDir, 'manifest.json');
  await writeFile(`${manifestPath}.tmp`, JSON.stringify(signed));
  await rename(`${manifestPath}.tmp`, manifestPath);
  return { manifest, signed, dir: options.outDir };
}

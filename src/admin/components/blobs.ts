import * as v from 'valibot';
import type { PackFile } from '../../protocol/pack-manifest.ts';

/** A pack file's bytes from the hub (blobs are public, immutable, named by sha256). */
export async function fetchBlob(file: PackFile): Promise<Blob> {
  const res = await fetch(`/api/v1/blobs/${file.sha256}`);
  if (!res.ok) throw new Error(`blob ${file.path}: ${res.status}`);
  // The manifest's type, so an SVG shows as an image (the hub serves blobs as bytes).
  return new Blob([await res.arrayBuffer()], { type: file.type });
}

/** A JSON pack file, checked against its schema. */
export async function fetchJson<T>(
  files: readonly PackFile[],
  path: string,
  schema: v.GenericSchema<unknown, T>,
): Promise<T> {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} is not in this release`);
  return v.parse(schema, JSON.parse(await (await fetchBlob(file)).text()));
}

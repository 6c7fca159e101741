import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import sharp from 'sharp';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'library');

/** A throw-away copy of the fixture library (for tests): `root/content/...`. */
export interface TestLibrary {
  root: string;
  /** Absolute path of a file given relative to `root/content`. */
  path(rel: string): string;
  read(rel: string): Promise<string>;
  write(rel: string, text: string | Uint8Array): Promise<void>;
  /** Replaces the first occurrence of `from` (which must exist) in a content file. */
  edit(rel: string, from: string, to: string): Promise<void>;
  remove(rel: string): Promise<void>;
}

/** Copies `fixtures/library` into a temp folder and adds the PNG photo the articles use. */
export async function createTestLibrary(): Promise<TestLibrary> {
  const root = await mkdtemp(join(tmpdir(), 'kepu-content-'));
  await cp(FIXTURE, root, { recursive: true });
  const lib: TestLibrary = {
    root,
    path: (rel) => join(root, 'content', rel),
    read: (rel) => readFile(lib.path(rel), 'utf8'),
    write: (rel, text) => writeFile(lib.path(rel), text),
    async edit(rel, from, to) {
      const text = await lib.read(rel);
      if (!text.includes(from)) throw new Error(`${rel} has no ${JSON.stringify(from)}`);
      await lib.write(rel, text.replace(from, to));
    },
    remove: (rel) => rm(lib.path(rel), { recursive: true, force: true }),
  };
  await writeFile(lib.path('articles/health/boil-water/boiling.png'), await testPng(1600, 900));
  return lib;
}

/** Removes a test library. */
export function removeTestLibrary(lib: TestLibrary): Promise<void> {
  return rm(lib.root, { recursive: true, force: true });
}

/** A small PNG of the given size (a flat colour). */
export function testPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 110, b: 160 } } })
    .png()
    .toBuffer();
}

/** A test library's `content/` folder as a zip, as an author would upload it (`content/...` inside). */
export async function zipTestLibrary(
  lib: TestLibrary,
  options: { topFolder?: boolean } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const base = join(lib.root, 'content');
  const files: Record<string, Uint8Array> = {};
  for (const entry of await readdir(base, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    const rel = relative(base, abs).split(sep).join('/');
    files[options.topFolder === false ? rel : `content/${rel}`] = await readFile(abs);
  }
  return zipSync(files);
}

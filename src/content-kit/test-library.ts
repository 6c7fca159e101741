import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

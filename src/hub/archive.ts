import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { unzipSync, type Zippable, zipSync } from 'fflate';

/** Why an uploaded archive was refused, before anything in it was looked at as content. */
export type ArchiveErrorCode =
  | 'ARCHIVE_INVALID'
  | 'ARCHIVE_UNSAFE_PATH'
  | 'ARCHIVE_SYMLINK'
  | 'ARCHIVE_TOO_LARGE'
  | 'ARCHIVE_TOO_MANY_FILES';

/** An archive refusal with a code and a reason people can act on. */
export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Limits on what an upload may unpack to. */
export interface ArchiveLimits {
  /** Total bytes of all files once unpacked. */
  maxBytes: number;
  maxFiles: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { maxBytes: 64 * 1024 * 1024, maxFiles: 5000 };

/** One entry of a zip's central directory, as its creator described it. */
interface ZipEntry {
  name: string;
  size: number;
  /** CRC-32 of the unpacked bytes, as the creator computed it. */
  crc: number;
  isDirectory: boolean;
  isSymlink: boolean;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Reads the central directory (names, sizes, unix modes) without unpacking anything. */
function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ArchiveError('ARCHIVE_INVALID', 'this file is not a zip archive');
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new ArchiveError('ARCHIVE_INVALID', 'zip64 archives are not supported; make a plain zip');
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      throw new ArchiveError('ARCHIVE_INVALID', 'the zip archive is damaged (central directory)');
    }
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const flags = view.getUint16(at + 8, true);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const attributes = view.getUint32(at + 38, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const mode = attributes >>> 16;
    entries.push({
      name,
      size,
      crc,
      isDirectory: name.endsWith('/'),
      // Unix (3) and macOS (19) creators keep the file type in the high bits.
      isSymlink: (madeBy === 3 || madeBy === 19) && (mode & 0o170000) === 0o120000,
      encrypted: (flags & 1) === 1,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A relative path with only safe segments, or a reason why not. */
function unsafeReason(name: string): string | null {
  if (name.includes('\\')) return 'uses backslashes';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is absolute';
  if (name.includes('\0')) return 'contains a NUL character';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'climbs out of the folder with ..';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or . segment';
  // File systems refuse longer names; unpacking would fail half-way.
  if (segments.some((s) => Buffer.byteLength(s) > 255)) return 'has a name longer than 255 bytes';
  return null;
}

/** Files an operating system adds to archives that are never content. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/.test(name);
}

/**
 * Unpacks a zip in memory after checking it is safe: no absolute or `..` paths, no symlinks,
 * no encryption, at most `maxFiles` files and `maxBytes` unpacked. Returns files by path
 * (folders and OS junk left out).
 */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits = ARCHIVE_LIMITS): Map<string, Uint8Array> {
  const entries = centralDirectory(bytes);
  let total = 0;
  let files = 0;
  const wanted = new Map<string, number>();
  const crcs = new Map<string, number>();
  for (const entry of entries) {
    const reason = unsafeReason(entry.name);
    if (reason) throw new ArchiveError('ARCHIVE_UNSAFE_PATH', `"${entry.name}" ${reason}`);
    if (entry.isSymlink) {
      throw new ArchiveError('ARCHIVE_SYMLINK', `"${entry.name}" is a symbolic link; links are not allowed`);
    }
    if (entry.encrypted) throw new ArchiveError('ARCHIVE_INVALID', `"${entry.name}" is encrypted`);
    if (entry.isDirectory || isJunk(entry.name)) continue;
    files += 1;
    total += entry.size;
    if (files > limits.maxFiles) {
      throw new ArchiveError('ARCHIVE_TOO_MANY_FILES', `more than ${limits.maxFiles} files in the archive`);
    }
    if (total > limits.maxBytes) {
      throw new ArchiveError(
        'ARCHIVE_TOO_LARGE',
        `the archive unpacks to more than ${Math.round(limits.maxBytes / 1024 / 1024)} MB`,
      );
    }
    if (wanted.has(entry.name)) throw new ArchiveError('ARCHIVE_INVALID', `"${entry.name}" appears twice`);
    wanted.set(entry.name, entry.size);
    crcs.set(entry.name, entry.crc);
  }
  // `a` and `a/b` cannot both be unpacked: a file cannot also be a folder.
  for (const name of wanted.keys()) {
    const segments = name.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (wanted.has(folder)) {
        throw new ArchiveError('ARCHIVE_INVALID', `"${folder}" is both a file and a folder`);
      }
    }
  }
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, {
      filter: (f) => wanted.has(f.name) && f.originalSize === wanted.get(f.name),
    });
  } catch (error) {
    throw new ArchiveError('ARCHIVE_INVALID', `the zip archive is damaged: ${(error as Error).message}`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, size] of wanted) {
    const data = unpacked[name];
    // A size that differs from the directory's is a damaged or hostile archive.
    if (!data || data.byteLength !== size) {
      throw new ArchiveError('ARCHIVE_INVALID', `"${name}" does not unpack to its declared size`);
    }
    // fflate does not check checksums: a damaged upload could otherwise unpack to other bytes.
    if (crc32(data) !== crcs.get(name)) {
      throw new ArchiveError('ARCHIVE_INVALID', `"${name}" is damaged (its checksum does not match)`);
    }
    out.set(name, data);
  }
  return out;
}

/**
 * Drops a common top folder (`content/`, or any single folder wrapping everything) so that
 * paths start where `marker` (e.g. `articles/`, `manifest.json`) is.
 */
export function stripTopFolder(
  files: Map<string, Uint8Array>,
  markers: readonly string[],
): Map<string, Uint8Array> {
  const names = [...files.keys()];
  const atRoot = (prefix: string) =>
    names.some((n) => markers.some((m) => (m.endsWith('/') ? n.startsWith(prefix + m) : n === prefix + m)));
  if (atRoot('')) return files;
  const first = names[0]?.split('/')[0];
  if (!first || !names.every((n) => n.startsWith(`${first}/`)) || !atRoot(`${first}/`)) return files;
  return new Map([...files].map(([name, data]) => [name.slice(first.length + 1), data]));
}

/** Writes unpacked files under `dir` (paths already checked by readZip). */
export async function writeFiles(dir: string, files: Map<string, Uint8Array>): Promise<void> {
  for (const [name, data] of files) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, { flag: 'wx' });
  }
}

/** Types already compressed: stored, not deflated again. */
const COMPRESSED = /^(image\/(png|jpeg|webp|gif)|audio\/|video\/)/;

/** A zip of `files` (path to bytes and media type), with a fixed date so equal input zips equally. */
export function makeZip(files: ReadonlyArray<{ path: string; bytes: Uint8Array; type: string }>): Uint8Array {
  const zippable: Zippable = {};
  const mtime = new Date('2020-01-01T00:00:00Z');
  for (const f of files) zippable[f.path] = [f.bytes, { level: COMPRESSED.test(f.type) ? 0 : 6, mtime }];
  return zipSync(zippable);
}

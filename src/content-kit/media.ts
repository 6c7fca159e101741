import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { type Diagnostic, error } from './diagnostics.ts';
import { createLimit } from './pool.ts';
import { checkSvg, svgSize } from './svg.ts';

/** Largest picture file the compiler accepts. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Rasters wider than this are scaled down. */
export const MAX_RASTER_WIDTH = 1280;

/** A file to put in the pack. */
export interface PackEntry {
  bytes: Uint8Array;
  type: string;
}

/** A picture ready for the pack: where it lives there, its fallback, its intrinsic size. */
export interface CompiledImage {
  src: string;
  fallback?: string;
  width: number;
  height: number;
  files: Map<string, PackEntry>;
}

/** What went wrong with a picture reference, before any file was read. */
export type ImageNameProblem = { code: 'IMAGE_NOT_FOUND' | 'IMAGE_INVALID'; message: string };

const EXT = /\.(svg|png|jpe?g)$/i;

/** Checks that a referenced picture is a plain file name of a supported format. */
export function checkImageName(name: string): ImageNameProblem | undefined {
  if (name.includes('/') || name.includes('\\') || name.includes(':') || name.startsWith('.')) {
    return { code: 'IMAGE_NOT_FOUND', message: `picture ${name} must be a file in the same folder` };
  }
  if (!EXT.test(name)) return { code: 'IMAGE_INVALID', message: `picture ${name}: use SVG, PNG or JPEG` };
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    return {
      code: 'IMAGE_INVALID',
      message: `picture ${name}: name it with letters, digits, '.', '-' and '_' only`,
    };
  }
  return undefined;
}

const rasterLimit = createLimit(4);

/**
 * Reads and converts one picture. Problems inside the file itself (too large, unsafe SVG,
 * unreadable) are reported against that file; `undefined` means the picture cannot be used.
 */
export async function compileImage(
  absPath: string,
  relPath: string,
  packDir: string,
  name: string,
  diagnostics: Diagnostic[],
): Promise<CompiledImage | undefined> {
  const info = await stat(absPath);
  if (!info.isFile()) {
    diagnostics.push(error(relPath, 1, 'IMAGE_INVALID', 'this picture is a folder, not a file'));
    return undefined;
  }
  if (info.size > MAX_IMAGE_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(1);
    diagnostics.push(error(relPath, 1, 'IMAGE_TOO_LARGE', `picture is ${mb} MB; the limit is 8 MB`));
    return undefined;
  }
  const bytes = await readFile(absPath);
  if (/\.svg$/i.test(name)) return svg(bytes, relPath, `${packDir}/${name}`, diagnostics);
  return rasterLimit(() => raster(bytes, relPath, packDir, name, diagnostics));
}

function svg(
  bytes: Buffer,
  relPath: string,
  path: string,
  diagnostics: Diagnostic[],
): CompiledImage | undefined {
  const text = new TextDecoder().decode(bytes);
  const findings = checkSvg(text);
  for (const f of findings)
    diagnostics.push(error(relPath, f.line, 'UNSAFE_SVG', `${f.message} is not allowed`));
  const size = svgSize(text);
  if (!size) diagnostics.push(error(relPath, 1, 'IMAGE_INVALID', 'the <svg> element needs a viewBox'));
  if (findings.length > 0 || !size) return undefined;
  const entry = { bytes: new Uint8Array(bytes), type: 'image/svg+xml' };
  return { src: path, ...size, files: new Map([[path, entry]]) };
}

async function raster(
  bytes: Buffer,
  relPath: string,
  packDir: string,
  name: string,
  diagnostics: Diagnostic[],
): Promise<CompiledImage | undefined> {
  try {
    const base = sharp(bytes, { failOn: 'error' }).rotate();
    const meta = await base.metadata();
    const photo = meta.format === 'jpeg';
    if (!photo && meta.format !== 'png') throw new Error(`the file is ${meta.format ?? 'not a picture'}`);
    const resized = base.resize({ width: MAX_RASTER_WIDTH, withoutEnlargement: true });
    const [webp, fallback] = await Promise.all([
      resized.clone().webp({ quality: 80 }).toBuffer({ resolveWithObject: true }),
      (photo ? resized.clone().jpeg({ quality: 82, mozjpeg: true }) : resized.clone().png()).toBuffer({
        resolveWithObject: true,
      }),
    ]);
    const src = `${packDir}/${name}.webp`;
    const fallbackPath = `${packDir}/${name.replace(EXT, photo ? '.jpg' : '.png')}`;
    const files = new Map<string, { bytes: Uint8Array; type: string }>([
      [src, { bytes: new Uint8Array(webp.data), type: 'image/webp' }],
      [fallbackPath, { bytes: new Uint8Array(fallback.data), type: photo ? 'image/jpeg' : 'image/png' }],
    ]);
    return { src, fallback: fallbackPath, width: webp.info.width, height: webp.info.height, files };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    diagnostics.push(error(relPath, 1, 'IMAGE_INVALID', `cannot read the picture: ${why}`));
    return undefined;
  }
}

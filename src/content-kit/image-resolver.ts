import { join } from 'node:path';
import { type Diagnostic, error } from './diagnostics.ts';
import { type CompiledImage, checkImageName, compileImage } from './media.ts';

/** Resolves picture references in one folder, converting each file once however often it is used. */
export type ImageResolver = (
  name: string,
  refFile: string,
  refLine: number,
) => Promise<CompiledImage | undefined>;

/**
 * A resolver for pictures in `absDir` (shown as `relDir`), placed in the pack under `packDir`.
 * Bad references are reported where they are written; bad files against the file itself.
 */
export function createImageResolver(
  absDir: string,
  relDir: string,
  packDir: string,
  names: ReadonlySet<string>,
  diagnostics: Diagnostic[],
): ImageResolver {
  const cache = new Map<string, Promise<CompiledImage | undefined>>();
  return (name, refFile, refLine) => {
    const problem = checkImageName(name);
    if (problem) {
      diagnostics.push(error(refFile, refLine, problem.code, problem.message));
      return Promise.resolve(undefined);
    }
    if (!names.has(name)) {
      diagnostics.push(error(refFile, refLine, 'IMAGE_NOT_FOUND', `picture ${name} not found in ${relDir}`));
      return Promise.resolve(undefined);
    }
    let result = cache.get(name);
    if (!result) {
      result = compileImage(join(absDir, name), `${relDir}/${name}`, packDir, name, diagnostics);
      cache.set(name, result);
    }
    return result;
  };
}

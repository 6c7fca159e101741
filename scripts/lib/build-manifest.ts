/** Reading Vite's build manifest. */

/** One entry of `.vite/manifest.json`. */
export interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The kiosk's page; the console (admin.html) is another entry and not the kiosk's weight. */
export const KIOSK_ENTRY = 'index.html';

function walk(manifest: Record<string, Chunk>, entry: string, dynamic: boolean): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
    if (dynamic) for (const dep of chunk.dynamicImports ?? []) visit(dep);
  };
  visit(entry);
  return [...seen].filter((f) => f.endsWith('.js'));
}

/** Files loaded before first interaction: the entry and everything it imports statically. */
export function initialFiles(manifest: Record<string, Chunk>, entry = KIOSK_ENTRY): string[] {
  return walk(manifest, entry, false);
}

/** Every JavaScript file the entry can ever load: static and lazy imports, transitively. */
export function reachableFiles(manifest: Record<string, Chunk>, entry = KIOSK_ENTRY): string[] {
  return walk(manifest, entry, true);
}

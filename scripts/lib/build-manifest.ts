/** Reading Vite's build manifest. */

/** One entry of `.vite/manifest.json`. */
export interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Files loaded before first interaction: the entries and everything they import statically. */
export function initialFiles(manifest: Record<string, Chunk>): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].filter((f) => f.endsWith('.js'));
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  TUTORIAL_CATALOG_PATH,
  type TutorialCatalog,
  type TutorialDoc,
  tutorialPath,
} from '../protocol/tutorial-doc.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { PackEntry } from './media.ts';
import { compileTutorialFile } from './tutorial.ts';

/**
 * Compiles every `tutorials/<id>.yaml` and adds `tutorials/<id>.json` and the catalog
 * (`tutorials.json`, by `order`, then id) to `files`. A tutorial with errors is left out.
 */
export async function compileTutorials(
  tutorialsDir: string,
  rel: (abs: string) => string,
  diagnostics: Diagnostic[],
  files: Map<string, PackEntry>,
): Promise<TutorialDoc[]> {
  const names = (await readdir(tutorialsDir).catch(() => [] as string[]))
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  const compiled = await Promise.all(
    names.map(async (name) => {
      const abs = join(tutorialsDir, name);
      return compileTutorialFile(
        await readFile(abs, 'utf8'),
        rel(abs),
        name.replace(/\.ya?ml$/, ''),
        diagnostics,
      );
    }),
  );
  const docs = compiled
    .filter((c): c is typeof c & { doc: TutorialDoc } => c.doc !== undefined)
    .sort((a, b) => a.order - b.order || (a.doc.id < b.doc.id ? -1 : 1))
    .map((c) => c.doc);
  const catalog: TutorialCatalog = {
    tutorials: docs.map((d) => ({
      id: d.id,
      icon: d.icon,
      title: d.title,
      summary: d.summary,
      steps: d.steps.length,
    })),
  };
  for (const doc of docs) files.set(tutorialPath(doc.id), json(doc));
  files.set(TUTORIAL_CATALOG_PATH, json(catalog));
  return docs;
}

function json(value: unknown): PackEntry {
  return { bytes: new TextEncoder().encode(JSON.stringify(value)), type: 'application/json' };
}

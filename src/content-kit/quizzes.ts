import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { QuizBank } from '../protocol/quiz-doc.ts';
import { TOPICS } from '../protocol/topics.ts';
import { type Diagnostic, error } from './diagnostics.ts';
import { createImageResolver } from './image-resolver.ts';
import type { PackEntry } from './media.ts';
import { mapPool } from './pool.ts';
import { type CompiledQuizFile, compileQuizFile } from './quiz.ts';

/** Where quiz pictures go in a pack (`_` cannot start an article id, so no clash with article media). */
export const QUIZ_MEDIA_DIR = 'media/_quiz';

/**
 * Compiles every `quizzes/<topic>.yaml`, checks question ids across files and `article:`
 * references, adds quiz pictures to `files`, and returns the banks in topic order.
 */
export async function compileQuizzes(
  quizzesDir: string,
  rel: (abs: string) => string,
  articleIds: ReadonlySet<string>,
  diagnostics: Diagnostic[],
  files: Map<string, PackEntry>,
): Promise<QuizBank[]> {
  const names = (await readdir(quizzesDir).catch(() => [] as string[]))
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  const mediaDir = join(quizzesDir, 'media');
  const mediaNames = new Set(await readdir(mediaDir).catch(() => [] as string[]));
  const resolve = createImageResolver(mediaDir, rel(mediaDir), QUIZ_MEDIA_DIR, mediaNames, diagnostics);
  const compiled = await mapPool(names, 4, async (name) => {
    const abs = join(quizzesDir, name);
    const text = await readFile(abs, 'utf8');
    return compileQuizFile(text, rel(abs), name.replace(/\.ya?ml$/, ''), resolve, diagnostics);
  });

  const dropped = duplicates(compiled, diagnostics);
  for (const file of compiled) {
    for (const ref of file.articles) {
      if (!articleIds.has(ref.article)) {
        const msg = `article: ${ref.article} is not the id of any article`;
        diagnostics.push(error(ref.file, ref.line, 'UNKNOWN_ARTICLE', msg));
      }
    }
  }
  const banks: QuizBank[] = [];
  for (const topic of TOPICS) {
    const sources = compiled.filter((f) => f.topic === topic);
    if (sources.length === 0) continue;
    for (const file of sources) for (const [path, entry] of file.files) files.set(path, entry);
    const questions = sources.flatMap((f) => f.questions).filter((q) => !dropped.has(q));
    banks.push({ topic, questions });
  }
  return banks;
}

/** Reports every question id used before (in file order) and returns the later questions. */
function duplicates(files: CompiledQuizFile[], diagnostics: Diagnostic[]): Set<unknown> {
  const first = new Map<string, { file: string; line: number }>();
  const dropped = new Set<unknown>();
  for (const file of files) {
    for (const at of file.ids) {
      const seen = first.get(at.id);
      if (!seen) {
        first.set(at.id, at);
        continue;
      }
      const msg = `question id ${at.id} is already used at ${seen.file}:${seen.line}`;
      diagnostics.push(error(at.file, at.line, 'DUPLICATE_ID', msg));
      const question = file.questions.find((q) => q.id === at.id && q !== undefined);
      if (question) dropped.add(question);
    }
  }
  return dropped;
}

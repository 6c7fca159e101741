import * as v from 'valibot';
import {
  type PictureOption,
  QUIZ_DIMENSIONS,
  QUIZ_TYPES,
  type QuizQuestion,
  QuizQuestionSchema,
} from '../protocol/quiz-doc.ts';
import { isTopicId, TOPICS } from '../protocol/topics.ts';
import { type Diagnostic, error } from './diagnostics.ts';
import { SourceFieldSchema } from './front-matter.ts';
import type { ImageResolver } from './image-resolver.ts';
import type { PackEntry } from './media.ts';
import { checkAnswer } from './quiz-answer.ts';
import { isRecord, QuizReporter, type YamlPath } from './quiz-fields.ts';
import { sourceIssues } from './source-rule.ts';
import { parseYaml } from './yaml-source.ts';

/** One quiz file compiled: its valid questions and what to check against the whole library. */
export interface CompiledQuizFile {
  topic?: string;
  questions: QuizQuestion[];
  ids: { id: string; file: string; line: number }[];
  articles: { article: string; file: string; line: number }[];
  files: Map<string, PackEntry>;
}

const KEYS = [
  'id',
  'type',
  'difficulty',
  'dimension',
  'article',
  'source',
  'question',
  'options',
  'answer',
  'explanation',
];
const REQUIRED = ['id', 'type', 'difficulty', 'dimension', 'source', 'question', 'answer', 'explanation'];
const ID = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(80));
const ID_MESSAGE = 'must be lower-case letters, digits and hyphens';

/** Checks and compiles `quizzes/<topic>.yaml`; `stem` is the file name without `.yaml`. */
export async function compileQuizFile(
  text: string,
  file: string,
  stem: string,
  resolveImage: ImageResolver,
  diagnostics: Diagnostic[],
): Promise<CompiledQuizFile> {
  const out: CompiledQuizFile = { questions: [], ids: [], articles: [], files: new Map() };
  const yaml = parseYaml(text);
  const r = new QuizReporter(file, yaml, diagnostics);
  if (yaml.syntaxErrors.length > 0) {
    for (const e of yaml.syntaxErrors) diagnostics.push(error(file, e.line, 'YAML_SYNTAX', e.message));
    return out;
  }
  const root = yaml.value;
  if (!isRecord(root) || !Array.isArray(root.questions)) {
    r.report([], 'QUIZ_INVALID', 'a quiz file needs `topic:` and a `questions:` list');
    return out;
  }
  for (const key of Object.keys(root)) {
    if (key !== 'topic' && key !== 'questions') r.report([key], 'QUIZ_INVALID', `unknown field ${key}`);
  }
  if (!isTopicId(root.topic)) {
    r.report(['topic'], 'UNKNOWN_TOPIC', `topic "${String(root.topic)}" is not one of ${TOPICS.join(', ')}`);
  } else if (root.topic !== stem) {
    const msg = `topic "${root.topic}" does not match the file name ${stem}.yaml`;
    r.report(['topic'], 'TOPIC_FOLDER_MISMATCH', msg);
  } else out.topic = root.topic;
  const built = await Promise.all(
    root.questions.map((q, i) => question(r, ['questions', i], q, out, resolveImage)),
  );
  for (const q of built) if (q) out.questions.push(q);
  return out;
}

async function question(
  r: QuizReporter,
  path: YamlPath,
  q: unknown,
  out: CompiledQuizFile,
  resolveImage: ImageResolver,
): Promise<QuizQuestion | undefined> {
  if (!isRecord(q)) {
    r.report(path, 'QUIZ_INVALID', 'each question must be a map of fields (id, type, ...)');
    return undefined;
  }
  const before = r.errors;
  const at = (key: string) => [...path, key];
  for (const key of Object.keys(q)) {
    if (!KEYS.includes(key)) r.report(at(key), 'QUIZ_INVALID', 'unknown field');
  }
  for (const key of REQUIRED) {
    if (q[key] === undefined || q[key] === null)
      r.report(path, 'QUIZ_INVALID', `missing required field ${key}`);
  }
  const check = <T>(key: string, schema: v.GenericSchema<unknown, T>, message: string) =>
    q[key] === undefined || q[key] === null ? undefined : r.field(at(key), q[key], schema, message);
  const id = check('id', ID, ID_MESSAGE);
  if (id) out.ids.push({ id, file: r.file, line: r.yaml.lineAt(at('id'), 1) });
  const type = check('type', v.picklist(QUIZ_TYPES), `must be one of ${QUIZ_TYPES.join(', ')}`);
  check('difficulty', v.picklist([1, 2, 3]), 'must be 1 (easy), 2 or 3 (hard)');
  check('dimension', v.picklist(QUIZ_DIMENSIONS), `must be one of ${QUIZ_DIMENSIONS.join(', ')}`);
  if (q.article !== undefined) {
    const article = r.field(at('article'), q.article, ID, ID_MESSAGE);
    if (article) out.articles.push({ article, file: r.file, line: r.yaml.lineAt(at('article'), 1) });
  }
  const issues = sourceIssues(q.source);
  for (const issue of issues) r.report([...at('source'), ...issue.path], issue.code, issue.message);
  const source =
    issues.length > 0
      ? undefined
      : check('source', SourceFieldSchema, 'must be a source with title, publisher, year and url');
  const texts = {
    question: q.question == null ? undefined : r.localized(at('question'), q.question),
    explanation: q.explanation == null ? undefined : r.localized(at('explanation'), q.explanation),
  };
  const options = type ? await optionsOf(r, at('options'), q.options, type, out, resolveImage) : undefined;
  if (type) checkAnswer(r, at('answer'), q.answer, type, options?.length);
  // A picture that failed to convert was reported against its own file, not through `r`.
  if (r.errors > before || (type !== 'truefalse' && !options)) return undefined;
  const compiled = { ...q, ...texts, source, ...(options ? { options } : {}) };
  const parsed = v.safeParse(QuizQuestionSchema, compiled);
  if (!parsed.success)
    throw new Error(`compiler bug: question ${id} fails QuizQuestionSchema: ${parsed.issues[0].message}`);
  return parsed.output;
}

async function optionsOf(
  r: QuizReporter,
  path: YamlPath,
  value: unknown,
  type: (typeof QUIZ_TYPES)[number],
  out: CompiledQuizFile,
  resolveImage: ImageResolver,
): Promise<(PictureOption | Record<string, string>)[] | undefined> {
  if (type === 'truefalse') {
    if (value !== undefined) r.report(path, 'ANSWER_OUT_OF_RANGE', 'a truefalse question has no options');
    return undefined;
  }
  if (!Array.isArray(value) || value.length < 2 || value.length > 8) {
    r.report(path, 'QUIZ_INVALID', 'give a list of 2 to 8 options');
    return undefined;
  }
  const picture = type === 'picture';
  const options = await Promise.all(
    value.map(async (option, i) => {
      const text = r.localized([...path, i], option, picture ? ['image', 'alt'] : []);
      if (!picture || !isRecord(option)) return text;
      if (option.alt === undefined)
        r.report([...path, i], 'IMAGE_ALT_MISSING', 'a picture option needs alt text');
      const alt = option.alt === undefined ? undefined : r.localized([...path, i, 'alt'], option.alt);
      if (typeof option.image !== 'string') {
        r.report([...path, i], 'QUIZ_INVALID', 'a picture option needs image: <file in quizzes/media>');
        return undefined;
      }
      const image = await resolveImage(option.image, r.file, r.yaml.lineAt([...path, i, 'image'], 1));
      if (!image) return undefined;
      for (const [p, entry] of image.files) out.files.set(p, entry);
      if (!text || !alt) return undefined;
      return { ...text, image: image.src, width: image.width, height: image.height, alt };
    }),
  );
  return options.every((o) => o !== undefined) ? options : undefined;
}

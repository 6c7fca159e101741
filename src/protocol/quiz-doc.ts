import * as v from 'valibot';
import { LocalizedTextSchema, PackPath, SourceSchema } from './content-doc.ts';
import { TOPICS } from './topics.ts';

/** Kinds of quiz question. */
export const QUIZ_TYPES = ['single', 'multiple', 'truefalse', 'picture'] as const;
/** What a question tests, for the science-literacy self-test balance. */
export const QUIZ_DIMENSIONS = ['knowledge', 'method', 'thinking', 'application'] as const;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(80));
const Index = v.pipe(v.number(), v.integer(), v.minValue(0));
const Size = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000));

const base = {
  id: Id,
  difficulty: v.picklist([1, 2, 3]),
  dimension: v.picklist(QUIZ_DIMENSIONS),
  /** The article that teaches the answer, by id. */
  article: v.optional(Id),
  source: SourceSchema,
  question: LocalizedTextSchema,
  explanation: LocalizedTextSchema,
};

const Options = v.pipe(v.array(LocalizedTextSchema), v.minLength(2), v.maxLength(8));

/** A picture answer: its text, the picture (a pack path) with intrinsic size, and alt text. */
export const PictureOptionSchema = v.strictObject({
  ...LocalizedTextSchema.entries,
  image: PackPath,
  width: Size,
  height: Size,
  alt: LocalizedTextSchema,
});
export type PictureOption = v.InferOutput<typeof PictureOptionSchema>;

const QuestionVariants = v.variant('type', [
  v.strictObject({ ...base, type: v.literal('single'), options: Options, answer: Index }),
  v.strictObject({
    ...base,
    type: v.literal('multiple'),
    options: Options,
    answer: v.pipe(v.array(Index), v.minLength(1)),
  }),
  v.strictObject({ ...base, type: v.literal('truefalse'), answer: v.boolean() }),
  v.strictObject({
    ...base,
    type: v.literal('picture'),
    options: v.pipe(v.array(PictureOptionSchema), v.minLength(2), v.maxLength(8)),
    answer: Index,
  }),
]);

/** One compiled question. `answer` is an option index, a list of indexes (multiple) or a boolean. */
export const QuizQuestionSchema = v.pipe(
  QuestionVariants,
  v.check(answerFits, 'answer does not fit the options'),
);
export type QuizQuestion = v.InferOutput<typeof QuizQuestionSchema>;

/** The question bank of one topic: `quizzes/<topic>.json` in a pack. */
export const QuizBankSchema = v.pipe(
  v.strictObject({ topic: v.picklist(TOPICS), questions: v.array(QuizQuestionSchema) }),
  v.check((b) => new Set(b.questions.map((q) => q.id)).size === b.questions.length, 'duplicate question id'),
);
export type QuizBank = v.InferOutput<typeof QuizBankSchema>;

/** Path of a topic's question bank in a pack. */
export function quizPath(topic: string): string {
  return `quizzes/${topic}.json`;
}

/** True when the answer names existing options (each once, for `multiple`). */
export function answerFits(q: v.InferOutput<typeof QuestionVariants>): boolean {
  if (q.type === 'truefalse') return true;
  const count = q.options.length;
  if (q.type === 'multiple')
    return new Set(q.answer).size === q.answer.length && q.answer.every((a) => a < count);
  return q.answer < count;
}

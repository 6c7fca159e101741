import type { QUIZ_TYPES } from '../protocol/quiz-doc.ts';
import type { QuizReporter, YamlPath } from './quiz-fields.ts';

/** Checks that `answer` suits the question type and names existing options (counted from 0). */
export function checkAnswer(
  r: QuizReporter,
  path: YamlPath,
  answer: unknown,
  type: (typeof QUIZ_TYPES)[number],
  count: number | undefined,
): void {
  if (answer === undefined) return;
  const range = count === undefined ? '' : `: options are numbered 0 to ${count - 1}`;
  const index = (a: unknown, at: YamlPath): boolean => {
    if (typeof a !== 'number' || !Number.isInteger(a) || a < 0) {
      r.report(at, 'ANSWER_OUT_OF_RANGE', `${String(a)} is not an option number (counted from 0)`);
      return false;
    }
    if (count !== undefined && a >= count) {
      r.report(at, 'ANSWER_OUT_OF_RANGE', `${a} is past the last option${range}`);
      return false;
    }
    return true;
  };
  if (type === 'truefalse') {
    if (typeof answer !== 'boolean') r.report(path, 'ANSWER_OUT_OF_RANGE', 'must be true or false');
    return;
  }
  if (type !== 'multiple') {
    if (Array.isArray(answer)) {
      r.report(
        path,
        'ANSWER_OUT_OF_RANGE',
        `a ${type} question has one answer; use type: multiple for a list`,
      );
    } else index(answer, path);
    return;
  }
  if (!Array.isArray(answer) || answer.length === 0) {
    r.report(
      path,
      'ANSWER_OUT_OF_RANGE',
      'a multiple question needs a list of every correct option, like [0, 2]',
    );
    return;
  }
  const seen = new Set<unknown>();
  answer.forEach((a, i) => {
    if (!index(a, [...path, i])) return;
    if (seen.has(a)) r.report([...path, i], 'ANSWER_OUT_OF_RANGE', `option ${a} is listed twice`);
    seen.add(a);
  });
}

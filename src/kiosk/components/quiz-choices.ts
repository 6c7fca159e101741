import type { Picture } from '../../protocol/content-doc.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { QuizQuestion } from '../../protocol/quiz-doc.ts';
import { type Answer, optionPicture } from '../data/quiz-engine.ts';
import type { IconName } from './Icon.tsx';
import type { QuizT } from './use-quiz-t.ts';

/** One answer a resident can pick: its value, a letter (or an icon for true/false), text, picture. */
export interface Choice {
  value: number | boolean;
  mark: string;
  icon?: IconName;
  label: string;
  picture?: Picture;
}

/** The answers of a question in one language, in order. */
export function choicesOf(question: QuizQuestion, locale: Locale, t: QuizT): Choice[] {
  if (question.type === 'truefalse') {
    return [
      { value: true, mark: '', icon: 'check', label: t('quiz.true') },
      { value: false, mark: '', icon: 'cross', label: t('quiz.false') },
    ];
  }
  return question.options.map((option, i) => {
    const picture = optionPicture(question, i, locale);
    return {
      value: i,
      mark: String.fromCharCode(65 + i),
      label: option[locale],
      ...(picture ? { picture } : {}),
    };
  });
}

/** True when a choice is (one of) the right answer(s). */
export function isCorrectChoice(question: QuizQuestion, choice: Choice): boolean {
  if (question.type === 'multiple') return question.answer.includes(choice.value as number);
  return question.answer === choice.value;
}

/** True when the resident picked this choice. */
export function isChosen(answer: Answer | undefined, choice: Choice): boolean {
  if (answer === undefined) return false;
  return Array.isArray(answer) ? answer.includes(choice.value as number) : answer === choice.value;
}

/** The right answer in words, e.g. "B. Empty standing water" or "A. …; C. …". */
export function rightAnswerText(question: QuizQuestion, choices: readonly Choice[]): string {
  return choices
    .filter((c) => isCorrectChoice(question, c))
    .map((c) => (c.mark ? `${c.mark}. ${c.label}` : c.label))
    .join('; ');
}

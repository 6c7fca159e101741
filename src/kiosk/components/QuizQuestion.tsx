import type { QuizQuestion as Question } from '../../protocol/quiz-doc.ts';
import type { QuizMessageKey } from '../i18n/quiz/index.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import type { QuizStore } from '../stores/quiz-store.ts';
import { Icon } from './Icon.tsx';
import { PackImage } from './PackImage.tsx';
import { QuizFeedback } from './QuizFeedback.tsx';
import { type Choice, choicesOf, isChosen, isCorrectChoice } from './quiz-choices.ts';
import { ReadAloud } from './ReadAloud.tsx';
import { SpeakButton } from './SpeakButton.tsx';
import { useQuizT } from './use-quiz-t.ts';

const HINTS: Record<Question['type'], QuizMessageKey> = {
  single: 'quiz.chooseOne',
  multiple: 'quiz.chooseAll',
  truefalse: 'quiz.chooseTrueFalse',
  picture: 'quiz.choosePicture',
};

/** The current question: its text, big answer buttons, "check" for multiple choice, then feedback. */
export function QuizQuestion({ store }: { store: QuizStore }) {
  const { session } = useKiosk();
  const t = useQuizT();
  const locale = session.locale.value;
  const item = store.item.value;
  if (!item) return null;
  const { question } = item;
  const answer = store.answer.value;
  const answered = answer !== undefined;
  const choices = choicesOf(question, locale, t);
  const mixed = store.quiz === 'daily' || store.quiz === 'selftest';
  const spoken = [
    question.question[locale],
    ...choices.map((c) => (c.mark ? `${c.mark}. ${c.label}` : c.label)),
  ].join(' ');

  return (
    <section
      class={answered ? 'question question--answered' : 'question'}
      data-question={question.id}
      data-type={question.type}
      aria-labelledby="question-text"
    >
      {!answered && <ReadAloud text={spoken} />}
      <div class="question__head">
        {mixed && (
          <p class="question__topic" data-topic={item.topic}>
            {t(`topic.${item.topic}`)}
          </p>
        )}
        <h2 class="question__text" id="question-text">
          {question.question[locale]}
        </h2>
        <div class="question__hint">
          <p>{t(HINTS[question.type])}</p>
          <SpeakButton text={spoken} label={t('quiz.listenQuestion')} />
        </div>
      </div>
      <ul class={`answers answers--${question.type}`} aria-label={t('quiz.answersLabel')}>
        {choices.map((choice) => (
          <li key={String(choice.value)}>
            {answered ? (
              <AnswerShown
                choice={choice}
                correct={isCorrectChoice(question, choice)}
                chosen={isChosen(answer, choice)}
              />
            ) : (
              <AnswerButton store={store} question={question} choice={choice} />
            )}
          </li>
        ))}
      </ul>
      {question.type === 'multiple' && !answered && (
        <button
          type="button"
          class="big-button quiz-check"
          disabled={store.selection.value.size === 0}
          onClick={store.check}
        >
          <Icon name="check" />
          {t('quiz.check')}
        </button>
      )}
      {answered && <QuizFeedback store={store} choices={choices} />}
    </section>
  );
}

function AnswerFace({ choice, icon }: { choice: Choice; icon?: 'check' | 'cross' }) {
  return (
    <>
      <span class="answer__mark" aria-hidden="true">
        {icon ? <Icon name={icon} /> : choice.icon ? <Icon name={choice.icon} /> : choice.mark}
      </span>
      {choice.picture && <PackImage picture={choice.picture} class="answer__picture" />}
      <span class="answer__label">{choice.label}</span>
    </>
  );
}

function AnswerButton({ store, question, choice }: { store: QuizStore; question: Question; choice: Choice }) {
  if (question.type === 'multiple') {
    const selected = store.selection.value.has(choice.value as number);
    return (
      <button
        type="button"
        class="answer"
        aria-pressed={selected}
        onClick={() => store.toggle(choice.value as number)}
      >
        <AnswerFace choice={choice} {...(selected ? { icon: 'check' as const } : {})} />
      </button>
    );
  }
  return (
    <button type="button" class="answer" onClick={() => store.choose(choice.value)}>
      <AnswerFace choice={choice} />
    </button>
  );
}

// After answering: the right answer(s) and the resident's choice, by colour, icon and words.
function AnswerShown({ choice, correct, chosen }: { choice: Choice; correct: boolean; chosen: boolean }) {
  const t = useQuizT();
  const state = correct ? 'right' : chosen ? 'wrong' : 'other';
  return (
    <div class={`answer answer--${state}`}>
      <AnswerFace
        choice={choice}
        {...(correct ? { icon: 'check' as const } : chosen ? { icon: 'cross' as const } : {})}
      />
      {(correct || chosen) && (
        <span class="answer__tags">
          {correct && <span class="tag tag--right">{t('quiz.correctAnswer')}</span>}
          {chosen && (
            <span class={correct ? 'tag tag--chosen' : 'tag tag--wrong'}>{t('quiz.yourAnswer')}</span>
          )}
        </span>
      )}
    </div>
  );
}

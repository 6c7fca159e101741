import { useEffect, useRef } from 'preact/hooks';
import { useKiosk } from '../stores/kiosk-context.ts';
import type { QuizStore } from '../stores/quiz-store.ts';
import { Icon } from './Icon.tsx';
import { type Choice, rightAnswerText } from './quiz-choices.ts';
import { ReadAloud } from './ReadAloud.tsx';
import { SpeakButton } from './SpeakButton.tsx';
import { useQuizT } from './use-quiz-t.ts';

/** Right or wrong (icon, words and colour), the right answer, the explanation with its source, and Next. */
export function QuizFeedback({ store, choices }: { store: QuizStore; choices: readonly Choice[] }) {
  const { session } = useKiosk();
  const t = useQuizT();
  const locale = session.locale.value;
  const verdict = useRef<HTMLHeadingElement>(null);
  const item = store.item.value;
  const right = store.rights.value[store.index.value] === true;

  // The verdict takes the focus (screen readers announce it) and scrolls into view on tall panels.
  useEffect(() => {
    verdict.current?.focus({ preventScroll: true });
    verdict.current?.parentElement?.scrollIntoView({ block: 'nearest' });
  }, []);

  if (!item) return null;
  const { question } = item;
  const answerText = t('quiz.theAnswer', { answer: rightAnswerText(question, choices) });
  const explanation = question.explanation[locale];
  const { publisher, title, year } = question.source;
  const spoken = [t(right ? 'quiz.right' : 'quiz.wrong'), right ? '' : answerText, explanation]
    .filter(Boolean)
    .join(' ');

  return (
    <div class={right ? 'feedback feedback--right' : 'feedback feedback--wrong'}>
      <ReadAloud text={spoken} />
      <h3 class="feedback__verdict" ref={verdict} tabIndex={-1}>
        <span class="feedback__icon">
          <Icon name={right ? 'check' : 'cross'} />
        </span>
        {t(right ? 'quiz.right' : 'quiz.wrong')}
      </h3>
      {!right && <p class="feedback__answer">{answerText}</p>}
      <p class="feedback__explanation">{explanation}</p>
      <p class="feedback__source">{t('quiz.source', { source: `${publisher}. ${title}. ${year}` })}</p>
      <div class="feedback__actions">
        <SpeakButton text={spoken} label={t('quiz.listenExplanation')} />
        <button type="button" class="big-button" onClick={store.next}>
          {t(store.isLast.value ? 'quiz.finish' : 'quiz.next')}
          <Icon name="next" />
        </button>
      </div>
    </div>
  );
}

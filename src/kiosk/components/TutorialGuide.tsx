import type { Locale } from '../../protocol/locales.ts';
import type { TutorialAction } from '../../protocol/tutorial-doc.ts';
import { useT } from '../stores/kiosk-context.ts';
import type { TutorialRun } from '../stores/tutorial-run.ts';
import { Icon } from './Icon.tsx';
import { type GuideIcon, PhoneIcon } from './PhoneIcon.tsx';
import { useLessonT } from './use-lesson-t.ts';

type Gesture = Exclude<TutorialAction, 'tap' | 'type'>;
const GESTURE_ICONS: Record<Gesture, GuideIcon> = {
  longpress: 'hold',
  'swipe-left': 'arrow-left',
  'swipe-right': 'arrow-right',
  'swipe-up': 'arrow-up',
  'swipe-down': 'arrow-down',
};

/** The words of the hint for an action (a swipe names its button). */
export function hintText(lt: ReturnType<typeof useLessonT>, action: TutorialAction): string {
  if (action === 'tap' || action === 'type' || action === 'longpress') return lt(`lesson.hint.${action}`);
  return lt('lesson.hint.swipe', { action: lt(`lesson.do.${action}`) });
}

/**
 * Beside the phone: the step's instruction in big type, what to type, the button that does a
 * gesture for those who only tap, and the kind hint.
 */
export function TutorialGuide({ run, locale }: { run: TutorialRun; locale: Locale }) {
  const lt = useLessonT();
  const step = run.step.value;
  const index = run.index.value;
  const total = run.doc.steps.length;
  const hint = run.hint.value;
  const gesture = step.action !== 'tap' && step.action !== 'type' ? step.action : undefined;
  const typed = run.typed.value;

  return (
    <section class="guide" aria-labelledby="guide-title">
      <h1 id="guide-title" class="guide__title">
        {run.doc.title[locale]}
      </h1>
      <p class="guide__progress">
        <span>{lt('lesson.progress', { step: index + 1, total })}</span>
        <span class="guide__bar" aria-hidden="true">
          <span style={{ width: `${((index + 1) / total) * 100}%` }} />
        </span>
      </p>
      <p class="guide__instruction" aria-live="polite">
        {step.narration[locale]}
      </p>
      {step.action === 'type' && step.text && (
        <p class="guide__typing">
          <span>{lt('lesson.toType')}</span>{' '}
          <span class="guide__chars">
            {[...step.text].map((c, i) => (
              <span
                key={i}
                class={i < typed.length ? 'is-typed' : i === typed.length ? 'is-next' : undefined}
              >
                {c}
              </span>
            ))}
          </span>
        </p>
      )}
      {gesture && (
        <button type="button" class="big-button guide__do" onClick={() => run.act(step.target, gesture)}>
          <PhoneIcon name={GESTURE_ICONS[gesture]} />
          <span>{lt(`lesson.do.${gesture}`)}</span>
        </button>
      )}
      {hint && (
        <p class="guide__hint" role="status">
          <Icon name="hand" />
          <span>
            <strong>{lt(`lesson.hint.${hint}`)}</strong> {hintText(lt, step.action)}
          </span>
        </p>
      )}
    </section>
  );
}

/** Back one step, start over, and listen again (hidden when no voice speaks the language). */
export function TutorialTools({
  run,
  canSpeak,
  onListen,
}: {
  run: TutorialRun;
  canSpeak: boolean;
  onListen: () => void;
}) {
  const t = useT();
  const lt = useLessonT();
  return (
    <div class="tutorial__tools" role="toolbar" aria-label={t('article.tools')}>
      <button
        type="button"
        class="tool-button"
        onClick={run.back}
        disabled={run.index.value === 0 && run.typed.value === ''}
      >
        <Icon name="back" />
        <span>{lt('lesson.back')}</span>
      </button>
      <button type="button" class="tool-button" onClick={run.restart}>
        <PhoneIcon name="flip" />
        <span>{lt('lesson.restart')}</span>
      </button>
      {canSpeak && (
        <button type="button" class="tool-button" onClick={onListen}>
          <Icon name="speaker" />
          <span>{lt('lesson.listen')}</span>
        </button>
      )}
    </div>
  );
}

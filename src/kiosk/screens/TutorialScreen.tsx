import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TutorialDoc } from '../../protocol/tutorial-doc.ts';
import { PHONE_FRAME, Phone } from '../components/Phone.tsx';
import { TutorialDone } from '../components/TutorialDone.tsx';
import { hintText, TutorialGuide, TutorialTools } from '../components/TutorialGuide.tsx';
import { useLessonT } from '../components/use-lesson-t.ts';
import { useLoad } from '../components/use-load.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';
import { createTutorialRun } from '../stores/tutorial-run.ts';
import { ContentUnavailable } from './ArticleScreen.tsx';

/** Seconds without progress before the target starts to glow. */
export const HINT_AFTER_MS = 8000;
/** The most of the panel's width the phone may take (the rest is for the guide or the tools). */
const WIDTH_SHARE = { landscape: 0.5, portrait: 0.72 };

/** A phone tutorial: the simulated phone and its guide, then the completion screen. */
export function TutorialScreen({ id }: { id: string }) {
  const { content } = useKiosk();
  const t = useT();
  const doc = useLoad(() => content.tutorial(id), [id]);
  if (doc.status === 'loading') {
    return (
      <p class="screen-status" role="status">
        {t('screen.loading')}
      </p>
    );
  }
  if (doc.status === 'failed') return <ContentUnavailable />;
  return <TutorialPlayer doc={doc.value} />;
}

function TutorialPlayer({ doc }: { doc: TutorialDoc }) {
  const { usage, session, speech } = useKiosk();
  const lt = useLessonT();
  const locale = session.locale.value;
  const run = useMemo(() => createTutorialRun(doc, usage), [doc, usage]);
  const index = run.index.value;
  const done = run.done.value;
  const hint = run.hint.value;
  const canSpeak = speech.voices.value.has(locale);
  const { ref, slot, scale } = usePhoneScale(done);

  useEffect(() => run.begin(), [run]);

  // Read each step aloud (and the praise at the end); stop when leaving.
  const say = () => {
    if (!canSpeak) return;
    const text = run.done.value
      ? `${lt('lesson.doneTitle')} ${lt('lesson.doneBody', { title: doc.title[locale] })}`
      : run.step.value.narration[locale];
    speech.speak(text, locale);
  };
  useEffect(say, [index, done, locale, canSpeak]);
  useEffect(() => () => speech.stop(), [speech]);
  useEffect(() => {
    if (hint && canSpeak)
      speech.speak(`${lt(`lesson.hint.${hint}`)} ${hintText(lt, run.step.value.action)}`, locale);
  }, [hint]);

  // After a while without progress, the target glows.
  const typed = run.typed.value;
  useEffect(() => {
    if (done) return;
    const timer = window.setTimeout(run.idle, HINT_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [index, typed, done, run]);

  return (
    <div
      class={done ? 'tutorial tutorial--done' : 'tutorial'}
      ref={ref}
      data-tutorial={doc.id}
      data-step={index}
    >
      {done ? (
        <TutorialDone doc={doc} locale={locale} onAgain={run.restart} />
      ) : (
        <>
          <TutorialGuide run={run} locale={locale} />
          <div class="tutorial__phone" ref={slot}>
            {scale > 0 && <Phone run={run} locale={locale} scale={scale} hinted={hint !== null} />}
          </div>
          <TutorialTools
            run={run}
            canSpeak={canSpeak}
            onListen={() => {
              usage.count('read_aloud', 'screen:tutorial');
              say();
            }}
          />
        </>
      )}
    </div>
  );
}

/**
 * The phone's scale: as tall as its slot allows (landscape: the full height beside the guide;
 * portrait: the space below it), within a share of the width.
 */
function usePhoneScale(done: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const slot = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0);
  useLayoutEffect(() => {
    const area = ref.current;
    const box = slot.current;
    if (!area || !box) return;
    const measure = () => {
      const landscape = area.clientWidth > area.clientHeight;
      const width = area.clientWidth * (landscape ? WIDTH_SHARE.landscape : WIDTH_SHARE.portrait);
      const next = Math.min(box.clientHeight / PHONE_FRAME.height, width / PHONE_FRAME.width);
      setScale(Math.max(0.2, Math.floor(next * 1000) / 1000));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(area);
    observer.observe(box);
    return () => observer.disconnect();
  }, [done]);
  return { ref, slot, scale };
}

import type { Locale } from '../../protocol/locales.ts';
import type { TutorialDoc } from '../../protocol/tutorial-doc.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { PhoneIcon } from './PhoneIcon.tsx';
import { QrCode } from './QrCode.tsx';
import { useLessonT } from './use-lesson-t.ts';

/** The public page with a tutorial's steps, for the take-home QR code. */
export function tutorialPageUrl(hubUrl: string, id: string, locale: Locale): string {
  return `${hubUrl.replace(/\/$/, '')}/a/tutorial/${id}?lang=${locale}`;
}

/** The end of a tutorial: kind praise, practise again, other lessons, and the steps to take home. */
export function TutorialDone({
  doc,
  locale,
  onAgain,
}: {
  doc: TutorialDoc;
  locale: Locale;
  onAgain: () => void;
}) {
  const { config, session } = useKiosk();
  const lt = useLessonT();
  const hubUrl = config.value.hubUrl;
  return (
    <section class="done" aria-labelledby="done-title">
      <div class="done__main">
        <span class="done__badge" aria-hidden="true">
          <Icon name="check" />
        </span>
        <h1 id="done-title" class="done__title">
          {lt('lesson.doneTitle')}
        </h1>
        <p class="done__body">{lt('lesson.doneBody', { title: doc.title[locale] })}</p>
        <p>{lt('lesson.doneMore')}</p>
        <div class="done__actions">
          <button type="button" class="big-button" onClick={onAgain}>
            <PhoneIcon name="flip" />
            <span>{lt('lesson.again')}</span>
          </button>
          <button
            type="button"
            class="big-button big-button--quiet"
            onClick={() => session.go({ name: 'topic', topic: 'digital' })}
          >
            <PhoneIcon name="phone" />
            <span>{lt('lesson.others')}</span>
          </button>
        </div>
      </div>
      {hubUrl && (
        <figure class="done__qr">
          <QrCode text={tutorialPageUrl(hubUrl, doc.id, locale)} label={lt('lesson.takeHome')} />
          <figcaption>
            <strong>{lt('lesson.takeHome')}</strong>
            <span>{lt('lesson.takeHomeHint')}</span>
          </figcaption>
        </figure>
      )}
    </section>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import { LOCALES } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { noticeVersionKey, noticeWords } from '../../protocol/notice-words.ts';
import { chimeFor } from '../data/chime.ts';
import { STATION_TIME_ZONE } from '../data/quiz-engine.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { FallbackNote, noticeSpeech } from './NoticeParts.tsx';
import { noticeT } from './use-notice-t.ts';
import { useLiveNotices } from './use-notices.ts';

/** The Extreme alarm this session has not yet read, the newest first. */
function useUnreadAlarm(): Notice | undefined {
  const { station } = useKiosk();
  const read = station.acknowledged.value;
  return useLiveNotices().find((n) => n.severity === 'extreme' && !read.has(noticeVersionKey(n)));
}

/**
 * An Extreme alert interrupts whatever is on screen: a full-screen card with the warning in
 * the resident's language (or Chinese, with a note), a chime repeated a few times (not in a
 * quiet group), read-aloud, and one large "I have read it" button. Read, it does not come back
 * in this session (an update does); the banner stays until the alert ends. A new session after
 * an idle reset sees it again while it is in force.
 */
export function AlarmLayer() {
  const notice = useUnreadAlarm();
  return notice ? <AlarmCard key={noticeVersionKey(notice)} notice={notice} /> : null;
}

function AlarmCard({ notice }: { notice: Notice }) {
  const { session, speech, station, usage } = useKiosk();
  const locale = session.locale.value;
  const t = noticeT(locale);
  const w = noticeWords(notice, locale);
  const spoken = noticeSpeech(notice, locale);
  const button = useRef<HTMLButtonElement>(null);
  const key = noticeVersionKey(notice);
  useEffect(() => {
    button.current?.focus();
    if (!station.chime.value) return;
    const stop = chimeFor(key);
    return () => stop?.();
  }, [key]);
  const until = new Intl.DateTimeFormat(locale, {
    timeZone: STATION_TIME_ZONE,
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(notice.expires));
  const drill = notice.status === 'exercise' || notice.status === 'test';
  // The control bar is under the card: a resident reading another language switches here.
  const languages = LOCALES.filter((l) => notice.headline[l] !== undefined);
  return (
    <div
      class="alarm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="alarm-headline"
      aria-describedby="alarm-body"
    >
      <div class="alarm__card">
        <p class="alarm__label">
          <span class="alarm__mark" aria-hidden="true">
            !
          </span>
          {t('alarm.title')}
          {drill && <span class="alarm__drill">{t(`notice.${notice.status as 'exercise' | 'test'}`)}</span>}
        </p>
        {(notice.revision ?? 1) > 1 && <p class="alarm__updated">{t('alarm.updated')}</p>}
        <h2 id="alarm-headline" class="alarm__headline" lang={w.locale}>
          {w.headline}
        </h2>
        <div id="alarm-body" class="alarm__body" lang={w.locale}>
          {w.instruction && <p class="alarm__instruction">{w.instruction}</p>}
          {w.description && <p>{w.description}</p>}
          {w.area && <p>{t('notice.area', { area: w.area })}</p>}
          {w.sender && <p>{t('notice.sender', { sender: w.sender })}</p>}
          <p lang={locale}>{t('notice.until', { time: until })}</p>
          {drill && <p lang={locale}>{t('notice.drillNote')}</p>}
          <FallbackNote notice={notice} locale={locale} t={t} />
        </div>
        {languages.length > 1 && (
          <fieldset class="alarm__languages">
            <legend class="visually-hidden">{t('bar.language')}</legend>
            {languages.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                class="alarm__language"
                aria-pressed={l === locale}
                onClick={() => {
                  if (l !== locale) usage.count('language', l);
                  session.locale.value = l;
                }}
              >
                {LOCALE_NAMES[l]}
              </button>
            ))}
          </fieldset>
        )}
        <div class="alarm__actions">
          {speech.voices.value.has(spoken.locale) && (
            <button
              type="button"
              class="alarm__listen"
              onClick={() => speech.speak(spoken.text, spoken.locale)}
            >
              <Icon name="speaker" />
              <span>{t('alarm.listen')}</span>
            </button>
          )}
          <button ref={button} type="button" class="alarm__read" onClick={() => station.acknowledge(key)}>
            <Icon name="check" />
            <span>{t('alarm.read')}</span>
          </button>
        </div>
      </div>
    </div>
  );
}

import { useEffect } from 'preact/hooks';
import { LOCALES } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { noticeVersionKey } from '../../protocol/notice-words.ts';
import { chimeFor } from '../data/chime.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { noticeLabel, noticeSpeech } from './NoticeParts.tsx';
import { noticeT } from './use-notice-t.ts';
import { isUrgent } from './use-notices.ts';

/** Alarm versions already chimed on the attract screen: a passer-by hears each new one once. */
const chimed = new Set<string>();

/**
 * The notice as the attract screen's full-screen card: in the station's language first, then
 * every other language it has; read aloud once when it appears. A new Extreme alarm also
 * chimes, unless the group is a quiet one.
 */
export function AttractNotice({ notice }: { notice: Notice }) {
  const { config, speech, station } = useKiosk();
  const first = config.value.defaultLocale;
  const locales = [first, ...LOCALES.filter((l) => l !== first)].filter(
    (l) => notice.headline[l] !== undefined,
  );
  const key = noticeVersionKey(notice);
  useEffect(() => {
    const spoken = noticeSpeech(notice, first);
    speech.speak(spoken.text, spoken.locale);
    if (notice.severity !== 'extreme' || !station.chime.value || chimed.has(key)) return;
    chimed.add(key);
    const stop = chimeFor(key);
    return () => stop?.();
  }, [key, first, speech]);
  const drill = notice.status === 'exercise' || notice.status === 'test';
  return (
    <span class={isUrgent(notice) ? 'attract-notice attract-notice--urgent' : 'attract-notice'}>
      {locales.map((l, i) => {
        const t = noticeT(l);
        return (
          <span key={l} lang={l} class={i === 0 ? 'attract-notice__main' : 'attract-notice__other'}>
            <span class="attract-notice__label">{noticeLabel(notice, t)}</span>
            <span class="attract-notice__headline">{notice.headline[l]}</span>
            {notice.instruction?.[l] && (
              <span class="attract-notice__instruction">{notice.instruction[l]}</span>
            )}
            {drill && i === 0 && <span class="attract-notice__instruction">{t('notice.drillNote')}</span>}
          </span>
        );
      })}
    </span>
  );
}

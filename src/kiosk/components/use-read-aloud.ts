import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleDoc } from '../../protocol/content-doc.ts';
import { useKiosk } from '../stores/kiosk-context.ts';
import { blockText } from './DocBlocks.tsx';

/** How an article can be read aloud: a recording in the pack, the device voice, or not at all. */
export type ReadAloudMode = 'narration' | 'voice' | 'none';

/**
 * Reads an article aloud. Uses the pack's recorded narration for the current language when
 * there is one, otherwise the device voice block by block (`reading` is the block being
 * read, -1 for the title). Starts by itself when read-aloud is switched on, and stops when
 * the screen goes away (leaving, language change, idle reset).
 */
export function useReadAloud(doc: ArticleDoc | undefined) {
  const { speech, session, content } = useKiosk();
  const [playing, setPlaying] = useState(false);
  const [reading, setReading] = useState<number | undefined>(undefined);
  const audio = useRef<HTMLAudioElement | null>(null);
  const locale = session.locale.value;
  const mode: ReadAloudMode = !doc
    ? 'none'
    : doc.narration
      ? 'narration'
      : speech.voices.value.has(doc.locale)
        ? 'voice'
        : 'none';

  function stop(): void {
    speech.stop();
    audio.current?.pause();
    setPlaying(false);
    setReading(undefined);
  }

  async function start(): Promise<void> {
    if (!doc) return;
    if (mode === 'narration' && doc.narration) {
      const player = audio.current ?? new Audio();
      audio.current = player;
      player.src = await content.url(doc.narration);
      player.onended = () => setPlaying(false);
      setPlaying(true);
      await player.play().catch(() => setPlaying(false));
    } else if (mode === 'voice') {
      const parts = [`${doc.title}. ${doc.summary}`, ...doc.body.map(blockText)];
      setPlaying(true);
      speech.speakAll(parts, doc.locale, {
        onPart: (i) => setReading(i - 1),
        onEnd: () => {
          setPlaying(false);
          setReading(undefined);
        },
      });
    }
  }

  // Switching read-aloud on (or opening an article with it on) starts reading.
  const auto = session.readAloud.value;
  useEffect(() => {
    if (auto && doc && mode !== 'none') void start();
    return stop;
  }, [auto, doc, mode, locale]);

  return { mode, playing, reading, start, stop };
}

import { signal } from '@preact/signals';
import type { Locale } from '../../protocol/locales.ts';

// Voice language prefixes for each kiosk locale, best match first.
const VOICE_LANGS: Record<Locale, string[]> = {
  'zh-CN': ['zh-cn', 'cmn', 'zh'],
  vi: ['vi'],
  en: ['en'],
};

function pickVoice(voices: SpeechSynthesisVoice[], locale: Locale): SpeechSynthesisVoice | undefined {
  for (const prefix of VOICE_LANGS[locale]) {
    const voice = voices.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(prefix));
    if (voice) return voice;
  }
  return undefined;
}

/**
 * The device's speech voice, per language. `voices` lists the locales that can be spoken;
 * it stays empty where the browser has no voices (headless Chromium, a kiosk without them).
 */
export function createSpeech(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis) {
  const voices = signal<ReadonlySet<Locale>>(new Set());

  function refresh(): void {
    if (!synth) return;
    const all = synth.getVoices();
    const found = new Set<Locale>();
    for (const locale of Object.keys(VOICE_LANGS) as Locale[]) {
      if (pickVoice(all, locale)) found.add(locale);
    }
    voices.value = found;
  }

  // Each run of speech gets a number; callbacks of a cancelled run are ignored.
  let run = 0;

  function utter(text: string, voice: SpeechSynthesisVoice): SpeechSynthesisUtterance {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9; // a little slower than default, for older listeners
    return utterance;
  }

  /**
   * Speaks `parts` one after another in `locale`, replacing anything already being spoken.
   * `onPart(i)` fires as part i starts, `onEnd` after the last one (not when stopped).
   */
  function speakAll(
    parts: readonly string[],
    locale: Locale,
    handlers: { onPart?: (index: number) => void; onEnd?: () => void } = {},
  ): boolean {
    const voice = synth && pickVoice(synth.getVoices(), locale);
    if (!synth || !voice) return false;
    synth.cancel();
    const mine = ++run;
    const next = (index: number) => {
      if (mine !== run) return;
      if (index >= parts.length) {
        handlers.onEnd?.();
        return;
      }
      const utterance = utter(parts[index] ?? '', voice);
      utterance.addEventListener('start', () => mine === run && handlers.onPart?.(index));
      utterance.addEventListener('end', () => next(index + 1));
      utterance.addEventListener('error', () => next(index + 1));
      synth.speak(utterance);
    };
    next(0);
    return true;
  }

  /** Speaks one text in `locale`, replacing anything already being spoken. */
  function speak(text: string, locale: Locale): void {
    speakAll([text], locale);
  }

  function stop(): void {
    run++;
    synth?.cancel();
  }

  synth?.addEventListener('voiceschanged', refresh);
  refresh();
  return { voices, speak, speakAll, stop };
}

export type Speech = ReturnType<typeof createSpeech>;

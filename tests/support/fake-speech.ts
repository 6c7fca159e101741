/**
 * A stand-in speech engine for browser tests (headless Chromium has no voices and no audio
 * device). It records what the kiosk asks to speak; `__speech.finish()` ends the current
 * utterance so the next one starts.
 */
import type { Page } from '@playwright/test';

export interface SpeechLog {
  spoken: string[];
  cancels: number;
}

export async function installFakeSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const voices = [
      { lang: 'zh-CN', name: 'Test Chinese', default: true, localService: true, voiceURI: 'zh' },
      { lang: 'vi-VN', name: 'Test Vietnamese', default: false, localService: true, voiceURI: 'vi' },
      { lang: 'en-US', name: 'Test English', default: false, localService: true, voiceURI: 'en' },
    ];
    // The engine's utterance too: Chromium's own refuses a voice object it did not make.
    class FakeUtterance extends EventTarget {
      voice: unknown = null;
      lang = '';
      rate = 1;
      constructor(readonly text: string) {
        super();
      }
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
    const queue: FakeUtterance[] = [];
    const log = { spoken: [] as string[], cancels: 0 };
    const target = new EventTarget();
    const fake = {
      getVoices: () => voices,
      speak(u: FakeUtterance) {
        queue.push(u);
        if (queue.length === 1) start();
      },
      cancel() {
        log.cancels++;
        queue.length = 0;
      },
      pause() {},
      resume() {},
      get speaking() {
        return queue.length > 0;
      },
      addEventListener: target.addEventListener.bind(target),
      removeEventListener: target.removeEventListener.bind(target),
    };
    function start() {
      const u = queue[0];
      if (!u) return;
      log.spoken.push(u.text);
      setTimeout(() => u.dispatchEvent(new Event('start')), 0);
    }
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
    Object.assign(window, {
      __speech: {
        log,
        finish() {
          const u = queue.shift();
          u?.dispatchEvent(new Event('end'));
          start();
        },
      },
    });
  });
}

/** What the kiosk has spoken so far. */
export function speechLog(page: Page): Promise<SpeechLog> {
  return page.evaluate(() => (window as unknown as { __speech: { log: SpeechLog } }).__speech.log);
}

/** Ends the utterance being spoken. */
export function finishUtterance(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { __speech: { finish(): void } }).__speech.finish());
}

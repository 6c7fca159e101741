import { useEffect } from 'preact/hooks';
import { useKiosk } from '../stores/kiosk-context.ts';

/**
 * Speaks `text` when read-aloud is on: on arrival, when switched on, and when the language
 * changes. Stops when the screen goes away or read-aloud is switched off. Renders nothing.
 */
export function ReadAloud({ text }: { text: string }) {
  const { session, speech } = useKiosk();
  const on = session.readAloud.value;
  const locale = session.locale.value;
  useEffect(() => {
    if (!on) return;
    speech.speak(text, locale);
    return () => speech.stop();
  }, [on, text, locale, speech]);
  return null;
}

import { useEffect } from 'preact/hooks';
import { useKiosk } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';

/**
 * Reads `text` aloud with the device voice on a tap; hidden when the language has no voice.
 * Speech stops when the button goes away (next question, leaving, idle reset).
 */
export function SpeakButton({ text, label }: { text: string; label: string }) {
  const { speech, session, usage } = useKiosk();
  const locale = session.locale.value;
  useEffect(() => () => speech.stop(), [speech]);
  if (!speech.voices.value.has(locale)) return null;
  return (
    <button
      type="button"
      class="quiz-tool"
      onClick={() => {
        usage.count('read_aloud', 'screen:quiz');
        speech.speak(text, locale);
      }}
    >
      <Icon name="speaker" />
      <span>{label}</span>
    </button>
  );
}

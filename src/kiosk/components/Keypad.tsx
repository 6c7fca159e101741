import { useT } from '../stores/kiosk-context.ts';

/** An on-screen keypad (the kiosk has no keyboard): one big button per key, and Delete. */
export function Keypad({
  keys,
  value,
  onChange,
  maxLength,
}: {
  keys: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
}) {
  const t = useT();
  return (
    <div class="keypad">
      {[...keys].map((key) => (
        <button
          key={key}
          type="button"
          class="keypad__key"
          disabled={value.length >= maxLength}
          onClick={() => onChange(value + key)}
        >
          {key}
        </button>
      ))}
      <button
        type="button"
        class="keypad__key keypad__key--wide"
        onClick={() => onChange(value.slice(0, -1))}
      >
        {t('keypad.delete')}
      </button>
    </div>
  );
}

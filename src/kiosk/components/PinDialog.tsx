import { useState } from 'preact/hooks';
import { useKiosk, useT } from '../stores/kiosk-context.ts';
import { Keypad } from './Keypad.tsx';
import { useModal } from './use-modal.ts';

/** Asks for the maintenance PIN; opens the maintenance screen when it is right. */
export function PinDialog({ onClose }: { onClose: () => void }) {
  const { config, session } = useKiosk();
  const t = useT();
  const ref = useModal();
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);

  function submit(): void {
    if (pin === config.value.maintenancePin) {
      onClose();
      session.go({ name: 'maintenance' });
    } else {
      setWrong(true);
      setPin('');
    }
  }

  return (
    <dialog
      ref={ref}
      class="pin-dialog"
      aria-labelledby="pin-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="pin-title">{t('pin.title')}</h2>
      <p>{wrong ? t('pin.wrong') : t('pin.body')}</p>
      <output class="pin-dialog__dots" aria-live="polite">
        {'●'.repeat(pin.length) || '\u00a0'}
      </output>
      <Keypad keys="1234567890" value={pin} onChange={setPin} maxLength={8} />
      <div class="dialog-actions">
        <button type="button" class="big-button big-button--quiet" onClick={onClose}>
          {t('article.close')}
        </button>
        <button type="button" class="big-button" onClick={submit} disabled={pin.length < 4}>
          {t('pin.ok')}
        </button>
      </div>
    </dialog>
  );
}

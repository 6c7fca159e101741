import { useKiosk, useT } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { useModal } from './use-modal.ts';

/** "Still there?" with a countdown and one big Continue button; a tap anywhere also continues. */
export function IdleDialog() {
  const { idle } = useKiosk();
  const t = useT();
  const ref = useModal();

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop tap is a touch shortcut; Escape (onCancel) and the button serve keyboards
    <dialog
      ref={ref}
      class="idle-dialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      onCancel={(event) => {
        event.preventDefault();
        idle.resume();
      }}
      onClick={(event) => {
        // A tap on the dimmed backdrop lands on the dialog element itself.
        if (event.target === ref.current) idle.resume();
      }}
    >
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p class="idle-dialog__count" aria-hidden="true">
        {idle.secondsLeft.value}
      </p>
      <p id="idle-body" role="timer">
        {t('idle.body', { seconds: idle.secondsLeft.value })}
      </p>
      <button type="button" class="big-button" onClick={idle.resume} autofocus>
        <Icon name="hand" />
        <span>{t('idle.continue')}</span>
      </button>
    </dialog>
  );
}

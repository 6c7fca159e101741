import { useT } from '../stores/kiosk-context.ts';
import { Icon } from './Icon.tsx';
import { QrCode } from './QrCode.tsx';
import { useModal } from './use-modal.ts';

/** A dialog with a large QR code that opens the article's public page on a phone. */
export function TakeHome({ url, onClose }: { url: string; onClose: () => void }) {
  const t = useT();
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      class="take-home"
      aria-labelledby="take-home-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="take-home-title">{t('article.takeHome')}</h2>
      <QrCode text={url} label={t('article.takeHome')} />
      <p>{t('article.takeHomeHint')}</p>
      <button type="button" class="big-button" onClick={onClose} autofocus>
        <Icon name="check" />
        <span>{t('article.close')}</span>
      </button>
    </dialog>
  );
}

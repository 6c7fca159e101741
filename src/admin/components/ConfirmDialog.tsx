import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiFailure } from '../api.ts';
import { useT } from '../context.ts';
import { ErrorNote } from './ErrorNote.tsx';

/**
 * A modal question before anything that changes what kiosks show: says exactly what will
 * happen, and does it only on the explicit confirm button (Escape and Cancel do nothing).
 */
export function ConfirmDialog(props: {
  title: string;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  error?: ApiFailure | null;
  /** False keeps the confirm button disabled (e.g. until a name is typed). */
  ready?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id="dialog-title">{props.title}</h2>
        <div class="dialog__body">{props.children}</div>
        <ErrorNote error={props.error ?? null} />
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            class={props.danger ? 'button button--danger' : 'button'}
            disabled={props.busy || props.ready === false}
          >
            {props.busy ? t('common.working') : props.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}

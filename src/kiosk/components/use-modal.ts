import { useEffect, useRef } from 'preact/hooks';

/** A ref for a <dialog> shown modally while the component is mounted (focus trapped, page inert). */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}

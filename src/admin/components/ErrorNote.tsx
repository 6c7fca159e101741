import type { ApiFailure } from '../api.ts';
import { useT } from '../context.ts';
import { hasMessage, type MessageKey } from '../i18n/index.ts';

/** A refusal in words people can act on: the console's own sentence for the code, and the hub's detail. */
export function ErrorNote({ error }: { error: ApiFailure | null }) {
  const t = useT();
  if (!error) return null;
  const key = `error.${error.code}`;
  const own = hasMessage(key) ? t(key as MessageKey) : t('error.generic');
  return (
    <div class="error-note" role="alert">
      <p>
        <strong>{own}</strong>
      </p>
      {error.message && <p class="error-note__detail">{error.message}</p>}
    </div>
  );
}

/** A message that something worked. */
export function DoneNote({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="done-note" role="status">
      {text}
    </p>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { useAction } from '../hooks.ts';
import type { TrustDraft, TrustSummary } from '../types.ts';

/**
 * A guided rotation in three steps: choose what changes (the hub makes new online keys), have
 * the root key holders sign the draft offline with the CLI, upload the signed root.
 */
export function RotationPanel({ trust, onDone }: { trust: TrustSummary; onDone: () => void }) {
  const { session } = useConsole();
  const t = useT();
  const action = useAction();
  const [newContent, setNewContent] = useState(false);
  const [newTimestamp, setNewTimestamp] = useState(false);
  const [removed, setRemoved] = useState<string[]>([]);
  const [holder, setHolder] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [threshold, setThreshold] = useState(trust.roles.root.threshold);
  const [validDays, setValidDays] = useState(365);
  const [draft, setDraft] = useState<TrustDraft | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const next = trust.version + 1;
  const rootKeys = trust.roles.root.keys;
  const count = rootKeys.length - removed.length + (holder.trim() && publicKey.trim() ? 1 : 0);

  const fileUrl = useMemo(
    () =>
      draft
        ? URL.createObjectURL(
            new Blob([`${JSON.stringify(draft.draft, null, 2)}\n`], { type: 'application/json' }),
          )
        : null,
    [draft],
  );
  useEffect(() => () => void (fileUrl && URL.revokeObjectURL(fileUrl)), [fileUrl]);

  async function makeDraft(event: Event) {
    event.preventDefault();
    setDone(null);
    const made = await action.run(() =>
      session.api.send<TrustDraft>('POST', '/trust/drafts', {
        newContentKey: newContent,
        newTimestampKey: newTimestamp,
        removeRootKeys: removed,
        addRootKeys:
          holder.trim() && publicKey.trim() ? [{ holder: holder.trim(), publicKey: publicKey.trim() }] : [],
        rootThreshold: threshold,
        validDays,
      }),
    );
    if (made) setDraft(made);
  }

  async function upload(file: File) {
    setDone(null);
    const result = await action.run(async () => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new ApiFailure(0, 'NOT_JSON', t('keys.notJson'));
      }
      return session.api.send<TrustSummary>('POST', '/trust/roots', json);
    });
    if (result) {
      setDone(t('keys.uploaded', { version: String(result.version) }));
      setDraft(null);
      onDone();
    }
  }

  const names = (keys: Array<{ holder: string }>) => keys.map((k) => k.holder).join('、');
  return (
    <Section title={t('keys.rotate')}>
      <p>{t('keys.rotateIntro')}</p>
      <ErrorNote error={action.error} />
      <DoneNote text={done} />
      <form class="form rotation" onSubmit={(e) => void makeDraft(e)}>
        <fieldset class="checks checks--column">
          <legend>{t('keys.rotate')}</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={newContent}
              onChange={(e) => setNewContent(e.currentTarget.checked)}
            />
            <span>{t('keys.newContent')}</span>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={newTimestamp}
              onChange={(e) => setNewTimestamp(e.currentTarget.checked)}
            />
            <span>{t('keys.newTimestamp')}</span>
          </label>
          {rootKeys.map((k) => (
            <label key={k.keyId} class="check">
              <input
                type="checkbox"
                checked={removed.includes(k.keyId)}
                onChange={(e) =>
                  setRemoved(
                    e.currentTarget.checked ? [...removed, k.keyId] : removed.filter((id) => id !== k.keyId),
                  )
                }
              />
              <span>
                {t('keys.removeRoot')}: {k.holder} (<code>{k.keyId}</code>)
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset class="form form--row">
          <legend>{t('keys.addRoot')}</legend>
          <label class="field">
            <span class="field__label">{t('keys.addHolder')}</span>
            <input value={holder} maxLength={80} onInput={(e) => setHolder(e.currentTarget.value)} />
          </label>
          <label class="field rotation__public">
            <span class="field__label">{t('keys.addPublic')}</span>
            <input
              value={publicKey}
              pattern="[A-Za-z0-9+/]{43}="
              spellcheck={false}
              onInput={(e) => setPublicKey(e.currentTarget.value)}
            />
          </label>
        </fieldset>
        <div class="form form--row">
          <label class="field">
            <span class="field__label">{t('keys.rootThreshold')}</span>
            <input
              type="number"
              min={1}
              max={Math.max(1, count)}
              required
              value={threshold}
              onInput={(e) => setThreshold(Number(e.currentTarget.value))}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('keys.validDays')}</span>
            <input
              type="number"
              min={30}
              max={1825}
              required
              value={validDays}
              onInput={(e) => setValidDays(Number(e.currentTarget.value))}
            />
          </label>
        </div>
        <div>
          <button type="submit" class="button" disabled={action.busy}>
            {t('keys.makeDraft', { version: String(next) })}
          </button>
        </div>
      </form>
      {draft && fileUrl && (
        <div class="rotation__steps">
          <h3>{t('keys.step2')}</h3>
          <p>
            {t('keys.needs', {
              version: String(draft.next.version),
              previous: String(draft.previous.version),
              oldThreshold: draft.previous.threshold,
              oldHolders: names(draft.previous.keys),
              newThreshold: draft.next.threshold,
              newHolders: names(draft.next.keys),
            })}
          </p>
          <p>
            <a class="button button--quiet" href={fileUrl} download={draft.fileName}>
              {t('keys.download', { file: draft.fileName })}
            </a>
          </p>
          <p>{t('keys.command')}</p>
          <pre class="command">
            npm run keys -- sign --key /media/usb/root-key.json --previous {draft.previous.version}.root.json{' '}
            {draft.fileName}
          </pre>
        </div>
      )}
      <div class="rotation__steps">
        <h3>{t('keys.step3')}</h3>
        <label class="field">
          <span class="field__label">{t('keys.upload')}</span>
          <input
            type="file"
            accept=".json,application/json"
            disabled={action.busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
    </Section>
  );
}

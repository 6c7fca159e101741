import { useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import { useConsole, useT } from '../context.ts';
import { useAction } from '../hooks.ts';
import type { IngestView } from '../types.ts';
import { DoneNote, ErrorNote } from './ErrorNote.tsx';
import { Section } from './Page.tsx';

/** Sends one CAP document (a file or pasted text) through the hub's ingest and says what it did. */
export function CapUpload({ onDone }: { onDone: () => void }) {
  const { session } = useConsole();
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const action = useAction();
  return (
    <Section title={t('warnings.upload')}>
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          setDone(null);
          setRefused(null);
          const body = file ?? text;
          let failure: unknown = null;
          const result = await action.run(() =>
            session.api.sendXml<IngestView>('/cap', body).catch((error: unknown) => {
              failure = error;
              throw error;
            }),
          );
          if (result) {
            setDone(
              t(`warnings.result.${result.outcome}`, { id: result.noticeId ?? '', detail: result.detail }),
            );
            onDone();
          } else if (failure instanceof ApiFailure && failure.code === 'CAP_INVALID') {
            const line =
              typeof failure.body.line === 'number'
                ? ` (${t('warnings.refusedAt', { line: failure.body.line })})`
                : '';
            setRefused(`${t('warnings.result.refused', { detail: failure.message })}${line}`);
          }
        }}
      >
        <p class="field__help">{t('warnings.uploadHelp')}</p>
        <label class="field">
          <span class="field__label">{t('warnings.file')}</span>
          <input
            type="file"
            accept=".xml,.cap,application/xml,text/xml"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('warnings.paste')}</span>
          <textarea
            rows={6}
            spellcheck={false}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button" disabled={action.busy || (!file && !text.trim())}>
          {t('warnings.send')}
        </button>
        {refused ? (
          <p class="error-note" role="alert">
            {refused}
          </p>
        ) : (
          <ErrorNote error={action.error} />
        )}
        <DoneNote text={done} />
      </form>
    </Section>
  );
}

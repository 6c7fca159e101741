import { useState } from 'preact/hooks';
import { CapUpload } from '../components/CapUpload.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { CapFeedView, CapMessageView } from '../types.ts';

/** CAP warnings that arrive by themselves: the polled feeds, an upload, and the messages seen. */
export function WarningsPage() {
  const { session } = useConsole();
  const t = useT();
  const messages = useLoad(() => session.api.get<CapMessageView[]>('/cap/messages'), []);
  return (
    <Page title={t('warnings.title')} intro={t('warnings.intro')}>
      <Feeds onPolled={messages.reload} />
      {session.can('editor') && <CapUpload onDone={messages.reload} />}
      <Messages
        messages={messages.status === 'ready' ? messages.value : []}
        error={messages.status === 'failed' ? messages.error : null}
      />
    </Page>
  );
}

function Feeds({ onPolled }: { onPolled: () => void }) {
  const { session, locale } = useConsole();
  const t = useT();
  const feeds = useLoad(() => session.api.get<CapFeedView[]>('/cap/feeds'), []);
  const [removing, setRemoving] = useState<CapFeedView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const l = locale.value;
  const isAdmin = session.can('admin');
  async function poll(feed: CapFeedView) {
    setDone(null);
    const result = await action.run(() =>
      session.api.send<{ status: string; error: string | null; results: unknown[] }>(
        'POST',
        `/cap/feeds/${feed.id}/poll`,
        {},
      ),
    );
    if (!result) return;
    setDone(
      result.error
        ? t('warnings.pollFailed', { error: result.error })
        : t('warnings.polled', { count: result.results.length }),
    );
    feeds.reload();
    onPolled();
  }
  async function toggle(feed: CapFeedView) {
    if (await action.run(() => session.api.send('PUT', `/cap/feeds/${feed.id}`, { enabled: !feed.enabled })))
      feeds.reload();
  }
  const state = (f: CapFeedView) => {
    if (!f.enabled) return t('warnings.feedOff');
    if (f.lastError) return t('warnings.feedFailed', { count: f.failures, error: f.lastError });
    if (f.lastOkAt) return t('warnings.feedOk', { time: formatDateTime(l, f.lastOkAt) });
    return t('warnings.feedNever');
  };
  return (
    <Section title={t('warnings.feeds')}>
      {feeds.status === 'failed' && <ErrorNote error={feeds.error} />}
      <ErrorNote error={action.error} />
      <DoneNote text={done} />
      <DataTable
        caption={t('warnings.feedsCaption')}
        rows={feeds.status === 'ready' ? feeds.value : []}
        rowKey={(f) => f.id}
        columns={[
          { key: 'name', label: t('warnings.feedName'), cell: (f) => f.name, sort: (f) => f.name },
          { key: 'url', label: t('warnings.feedUrl'), cell: (f) => <span class="break">{f.url}</span> },
          {
            key: 'interval',
            label: t('warnings.feedInterval'),
            cell: (f) => t('warnings.minutes', { count: Math.round(f.intervalSeconds / 60) }),
            numeric: true,
          },
          {
            key: 'state',
            label: t('warnings.feedState'),
            cell: (f) => (
              <span>
                <span class={`badge badge--${!f.enabled ? 'expired' : f.lastError ? 'cancelled' : 'active'}`}>
                  {state(f)}
                </span>
                {f.enabled && (
                  <span class="muted">
                    {' '}
                    · {t('warnings.nextPoll', { time: formatDateTime(l, f.nextPollAt) })}
                  </span>
                )}
              </span>
            ),
          },
          ...(session.can('editor')
            ? [
                {
                  key: 'actions',
                  label: t('common.actions'),
                  cell: (f: CapFeedView) => (
                    <span class="row-actions">
                      <button
                        type="button"
                        class="button button--small"
                        disabled={action.busy}
                        onClick={() => void poll(f)}
                      >
                        {t('warnings.pollNow')}
                      </button>
                      {isAdmin && (
                        <button
                          type="button"
                          class="button button--quiet button--small"
                          onClick={() => void toggle(f)}
                        >
                          {f.enabled ? t('warnings.disable') : t('warnings.enable')}
                        </button>
                      )}
                      {isAdmin && (
                        <button
                          type="button"
                          class="button button--danger button--small"
                          onClick={() => setRemoving(f)}
                        >
                          {t('warnings.remove')}
                        </button>
                      )}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      {isAdmin && <AddFeed onAdded={feeds.reload} />}
      {removing && (
        <ConfirmDialog
          title={t('warnings.removeTitle')}
          confirm={t('warnings.remove')}
          danger
          busy={action.busy}
          error={action.error}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            if (await action.run(() => session.api.send('DELETE', `/cap/feeds/${removing.id}`))) {
              setRemoving(null);
              feeds.reload();
            }
          }}
        >
          <p>
            <strong>{removing.name}</strong>
          </p>
          <p>{t('warnings.removeBody')}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}

function AddFeed({ onAdded }: { onAdded: () => void }) {
  const { session } = useConsole();
  const t = useT();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [minutes, setMinutes] = useState(2);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  return (
    <form
      class="form form--row"
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(null);
        if (
          await action.run(() =>
            session.api.send('POST', '/cap/feeds', { name, url, intervalSeconds: minutes * 60 }),
          )
        ) {
          setName('');
          setUrl('');
          setDone(t('warnings.added'));
          onAdded();
        }
      }}
    >
      <h3 class="form__title">{t('warnings.addFeed')}</h3>
      <label class="field">
        <span class="field__label">{t('warnings.feedName')}</span>
        <input required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="field field--wide">
        <span class="field__label">{t('warnings.feedUrl')}</span>
        <input
          required
          type="url"
          maxLength={2000}
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('warnings.intervalField')}</span>
        <input
          type="number"
          min={1}
          max={1440}
          required
          value={minutes}
          onInput={(e) => setMinutes(Number(e.currentTarget.value))}
        />
      </label>
      <button type="submit" class="button" disabled={action.busy}>
        {t('warnings.add')}
      </button>
      <ErrorNote error={action.error} />
      <DoneNote text={done} />
    </form>
  );
}

function Messages({
  messages,
  error,
}: {
  messages: CapMessageView[];
  error: Parameters<typeof ErrorNote>[0]['error'];
}) {
  const { locale } = useConsole();
  const t = useT();
  return (
    <Section title={t('warnings.messages')}>
      <ErrorNote error={error} />
      <DataTable
        caption={t('warnings.messagesCaption')}
        rows={messages}
        rowKey={(m) => `${m.sender} ${m.identifier}`}
        columns={[
          {
            key: 'received',
            label: t('warnings.received'),
            cell: (m) => formatDateTime(locale.value, m.receivedAt),
            sort: (m) => m.receivedAt,
          },
          { key: 'sender', label: t('warnings.sender'), cell: (m) => <span class="break">{m.sender}</span> },
          {
            key: 'identifier',
            label: t('warnings.identifier'),
            cell: (m) => <span class="break">{m.identifier}</span>,
          },
          { key: 'type', label: t('warnings.msgType'), cell: (m) => `${m.msgType} · ${m.status}` },
          {
            key: 'outcome',
            label: t('warnings.outcome'),
            cell: (m) => <span class={`badge badge--outcome-${m.outcome}`}>{t(`outcome.${m.outcome}`)}</span>,
            sort: (m) => m.outcome,
          },
          { key: 'detail', label: t('warnings.detail'), cell: (m) => <span class="break">{m.detail}</span> },
        ]}
        initialSort={{ key: 'received', descending: true }}
      />
    </Section>
  );
}

import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { GroupBadges, GroupPicker } from '../components/GroupPicker.tsx';
import { Page, Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { PartnerKeyView } from '../types.ts';

const SCOPES = ['notices', 'cap'] as const;

/** API keys of partner systems (admin role): create one (its secret shown once), list, revoke. */
export function PartnersPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const keys = useLoad(() => session.api.get<PartnerKeyView[]>('/partner-keys'), []);
  const [revoking, setRevoking] = useState<PartnerKeyView | null>(null);
  const action = useAction();
  const l = locale.value;
  return (
    <Page title={t('partners.title')} intro={t('partners.intro')}>
      <Section title={t('partners.list')}>
        {keys.status === 'failed' && <ErrorNote error={keys.error} />}
        <DataTable
          caption={t('partners.caption')}
          rows={keys.status === 'ready' ? keys.value : []}
          rowKey={(k) => k.id}
          columns={[
            { key: 'name', label: t('partners.name'), cell: (k) => k.name, sort: (k) => k.name },
            { key: 'prefix', label: t('partners.prefix'), cell: (k) => <code>{k.prefix}…</code> },
            { key: 'groups', label: t('partners.groups'), cell: (k) => <GroupBadges groups={k.groups} /> },
            {
              key: 'scopes',
              label: t('partners.scopes'),
              cell: (k) => k.scopes.map((s) => t(`scope.${s}`)).join(', '),
            },
            {
              key: 'used',
              label: t('partners.lastUsed'),
              cell: (k) => (k.lastUsedAt ? formatDateTime(l, k.lastUsedAt) : t('partners.never')),
              sort: (k) => k.lastUsedAt ?? '',
            },
            {
              key: 'actions',
              label: t('common.actions'),
              cell: (k) =>
                k.revokedAt ? (
                  <span class="badge badge--cancelled">{t('partners.revoked')}</span>
                ) : (
                  <button
                    type="button"
                    class="button button--danger button--small"
                    onClick={() => setRevoking(k)}
                  >
                    {t('partners.revoke')}
                  </button>
                ),
            },
          ]}
          initialSort={{ key: 'used', descending: true }}
        />
        <p class="field__help">{t('partners.docs')}</p>
      </Section>
      <NewKey onCreated={keys.reload} />
      {revoking && (
        <ConfirmDialog
          title={t('partners.revokeTitle')}
          confirm={t('partners.revoke')}
          danger
          busy={action.busy}
          error={action.error}
          onCancel={() => setRevoking(null)}
          onConfirm={async () => {
            if (await action.run(() => session.api.send('POST', `/partner-keys/${revoking.id}/revoke`, {}))) {
              setRevoking(null);
              keys.reload();
            }
          }}
        >
          <p>
            <strong>{revoking.name}</strong>
          </p>
          <p>{t('partners.revokeBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}

function NewKey({ onCreated }: { onCreated: () => void }) {
  const { session } = useConsole();
  const t = useT();
  const [name, setName] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  const [scopes, setScopes] = useState<Array<(typeof SCOPES)[number]>>(['notices']);
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  return (
    <Section title={t('partners.create')}>
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          setSecret(null);
          const made = await action.run(() =>
            session.api.send<{ secret: string }>('POST', '/partner-keys', { name, groups, scopes }),
          );
          if (made) {
            setSecret(made.secret);
            setName('');
            onCreated();
          }
        }}
      >
        <label class="field">
          <span class="field__label">{t('partners.name')}</span>
          <input required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <GroupPicker legend={t('partners.groups')} value={groups} onChange={setGroups} />
        <fieldset class="checks">
          <legend>{t('partners.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} class="check">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) =>
                  setScopes(e.currentTarget.checked ? [...scopes, s] : scopes.filter((x) => x !== s))
                }
              />
              <span>{t(`scope.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <ErrorNote error={action.error} />
        <button
          type="submit"
          class="button"
          disabled={action.busy || groups.length === 0 || scopes.length === 0}
        >
          {t('partners.createButton')}
        </button>
      </form>
      {secret && (
        <div class="done-note" role="status">
          <p>{t('partners.created')}</p>
          <p>
            <code class="secret">{secret}</code>
          </p>
        </div>
      )}
    </Section>
  );
}

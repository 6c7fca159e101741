import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { Page, Section } from '../components/Page.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { Role } from '../session.ts';
import type { Account } from '../types.ts';

const ROLES: Role[] = ['admin', 'editor', 'viewer'];

/** A random password people can read out: no look-alike letters, 4 groups of 4. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

type Dialog = { kind: 'reset' | 'disable' | 'enable'; account: Account } | null;

/** Accounts (admin role only): create with a role, reset a password, disable or enable, change role. */
export function AccountsPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const accounts = useLoad(() => session.api.get<Account[]>('/accounts'), []);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const me = session.me.value?.username;
  async function act(path: string, body: unknown, message: string) {
    if (await action.run(() => session.api.send('POST', path, body))) {
      setDialog(null);
      setDone(message);
      accounts.reload();
    }
  }
  return (
    <Page title={t('accounts.title')} intro={t('accounts.intro')}>
      <DoneNote text={done} />
      <Section title={t('accounts.list')}>
        {accounts.status === 'failed' && <ErrorNote error={accounts.error} />}
        <DataTable
          caption={t('accounts.caption')}
          rows={accounts.status === 'ready' ? accounts.value : []}
          rowKey={(a) => a.id}
          columns={[
            { key: 'username', label: t('login.username'), cell: (a) => a.username, sort: (a) => a.username },
            {
              key: 'role',
              label: t('accounts.role'),
              cell: (a) =>
                a.username === me ? (
                  t(`role.${a.role}`)
                ) : (
                  <select
                    aria-label={t('accounts.roleOf', { name: a.username })}
                    value={a.role}
                    onChange={(e) =>
                      void act(
                        `/accounts/${a.id}/role`,
                        { role: e.currentTarget.value },
                        t('accounts.roleChanged', { name: a.username }),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                ),
              sort: (a) => a.role,
            },
            {
              key: 'state',
              label: t('accounts.state'),
              cell: (a) =>
                a.disabled
                  ? t('accounts.disabled')
                  : a.lockedUntil && Date.parse(a.lockedUntil) > Date.now()
                    ? t('accounts.locked', { until: formatDateTime(locale.value, a.lockedUntil) })
                    : t('accounts.active'),
            },
            {
              key: 'actions',
              label: t('common.actions'),
              cell: (a) =>
                a.username === me ? (
                  <span class="muted">{t('accounts.you')}</span>
                ) : (
                  <span class="row-actions">
                    <button
                      type="button"
                      class="button button--quiet button--small"
                      onClick={() => {
                        setPassword(randomPassword());
                        setDialog({ kind: 'reset', account: a });
                      }}
                    >
                      {t('accounts.reset')}
                    </button>
                    <button
                      type="button"
                      class={`button button--small ${a.disabled ? 'button--quiet' : 'button--danger'}`}
                      onClick={() => setDialog({ kind: a.disabled ? 'enable' : 'disable', account: a })}
                    >
                      {a.disabled ? t('accounts.enable') : t('accounts.disable')}
                    </button>
                  </span>
                ),
            },
          ]}
        />
      </Section>
      <NewAccount
        onCreated={(name) => {
          setDone(t('accounts.created', { name }));
          accounts.reload();
        }}
      />
      {dialog?.kind === 'reset' && (
        <ConfirmDialog
          title={t('accounts.resetTitle', { name: dialog.account.username })}
          confirm={t('accounts.reset')}
          busy={action.busy}
          error={action.error}
          onCancel={() => setDialog(null)}
          onConfirm={() =>
            void act(
              `/accounts/${dialog.account.id}/password`,
              { password },
              t('accounts.resetDone', { name: dialog.account.username }),
            )
          }
        >
          <label class="field">
            <span class="field__label">{t('accounts.newPassword')}</span>
            <input
              value={password}
              minLength={10}
              required
              autocomplete="off"
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <p>{t('accounts.resetBody')}</p>
        </ConfirmDialog>
      )}
      {(dialog?.kind === 'disable' || dialog?.kind === 'enable') && (
        <ConfirmDialog
          title={t(dialog.kind === 'disable' ? 'accounts.disableTitle' : 'accounts.enableTitle', {
            name: dialog.account.username,
          })}
          confirm={t(dialog.kind === 'disable' ? 'accounts.disable' : 'accounts.enable')}
          danger={dialog.kind === 'disable'}
          busy={action.busy}
          error={action.error}
          onCancel={() => setDialog(null)}
          onConfirm={() =>
            void act(
              `/accounts/${dialog.account.id}/${dialog.kind}`,
              {},
              t('accounts.changed', { name: dialog.account.username }),
            )
          }
        >
          <p>{t(dialog.kind === 'disable' ? 'accounts.disableBody' : 'accounts.enableBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}

function NewAccount({ onCreated }: { onCreated: (name: string) => void }) {
  const { session } = useConsole();
  const t = useT();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState(randomPassword);
  const action = useAction();
  return (
    <Section title={t('accounts.new')}>
      <form
        class="form form--row"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await action.run(() => session.api.send('POST', '/accounts', { username, password, role }))) {
            onCreated(username);
            setUsername('');
            setPassword(randomPassword());
          }
        }}
      >
        <label class="field">
          <span class="field__label">{t('login.username')}</span>
          <input
            required
            pattern="[A-Za-z0-9._\-]{3,32}"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
            autocomplete="off"
          />
        </label>
        <SelectField label={t('accounts.role')} value={role} onChange={(v) => setRole(v as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <label class="field">
          <span class="field__label">{t('accounts.firstPassword')}</span>
          <input
            required
            minLength={10}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            autocomplete="off"
          />
        </label>
        <button type="submit" class="button" disabled={action.busy}>
          {t('accounts.create')}
        </button>
      </form>
      <p class="field__help">{t('accounts.roles')}</p>
      <ErrorNote error={action.error} />
    </Section>
  );
}

import { useState } from 'preact/hooks';
import { LOCALES } from '../../protocol/locales.ts';
import type { Recipient } from '../alert-types.ts';
import { useConsole, useT } from '../context.ts';
import { useAction, useLoad } from '../hooks.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { DoneNote, ErrorNote } from './ErrorNote.tsx';
import { GroupBadges, GroupPicker } from './GroupPicker.tsx';
import { Section } from './Page.tsx';
import { SelectField } from './SelectField.tsx';

type Draft = Omit<Recipient, 'id' | 'secretSet'> & { id: string | null; secret: string; secretSet: boolean };
const blank = (): Draft => ({
  id: null,
  channel: 'email',
  address: '',
  groups: ['*'],
  locale: 'zh-CN',
  enabled: true,
  secret: '',
  secretSet: false,
});

/** Who hears about alerts (admins only): email addresses and webhooks, per group, in a language. */
export function AlertRecipients() {
  const { session } = useConsole();
  const t = useT();
  const list = useLoad(() => session.api.get<Recipient[]>('/alerts/recipients'), []);
  const [draft, setDraft] = useState<Draft>(blank());
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const set = (patch: Partial<Draft>) => {
    setDone(null);
    setDraft({ ...draft, ...patch });
  };
  const rows = list.status === 'ready' ? list.value : [];
  const body = () => {
    const { id: _id, secret, secretSet: _set, ...rest } = draft;
    if (rest.channel === 'email') return rest;
    // An empty secret field keeps the stored secret.
    return secret ? { ...rest, secret } : rest;
  };
  return (
    <Section title={t('alerts.recipients')}>
      {list.status === 'failed' && <ErrorNote error={list.error} />}
      <DataTable
        caption={t('alerts.recipientsCaption')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            key: 'channel',
            label: t('alerts.channel'),
            cell: (r) => t(`alerts.channel.${r.channel}`),
            sort: (r) => r.channel,
          },
          {
            key: 'address',
            label: t('alerts.address'),
            cell: (r) => <span class="break">{r.address}</span>,
            sort: (r) => r.address,
          },
          { key: 'groups', label: t('alerts.groups'), cell: (r) => <GroupBadges groups={r.groups} /> },
          { key: 'locale', label: t('alerts.language'), cell: (r) => LOCALE_NAMES[r.locale] },
          {
            key: 'enabled',
            label: t('alerts.enabled'),
            cell: (r) => (r.enabled ? t('common.yes') : t('alerts.off')),
          },
          {
            key: 'secret',
            label: t('alerts.secret'),
            cell: (r) => (r.channel === 'webhook' ? (r.secretSet ? t('alerts.secretSet') : '—') : ''),
          },
          {
            key: 'actions',
            label: t('common.actions'),
            cell: (r) => (
              <span class="button-row">
                <button
                  type="button"
                  class="button button--quiet button--small"
                  onClick={async () => {
                    const result = await action.run(() =>
                      session.api.send<{ ok: boolean; error: string | null }>(
                        'POST',
                        `/alerts/recipients/${r.id}/test`,
                      ),
                    );
                    if (result)
                      setDone(
                        result.ok
                          ? t('alerts.testOk')
                          : t('alerts.testFailed', { error: result.error ?? '' }),
                      );
                  }}
                >
                  {t('alerts.test')}
                  <span class="visually-hidden"> {r.address}</span>
                </button>
                <button
                  type="button"
                  class="button button--quiet button--small"
                  onClick={() => setDraft({ ...r, secret: '' })}
                >
                  {t('alerts.edit')}
                  <span class="visually-hidden"> {r.address}</span>
                </button>
                <button
                  type="button"
                  class="button button--danger button--small"
                  onClick={async () => {
                    const gone = await action.run(async () => {
                      await session.api.send('DELETE', `/alerts/recipients/${r.id}`);
                      return true;
                    });
                    if (gone) {
                      setDone(t('alerts.deleted'));
                      list.reload();
                    }
                  }}
                >
                  {t('alerts.delete')}
                  <span class="visually-hidden"> {r.address}</span>
                </button>
              </span>
            ),
          },
        ]}
      />
      <form
        class="form"
        aria-label={draft.id ? t('alerts.editRecipient') : t('alerts.newRecipient')}
        onSubmit={async (event) => {
          event.preventDefault();
          const saved = await action.run(() =>
            draft.id
              ? session.api.send<Recipient>('PUT', `/alerts/recipients/${draft.id}`, body())
              : session.api.send<Recipient>('POST', '/alerts/recipients', body()),
          );
          if (saved) {
            setDraft(blank());
            setDone(t('alerts.saved'));
            list.reload();
          }
        }}
      >
        <h3>{draft.id ? t('alerts.editRecipient') : t('alerts.newRecipient')}</h3>
        <div class="form form--row">
          <SelectField
            label={t('alerts.channel')}
            value={draft.channel}
            onChange={(v) => set({ channel: v as Draft['channel'] })}
          >
            <option value="email">{t('alerts.channel.email')}</option>
            <option value="webhook">{t('alerts.channel.webhook')}</option>
          </SelectField>
          <label class="field field--wide">
            <span class="field__label">{t('alerts.address')}</span>
            <input
              required
              type={draft.channel === 'email' ? 'email' : 'url'}
              maxLength={draft.channel === 'email' ? 254 : 500}
              value={draft.address}
              onInput={(e) => set({ address: e.currentTarget.value })}
            />
          </label>
          <SelectField
            label={t('alerts.language')}
            value={draft.locale}
            onChange={(v) => set({ locale: v as Draft['locale'] })}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </SelectField>
        </div>
        {draft.channel === 'webhook' && (
          <label class="field">
            <span class="field__label">{t('alerts.secret')}</span>
            <input
              type="password"
              autoComplete="new-password"
              minLength={16}
              maxLength={200}
              placeholder={draft.secretSet ? t('alerts.secretKeep') : ''}
              value={draft.secret}
              onInput={(e) => set({ secret: e.currentTarget.value })}
            />
            <span class="field__help">{t('alerts.secretHelp')}</span>
          </label>
        )}
        <GroupPicker
          legend={t('alerts.groups')}
          value={draft.groups}
          onChange={(groups) => set({ groups })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.currentTarget.checked })}
          />
          <span>{t('alerts.enabled')}</span>
        </label>
        <ErrorNote error={action.error} />
        <DoneNote text={done} />
        <div class="button-row">
          <button type="submit" class="button" disabled={action.busy || draft.groups.length === 0}>
            {t('alerts.save')}
          </button>
          {draft.id && (
            <button type="button" class="button button--quiet" onClick={() => setDraft(blank())}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </Section>
  );
}

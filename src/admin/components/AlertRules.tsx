import { useState } from 'preact/hooks';
import {
  ALERT_KINDS,
  ALERT_THRESHOLDS,
  type AlertKind,
  MAX_REMIND_HOURS,
} from '../../protocol/alert-kinds.ts';
import type { AlertRule } from '../alert-types.ts';
import { useConsole, useT } from '../context.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useThreshold } from './alert-words.ts';
import { DataTable } from './DataTable.tsx';
import { DoneNote, ErrorNote } from './ErrorNote.tsx';
import { groupLabel } from './GroupPicker.tsx';
import { Section } from './Page.tsx';
import { SelectField } from './SelectField.tsx';

type Draft = Omit<AlertRule, 'id'> & { id: string | null };
const blank = (kind: AlertKind = 'silent'): Draft => ({
  id: null,
  group: '*',
  kind,
  threshold: ALERT_THRESHOLDS[kind].default,
  remindHours: 0,
  enabled: true,
});

/** The alert rules: everyone sees them; admins add, change and remove them. */
export function AlertRules() {
  const { session } = useConsole();
  const t = useT();
  const unit = useThreshold();
  const rules = useLoad(() => session.api.get<AlertRule[]>('/alerts/rules'), []);
  const [draft, setDraft] = useState<Draft>(blank());
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const admin = session.can('admin');
  const list = rules.status === 'ready' ? rules.value : [];
  const range = ALERT_THRESHOLDS[draft.kind];
  const set = (patch: Partial<Draft>) => {
    setDone(null);
    setDraft({ ...draft, ...patch });
  };
  return (
    <Section title={t('alerts.rules')}>
      {!admin && <p>{t('alerts.rulesReadOnly')}</p>}
      {rules.status === 'failed' && <ErrorNote error={rules.error} />}
      <DataTable
        caption={t('alerts.rulesCaption')}
        rows={list}
        rowKey={(r) => r.id}
        columns={[
          {
            key: 'group',
            label: t('alerts.group'),
            cell: (r) => groupLabel(r.group, t),
            sort: (r) => r.group,
          },
          {
            key: 'kind',
            label: t('alerts.kind'),
            cell: (r) => t(`alerts.kind.${r.kind}`),
            sort: (r) => r.kind,
          },
          { key: 'threshold', label: t('alerts.threshold'), cell: (r) => unit(r.kind, r.threshold) },
          {
            key: 'remind',
            label: t('alerts.remind'),
            cell: (r) =>
              r.remindHours ? t('alerts.remindEvery', { count: r.remindHours }) : t('alerts.remindNever'),
          },
          {
            key: 'enabled',
            label: t('alerts.enabled'),
            cell: (r) => (r.enabled ? t('common.yes') : t('alerts.off')),
            sort: (r) => (r.enabled ? 1 : 0),
          },
          ...(admin
            ? [
                {
                  key: 'actions',
                  label: t('common.actions'),
                  cell: (r: AlertRule) => (
                    <span class="button-row">
                      <button
                        type="button"
                        class="button button--quiet button--small"
                        onClick={() => setDraft(r)}
                      >
                        {t('alerts.edit')}
                        <span class="visually-hidden">
                          {' '}
                          {groupLabel(r.group, t)} {t(`alerts.kind.${r.kind}`)}
                        </span>
                      </button>
                      <button
                        type="button"
                        class="button button--danger button--small"
                        onClick={async () => {
                          const gone = await action.run(async () => {
                            await session.api.send('DELETE', `/alerts/rules/${r.id}`);
                            return true;
                          });
                          if (gone) {
                            setDone(t('alerts.deleted'));
                            rules.reload();
                          }
                        }}
                      >
                        {t('alerts.delete')}
                        <span class="visually-hidden">
                          {' '}
                          {groupLabel(r.group, t)} {t(`alerts.kind.${r.kind}`)}
                        </span>
                      </button>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      {admin && (
        <form
          class="form"
          aria-label={t('alerts.newRule')}
          onSubmit={async (event) => {
            event.preventDefault();
            const { id, ...body } = draft;
            const saved = await action.run(() =>
              id
                ? session.api.send<AlertRule>('PUT', `/alerts/rules/${id}`, body)
                : session.api.send<AlertRule>('POST', '/alerts/rules', body),
            );
            if (saved) {
              setDraft(blank(draft.kind));
              setDone(t('alerts.saved'));
              rules.reload();
            }
          }}
        >
          <h3>{t('alerts.newRule')}</h3>
          <div class="form form--row">
            <label class="field">
              <span class="field__label">{t('alerts.ruleGroup')}</span>
              <input
                required
                maxLength={60}
                value={draft.group}
                onInput={(e) => set({ group: e.currentTarget.value })}
              />
            </label>
            <SelectField
              label={t('alerts.ruleKind')}
              value={draft.kind}
              onChange={(v) => {
                const kind = v as AlertKind;
                set({ kind, threshold: ALERT_THRESHOLDS[kind].default });
              }}
            >
              {ALERT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`alerts.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <label class="field">
              <span class="field__label">
                {t('alerts.ruleThreshold', {
                  unit: t(`alerts.unitName.${range.unit}` as MessageKey),
                  min: String(range.min),
                  max: String(range.max),
                })}
              </span>
              <input
                type="number"
                required
                min={range.min}
                max={range.max}
                value={draft.threshold}
                onInput={(e) => set({ threshold: Number(e.currentTarget.value) })}
              />
            </label>
            <label class="field">
              <span class="field__label">{t('alerts.ruleRemind')}</span>
              <input
                type="number"
                required
                min={0}
                max={MAX_REMIND_HOURS}
                value={draft.remindHours}
                onInput={(e) => set({ remindHours: Number(e.currentTarget.value) })}
              />
            </label>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set({ enabled: e.currentTarget.checked })}
            />
            <span>{t('alerts.ruleEnabled')}</span>
          </label>
          <ErrorNote error={action.error} />
          <DoneNote text={done} />
          <div class="button-row">
            <button type="submit" class="button" disabled={action.busy}>
              {t('alerts.save')}
            </button>
            {draft.id && (
              <button type="button" class="button button--quiet" onClick={() => setDraft(blank())}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </Section>
  );
}

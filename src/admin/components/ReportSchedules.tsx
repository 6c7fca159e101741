import { useState } from 'preact/hooks';
import type { ReportScheduleInput } from '../../protocol/report-schedules.ts';
import { REPORT_LOCALES } from '../../protocol/report-scopes.ts';
import type { ReportRun, ReportSchedule } from '../alert-types.ts';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { DataTable } from './DataTable.tsx';
import { DoneNote, ErrorNote } from './ErrorNote.tsx';
import { Section } from './Page.tsx';
import { SelectField } from './SelectField.tsx';

const blank = (): ReportScheduleInput & { id: string | null; text: string } => ({
  id: null,
  period: 'monthly',
  scope: 'county',
  scopeValue: '',
  recipients: [],
  text: '',
  locale: 'zh-CN',
  enabled: true,
});

/** Reports sent by email on a schedule, and how the last sendings went (admins only: it holds addresses). */
export function ReportSchedules(props: { towns: string[]; groups: string[] }) {
  const { session, locale } = useConsole();
  const t = useT();
  const data = useLoad(
    () => session.api.get<{ schedules: ReportSchedule[]; runs: ReportRun[] }>('/report-schedules'),
    [],
  );
  const [draft, setDraft] = useState(blank());
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const schedules = data.status === 'ready' ? data.value.schedules : [];
  const runs = data.status === 'ready' ? data.value.runs : [];
  const set = (patch: Partial<typeof draft>) => {
    setDone(null);
    setDraft({ ...draft, ...patch });
  };
  const scopeText = (s: ReportScheduleInput) =>
    s.scope === 'county' ? t('reports.scope.county') : `${t(`reports.scope.${s.scope}`)}: ${s.scopeValue}`;
  const byId = new Map(schedules.map((s) => [s.id, s]));
  return (
    <Section title={t('reports.schedules')}>
      <p>{t('reports.schedulesIntro')}</p>
      {data.status === 'failed' && <ErrorNote error={data.error} />}
      <DataTable
        caption={t('reports.schedulesCaption')}
        rows={schedules}
        rowKey={(s) => s.id}
        columns={[
          { key: 'period', label: t('reports.kind'), cell: (s) => t(`reports.kind.${s.period}`) },
          { key: 'scope', label: t('reports.scope'), cell: scopeText },
          {
            key: 'recipients',
            label: t('reports.recipients'),
            cell: (s) => <span class="break">{s.recipients.join(', ')}</span>,
          },
          { key: 'locale', label: t('alerts.language'), cell: (s) => LOCALE_NAMES[s.locale] },
          {
            key: 'enabled',
            label: t('alerts.enabled'),
            cell: (s) => (s.enabled ? t('common.yes') : t('alerts.off')),
          },
          {
            key: 'actions',
            label: t('common.actions'),
            cell: (s) => (
              <span class="button-row">
                <button
                  type="button"
                  class="button button--quiet button--small"
                  onClick={() => setDraft({ ...s, text: s.recipients.join('\n') })}
                >
                  {t('alerts.edit')}
                  <span class="visually-hidden"> {scopeText(s)}</span>
                </button>
                <button
                  type="button"
                  class="button button--danger button--small"
                  onClick={async () => {
                    const gone = await action.run(async () => {
                      await session.api.send('DELETE', `/report-schedules/${s.id}`);
                      return true;
                    });
                    if (gone) {
                      setDone(t('alerts.deleted'));
                      data.reload();
                    }
                  }}
                >
                  {t('alerts.delete')}
                  <span class="visually-hidden"> {scopeText(s)}</span>
                </button>
              </span>
            ),
          },
        ]}
      />
      <form
        class="form"
        aria-label={t('reports.newSchedule')}
        onSubmit={async (event) => {
          event.preventDefault();
          const { id, text, ...rest } = draft;
          const body = { ...rest, recipients: text.split(/[\s,;]+/).filter(Boolean) };
          const saved = await action.run(() =>
            id
              ? session.api.send<ReportSchedule>('PUT', `/report-schedules/${id}`, body)
              : session.api.send<ReportSchedule>('POST', '/report-schedules', body),
          );
          if (saved) {
            setDraft(blank());
            setDone(t('alerts.saved'));
            data.reload();
          }
        }}
      >
        <h3>{t('reports.newSchedule')}</h3>
        <div class="form form--row">
          <SelectField
            label={t('reports.kind')}
            value={draft.period}
            onChange={(v) => set({ period: v as 'monthly' | 'weekly' })}
          >
            <option value="monthly">{t('reports.kind.monthly')}</option>
            <option value="weekly">{t('reports.kind.weekly')}</option>
          </SelectField>
          <SelectField
            label={t('reports.scope')}
            value={draft.scope}
            onChange={(v) => set({ scope: v as typeof draft.scope, scopeValue: '' })}
          >
            <option value="county">{t('reports.scope.county')}</option>
            <option value="town">{t('reports.scope.town')}</option>
            <option value="group">{t('reports.scope.group')}</option>
          </SelectField>
          {draft.scope !== 'county' && (
            <SelectField
              label={t('reports.scopeValue')}
              value={draft.scopeValue}
              onChange={(v) => set({ scopeValue: v })}
            >
              <option value="">—</option>
              {(draft.scope === 'town' ? props.towns : props.groups).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            label={t('alerts.language')}
            value={draft.locale}
            onChange={(v) => set({ locale: v as typeof draft.locale })}
          >
            {REPORT_LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </SelectField>
        </div>
        <label class="field">
          <span class="field__label">{t('reports.recipients')}</span>
          <textarea
            required
            rows={3}
            value={draft.text}
            onInput={(e) => set({ text: e.currentTarget.value })}
          />
          <span class="field__help">{t('reports.recipientsHelp')}</span>
        </label>
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
      <h3>{t('reports.runs')}</h3>
      <DataTable
        caption={t('reports.runsCaption')}
        rows={runs}
        rowKey={(r) => `${r.scheduleId}/${r.period}`}
        columns={[
          { key: 'period', label: t('reports.period'), cell: (r) => r.period, sort: (r) => r.period },
          {
            key: 'scope',
            label: t('reports.scope'),
            cell: (r) => {
              const s = byId.get(r.scheduleId);
              return s ? scopeText(s) : '—';
            },
          },
          { key: 'status', label: t('alerts.state'), cell: (r) => t(`reports.run.${r.status}`) },
          { key: 'attempts', label: t('reports.attempts'), cell: (r) => r.attempts, numeric: true },
          {
            key: 'at',
            label: t('alerts.when'),
            cell: (r) => formatDateTime(locale.value, r.at),
            sort: (r) => r.at,
          },
          { key: 'error', label: t('reports.error'), cell: (r) => r.error ?? '' },
        ]}
      />
    </Section>
  );
}

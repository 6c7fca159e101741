import { useState } from 'preact/hooks';
import { LOCALES, type Locale } from '../../protocol/locales.ts';
import type { Notice } from '../../protocol/notice.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { GroupBadges, GroupPicker, groupLabel } from '../components/GroupPicker.tsx';
import { NoticePreview } from '../components/NoticePreview.tsx';
import { Page, Section } from '../components/Page.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useConsole, useT } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import type { NoticeView } from '../types.ts';

const SEVERITIES = ['extreme', 'severe', 'moderate', 'minor'] as const;
const URGENCIES = ['immediate', 'expected', 'future'] as const;
const HOURS = [1, 3, 6, 12, 24, 48, 72, 168];
type Texts = Record<Locale, string>;
const EMPTY: Texts = { 'zh-CN': '', vi: '', en: '' };

/** Compose an emergency notice in three languages, preview it as kiosks show it, send, cancel. */
export function NoticesPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const notices = useLoad(() => session.api.get<NoticeView[]>('/notices'), []);
  const [cancel, setCancel] = useState<NoticeView | null>(null);
  const [approve, setApprove] = useState<NoticeView | null>(null);
  const [approved, setApproved] = useState<string | null>(null);
  const action = useAction();
  const l = locale.value;
  return (
    <Page title={t('notices.title')} intro={t('notices.intro')}>
      <DoneNote text={approved} />
      <Waiting notices={notices.status === 'ready' ? notices.value : []} />
      {session.can('editor') && <Compose onSent={notices.reload} />}
      <Section title={t('notices.list')}>
        {notices.status === 'failed' && <ErrorNote error={notices.error} />}
        <DataTable
          caption={t('notices.listCaption')}
          rows={notices.status === 'ready' ? notices.value : []}
          rowKey={(n) => n.notice.id}
          columns={[
            { key: 'headline', label: t('notices.headline'), cell: (n) => headlineOf(n, l) },
            {
              key: 'origin',
              label: t('notices.origin'),
              cell: (n) => t(`origin.${n.origin}`),
              sort: (n) => n.origin,
            },
            {
              key: 'severity',
              label: t('notices.severity'),
              cell: (n) => t(`severity.${n.notice.severity}`),
            },
            {
              key: 'groups',
              label: t('notices.reach'),
              cell: (n) => (n.reach ? <ReachText reach={n.reach} /> : <GroupBadges groups={n.groups} />),
            },
            {
              key: 'onset',
              label: t('notices.onset'),
              cell: (n) => formatDateTime(l, n.notice.onset),
              sort: (n) => n.notice.onset,
            },
            {
              key: 'expires',
              label: t('notices.expires'),
              cell: (n) => formatDateTime(l, n.notice.expires),
              sort: (n) => n.notice.expires,
            },
            {
              key: 'state',
              label: t('notices.state'),
              cell: (n) => <span class={`badge badge--${n.state}`}>{t(`noticeState.${n.state}`)}</span>,
              sort: (n) => n.state,
            },
            ...(session.can('editor')
              ? [
                  {
                    key: 'actions',
                    label: t('common.actions'),
                    cell: (n: NoticeView) =>
                      n.state === 'active' || n.state === 'scheduled' ? (
                        <span class="row-actions">
                          {waiting(n) && (
                            <button type="button" class="button button--small" onClick={() => setApprove(n)}>
                              {t('notices.approve')}
                            </button>
                          )}
                          <button
                            type="button"
                            class="button button--danger button--small"
                            onClick={() => setCancel(n)}
                          >
                            {t('notices.cancel')}
                          </button>
                        </span>
                      ) : null,
                  },
                ]
              : []),
          ]}
          initialSort={{ key: 'onset', descending: true }}
        />
      </Section>
      {cancel && (
        <ConfirmDialog
          title={t('notices.cancelTitle')}
          confirm={t('notices.cancel')}
          danger
          busy={action.busy}
          error={action.error}
          onCancel={() => setCancel(null)}
          onConfirm={async () => {
            if (await action.run(() => session.api.send('POST', `/notices/${cancel.notice.id}/cancel`, {}))) {
              setCancel(null);
              notices.reload();
            }
          }}
        >
          <p>
            <strong>{headlineOf(cancel, l)}</strong>
          </p>
          <p>{t('notices.cancelBody')}</p>
        </ConfirmDialog>
      )}
      {approve && (
        <ConfirmDialog
          title={t('notices.approveTitle')}
          confirm={t('notices.approve')}
          busy={action.busy}
          error={action.error}
          onCancel={() => setApprove(null)}
          onConfirm={async () => {
            if (
              await action.run(() => session.api.send('POST', `/notices/${approve.notice.id}/approve`, {}))
            ) {
              setApprove(null);
              setApproved(t('notices.approved'));
              notices.reload();
            }
          }}
        >
          <p>
            <strong>{headlineOf(approve, l)}</strong>
          </p>
          <p>
            {t('notices.approveBody', {
              groups: (approve.reach?.waiting ?? []).map((g) => groupLabel(g.group, t)).join(', '),
            })}
          </p>
        </ConfirmDialog>
      )}
    </Page>
  );
}

/** A notice's headline in the console's language, else the first it has. */
function headlineOf(n: NoticeView, l: Locale): string {
  return n.notice.headline[l] ?? Object.values(n.notice.headline)[0] ?? '';
}

/** Whether a live notice waits for an editor somewhere. */
function waiting(n: NoticeView): boolean {
  return !n.approvedAt && (n.reach?.waiting.length ?? 0) > 0;
}

/** Where a notice that came by itself shows, and where it waits. */
function ReachText({ reach }: { reach: NonNullable<NoticeView['reach']> }) {
  const t = useT();
  const list = (xs: typeof reach.shown) =>
    xs.map((g) => t('notices.stationsIn', { group: groupLabel(g.group, t), count: g.stations })).join(', ');
  if (reach.shown.length === 0 && reach.waiting.length === 0)
    return <span class="muted">{t('notices.nowhere')}</span>;
  return (
    <span>
      {reach.shown.length > 0 && (
        <span class="reach">{t('notices.shownIn', { groups: list(reach.shown) })}</span>
      )}
      {reach.waiting.length > 0 && (
        <span class="reach reach--waiting">{t('notices.waitingIn', { groups: list(reach.waiting) })}</span>
      )}
    </span>
  );
}

/** Warnings from feeds and partners that wait for an editor, at the top of the page. */
function Waiting({ notices }: { notices: NoticeView[] }) {
  const { locale } = useConsole();
  const t = useT();
  const list = notices.filter(waiting);
  return (
    <Section title={t('notices.waitingTitle')}>
      <p>{t('notices.waitingIntro')}</p>
      {list.length === 0 ? (
        <p class="muted">{t('notices.waitingNone')}</p>
      ) : (
        <ul class="waiting-list">
          {list.map((n) => (
            <li key={n.notice.id}>
              <strong>{headlineOf(n, locale.value)}</strong> · {t(`severity.${n.notice.severity}`)} ·{' '}
              {t(`origin.${n.origin}`)}
              {n.reach && (
                <>
                  {' '}
                  · <ReachText reach={n.reach} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Compose({ onSent }: { onSent: () => void }) {
  const { session, locale } = useConsole();
  const t = useT();
  const [severity, setSeverity] = useState<Notice['severity']>('severe');
  const [urgency, setUrgency] = useState<Notice['urgency']>('immediate');
  const [headline, setHeadline] = useState<Texts>(EMPTY);
  const [instruction, setInstruction] = useState<Texts>(EMPTY);
  const [groups, setGroups] = useState<string[]>(['*']);
  const [hours, setHours] = useState(6);
  const [onset, setOnset] = useState('');
  const [previewLocale, setPreviewLocale] = useState<Locale>(locale.value);
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();
  const start = onset ? new Date(onset) : new Date();
  const expires = new Date(start.getTime() + hours * 3_600_000);
  const complete = LOCALES.every((x) => headline[x].trim() && instruction[x].trim()) && groups.length > 0;
  return (
    <Section title={t('notices.compose')}>
      <form
        class="form notice-form"
        onSubmit={(event) => {
          event.preventDefault();
          setSent(null);
          setConfirming(true);
        }}
      >
        <div class="form__columns">
          <div class="form">
            <Radios
              legend={t('notices.severity')}
              name="severity"
              value={severity}
              onChange={setSeverity}
              options={SEVERITIES.map((s) => [s, t(`severity.${s}`)])}
            />
            <Radios
              legend={t('notices.urgency')}
              name="urgency"
              value={urgency}
              onChange={setUrgency}
              options={URGENCIES.map((u) => [u, t(`urgency.${u}`)])}
            />
            {LOCALES.map((x) => (
              <fieldset key={x} class="lang-block">
                <legend lang={x}>{LOCALE_NAMES[x]}</legend>
                <label class="field">
                  <span class="field__label">{t('notices.headline')}</span>
                  <input
                    lang={x}
                    required
                    maxLength={120}
                    value={headline[x]}
                    onInput={(e) => setHeadline({ ...headline, [x]: e.currentTarget.value })}
                  />
                </label>
                <label class="field">
                  <span class="field__label">{t('notices.instruction')}</span>
                  <textarea
                    lang={x}
                    required
                    maxLength={600}
                    rows={3}
                    value={instruction[x]}
                    onInput={(e) => setInstruction({ ...instruction, [x]: e.currentTarget.value })}
                  />
                </label>
              </fieldset>
            ))}
            <GroupPicker legend={t('notices.groups')} value={groups} onChange={setGroups} />
            <label class="field">
              <span class="field__label">{t('notices.onsetField')}</span>
              <input type="datetime-local" value={onset} onInput={(e) => setOnset(e.currentTarget.value)} />
              <span class="field__help">{t('notices.onsetHelp')}</span>
            </label>
            <SelectField
              label={t('notices.duration')}
              value={hours}
              onChange={(v) => setHours(Number(v))}
              help={t('notices.until', { time: formatDateTime(locale.value, expires) })}
            >
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {h < 24 ? t('notices.hours', { count: h }) : t('notices.days', { count: h / 24 })}
                </option>
              ))}
            </SelectField>
          </div>
          <div class="form">
            <fieldset class="segmented">
              <legend>{t('notices.preview')}</legend>
              {LOCALES.map((x) => (
                <label key={x} class="segmented__option">
                  <input
                    type="radio"
                    name="notice-preview"
                    checked={previewLocale === x}
                    onChange={() => setPreviewLocale(x)}
                  />
                  <span lang={x}>{LOCALE_NAMES[x]}</span>
                </label>
              ))}
            </fieldset>
            <NoticePreview notice={{ severity, headline, instruction }} locale={previewLocale} />
          </div>
        </div>
        <button type="submit" class="button" disabled={!complete}>
          {t('notices.send')}
        </button>
        {!complete && <p class="field__help">{t('notices.incomplete')}</p>}
      </form>
      {sent && (
        <p class="done-note" role="status">
          {sent}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('notices.confirmTitle')}
          confirm={t('notices.sendNow')}
          busy={action.busy}
          error={action.error}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const done = await action.run(() =>
              session.api.send('POST', '/notices', {
                severity,
                urgency,
                headline,
                instruction,
                groups,
                ...(onset ? { onset: start.toISOString() } : {}),
                expires: expires.toISOString(),
              }),
            );
            if (done) {
              setConfirming(false);
              setHeadline(EMPTY);
              setInstruction(EMPTY);
              setSent(t('notices.sent'));
              onSent();
            }
          }}
        >
          <p>
            <strong>{headline[locale.value]}</strong>
          </p>
          <p>
            {t('notices.confirmBody', {
              groups: groups.map((g) => groupLabel(g, t)).join(', '),
              until: formatDateTime(locale.value, expires),
            })}
          </p>
        </ConfirmDialog>
      )}
    </Section>
  );
}

function Radios<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  onChange: (v: T) => void;
  options: Array<[T, string]>;
}) {
  return (
    <fieldset class="segmented">
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={value} class="segmented__option">
          <input
            type="radio"
            name={props.name}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

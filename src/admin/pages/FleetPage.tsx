import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Link } from '../components/Link.tsx';
import { Page, Section } from '../components/Page.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StateBadge } from '../components/StateBadge.tsx';
import { storageText, updateText } from '../components/station-facts.ts';
import { useConsole, useT } from '../context.ts';
import { formatAgo, formatDateTime } from '../format.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { StationState, StationView } from '../types.ts';

const STATES: StationState[] = ['online', 'late', 'silent', 'revoked'];

/** Every station with its health; filters, sorting, CSV, and adding a station. */
export function FleetPage() {
  const { session, locale } = useConsole();
  const t = useT();
  const stations = useLoad(() => session.api.get<StationView[]>('/stations'), []);
  const [query, setQuery] = useState('');
  const [town, setTown] = useState('');
  const [group, setGroup] = useState('');
  const [state, setState] = useState('');
  const all = stations.status === 'ready' ? stations.value : [];
  const towns = [...new Set(all.map((s) => s.town))].sort();
  const groups = [...new Set(all.map((s) => s.group))].sort();
  const q = query.trim().toLowerCase();
  const shown = all.filter(
    (s) =>
      (!q || s.name.toLowerCase().includes(q) || s.id.includes(q)) &&
      (!town || s.town === town) &&
      (!group || s.group === group) &&
      (!state || s.state === state),
  );
  const l = locale.value;
  return (
    <Page title={t('fleet.title')} intro={t('fleet.intro')}>
      <ul class="state-summary" aria-label={t('fleet.summary')}>
        {STATES.map((s) => (
          <li key={s}>
            <StateBadge state={s} /> <strong>{all.filter((x) => x.state === s).length}</strong>
          </li>
        ))}
      </ul>
      <Section title={t('fleet.stations')}>
        <div class="filters">
          <label class="field field--inline">
            <span class="field__label">{t('fleet.search')}</span>
            <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          </label>
          <Choice
            label={t('fleet.town')}
            value={town}
            onChange={setTown}
            options={towns.map((x) => [x, x])}
          />
          <Choice
            label={t('fleet.group')}
            value={group}
            onChange={setGroup}
            options={groups.map((x) => [x, x])}
          />
          <Choice
            label={t('fleet.state')}
            value={state}
            onChange={setState}
            options={STATES.map((s) => [s, t(`state.${s}`)])}
          />
        </div>
        {stations.status === 'failed' && <ErrorNote error={stations.error} />}
        <DataTable
          caption={t('fleet.caption', { shown: shown.length, all: all.length })}
          csv="/api/v1/admin/stations?format=csv"
          rows={shown}
          rowKey={(s) => s.id}
          initialSort={{ key: 'seen', descending: false }}
          columns={[
            {
              key: 'name',
              label: t('fleet.name'),
              cell: (s) => <Link to={{ page: 'station', id: s.id }}>{s.name}</Link>,
              sort: (s) => s.name,
            },
            { key: 'town', label: t('fleet.town'), cell: (s) => s.town, sort: (s) => s.town },
            { key: 'group', label: t('fleet.group'), cell: (s) => s.group, sort: (s) => s.group },
            {
              key: 'state',
              label: t('fleet.state'),
              cell: (s) => <StateBadge state={s.state} />,
              sort: (s) => STATES.indexOf(s.state),
            },
            {
              key: 'seen',
              label: t('fleet.lastSeen'),
              cell: (s) => <span title={formatDateTime(l, s.lastSeenAt)}>{formatAgo(l, s.lastSeenAt)}</span>,
              sort: (s) => s.lastSeenAt ?? '',
            },
            {
              key: 'app',
              label: t('fleet.app'),
              cell: (s) => s.lastHeartbeat?.appVersion ?? '—',
              sort: (s) => s.lastHeartbeat?.appVersion ?? '',
            },
            {
              key: 'pack',
              label: t('fleet.pack'),
              cell: (s) => s.lastHeartbeat?.packVersion ?? '—',
              sort: (s) => s.lastHeartbeat?.packVersion ?? null,
              numeric: true,
            },
            { key: 'update', label: t('fleet.lastUpdate'), cell: (s) => updateText(l, s.lastHeartbeat) },
            {
              key: 'errors',
              label: t('fleet.errors'),
              cell: (s) =>
                s.lastHeartbeat?.errors.length ? <code>{s.lastHeartbeat.errors.join(' ')}</code> : '—',
              sort: (s) => s.lastHeartbeat?.errors.length ?? 0,
            },
            { key: 'storage', label: t('fleet.storage'), cell: (s) => storageText(l, s.lastHeartbeat) },
            {
              key: 'queue',
              label: t('fleet.queue'),
              cell: (s) => s.lastHeartbeat?.queue ?? '—',
              sort: (s) => s.lastHeartbeat?.queue ?? null,
              numeric: true,
            },
          ]}
        />
      </Section>
      {session.can('admin') && <NewStation groups={groups} towns={towns} onCreated={stations.reload} />}
    </Page>
  );
}

/** A labelled select with an "all" choice. */
export function Choice(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<[string, string]>;
}) {
  const t = useT();
  return (
    <SelectField inline label={props.label} value={props.value} onChange={props.onChange}>
      <option value="">{t('common.all')}</option>
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </SelectField>
  );
}

function NewStation(props: { groups: string[]; towns: string[]; onCreated: () => void }) {
  const { session } = useConsole();
  const t = useT();
  const [name, setName] = useState('');
  const [town, setTown] = useState('');
  const [group, setGroup] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const action = useAction();
  return (
    <Section title={t('fleet.newStation')}>
      <form
        class="form form--row"
        onSubmit={async (event) => {
          event.preventDefault();
          const made = await action.run(() =>
            session.api.send<{ enrollmentCode: string }>('POST', '/stations', { name, town, group }),
          );
          if (made) {
            setCode(made.enrollmentCode);
            setName('');
            props.onCreated();
          }
        }}
      >
        <label class="field">
          <span class="field__label">{t('fleet.name')}</span>
          <input required maxLength={60} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">{t('fleet.town')}</span>
          <input
            required
            maxLength={60}
            list="towns"
            value={town}
            onInput={(e) => setTown(e.currentTarget.value)}
          />
          <datalist id="towns">
            {props.towns.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </label>
        <label class="field">
          <span class="field__label">{t('fleet.group')}</span>
          <input
            required
            maxLength={60}
            list="groups"
            value={group}
            onInput={(e) => setGroup(e.currentTarget.value)}
          />
          <datalist id="groups">
            {props.groups.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </label>
        <button type="submit" class="button" disabled={action.busy}>
          {t('fleet.create')}
        </button>
      </form>
      <ErrorNote error={action.error} />
      {code && <CodeDialog code={code} onClose={() => setCode(null)} />}
    </Section>
  );
}

/** Shows a new enrollment code once, large, to copy or read out to whoever sets up the kiosk. */
export function CodeDialog({ code, onClose }: { code: string; onClose: () => void }) {
  const t = useT();
  return (
    <ConfirmDialog
      title={t('fleet.codeTitle')}
      confirm={t('common.done')}
      onConfirm={onClose}
      onCancel={onClose}
    >
      <p class="enroll-code">
        <output>{code}</output>
      </p>
      <p>{t('fleet.codeHelp')}</p>
    </ConfirmDialog>
  );
}

import { useState } from 'preact/hooks';
import { DataTable } from '../components/DataTable.tsx';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { groupLabel } from '../components/GroupPicker.tsx';
import { Page, Section } from '../components/Page.tsx';
import { useConsole, useT } from '../context.ts';
import { useAction, useLoad } from '../hooks.ts';
import type { AlertSettingsPage, AlertSettingsView, PlaceView } from '../types.ts';

const POLICIES = ['severe', 'extreme', 'all', 'none'] as const;
type Station = AlertSettingsPage['stations'][number];

/** Where a place is, in words: "南溪镇 · 22.63, 103.95 · 532532102". */
function placeText(place: PlaceView | null, none: string): string {
  if (!place) return none;
  const point = typeof place.lat === 'number' ? `${place.lat}, ${place.lon}` : null;
  return [place.town, point, place.geocode].filter(Boolean).join(' · ') || none;
}

/** Each group's alert policy, chime, test flag and place; each station's own place. */
export function PlacesPage() {
  const { session } = useConsole();
  const t = useT();
  const data = useLoad(() => session.api.get<AlertSettingsPage>('/alert-settings'), []);
  const [group, setGroup] = useState<string | null>(null);
  const [station, setStation] = useState<Station | null>(null);
  const groups = data.status === 'ready' ? data.value.groups : [];
  const current = groups.find((g) => g.group === group) ?? groups[0];
  const editable = session.can('admin');
  return (
    <Page title={t('places.title')} intro={t('places.intro')}>
      {data.status === 'failed' && <ErrorNote error={data.error} />}
      <Section title={t('places.groups')}>
        <DataTable
          caption={t('groups.caption')}
          rows={groups}
          rowKey={(g) => g.group}
          columns={[
            {
              key: 'group',
              label: t('places.group'),
              cell: (g) => (
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={g.group === current?.group}
                  onClick={() => setGroup(g.group)}
                >
                  {groupLabel(g.group, t)}
                </button>
              ),
              sort: (g) => g.group,
            },
            { key: 'stations', label: t('groups.stations'), cell: (g) => g.stations, numeric: true },
            { key: 'policy', label: t('places.policy'), cell: (g) => t(`policy.${g.effective.policy}`) },
            {
              key: 'chime',
              label: t('places.chime'),
              cell: (g) =>
                `${g.effective.chime ? t('common.yes') : t('places.quiet')}${g.effective.testGroup ? ` · ${t('places.test')}` : ''}`,
            },
            { key: 'place', label: t('places.place'), cell: (g) => placeText(g.effective.place, '—') },
            {
              key: 'own',
              label: t('groups.own'),
              cell: (g) => (g.settings ? t('common.yes') : t('groups.inherits')),
            },
          ]}
        />
        {current && (
          <GroupForm
            key={current.group}
            group={current.group}
            value={current.effective}
            editable={editable}
            onSaved={data.reload}
          />
        )}
      </Section>
      <Section title={t('places.stations')}>
        <DataTable
          caption={t('places.stationsCaption')}
          rows={data.status === 'ready' ? data.value.stations : []}
          rowKey={(s) => s.id}
          columns={[
            { key: 'name', label: t('places.station'), cell: (s) => s.name, sort: (s) => s.name },
            {
              key: 'group',
              label: t('places.group'),
              cell: (s) => groupLabel(s.group, t),
              sort: (s) => s.group,
            },
            { key: 'own', label: t('places.own'), cell: (s) => placeText(s.place, t('places.inherits')) },
            {
              key: 'effective',
              label: t('places.effective'),
              cell: (s) =>
                `${placeText(s.effective, '—')}${typeof s.effective.lat === 'number' ? '' : ` · ${t('places.noPoint')}`}`,
            },
            ...(editable
              ? [
                  {
                    key: 'actions',
                    label: t('common.actions'),
                    cell: (s: Station) => (
                      <button
                        type="button"
                        class="button button--quiet button--small"
                        onClick={() => setStation(s)}
                      >
                        {t('places.edit')}
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {station && editable && (
          <StationForm
            key={station.id}
            station={station}
            onSaved={() => {
              setStation(null);
              data.reload();
            }}
          />
        )}
      </Section>
    </Page>
  );
}

/** Town, latitude, longitude and code fields; empty ones are left out. */
function PlaceFields(props: { value: PlaceView; onChange: (p: PlaceView) => void; disabled?: boolean }) {
  const t = useT();
  const { value, onChange } = props;
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const set = (patch: Partial<PlaceView>) => {
    const next: PlaceView = { ...value, ...patch };
    for (const k of Object.keys(next) as Array<keyof PlaceView>)
      if (next[k] === undefined || next[k] === '') delete next[k];
    onChange(next);
  };
  return (
    <fieldset class="form form--row" disabled={props.disabled}>
      <legend>{t('places.place')}</legend>
      <label class="field">
        <span class="field__label">{t('places.town')}</span>
        <input
          maxLength={60}
          value={value.town ?? ''}
          onInput={(e) => set({ town: e.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('places.lat')}</span>
        <input
          type="number"
          step="any"
          min={-90}
          max={90}
          value={value.lat ?? ''}
          onInput={(e) => set({ lat: number(e.currentTarget.value) })}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('places.lon')}</span>
        <input
          type="number"
          step="any"
          min={-180}
          max={180}
          value={value.lon ?? ''}
          onInput={(e) => set({ lon: number(e.currentTarget.value) })}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('places.geocode')}</span>
        <input
          maxLength={20}
          value={value.geocode ?? ''}
          onInput={(e) => set({ geocode: e.currentTarget.value })}
        />
      </label>
      <p class="field__help">{t('places.placeHelp')}</p>
    </fieldset>
  );
}

function GroupForm(props: {
  group: string;
  value: AlertSettingsView;
  editable: boolean;
  onSaved: () => void;
}) {
  const { session } = useConsole();
  const t = useT();
  const [settings, setSettings] = useState<AlertSettingsView>(props.value);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const set = (patch: Partial<AlertSettingsView>) => {
    setDone(null);
    setSettings({ ...settings, ...patch });
  };
  return (
    <form
      class="form"
      onSubmit={async (event) => {
        event.preventDefault();
        const place = settings.place && Object.keys(settings.place).length > 0 ? settings.place : null;
        const saved = await action.run(() =>
          session.api.send('PUT', `/groups/${encodeURIComponent(props.group)}/alert-settings`, {
            ...settings,
            place,
          }),
        );
        if (saved) {
          setDone(t('places.saved'));
          props.onSaved();
        }
      }}
    >
      <h3 class="form__title">{t('places.editGroup', { group: groupLabel(props.group, t) })}</h3>
      <fieldset class="segmented" disabled={!props.editable}>
        <legend>{t('places.policy')}</legend>
        {POLICIES.map((p) => (
          <label key={p} class="segmented__option">
            <input
              type="radio"
              name="policy"
              checked={settings.policy === p}
              onChange={() => set({ policy: p })}
            />
            <span>{t(`policy.${p}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="checks" disabled={!props.editable}>
        <legend>{t('places.options')}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.chime}
            onChange={(e) => set({ chime: e.currentTarget.checked })}
          />
          <span>{t('places.chimeOn')}</span>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.testGroup}
            onChange={(e) => set({ testGroup: e.currentTarget.checked })}
          />
          <span>{t('places.testGroup')}</span>
        </label>
      </fieldset>
      <PlaceFields
        value={settings.place ?? {}}
        onChange={(place) => set({ place })}
        disabled={!props.editable}
      />
      <ErrorNote error={action.error} />
      <DoneNote text={done} />
      {props.editable && (
        <button type="submit" class="button" disabled={action.busy}>
          {t('places.save')}
        </button>
      )}
    </form>
  );
}

function StationForm({ station, onSaved }: { station: Station; onSaved: () => void }) {
  const { session } = useConsole();
  const t = useT();
  const [place, setPlace] = useState<PlaceView>(station.place ?? {});
  const action = useAction();
  const save = async (value: PlaceView | null) => {
    if (await action.run(() => session.api.send('PUT', `/stations/${station.id}/place`, { place: value })))
      onSaved();
  };
  return (
    <form
      class="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save(Object.keys(place).length > 0 ? place : null);
      }}
    >
      <h3 class="form__title">{t('places.editStation', { name: station.name })}</h3>
      <PlaceFields value={place} onChange={setPlace} />
      <ErrorNote error={action.error} />
      <span class="row-actions">
        <button type="submit" class="button" disabled={action.busy}>
          {t('places.save')}
        </button>
        <button
          type="button"
          class="button button--quiet"
          disabled={action.busy}
          onClick={() => void save(null)}
        >
          {t('places.clear')}
        </button>
      </span>
    </form>
  );
}

import { useState } from 'preact/hooks';
import { CATALOG_PATH, CatalogSchema } from '../../protocol/content-doc.ts';
import { LOCALES } from '../../protocol/locales.ts';
import { TOPICS } from '../../protocol/topics.ts';
import { fetchJson } from '../components/blobs.ts';
import { DataTable } from '../components/DataTable.tsx';
import { DoneNote, ErrorNote } from '../components/ErrorNote.tsx';
import { groupLabel } from '../components/GroupPicker.tsx';
import { Page, Section } from '../components/Page.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useConsole, useT } from '../context.ts';
import { useAction, useLoad } from '../hooks.ts';
import { LOCALE_NAMES, type MessageKey } from '../i18n/index.ts';
import type { GroupConfig, GroupView, ReleaseDetail, ReleaseSummary } from '../types.ts';

/** Per station group: idle timeout, default language and text size, topics, featured articles. */
export function GroupsPage() {
  const { session } = useConsole();
  const t = useT();
  const groups = useLoad(() => session.api.get<GroupView[]>('/groups'), []);
  const [selected, setSelected] = useState<string | null>(null);
  const list = groups.status === 'ready' ? groups.value : [];
  const current = list.find((g) => g.group === selected) ?? list[0];
  return (
    <Page title={t('groups.title')} intro={t('groups.intro')}>
      <Section title={t('groups.list')}>
        {groups.status === 'failed' && <ErrorNote error={groups.error} />}
        <DataTable
          caption={t('groups.caption')}
          rows={list}
          rowKey={(g) => g.group}
          columns={[
            {
              key: 'group',
              label: t('fleet.group'),
              cell: (g) => (
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={g.group === current?.group}
                  onClick={() => setSelected(g.group)}
                >
                  {groupLabel(g.group, t)}
                </button>
              ),
              sort: (g) => g.group,
            },
            {
              key: 'stations',
              label: t('groups.stations'),
              cell: (g) => g.stations,
              numeric: true,
              sort: (g) => g.stations,
            },
            {
              key: 'idle',
              label: t('groups.idle'),
              cell: (g) => t('groups.seconds', { count: g.effective.idleSeconds }),
              numeric: true,
            },
            {
              key: 'lang',
              label: t('groups.language'),
              cell: (g) => LOCALE_NAMES[g.effective.defaultLocale],
            },
            {
              key: 'topics',
              label: t('groups.topics'),
              cell: (g) => `${g.effective.enabledTopics.length} / ${TOPICS.length}`,
              numeric: true,
            },
            {
              key: 'own',
              label: t('groups.own'),
              cell: (g) => (g.config ? t('common.yes') : t('groups.inherits')),
            },
          ]}
        />
      </Section>
      {current && <GroupForm key={current.group} view={current} onSaved={groups.reload} />}
    </Page>
  );
}

function GroupForm({ view, onSaved }: { view: GroupView; onSaved: () => void }) {
  const { session, locale } = useConsole();
  const t = useT();
  const [config, setConfig] = useState<GroupConfig>(view.effective);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const editable = session.can('admin');
  const catalog = useLoad(async () => {
    const releases = await session.api.get<ReleaseSummary[]>('/releases');
    const live =
      releases.find((r) => r.activeGroups.includes(view.group)) ??
      releases.find((r) => r.activeGroups.includes('*'));
    if (!live) return [];
    const detail = await session.api.get<ReleaseDetail>(`/releases/${live.version}`);
    return (await fetchJson(detail.fileList, CATALOG_PATH, CatalogSchema)).articles;
  }, [view.group]);
  const set = (patch: Partial<GroupConfig>) => {
    setDone(null);
    setConfig({ ...config, ...patch });
  };
  const toggle = (list: string[], item: string, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);
  return (
    <Section title={t('groups.edit', { group: groupLabel(view.group, t) })}>
      {!editable && <p>{t('groups.readOnly')}</p>}
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          const saved = await action.run(() =>
            session.api.send('PUT', `/groups/${encodeURIComponent(view.group)}/config`, config),
          );
          if (saved) {
            setDone(t('groups.saved'));
            onSaved();
          }
        }}
      >
        <fieldset class="form form--row" disabled={!editable}>
          <legend class="visually-hidden">{t('groups.timing')}</legend>
          <label class="field">
            <span class="field__label">{t('groups.idleField')}</span>
            <input
              type="number"
              min={15}
              max={3600}
              required
              value={config.idleSeconds}
              onInput={(e) => set({ idleSeconds: Number(e.currentTarget.value) })}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('groups.warningField')}</span>
            <input
              type="number"
              min={20}
              max={300}
              required
              value={config.warningSeconds}
              onInput={(e) => set({ warningSeconds: Number(e.currentTarget.value) })}
            />
          </label>
          <SelectField
            label={t('groups.language')}
            value={config.defaultLocale}
            onChange={(v) => set({ defaultLocale: v as GroupConfig['defaultLocale'] })}
          >
            {LOCALES.map((x) => (
              <option key={x} value={x}>
                {LOCALE_NAMES[x]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('groups.textSize')}
            value={config.defaultTextSize}
            onChange={(v) => set({ defaultTextSize: v as GroupConfig['defaultTextSize'] })}
          >
            <option value="standard">{t('groups.standard')}</option>
            <option value="large">{t('groups.large')}</option>
          </SelectField>
        </fieldset>
        <fieldset class="checks" disabled={!editable}>
          <legend>{t('groups.topics')}</legend>
          {TOPICS.map((topic) => (
            <label key={topic} class="check">
              <input
                type="checkbox"
                checked={config.enabledTopics.includes(topic)}
                onChange={(e) =>
                  set({ enabledTopics: toggle(config.enabledTopics, topic, e.currentTarget.checked) })
                }
              />
              <span>{t(`topic.${topic}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="checks checks--scroll" disabled={!editable}>
          <legend>{t('groups.featured', { count: config.featured.length })}</legend>
          {(catalog.status === 'ready' ? catalog.value : []).map((a) => (
            <label key={a.id} class="check">
              <input
                type="checkbox"
                checked={config.featured.includes(a.id)}
                disabled={!config.featured.includes(a.id) && config.featured.length >= 20}
                onChange={(e) => set({ featured: toggle(config.featured, a.id, e.currentTarget.checked) })}
              />
              <span>{a.title[locale.value]}</span>
            </label>
          ))}
        </fieldset>
        <ErrorNote error={action.error} />
        <DoneNote text={done} />
        {editable && (
          <button type="submit" class="button" disabled={action.busy}>
            {t('groups.save')}
          </button>
        )}
      </form>
    </Section>
  );
}

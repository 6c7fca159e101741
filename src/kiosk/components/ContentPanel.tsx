import { useState } from 'preact/hooks';
import { formatDate, formatNumber, formatTime } from '../i18n/index.ts';
import { translateTrust } from '../i18n/trust.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';
import type { StationActions } from '../stores/station-store.ts';
import { useLoad } from './use-load.ts';

const MB = 1024 * 1024;

/** Maintenance: the content pack, updates (check, apply, USB), storage and the upload queue. */
export function ContentPanel({ actions }: { actions: StationActions }) {
  const { session } = useKiosk();
  const t = useT();
  const locale = session.locale.value;
  const [round, setRound] = useState(0);
  const [sideloaded, setSideloaded] = useState<string>();
  const status = useLoad(() => actions.status(), [round]);
  const progress = actions.update.progress.value;
  const staged = actions.update.staged.value;
  const last = actions.update.lastResult.value;
  const refresh = () => setRound((r) => r + 1);
  const s = status.status === 'ready' ? status.value : null;

  const rows: Array<[string, string]> = [
    [t('maintenance.packVersion'), s?.packVersion ? String(s.packVersion) : '—'],
    [t('maintenance.packDate'), s?.packCreated ? formatDate(locale, new Date(s.packCreated)) : '—'],
    [
      t('maintenance.lastCheck'),
      last ? `${formatTime(locale, last.at)} · ${last.result}` : t('maintenance.never'),
    ],
    [
      t('maintenance.storage'),
      s?.storage
        ? t('maintenance.storageValue', {
            used: formatNumber(locale, Math.round(s.storage.used / MB)),
            quota: formatNumber(locale, Math.round(s.storage.quota / MB)),
          })
        : '—',
    ],
    [t('maintenance.queue'), s ? String(s.queue) : '—'],
  ];
  if (s?.trust) {
    const { rootVersion, rootExpires, signedTime, stale } = s.trust;
    const time = signedTime ? formatTime(locale, new Date(signedTime)) : t('maintenance.never');
    rows.push(
      [
        translateTrust(locale, 'trust.root'),
        translateTrust(locale, 'trust.rootValue', {
          version: String(rootVersion),
          date: formatDate(locale, new Date(rootExpires)),
        }),
      ],
      [
        translateTrust(locale, 'trust.signedTime'),
        stale ? translateTrust(locale, 'trust.stale', { time }) : time,
      ],
    );
  }

  return (
    <section class="maintenance__panel" aria-labelledby="content-panel">
      <h2 id="content-panel">{t('maintenance.content')}</h2>
      <dl class="maintenance__facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd data-fact={term}>{value}</dd>
          </div>
        ))}
      </dl>
      {progress && (
        <label class="maintenance__progress">
          {t('maintenance.downloading', { done: progress.done, total: progress.total })}
          <progress max={progress.total} value={progress.done} />
        </label>
      )}
      {staged !== null && <p role="status">{t('maintenance.staged', { version: String(staged) })}</p>}
      {sideloaded && <p role="status">{t('maintenance.sideloadResult', { result: sideloaded })}</p>}
      <div class="dialog-actions">
        <button type="button" class="big-button" onClick={() => void actions.checkUpdate().then(refresh)}>
          {t('maintenance.checkNow')}
        </button>
        {staged !== null && (
          <button type="button" class="big-button" onClick={() => void actions.applyUpdate().then(refresh)}>
            {t('maintenance.applyNow')}
          </button>
        )}
        <label class="big-button big-button--quiet file-button">
          {t('maintenance.sideload')}
          <input
            type="file"
            accept=".zip,application/zip"
            class="visually-hidden"
            onChange={async (event) => {
              const file = (event.target as HTMLInputElement).files?.[0];
              if (!file) return;
              setSideloaded(await actions.sideload(file));
              refresh();
            }}
          />
        </label>
      </div>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { ContentPanel } from '../components/ContentPanel.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { formatTime } from '../i18n/index.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

// The enrollment code alphabet (no 0/O, 1/I/L), as the hub makes codes.
const CODE_KEYS = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** For maintenance staff: the station, enrollment, sync, content updates and error codes. */
export function MaintenanceScreen() {
  const { station, session } = useKiosk();
  const t = useT();
  const locale = session.locale.value;
  const enrollment = station.enrollment.value;
  const actions = station.actions.value;
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const last = station.lastSync.value;

  async function enroll(): Promise<void> {
    setBusy(true);
    const error = await station.enroll(code);
    setBusy(false);
    setMessage(error ? t('maintenance.enrollFailed', { code: error }) : t('maintenance.enrolled'));
    if (!error) setCode('');
  }

  const rows: Array<[string, string]> = [
    [t('maintenance.appVersion'), import.meta.env.VITE_APP_VERSION ?? '0.0.0'],
    [
      t('maintenance.lastSync'),
      last
        ? `${formatTime(locale, last.at)} ${last.ok ? t('maintenance.syncOk') : t('maintenance.syncFailed')}`
        : t('maintenance.never'),
    ],
    [t('maintenance.errors'), station.errors.value.join(', ') || t('maintenance.noErrors')],
  ];
  if (enrollment) {
    rows.unshift(
      [t('maintenance.stationId'), enrollment.stationId],
      [t('maintenance.group'), `${enrollment.town} · ${enrollment.group}`],
    );
  }

  return (
    <section class="maintenance">
      <h1>
        {t('maintenance.title')}
        {enrollment && ` · ${enrollment.name}`}
      </h1>
      {message && (
        <p class="notice-area" role="status">
          {message}
        </p>
      )}
      {!enrollment && (
        <div class="maintenance__enroll">
          <p>{t('maintenance.notEnrolled')}</p>
          <p class="maintenance__code">
            <span>{t('maintenance.code')}</span>
            <output>{code.replace(/(.{5})(?=.)/g, '$1-') || '\u00a0'}</output>
          </p>
          <Keypad keys={CODE_KEYS} value={code} onChange={setCode} maxLength={15} />
          <button
            type="button"
            class="big-button"
            disabled={code.length < 15 || busy}
            onClick={() => void enroll()}
          >
            {t('maintenance.enroll')}
          </button>
        </div>
      )}
      <section class="maintenance__panel" aria-labelledby="station-panel">
        <h2 id="station-panel">{t('maintenance.station')}</h2>
        <dl class="maintenance__facts">
          {rows.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {actions && <ContentPanel actions={actions} />}
      <div class="dialog-actions">
        {enrollment && (
          <button type="button" class="big-button" onClick={() => void station.syncNow()}>
            {t('maintenance.syncNow')}
          </button>
        )}
        <button type="button" class="big-button big-button--quiet" onClick={session.home}>
          {t('maintenance.exit')}
        </button>
      </div>
    </section>
  );
}

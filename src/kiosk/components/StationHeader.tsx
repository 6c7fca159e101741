import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatTime } from '../i18n/index.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // Wake at the next minute boundary, then every minute.
    let interval: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(
      () => {
        setNow(new Date());
        interval = setInterval(() => setNow(new Date()), 60_000);
      },
      60_000 - (Date.now() % 60_000),
    );
    return () => {
      clearTimeout(first);
      clearInterval(interval);
    };
  }, []);
  return now;
}

/** The station's name, the app's name and today's date and time. */
export function StationHeader() {
  const { config, session } = useKiosk();
  const t = useT();
  const locale = session.locale.value;
  const now = useMinuteClock();
  return (
    <header class="station-header">
      <div class="station-name">
        <span class="station-name__place">{config.value.stationName}</span>
        <span class="station-name__app">{t('app.name')}</span>
      </div>
      <p class="station-clock">
        <span>{formatDate(locale, now)}</span> <time>{formatTime(locale, now)}</time>
      </p>
    </header>
  );
}

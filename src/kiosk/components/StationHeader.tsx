import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatTime } from '../i18n/index.ts';
import { useKiosk, useT } from '../stores/kiosk-context.ts';
import { PinDialog } from './PinDialog.tsx';

const LONG_PRESS_MS = 3000;

/** Fires after a finger rests on the element for `ms`; lifting or moving away cancels it. */
function useLongPress(ms: number, onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const cancel = () => clearTimeout(timer.current);
  useEffect(() => cancel, []);
  return {
    onPointerDown: () => {
      cancel();
      timer.current = setTimeout(onLongPress, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}

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
  const [askPin, setAskPin] = useState(false);
  const longPress = useLongPress(LONG_PRESS_MS, () => setAskPin(true));
  return (
    <header class="station-header">
      {/* A hidden gesture for maintenance staff, deliberately not offered to residents. */}
      <div class="station-name" {...longPress}>
        <span class="station-name__place">{config.value.stationName}</span>
        <span class="station-name__app">{t('app.name')}</span>
      </div>
      <p class="station-clock">
        <span>{formatDate(locale, now)}</span> <time>{formatTime(locale, now)}</time>
      </p>
      {askPin && <PinDialog onClose={() => setAskPin(false)} />}
    </header>
  );
}

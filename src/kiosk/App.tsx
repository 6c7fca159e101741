import { effect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ControlBar } from './components/ControlBar.tsx';
import { IdleDialog } from './components/IdleDialog.tsx';
import { lazyPart } from './components/LazyScreen.tsx';
import { StationHeader } from './components/StationHeader.tsx';
import { renderRoute } from './routes.tsx';
import { AttractScreen } from './screens/AttractScreen.tsx';
import { type Kiosk, KioskContext, useKiosk } from './stores/kiosk-context.ts';
import { routeKey, routeToPath } from './stores/route.ts';

// Notices arrive after the first screen; their parts load only once one is in force.
const NoticeBanner = lazyPart(() => import('./components/NoticeBanner.tsx').then((m) => m.NoticeBanner));
const AlarmLayer = lazyPart(() => import('./components/AlarmCard.tsx').then((m) => m.AlarmLayer));

/** The kiosk: the attract screen when nobody is there, otherwise header, screen and bar. */
export function App({ kiosk }: { kiosk: Kiosk }) {
  useEffect(() => {
    const stopIdle = kiosk.idle.start(window);
    const { session } = kiosk;
    // Keep the document's language, text size and address in step with the session.
    const stopSync = effect(() => {
      const root = document.documentElement;
      root.lang = session.locale.value;
      root.dataset.textSize = session.textSize.value;
      const path = routeToPath(session.route.value);
      if (location.pathname !== path) history.replaceState(null, '', path + location.search);
    });
    performance.mark('kiosk-interactive');
    return () => {
      stopIdle();
      stopSync();
    };
  }, [kiosk]);

  return (
    <KioskContext.Provider value={kiosk}>
      {kiosk.idle.phase.value === 'attract' ? <AttractScreen /> : <Shell />}
    </KioskContext.Provider>
  );
}

function Shell() {
  const { session, idle, station } = useKiosk();
  const route = session.route.value;
  const notices = station.notices.value;
  return (
    <div class="shell">
      <StationHeader />
      {notices.length > 0 ? <NoticeBanner /> : <div class="notice-banners" />}
      <main class="screen" key={routeKey(route)}>
        {renderRoute(route)}
      </main>
      <ControlBar />
      {notices.some((n) => n.severity === 'extreme') && <AlarmLayer />}
      {idle.phase.value === 'warning' && <IdleDialog />}
    </div>
  );
}

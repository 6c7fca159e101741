import { effect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ControlBar } from './components/ControlBar.tsx';
import { IdleDialog } from './components/IdleDialog.tsx';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { StationHeader } from './components/StationHeader.tsx';
import { renderRoute } from './routes.tsx';
import { AttractScreen } from './screens/AttractScreen.tsx';
import { type Kiosk, KioskContext, useKiosk } from './stores/kiosk-context.ts';
import { routeKey, routeToPath } from './stores/route.ts';

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
  const { session, idle } = useKiosk();
  const route = session.route.value;
  return (
    <div class="shell">
      <StationHeader />
      <NoticeBanner />
      <main class="screen" key={routeKey(route)}>
        {renderRoute(route)}
      </main>
      <ControlBar />
      {idle.phase.value === 'warning' && <IdleDialog />}
    </div>
  );
}

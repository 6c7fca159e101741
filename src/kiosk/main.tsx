import { effect } from '@preact/signals';
import { render } from 'preact';
import { DEFAULT_STATION_CONFIG } from '../protocol/station-config.ts';
import { App } from './App.tsx';
import { readLaunchConfig } from './data/launch-config.ts';
import { createSpeech } from './data/speech.ts';
import { guardKiosk } from './guard.ts';
import { createKiosk } from './stores/kiosk-context.ts';
import { bufferedUsage, lazyContent } from './stores/lazy.ts';
import { HOME, pathToRoute } from './stores/route.ts';
import { createStationStore } from './stores/station-store.ts';
import './styles/base.css';
import './styles/shell.css';
import './styles/screens.css';
import './styles/reader.css';
import './styles/tutorial.css';
import './styles/quiz.css';

const { config, issues } = readLaunchConfig(DEFAULT_STATION_CONFIG, location.search);
for (const issue of issues) console.warn(issue.code, issue.field, issue.message);

const usage = bufferedUsage();
const kiosk = createKiosk({
  config,
  speech: createSpeech(),
  content: lazyContent(async () => (await import('./content-runtime.ts')).contentStore),
  usage,
  station: createStationStore(),
  start: pathToRoute(location.pathname) ?? HOME,
});
guardKiosk(window);
const root = document.getElementById('app');
if (root) render(<App kiosk={kiosk} />, root);

// Everything below is not needed for the first screen and loads after it has painted (the
// frame after `load`): on a slow CPU, evaluating these modules at `load` held that paint back.
// A hidden page gets no animation frames, so a timer starts it anyway.
let later: (() => void) | undefined = () => {
  later = undefined;
  void import('./station-sync.ts').then(({ startStationSync }) => startStationSync(kiosk, usage.attach));
  if (!import.meta.env.PROD) return;
  void import('./data/sw-bridge.ts').then(({ registerServiceWorker }) => {
    const sw = registerServiceWorker(() => kiosk.idle.phase.value === 'attract');
    // A new build takes over only while nobody is there; asked again every few seconds on the
    // attract screen, since a build may finish installing after it showed (see sw-bridge.ts).
    effect(() => {
      if (kiosk.idle.phase.value !== 'attract') return;
      void sw.applyUpdate();
      const again = setInterval(() => void sw.applyUpdate(), 5_000);
      return () => clearInterval(again);
    });
  });
};
addEventListener('load', () => {
  requestAnimationFrame(() => setTimeout(() => later?.()));
  setTimeout(() => later?.(), 1_000);
});

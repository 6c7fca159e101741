import { effect } from '@preact/signals';
import { render } from 'preact';
import { DEFAULT_STATION_CONFIG } from '../protocol/station-config.ts';
import { App } from './App.tsx';
import { readLaunchConfig } from './data/launch-config.ts';
import { createSpeech } from './data/speech.ts';
import { guardKiosk } from './guard.ts';
import { createKiosk } from './stores/kiosk-context.ts';
import { HOME, pathToRoute } from './stores/route.ts';
import './styles/base.css';
import './styles/shell.css';
import './styles/screens.css';

const { config, issues } = readLaunchConfig(DEFAULT_STATION_CONFIG, location.search);
for (const issue of issues) console.warn(issue.code, issue.field, issue.message);

const kiosk = createKiosk(config, createSpeech(), pathToRoute(location.pathname) ?? HOME);
guardKiosk(window);
const root = document.getElementById('app');
if (root) render(<App kiosk={kiosk} />, root);

// The service worker is not needed for the first screen: register it after load, lazily.
if (import.meta.env.PROD) {
  addEventListener('load', () => {
    void import('./data/sw-bridge.ts').then(({ registerServiceWorker }) => {
      const sw = registerServiceWorker();
      effect(() => {
        if (kiosk.idle.phase.value === 'attract' && sw.updateReady.value) sw.applyUpdate();
      });
    });
  });
}

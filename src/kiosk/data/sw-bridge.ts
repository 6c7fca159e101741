import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';

/**
 * Registers the service worker and holds back app updates: a new build installs in the
 * background and takes over only when `applyUpdate()` is called (the kiosk calls it at idle).
 */
export function registerServiceWorker(url = '/sw.js') {
  const updateReady = signal(false);
  if (!('serviceWorker' in navigator)) return { updateReady, applyUpdate: () => {} };

  const wb = new Workbox(url);
  wb.addEventListener('waiting', () => {
    updateReady.value = true;
  });
  wb.addEventListener('controlling', (event) => {
    // The new worker took over: reload so page and worker are the same build.
    if (event.isUpdate) location.reload();
  });
  void wb.register();

  return {
    updateReady,
    applyUpdate(): void {
      if (updateReady.value) wb.messageSkipWaiting();
    },
  };
}

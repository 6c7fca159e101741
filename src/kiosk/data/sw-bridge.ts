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
  // Updates found later by the browser's own checks count as "external" to workbox-window
  // and carry no isUpdate flag, so watch the controller itself: the first worker taking an
  // uncontrolled page is an install; a worker replacing another is a new build.
  let controller = navigator.serviceWorker.controller;
  wb.addEventListener('waiting', () => {
    updateReady.value = true;
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const replaced = controller !== null;
    controller = navigator.serviceWorker.controller;
    // Reload so page and worker are the same build.
    if (replaced) location.reload();
  });
  // Blocked or unsupported workers leave the kiosk working online; say why in the log.
  wb.register().catch((error: unknown) => console.warn('SW_REGISTER_FAILED', error));

  return {
    updateReady,
    applyUpdate(): void {
      if (updateReady.value) wb.messageSkipWaiting();
    },
  };
}

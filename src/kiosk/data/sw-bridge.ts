import { Workbox } from 'workbox-window';

/**
 * Registers the service worker and holds back app updates: a new build installs in the
 * background and takes over only when `applyUpdate()` is called (the kiosk calls it at idle).
 */
export function registerServiceWorker(url = '/sw.js') {
  if (!('serviceWorker' in navigator)) return { applyUpdate: async () => {} };

  const wb = new Workbox(url);
  // Updates found later by the browser's own checks count as "external" to workbox-window
  // and carry no isUpdate flag, so watch the controller itself: the first worker taking an
  // uncontrolled page is an install; a worker replacing another is a new build.
  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const replaced = controller !== null;
    controller = navigator.serviceWorker.controller;
    // Reload so page and worker are the same build.
    if (replaced) location.reload();
  });
  // Blocked or unsupported workers leave the kiosk working online; say why in the log.
  wb.register().catch((error: unknown) => console.warn('SW_REGISTER_FAILED', error));

  return {
    /**
     * Lets a waiting new build take over. Asks the registration itself rather than trusting
     * workbox-window's events, which can be missed when an update is found before they are
     * wired up (a race seen on a busy machine).
     */
    async applyUpdate(): Promise<void> {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration?.waiting) return;
      registration.waiting.postMessage({ type: 'SKIP_WAITING' });
      // The waiting worker may only activate once the active one has no event in flight.
      // Chromium can miss that moment when the active worker was stopped and is just starting
      // again for a fetch (seen: a kiosk stuck on the old build for good). Any finished event
      // re-checks, so give the active worker one; a kiosk on attract calls this every few seconds.
      registration.active?.postMessage({ type: 'PING' });
    },
  };
}

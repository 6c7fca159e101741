import { messageSW, Workbox } from 'workbox-window';

const WAKE_TIMEOUT_MS = 3_000;

/** Resolves once `worker` answered `message`, or after `ms` (a worker of an older build may not answer). */
function ask(worker: ServiceWorker, message: object, ms: number): Promise<unknown> {
  return Promise.race([messageSW(worker, message), new Promise((done) => setTimeout(done, ms))]);
}

/**
 * Registers the service worker and holds back app updates: a new build installs in the
 * background and takes over only when `applyUpdate()` is called (the kiosk calls it at idle).
 *
 * Why it is done this way (Chromium's service worker code): only the first `skipWaiting()` of
 * a waiting worker starts its activation, and it hurries the old worker out only if that worker
 * is running at that moment. Otherwise the new one waits until the old one has been idle for
 * 30 s with no event at all, or for the 5-minute "lame duck" limit. A kiosk's active worker is
 * usually stopped when the attract screen comes, so the page first wakes it and waits for its
 * answer, then asks the waiting worker to skip waiting once, and then leaves both alone: an
 * event every few seconds (an earlier version pinged) keeps the old worker from ever being
 * idle, and the new build then took over only after 5 minutes, or never within a test.
 */
export function registerServiceWorker(idle: () => boolean, url = '/sw.js') {
  if (!('serviceWorker' in navigator)) return { applyUpdate: async () => {} };

  const wb = new Workbox(url);
  const asked = new WeakSet<ServiceWorker>();
  let reloadPending = false;
  // Updates found later by the browser's own checks count as "external" to workbox-window
  // and carry no isUpdate flag, so watch the controller itself: the first worker taking an
  // uncontrolled page is an install; a worker replacing another is a new build.
  let controller = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const replaced = controller !== null;
    controller = navigator.serviceWorker.controller;
    if (!replaced) return;
    // Reload so page and worker are the same build, but never under a resident: if someone
    // tapped while the new build was activating, the next attract screen reloads.
    reloadPending = true;
    if (idle()) location.reload();
  });
  // Blocked or unsupported workers leave the kiosk working online; say why in the log.
  wb.register().catch((error: unknown) => console.warn('SW_REGISTER_FAILED', error));

  return {
    /**
     * Lets a waiting new build take over (or reloads into one that took over while the kiosk
     * was in use). Asks the registration itself rather than trusting workbox-window's events,
     * which are missed for updates the browser found on its own. Safe to call every few seconds.
     */
    async applyUpdate(): Promise<void> {
      if (reloadPending) return location.reload();
      const registration = await navigator.serviceWorker.getRegistration();
      const waiting = registration?.waiting;
      if (!waiting || asked.has(waiting)) return;
      asked.add(waiting);
      if (registration.active) await ask(registration.active, { type: 'WAKE' }, WAKE_TIMEOUT_MS);
      if (!idle()) {
        asked.delete(waiting);
        return;
      }
      waiting.postMessage({ type: 'SKIP_WAITING' });
    },
  };
}

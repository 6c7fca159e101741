/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { BLOB_PATH, CONTENT_CACHE } from '../protocol/content-cache-names.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The app shell: every built file, so the kiosk starts with no network at all.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any kiosk address opens the shell; the app routes from there. The API is never a page, and
// the public pages behind QR codes (/a/...) come from the hub even in a browser that opened the kiosk.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/admin/, /^\/a\//],
  }),
);

// Content blobs by hash, from the content cache the kiosk's update engine fills (it verified
// every byte before storing). Never from the network: a missing blob is a 404.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith(BLOB_PATH),
  async ({ url }) => {
    const cached = await (await caches.open(CONTENT_CACHE)).match(url.pathname);
    return cached ?? new Response('', { status: 404 });
  },
);

// The first install takes the page at once; later builds wait for the kiosk to be idle.
clientsClaim();
self.addEventListener('message', (event) => {
  const type: unknown = event.data?.type;
  // The page asks this (active) worker to be running before it lets a new build skip waiting:
  // Chromium hurries an active worker out only when it is running at that moment.
  if (type === 'WAKE') event.ports[0]?.postMessage({ awake: true });
  else if (type === 'SKIP_WAITING') void self.skipWaiting();
});

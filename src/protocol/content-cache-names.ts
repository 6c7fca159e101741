/** Cache Storage name for pack blobs, shared by the kiosk (writes) and the service worker (serves). */
export const CONTENT_CACHE = 'kepu-content-v1';

/** Where the service worker serves a cached blob: BLOB_PATH + sha256. */
export const BLOB_PATH = '/content-blob/';

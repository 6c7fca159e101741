import type { FastifyRequest } from 'fastify';
import type { PublisherKey } from '../../content-kit/keys.ts';
import { sha256 } from '../auth/secrets.ts';
import type { BlobStore } from '../blob-store.ts';
import type { Station, Store } from '../storage/store.ts';
import type { HubTrust } from '../trust/hub-trust.ts';
import { HttpError } from './errors.ts';

/** What every route needs: storage, blobs, the publisher key, the clock and settings. */
export interface HubContext {
  store: Store;
  blobs: BlobStore;
  /** The hub's publisher key (a content key of root 1 when the hub made demo trust). */
  key: PublisherKey;
  /** The root chain, online keys, timestamps and content signing (trust/hub-trust.ts). */
  trust: HubTrust;
  now: () => Date;
  settings: HubSettings;
}

/** Hub settings from the environment (see main.ts). */
export interface HubSettings {
  /** The built kiosk and admin console (Vite's dist folder). */
  webDir: string;
  /** Cookies get `Secure` (set when the hub is reached over HTTPS). */
  secureCookies: boolean;
  /** Version reported by /api/v1/health. */
  version: string;
  /** Sign-in and enrollment attempts allowed per address per minute (default 10). */
  authAttemptsPerMinute?: number;
  /** The root keys are on this hub's disk (demo trust): the console says so loudly. */
  demoTrust?: boolean;
  /** Requests one station may make per minute to its endpoints (default 120). */
  stationRequestsPerMinute?: number;
  /** Requests one partner API key may make per minute (default 60). */
  partnerRequestsPerMinute?: number;
  /**
   * KEPU_BLOB_BASE_URL: a public or CDN address serving the blob store's objects as
   * `<base>/<sha256>`; the hub redirects blob requests there (and the CSP allows it).
   */
  blobBaseUrl?: string;
}

/** The station a request's bearer token belongs to; 401 when missing, unknown or revoked. */
export async function requireStation(ctx: HubContext, request: FastifyRequest): Promise<Station> {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header);
  if (!match?.[1]) throw new HttpError(401, 'UNAUTHORIZED', 'a station token is required');
  const station = await ctx.store.stationByTokenHash(sha256(match[1]));
  if (!station) throw new HttpError(401, 'UNAUTHORIZED', 'unknown station token');
  if (station.revokedAt) throw new HttpError(401, 'TOKEN_REVOKED', 'this station has been revoked');
  return station;
}

/** The station for a token if one is sent (manifest and blobs are public), else null. */
export async function optionalStation(ctx: HubContext, request: FastifyRequest): Promise<Station | null> {
  return request.headers.authorization ? requireStation(ctx, request) : null;
}

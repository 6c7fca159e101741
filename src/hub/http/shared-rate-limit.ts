import { createHash } from 'node:crypto';
import type { LimitStore } from '../storage/limits.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin passes a child store: the route's options, with the route among them. */
type RouteParams = object & { routeInfo?: { method?: string | string[]; url?: string } };

/**
 * A store for @fastify/rate-limit that counts in the database (`LimitStore`), so a limit holds
 * across every hub process behind the load balancer instead of per process. Keys are hashed:
 * a key made from a bearer token never reaches the database in the clear.
 */
export function sharedRateLimitStore(limits: LimitStore, now: () => Date) {
  return class SharedRateLimitStore {
    readonly route: string;
    constructor(params: RouteParams = {}) {
      const info = params.routeInfo;
      this.route = info?.url ? `${[info.method ?? ''].flat().join(',')} ${info.url}` : 'global';
    }
    incr(key: string, callback: Callback, timeWindow: number): void {
      const hashed = createHash('sha256').update(`${this.route}\0${key}`).digest('base64url').slice(0, 32);
      limits.hit(hashed, timeWindow, now()).then(
        ({ hits, resetInMs }) => callback(null, { current: hits, ttl: Math.max(0, resetInMs) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child(params: RouteParams) {
      return new SharedRateLimitStore(params);
    }
  };
}

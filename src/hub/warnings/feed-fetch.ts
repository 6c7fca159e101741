/** The answer to one conditional GET of a feed or CAP document. */
export type Fetched =
  | { kind: 'body'; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { kind: 'unchanged' }
  | { kind: 'failed'; error: string; retryAfterMs: number | null };

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  /** Largest body read; a longer one is refused without reading the rest. */
  maxBytes: number;
  timeoutMs?: number;
}

const ACCEPT =
  'application/cap+xml, application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/**
 * GETs a feed address with If-None-Match / If-Modified-Since, a time limit and a size limit.
 * Never throws: network errors, HTTP errors and oversized bodies come back as `failed` with a
 * code, and a 429 or 503 with Retry-After says how long to wait.
 */
export async function fetchFeed(url: string, options: FetchOptions): Promise<Fetched> {
  const headers: Record<string, string> = {
    accept: ACCEPT,
    'user-agent': 'kepu-estation-hub (CAP 1.2 poller)',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  let res: Response;
  try {
    res = await fetch(url, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return {
      kind: 'failed',
      error:
        name === 'TimeoutError' ? 'FEED_TIMEOUT: no answer in time' : `FEED_UNREACHABLE: ${errorText(error)}`,
      retryAfterMs: null,
    };
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { kind: 'unchanged' };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return {
      kind: 'failed',
      error: `FEED_HTTP: the server answered ${res.status}`,
      retryAfterMs: retryAfter(res),
    };
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes) {
    await res.body?.cancel();
    return tooLarge(options.maxBytes);
  }
  const bytes = await readCapped(res, options.maxBytes).catch((error: unknown) => error as Error);
  if (bytes instanceof Error) {
    return bytes.message === 'too large'
      ? tooLarge(options.maxBytes)
      : { kind: 'failed', error: `FEED_UNREACHABLE: ${errorText(bytes)}`, retryAfterMs: null };
  }
  return {
    kind: 'body',
    bytes,
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
  };
}

function tooLarge(max: number): Fetched {
  return { kind: 'failed', error: `FEED_TOO_LARGE: more than ${max} bytes`, retryAfterMs: null };
}

/** Reads a body, stopping (and cancelling the stream) as soon as it passes `max` bytes. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Retry-After in milliseconds (seconds or an HTTP date), capped at a day. */
function retryAfter(res: Response): number | null {
  const value = res.headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 86_400_000) : null;
}

function errorText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return (cause || (error instanceof Error ? error.message : String(error))).slice(0, 200);
}

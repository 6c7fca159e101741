/** The console's one way to the hub: JSON in and out, the CSRF token on changes, errors as values. */

/** A refused request: the hub's `{code, message}` plus anything else it sent (e.g. diagnostics). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Sends a file as application/zip. */
  upload<T>(path: string, file: Blob): Promise<T>;
  /** Sends an XML document (a CAP message) as application/cap+xml. */
  sendXml<T>(path: string, xml: Blob | string): Promise<T>;
}

/**
 * Calls `/api/v1/admin` paths. `csrf()` gives the session's token for changes; `onSignedOut`
 * runs when the hub answers 401 (the session ended), so the console shows the sign-in page.
 */
export function createApi(csrf: () => string | undefined, onSignedOut: () => void): Api {
  async function call<T>(method: string, path: string, body?: BodyInit, type?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (type) headers['content-type'] = type;
    const token = csrf();
    if (method !== 'GET' && token) headers['x-csrf-token'] = token;
    let response: Response;
    try {
      response = await fetch(`/api/v1/admin${path}`, { method, headers, body, credentials: 'same-origin' });
    } catch {
      throw new ApiFailure(0, 'NETWORK', 'the hub cannot be reached');
    }
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      if (response.status === 401 && path !== '/login') onSignedOut();
      throw new ApiFailure(
        response.status,
        String(json.code ?? 'HTTP_ERROR'),
        String(json.message ?? response.statusText),
        json,
      );
    }
    return json as T;
  }
  return {
    get: (path) => call('GET', path),
    send: (method, path, body) =>
      body === undefined ? call(method, path) : call(method, path, JSON.stringify(body), 'application/json'),
    upload: (path, file) => call('POST', path, file, 'application/zip'),
    sendXml: (path, xml) => call('POST', path, xml, 'application/cap+xml'),
  };
}

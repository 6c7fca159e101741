import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counter } from '../protocol/usage.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ publish: true });
});
afterAll(() => hub.close());

const today = () => hub.clock.now.toISOString().slice(0, 10);
const post = (path: string, body: unknown, token?: string) =>
  fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const total = async (stationId: string) =>
  (await hub.store.usageTotals({ from: '2000-01-01', to: '2100-01-01', stationId, by: [] }))[0]?.count ?? 0;

describe('enrollment', () => {
  it('exchanges a code once for a 256-bit token', async () => {
    const headers = await hub.login();
    const created = await (
      await fetch(`${hub.url}/api/v1/admin/stations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: '南溪社区e站', town: '南溪镇', group: 'nanxi' }),
      })
    ).json();
    const code: string = created.enrollmentCode;
    const first = await post('/api/v1/enroll', { code: code.toLowerCase().replace(/-/g, ' ') });
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    expect(body).toMatchObject({ name: '南溪社区e站', town: '南溪镇', group: 'nanxi' });
    const again = await post('/api/v1/enroll', { code });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'ENROLLMENT_INVALID' });
  });
});

describe('usage ingest', () => {
  const batch = (counters: Counter[]) => ({ batchId: crypto.randomUUID(), counters });

  it('applies the same batch sent three times at once exactly once', async () => {
    const { stationId, token } = await hub.enroll();
    const b = batch([{ day: today(), metric: 'article_open', key: 'heat-illness', count: 5 }]);
    const answers = await Promise.all([1, 2, 3].map(() => post('/api/v1/usage', b, token)));
    const statuses = await Promise.all(answers.map(async (a) => (await a.json()).status));
    expect(statuses.sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(await total(stationId)).toBe(5);
  });

  it('counts once when the connection drops after the hub committed and the kiosk retries', async () => {
    const { stationId, token } = await hub.enroll();
    const b = batch([
      { day: today(), metric: 'quiz_option', key: 'health-dengue-standing-water/1', count: 3 },
    ]);
    const body = JSON.stringify(b);
    const { port, hostname } = new URL(hub.url);
    // Send the whole request, then hang up before the answer arrives.
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.end(
          `POST /api/v1/usage HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
    await expect.poll(() => total(stationId)).toBe(3);
    const retry = await post('/api/v1/usage', body, token);
    expect(await retry.json()).toEqual({ status: 'duplicate' });
    expect(await total(stationId)).toBe(3);
  });

  const bad: Array<[string, string | object, number, string]> = [
    ['malformed JSON', '{"batchId": "x", counters: [', 400, 'BAD_REQUEST'],
    ['wrong types', { batchId: 7, counters: 'many' }, 400, 'BODY_INVALID'],
    [
      'an unknown metric',
      {
        batchId: crypto.randomUUID(),
        counters: [{ day: '2026-01-01', metric: 'face_seen', key: 'x', count: 1 }],
      },
      400,
      'BODY_INVALID',
    ],
    [
      'free text as a key',
      {
        batchId: crypto.randomUUID(),
        counters: [{ day: '2026-01-01', metric: 'language', key: 'Li Wei, 72', count: 1 }],
      },
      400,
      'BODY_INVALID',
    ],
    [
      'a negative count',
      {
        batchId: crypto.randomUUID(),
        counters: [{ day: '2026-01-01', metric: 'language', key: 'vi', count: -4 }],
      },
      400,
      'BODY_INVALID',
    ],
    [
      'a huge count',
      {
        batchId: crypto.randomUUID(),
        counters: [{ day: '2026-01-01', metric: 'language', key: 'vi', count: 1e12 }],
      },
      400,
      'BODY_INVALID',
    ],
    ['an extra field', { batchId: crypto.randomUUID(), counters: [], sessionId: 'abc' }, 400, 'BODY_INVALID'],
    [
      'a day in the future',
      {
        batchId: crypto.randomUUID(),
        counters: [{ day: '2099-01-01', metric: 'language', key: 'vi', count: 1 }],
      },
      400,
      'DAY_OUT_OF_RANGE',
    ],
  ];
  for (const [what, body, status, code] of bad) {
    it(`refuses ${what} with ${status} ${code} and stores nothing`, async () => {
      const { stationId, token } = await hub.enroll();
      const res = await post('/api/v1/usage', body, token);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ code });
      expect(await total(stationId)).toBe(0);
    });
  }

  it('refuses an oversized body with 413', async () => {
    const { token } = await hub.enroll();
    const res = await post(
      '/api/v1/usage',
      { batchId: crypto.randomUUID(), counters: [], pad: 'x'.repeat(300_000) },
      token,
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('refuses a missing, wrong or revoked token with 401', async () => {
    const b = batch([{ day: today(), metric: 'language', key: 'en', count: 1 }]);
    expect((await post('/api/v1/usage', b)).status).toBe(401);
    expect((await post('/api/v1/usage', b, 'A'.repeat(43))).status).toBe(401);
    const { stationId, token } = await hub.enroll();
    const headers = await hub.login();
    await fetch(`${hub.url}/api/v1/admin/stations/${stationId}/revoke`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    const revoked = await post('/api/v1/usage', b, token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: 'TOKEN_REVOKED' });
    expect(await total(stationId)).toBe(0);
  });
});

describe('heartbeat and config', () => {
  it('records a heartbeat and answers the station config', async () => {
    const { stationId, token } = await hub.enroll('hekou');
    const heartbeat = {
      appVersion: '0.1.0',
      packVersion: 42,
      lastUpdate: { checkedAt: hub.clock.now.toISOString(), result: 'PACK_SIGNATURE_INVALID' },
      errors: ['PACK_SIGNATURE_INVALID'],
      storage: { used: 1000, quota: 5000 },
      queue: 2,
    };
    expect((await post('/api/v1/heartbeat', heartbeat, token)).status).toBe(204);
    expect((await hub.store.getStation(stationId))?.lastHeartbeat).toEqual(heartbeat);
    const bad = await post('/api/v1/heartbeat', { ...heartbeat, errors: ['<script>'] }, token);
    expect(bad.status).toBe(400);
    const config = await (
      await fetch(`${hub.url}/api/v1/station/config`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(config).toMatchObject({ idleSeconds: 90, defaultLocale: 'zh-CN', notices: [] });
  });
});

describe('content distribution', () => {
  it('serves the manifest with an ETag and answers 304 when unchanged', async () => {
    const first = await fetch(`${hub.url}/api/v1/packs/current/manifest`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    const signed = await first.json();
    expect(signed.signature.alg).toBe('Ed25519');
    const again = await fetch(`${hub.url}/api/v1/packs/current/manifest`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('serves blobs immutable, with range requests', async () => {
    const signed = await (await fetch(`${hub.url}/api/v1/packs/current/manifest`)).json();
    const file = signed.manifest.files.find((f: { path: string }) => f.path === 'catalog.json');
    const whole = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`);
    expect(whole.headers.get('cache-control')).toContain('immutable');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    expect(bytes.length).toBe(file.size);
    const part = await fetch(`${hub.url}/api/v1/blobs/${file.sha256}`, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(10, 20));
    expect((await fetch(`${hub.url}/api/v1/blobs/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await fetch(`${hub.url}/api/v1/blobs/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
  });

  it('renders the public article page as escaped HTML under a strict CSP', async () => {
    const res = await fetch(`${hub.url}/a/boil-water?lang=en`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('<script');
    expect((await fetch(`${hub.url}/a/no-such-article`)).status).toBe(404);
  });
});

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../scheduler.ts';
import { startTestHub, type TestHub } from '../test-hub.ts';
import { backoffMs, capFeedJob, createCapPoller } from './poller.ts';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'cap', 'fixtures', name), 'utf8');
const withId = (name: string, identifier: string, replace: Array<[string, string]> = []) =>
  replace.reduce(
    (t, [a, b]) => t.replaceAll(a, b),
    fixture(name).replace(/<identifier>[^<]*<\/identifier>/, `<identifier>${identifier}</identifier>`),
  );
/** Strips the XML declaration so a CAP document can be embedded in a feed. */
const embedded = (xml: string) => xml.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');

/** A local feed server: each path answers what `routes` says; requests are recorded. */
interface Route {
  status?: number;
  body: string;
  type?: string;
  etag?: string;
  headers?: Record<string, string>;
}
const routes = new Map<string, Route>();
const requests: Array<{ path: string; ifNoneMatch: string | undefined }> = [];
let server: Server;
let base = '';
let hub: TestHub;
let admin: Record<string, string>;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '/';
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'] });
    const route = routes.get(path);
    if (!route) return void res.writeHead(404).end('no');
    if (route.etag && req.headers['if-none-match'] === route.etag) return void res.writeHead(304).end();
    res.writeHead(route.status ?? 200, {
      'content-type': route.type ?? 'application/xml',
      ...(route.etag ? { etag: route.etag } : {}),
      ...route.headers,
    });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hub = await startTestHub();
  hub.clock.now = new Date('2027-06-12T01:00:00Z');
  admin = await hub.login('admin');
});
afterAll(async () => {
  await hub.close();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  routes.clear();
  requests.length = 0;
  // Only this test's feed is due: earlier tests' feeds are switched off.
  for (const feed of await hub.store.warnings.listFeeds()) {
    await hub.store.warnings.updateFeed(feed.id, { enabled: false });
  }
});

let n = 0;
async function addFeed(path: string, intervalSeconds = 120) {
  const res = await fetch(`${hub.url}/api/v1/admin/cap/feeds`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ name: `feed ${++n}`, url: `${base}${path}`, intervalSeconds }),
  });
  expect(res.status).toBe(201);
  const feed = await res.json();
  // Created now by the wall clock; due at the test's clock.
  await hub.store.warnings.pollFeedSoon(feed.id, hub.clock.now);
  return feed as { id: string };
}
const later = (seconds: number) => {
  hub.clock.now = new Date(hub.clock.now.getTime() + seconds * 1000);
};
const atom = (entries: string) =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>预警</title><id>urn:feed</id>${entries}</feed>`;
const linkEntry = (id: string, updated: string, href: string) =>
  `<entry><id>${id}</id><updated>${updated}</updated><title>x</title><link rel="alternate" type="application/cap+xml" href="${href}"/></entry>`;

describe('the CAP poller', () => {
  it('takes linked and embedded alerts once, sends If-None-Match, then applies an Update', async () => {
    const poller = createCapPoller(hub.ctx);
    const id = `HK-P-${Date.now()}`;
    routes.set('/cap/1.xml', { body: withId('two-languages.xml', id) });
    const drill = withId('circle.xml', `NX-P-${Date.now()}`, [
      ['2027-07-02T14:10:00+08:00', '2027-06-12T08:00:00+08:00'],
    ]);
    const embeddedEntry = `<entry><id>urn:2</id><updated>2027-06-12T00:10:00Z</updated><content type="application/cap+xml">${embedded(drill)}</content></entry>`;
    routes.set('/feed.atom', {
      body: atom(`${embeddedEntry}${linkEntry('urn:1', '2027-06-12T00:00:00Z', '/cap/1.xml')}`),
      etag: '"v1"',
    });
    const feed = await addFeed('/feed.atom');
    const [first] = await poller.tick();
    expect(first).toMatchObject({ feedId: feed.id, status: 'ok', error: null });
    expect(first?.results.map((r) => r.outcome)).toEqual(['created', 'created']);
    // Nothing else was due.
    expect(await poller.tick()).toEqual([]);

    later(121);
    const [second] = await poller.tick();
    expect(second).toMatchObject({ status: 'unchanged', results: [] });
    expect(requests.filter((r) => r.path === '/feed.atom').map((r) => r.ifNoneMatch)).toEqual([
      undefined,
      '"v1"',
    ]);

    const update = withId('update.xml', `${id}-u`, [['HK-MET-2027-0612-001', id]]);
    routes.set('/cap/2.xml', { body: update });
    routes.set('/feed.atom', {
      body: atom(
        `${linkEntry('urn:3', '2027-06-12T01:30:00Z', `${base}/cap/2.xml`)}${embeddedEntry}${linkEntry('urn:1', '2027-06-12T00:00:00Z', '/cap/1.xml')}`,
      ),
      etag: '"v2"',
    });
    later(121);
    const [third] = await poller.tick();
    // Only the new entry is fetched and applied.
    expect(third?.results.map((r) => r.outcome)).toEqual(['updated']);
    expect(requests.filter((r) => r.path === '/cap/1.xml')).toHaveLength(1);
    const stored = await hub.store.warnings.getFeed(feed.id);
    expect(stored).toMatchObject({ etag: '"v2"', failures: 0, lastError: null });
    expect(stored?.nextPollAt).toEqual(new Date(hub.clock.now.getTime() + 120_000));
  });

  it('backs off after failures, honours Retry-After, audits each new failure once and recovers', async () => {
    const poller = createCapPoller(hub.ctx);
    routes.set('/down.xml', { status: 503, body: 'busy', headers: { 'retry-after': '900' } });
    const feed = await addFeed('/down.xml', 60);
    const [failed] = await poller.tick();
    expect(failed).toMatchObject({ status: 'failed', error: 'FEED_HTTP: the server answered 503' });
    let stored = await hub.store.warnings.getFeed(feed.id);
    expect(stored?.failures).toBe(1);
    expect(stored?.nextPollAt.getTime()).toBe(hub.clock.now.getTime() + 900_000);

    routes.set('/down.xml', { status: 500, body: 'oops' });
    later(900);
    await poller.tick();
    stored = await hub.store.warnings.getFeed(feed.id);
    expect(stored?.failures).toBe(2);
    const wait = (stored?.nextPollAt.getTime() ?? 0) - hub.clock.now.getTime();
    // 60 s × 2² with ±10% jitter.
    expect(wait).toBeGreaterThanOrEqual(216_000);
    expect(wait).toBeLessThanOrEqual(264_000);
    later(60);
    expect(await poller.tick()).toEqual([]);
    later(wait / 1000);
    await poller.tick();
    expect((await hub.store.warnings.getFeed(feed.id))?.failures).toBe(3);

    routes.set('/down.xml', { body: withId('two-languages.xml', `HK-R-${Date.now()}`) });
    await hub.store.warnings.pollFeedSoon(feed.id, hub.clock.now);
    const [ok] = await poller.tick();
    expect(ok?.results.map((r) => r.outcome)).toEqual(['created']);
    expect(await hub.store.warnings.getFeed(feed.id)).toMatchObject({ failures: 0, lastError: null });
    const audit = await hub.store.auditLog(50);
    const mine = audit.filter((e) => e.detail.startsWith(`feed feed ${n}`));
    expect(mine.filter((e) => e.action === 'cap.feed.failed').map((e) => e.detail)).toEqual([
      `feed feed ${n}: FEED_HTTP: the server answered 500`,
      `feed feed ${n}: FEED_HTTP: the server answered 503`,
    ]);
    expect(mine.some((e) => e.action === 'cap.feed.recovered')).toBe(true);
    // The same single document, polled again with no ETag, is not taken twice.
    await hub.store.warnings.pollFeedSoon(feed.id, hub.clock.now);
    expect((await poller.tick())[0]?.results).toEqual([]);
  });

  it('refuses oversized, malformed and unknown documents; retries an entry whose document is missing', async () => {
    {
      const poller = createCapPoller(hub.ctx);
      routes.set('/big.xml', { body: `<rss>${' '.repeat(2 * 1024 * 1024 + 10)}</rss>` });
      await addFeed('/big.xml');
      expect((await poller.tick())[0]?.error).toMatch(/^FEED_TOO_LARGE/);
      await hub.store.warnings.updateFeed(
        (await hub.store.warnings.listFeeds()).find((f) => f.url.endsWith('/big.xml'))?.id ?? '',
        { enabled: false },
      );

      routes.set('/html', { body: '<html><body>hi</body></html>', type: 'text/html' });
      const html = await addFeed('/html');
      expect((await poller.tick())[0]?.error).toMatch(/^FEED_UNKNOWN_FORMAT/);
      await hub.store.warnings.updateFeed(html.id, { enabled: false });

      routes.set('/bomb.xml', { body: fixture('bomb.xml') });
      const bomb = await addFeed('/bomb.xml');
      expect((await poller.tick())[0]?.error).toMatch(/^XML_DTD_REFUSED/);
      await hub.store.warnings.updateFeed(bomb.id, { enabled: false });

      const id = `HK-RSS-${Date.now()}`;
      routes.set('/rss', {
        body: `<rss version="2.0"><channel><title>t</title><item><guid>g1</guid><enclosure url="/later.xml" type="application/cap+xml" length="1"/></item></channel></rss>`,
      });
      const rss = await addFeed('/rss');
      const [missing] = await poller.tick();
      expect(missing?.status).toBe('failed');
      expect(missing?.error).toMatch(/FEED_HTTP: the server answered 404 \(http:.*\/later\.xml\)/);
      routes.set('/later.xml', { body: withId('two-languages.xml', id) });
      await hub.store.warnings.pollFeedSoon(rss.id, hub.clock.now);
      const [found] = await poller.tick();
      expect(found?.results).toMatchObject([{ outcome: 'created', identifier: id }]);
    }
  });

  it('polls a due feed once when two hub processes tick at the same time', async () => {
    routes.set('/shared.xml', { body: withId('two-languages.xml', `HK-S-${Date.now()}`) });
    await addFeed('/shared.xml');
    const [a, b] = [createCapPoller(hub.ctx), createCapPoller(hub.ctx)];
    const results = (await Promise.all([a.tick(), b.tick()])).flat();
    expect(results).toHaveLength(1);
    expect(requests.filter((r) => r.path === '/shared.xml')).toHaveLength(1);
  });

  it('runs as one scheduled job across two hub processes, polling each due feed once', async () => {
    routes.set('/job.xml', { body: withId('two-languages.xml', `HK-J-${Date.now()}`) });
    const feed = await addFeed('/job.xml');
    const scheduler = (holder: string) =>
      createScheduler({
        leases: hub.store.leases,
        jobs: [capFeedJob(hub.ctx, 60_000)],
        now: () => hub.clock.now,
        holder,
      });
    const [a, b] = [scheduler('hub-a'), scheduler('hub-b')];
    const ran = (await Promise.all([a.tick(), b.tick()])).flat();
    // One process took the period's lease and ran the job; the other ran nothing.
    expect(ran).toEqual(['cap-feeds']);
    expect(requests.filter((r) => r.path === '/job.xml')).toHaveLength(1);
    expect((await hub.store.warnings.getFeed(feed.id))?.lastOkAt).toEqual(hub.clock.now);
    // Within the period neither runs it again.
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
  });

  it('grows the backoff by doubling, up to six hours', () => {
    const mid = () => 0.5;
    expect(backoffMs(120, 1, mid)).toBe(240_000);
    expect(backoffMs(120, 3, mid)).toBe(960_000);
    expect(backoffMs(120, 30, mid)).toBe(6 * 3_600_000);
    expect(backoffMs(120, 1, () => 0)).toBe(216_000);
  });
});

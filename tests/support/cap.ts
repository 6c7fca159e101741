/** CAP 1.2 documents and a local feed server for the browser tests (times relative to now). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapInput {
  identifier: string;
  msgType?: 'Alert' | 'Update' | 'Cancel';
  status?: 'Actual' | 'Exercise';
  /** Earlier identifiers this one updates or cancels (same sender). */
  references?: string[];
  severity?: 'Extreme' | 'Severe' | 'Moderate';
  /** Info blocks by CAP language: headline and instruction. */
  info?: Array<{ language: string; headline: string; instruction: string }>;
  /** A ring of [lat, lon] (closed here). */
  polygon?: Array<[number, number]>;
  areaDesc?: string;
  hours?: number;
}

const SENDER = 'e2e-met@example.gov.cn';
/** CAP's dateTime with a +08:00 zone (China Standard Time). */
function capTime(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
const xmlText = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/** A CAP 1.2 alert written from the specification's fields. */
export function capDocument(input: CapInput): string {
  const now = Date.now();
  const sent = capTime(now - 60_000);
  const refs = (input.references ?? []).map((id) => `${SENDER},${id},${sent}`).join(' ');
  const ring = input.polygon
    ? [...input.polygon, input.polygon[0] as [number, number]].map(([a, o]) => `${a},${o}`).join(' ')
    : '';
  const info = (input.info ?? []).map(
    (i) => `
  <info>
    <language>${i.language}</language>
    <category>Met</category>
    <event>${xmlText(i.headline)}</event>
    <urgency>Immediate</urgency>
    <severity>${input.severity ?? 'Severe'}</severity>
    <certainty>Observed</certainty>
    <expires>${capTime(now + (input.hours ?? 3) * 3_600_000)}</expires>
    <senderName>河口县气象局</senderName>
    <headline>${xmlText(i.headline)}</headline>
    <instruction>${xmlText(i.instruction)}</instruction>
    <area>
      <areaDesc>${xmlText(input.areaDesc ?? '测试区域')}</areaDesc>
      ${ring ? `<polygon>${ring}</polygon>` : ''}
    </area>
  </info>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${input.identifier}</identifier>
  <sender>${SENDER}</sender>
  <sent>${sent}</sent>
  <status>${input.status ?? 'Actual'}</status>
  <msgType>${input.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>
  ${refs ? `<references>${refs}</references>` : ''}${info.join('')}
</alert>
`;
}

/** A feed server on a free loopback port: an Atom feed whose entries link to CAP documents. */
export async function startFeedServer() {
  const docs = new Map<string, string>();
  const entries: Array<{ id: string; updated: string }> = [];
  let version = 0;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const etag = `"v${version}"`;
    if (url === '/feed.atom') {
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>e2e warnings</title><id>urn:e2e</id><updated>${new Date().toISOString()}</updated>
${[...entries]
  .reverse()
  .map(
    (e) =>
      `<entry><id>urn:${e.id}</id><updated>${e.updated}</updated><title>${e.id}</title><link rel="alternate" type="application/cap+xml" href="/cap/${e.id}.xml"/></entry>`,
  )
  .join('\n')}
</feed>`;
      res.writeHead(200, { 'content-type': 'application/atom+xml', etag });
      return void res.end(body);
    }
    const match = /^\/cap\/(.+)\.xml$/.exec(url);
    const doc = match?.[1] ? docs.get(match[1]) : undefined;
    if (!doc) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/cap+xml' });
    res.end(doc);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/feed.atom`,
    /** Publishes a CAP document as the feed's newest entry. */
    publish(input: CapInput) {
      docs.set(input.identifier, capDocument(input));
      entries.push({ id: input.identifier, updated: new Date().toISOString() });
      version++;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Replaces window.AudioContext with a recorder (audio output is the one thing faked): `window.__chimes`. */
export const FAKE_AUDIO = () => {
  const w = window as unknown as { __chimes: number[]; AudioContext: unknown };
  w.__chimes = [];
  const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} };
  w.AudioContext = class {
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    close() {
      return Promise.resolve();
    }
    createGain() {
      return { gain: { ...param }, connect: (n: unknown) => n };
    }
    createOscillator() {
      return {
        type: 'sine',
        frequency: { ...param },
        connect: (n: unknown) => n,
        start: (at: number) => w.__chimes.push(at),
        stop() {},
      };
    }
  };
};

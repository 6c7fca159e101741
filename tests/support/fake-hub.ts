/**
 * A fake hub written in the tests: a small node:http server that serves the built kiosk and the
 * endpoints a kiosk reads to update (the root chain, the timestamp, manifests by version,
 * blobs), holding the build's own keys (the demo root keys, the content key, the timestamp key)
 * so a test can play an honest hub or any attacker: tamper, replay, withhold, fast-forward,
 * serve endless bytes, sign with a revoked key, or rotate keys the way a county would.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { type PublisherKey, parseKeyFile } from '../../src/content-kit/keys.ts';
import { createTrustWorld, type TrustWorld } from '../../src/content-kit/test-trust.ts';
import type { PackFile, PackManifest } from '../../src/protocol/pack-manifest.ts';
import type { Envelope, Root } from '../../src/protocol/trust-metadata.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/** What the hub serves for a blob: bytes, or bytes that never end. */
type BlobBody = Uint8Array | 'endless';

export interface FakeHub {
  url: string;
  world: TrustWorld;
  /** The built-in pack's manifest (what a new kiosk shows first). */
  bundled: PackManifest;
  /** Paths asked for, in order. */
  requests: string[];
  /** Served at /api/v1/trust/root/<n> (index n-1): the world's chain unless a test sets it. */
  roots: () => string[];
  timestamp: Uint8Array | null;
  manifests: Map<number, Uint8Array>;
  blobs: Map<string, BlobBody>;
  /**
   * A pack: the built-in one with `file`'s zh-CN title set to `title`, as version `version`,
   * signed by the content keys (or `keys`). Its blobs are served; the manifest bytes are returned.
   */
  pack(
    version: number,
    title: string,
    keys?: PublisherKey[],
  ): Promise<{ manifest: PackManifest; bytes: Uint8Array }>;
  /** A timestamp (the next version unless given) pinning `bytes`, served from now on. */
  stamp(
    bytes: Uint8Array,
    options?: { version?: number; time?: Date; hours?: number; keys?: PublisherKey[] },
  ): Promise<number>;
  /** `pack` and `stamp` together: what an honest hub does on publishing. */
  publish(version: number, title: string): Promise<PackManifest>;
  close(): Promise<void>;
}

/** The article whose title the packs change (first in the health topic). */
export const ARTICLE = 'dengue-mosquito-control';
export const ARTICLE_FILE = `articles/${ARTICLE}.zh-CN.json`;

async function key(path: string): Promise<PublisherKey> {
  return parseKeyFile(await readFile(path, 'utf8'), path);
}

/** Starts a fake hub on a free port, serving the build in `dist` (KEPU_OUT_DIR). */
export async function startFakeHub(): Promise<FakeHub> {
  const dist = resolve(process.env.KEPU_OUT_DIR ?? 'dist');
  const keyPath = resolve(process.env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json');
  const keysDir = dirname(keyPath);
  const trustDir = resolve(process.env.KEPU_TRUST_DIR ?? join(keysDir, 'trust'));
  const first = JSON.parse(await readFile(join(trustDir, '1.root.json'), 'utf8')) as Envelope<Root>;
  const world = await createTrustWorld({
    existing: {
      roots: [first],
      rootKeys: await Promise.all([1, 2, 3].map((i) => key(join(keysDir, `demo-root-${i}.json`)))),
      contentKeys: [await key(keyPath)],
      timestampKeys: [await key(resolve(process.env.KEPU_TIMESTAMP_KEY ?? join(keysDir, 'timestamp.json')))],
    },
  });
  const bundledJson = JSON.parse(await readFile(join(dist, 'pack/manifest.json'), 'utf8'));
  const bundled = bundledJson.signed as PackManifest;
  const article = bundled.files.find((f) => f.path === ARTICLE_FILE) as PackFile;
  const articleDoc = JSON.parse(await readFile(join(dist, 'pack/blobs', article.sha256), 'utf8'));
  let tsVersion = 0;

  const hub: FakeHub = {
    url: '',
    world,
    bundled,
    requests: [],
    roots: () => world.rootTexts(),
    timestamp: null,
    manifests: new Map(),
    blobs: new Map(),
    async pack(version, title, keys) {
      const bytes = new TextEncoder().encode(JSON.stringify({ ...articleDoc, title }));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      hub.blobs.set(sha256, bytes);
      const files = bundled.files.map((f) =>
        f.path === ARTICLE_FILE ? { ...f, sha256, size: bytes.byteLength } : f,
      );
      const manifest: PackManifest = { ...bundled, version, created: new Date().toISOString(), files };
      const signed = await world.content(manifest, keys);
      hub.manifests.set(version, signed);
      return { manifest, bytes: signed };
    },
    async stamp(bytes, options = {}) {
      const version = options.version ?? ++tsVersion;
      tsVersion = Math.max(tsVersion, version);
      hub.timestamp = new TextEncoder().encode(
        JSON.stringify(
          await world.timestamp({
            version,
            content: bytes,
            ...(options.time ? { time: options.time } : {}),
            ...(options.hours ? { hours: options.hours } : {}),
            ...(options.keys ? { keys: options.keys } : {}),
          }),
        ),
      );
      return version;
    },
    async publish(version, title) {
      const { manifest, bytes } = await hub.pack(version, title);
      await hub.stamp(bytes);
      return manifest;
    },
    close: async () => {},
  };

  const json = (res: ServerResponse, status: number, body: Uint8Array | string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    hub.requests.push(path);
    void (async () => {
      let m = /^\/api\/v1\/trust\/root\/(\d+)$/.exec(path);
      if (m) {
        const text = hub.roots()[Number(m[1]) - 1];
        return text === undefined
          ? json(res, 404, '{"code":"NOT_FOUND","message":"no such root"}')
          : json(res, 200, text);
      }
      if (path === '/api/v1/trust/timestamp') {
        return hub.timestamp
          ? json(res, 200, hub.timestamp)
          : json(res, 404, '{"code":"NOT_FOUND","message":"none"}');
      }
      m = /^\/api\/v1\/packs\/(\d+)\/manifest$/.exec(path);
      if (m) {
        const bytes = hub.manifests.get(Number(m[1]));
        return bytes
          ? json(res, 200, bytes)
          : json(res, 404, '{"code":"NOT_FOUND","message":"no such pack"}');
      }
      m = /^\/api\/v1\/blobs\/([0-9a-f]{64})$/.exec(path);
      if (m) {
        const body =
          hub.blobs.get(m[1] as string) ??
          (await readFile(join(dist, 'pack/blobs', m[1] as string)).catch(() => null));
        if (!body) return json(res, 404, '{"code":"NOT_FOUND","message":"no such blob"}');
        if (body === 'endless') {
          // No length, and bytes for as long as anyone reads: the kiosk must stop by itself.
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = new Uint8Array(64 * 1024).fill(0x20);
          const pump = () => {
            while (res.write(chunk)) if (res.destroyed) return;
            if (!res.destroyed) res.once('drain', pump);
          };
          res.on('close', () => res.destroy());
          return pump();
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.byteLength });
        return res.end(body);
      }
      if (path.startsWith('/api/'))
        return json(res, 404, '{"code":"NOT_FOUND","message":"not in the fake hub"}');
      // The built kiosk; any other page address is the kiosk shell.
      const file = normalize(join(dist, path === '/' ? 'index.html' : path));
      const inside = file.startsWith(dist) ? await readFile(file).catch(() => null) : null;
      const body = inside ?? (extname(path) ? null : await readFile(join(dist, 'index.html')));
      if (!body) return json(res, 404, '{"code":"NOT_FOUND","message":"no such file"}');
      res.writeHead(200, {
        'content-type': TYPES[extname(inside ? file : 'index.html')] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    })().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, JSON.stringify({ code: 'INTERNAL', message: String(error) }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  hub.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  hub.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return hub;
}

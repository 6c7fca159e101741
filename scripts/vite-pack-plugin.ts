/**
 * Builds the content pack into the kiosk: compiles `content/`, signs it with the publisher key
 * (a content key of the current root), emits `pack/manifest.json`, `pack/blobs/<sha256>` and the
 * root chain after root 1 as `pack/trust/<n>.root.json` into the build (so the service worker
 * precaches them and a new kiosk has content with no network), and provides
 * `virtual:kepu-trust`: root 1, the kiosk's anchor ("kiosks ship with root version 1 only"),
 * how many roots the pack carries, and the build time (the earliest "now" a kiosk believes).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { compileContent } from '../src/content-kit/compile.ts';
import { formatDiagnostic } from '../src/content-kit/diagnostics.ts';
import { loadOrCreateKey, type PublisherKey, parseTrustedKeys } from '../src/content-kit/keys.ts';
import { writePack } from '../src/content-kit/pack.ts';
import { ensureDemoTrust, verifyRootChain } from '../src/content-kit/trust-files.ts';

const VIRTUAL_TRUST = 'virtual:kepu-trust';

/** Compiles and signs `contentDir` into a temporary folder; stops on content errors. */
async function buildPackFiles(contentDir: string, key: PublisherKey, fail: (message: string) => never) {
  const compiled = await compileContent(contentDir);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  for (const d of compiled.diagnostics.filter((d) => d.severity === 'warning'))
    console.warn(formatDiagnostic(d));
  if (errors.length > 0)
    fail(`content has ${errors.length} error(s):\n${errors.map(formatDiagnostic).join('\n')}`);
  const outDir = await mkdtemp(join(tmpdir(), 'kepu-pack-'));
  const built = await writePack(compiled, { outDir, key, version: Math.floor(Date.now() / 1000) });
  return { outDir, version: built.manifest.version, files: built.manifest.files.length };
}

/**
 * The Vite plugin; `contentDir` is the authoring folder, `keyPath` the publisher key file,
 * `trustDir` the root chain (`1.root.json`, …; demo trust is made there when it is empty),
 * `timestampKeyPath` the hub's timestamp key (named in a demo root 1).
 */
export function kepuPack(options: {
  contentDir: string;
  keyPath: string;
  trustDir?: string;
  timestampKeyPath?: string;
}): Plugin {
  const keysDir = dirname(options.keyPath);
  const trustDir = options.trustDir ?? join(keysDir, 'trust');
  let ready: Promise<{ key: PublisherKey; roots: string[] }> | undefined;
  const load = () => {
    ready ??= (async () => {
      const loaded = await loadOrCreateKey(options.keyPath);
      if (loaded.created)
        console.log(`kepu-pack: created demo publisher key ${options.keyPath} (never commit it)`);
      const key = loaded.key;
      const { texts } = await ensureDemoTrust({
        trustDir,
        keysDir,
        content: [
          { keyId: key.keyId, publicKey: key.publicKey, holder: '县级平台（在线）· county hub (online)' },
          ...parseTrustedKeys(process.env.KEPU_TRUSTED_KEYS).map((k) => ({
            ...k,
            holder: `offline key ${k.keyId}`,
          })),
        ],
        timestampKeyPath: options.timestampKeyPath ?? join(keysDir, 'timestamp.json'),
        log: (line) => console.log(`kepu-pack: ${line}`),
      });
      const chain = await verifyRootChain(texts);
      const current = chain.at(-1)?.signed;
      if (!current?.roles.content.keyids.includes(key.keyId)) {
        throw new Error(
          `kepu-pack: ${options.keyPath} (key ${key.keyId}) is not a content key of root ${current?.version}: kiosks would refuse the built-in pack. Build with the current content key (KEPU_PUBLISHER_KEY).`,
        );
      }
      return { key, roots: texts };
    })();
    return ready;
  };

  return {
    name: 'kepu-pack',
    resolveId(id) {
      return id === VIRTUAL_TRUST ? `\0${VIRTUAL_TRUST}` : undefined;
    },
    async load(id) {
      if (id !== `\0${VIRTUAL_TRUST}`) return undefined;
      const { roots } = await load();
      return [
        `export const firstRoot = ${roots[0]};`,
        `export const rootCount = ${roots.length};`,
        `export const builtAt = ${Date.now()};`,
      ].join('\n');
    },
    async generateBundle() {
      const { key, roots } = await load();
      const pack = await buildPackFiles(options.contentDir, key, (m) => this.error(m));
      try {
        this.emitFile({
          type: 'asset',
          fileName: 'pack/manifest.json',
          source: await readFile(join(pack.outDir, 'manifest.json')),
        });
        for (const name of await readdir(join(pack.outDir, 'blobs'))) {
          this.emitFile({
            type: 'asset',
            fileName: `pack/blobs/${name}`,
            source: await readFile(join(pack.outDir, 'blobs', name)),
          });
        }
        // Root 1 is in the code; the rest of the chain rides with the pack.
        for (const [i, text] of roots.entries()) {
          if (i > 0)
            this.emitFile({ type: 'asset', fileName: `pack/trust/${i + 1}.root.json`, source: text });
        }
        console.log(`kepu-pack: pack ${pack.version}, ${pack.files} files, root chain 1..${roots.length}`);
      } finally {
        await rm(pack.outDir, { recursive: true, force: true });
      }
    },
    async configureServer(server) {
      // Dev: build the pack once at start and serve it (and the chain) under /pack/.
      const { key, roots } = await load();
      const pack = await buildPackFiles(options.contentDir, key, (m) => {
        throw new Error(m);
      });
      server.middlewares.use('/pack/', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        const root = /^trust\/(\d+)\.root\.json$/.exec(name);
        if (root) {
          const text = roots[Number(root[1]) - 1];
          if (!text) return next();
          res.setHeader('content-type', 'application/json');
          return void res.end(text);
        }
        const file = name === 'manifest.json' ? name : /^blobs\/[0-9a-f]{64}$/.test(name) ? name : undefined;
        if (!file) return next();
        readFile(join(pack.outDir, file)).then(
          (data) => {
            res.setHeader(
              'content-type',
              file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
            );
            res.end(data);
          },
          () => next(),
        );
      });
    },
  };
}

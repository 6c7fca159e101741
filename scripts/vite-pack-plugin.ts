/**
 * Builds the content pack into the kiosk: compiles `content/`, signs it with the publisher
 * key, emits `pack/manifest.json` and `pack/blobs/<sha256>` into the build (so the service
 * worker precaches them and a new kiosk has content with no network), and provides
 * `virtual:kepu-trusted-keys` with the public keys the kiosk trusts.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { compileContent } from '../src/content-kit/compile.ts';
import { formatDiagnostic } from '../src/content-kit/diagnostics.ts';
import { loadOrCreateKey, type PublisherKey, parseTrustedKeys, trustedKey } from '../src/content-kit/keys.ts';
import { writePack } from '../src/content-kit/pack.ts';

const VIRTUAL_KEYS = 'virtual:kepu-trusted-keys';

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

/** The Vite plugin; `contentDir` is the authoring folder, `keyPath` the publisher key file. */
export function kepuPack(options: { contentDir: string; keyPath: string }): Plugin {
  let key: PublisherKey | undefined;
  const getKey = async () => {
    if (!key) {
      const loaded = await loadOrCreateKey(options.keyPath);
      if (loaded.created)
        console.log(`kepu-pack: created demo publisher key ${options.keyPath} (never commit it)`);
      key = loaded.key;
    }
    return key;
  };

  return {
    name: 'kepu-pack',
    resolveId(id) {
      return id === VIRTUAL_KEYS ? `\0${VIRTUAL_KEYS}` : undefined;
    },
    async load(id) {
      if (id !== `\0${VIRTUAL_KEYS}`) return undefined;
      const keys = [trustedKey(await getKey()), ...parseTrustedKeys(process.env.KEPU_TRUSTED_KEYS)];
      return `export default ${JSON.stringify(keys)};`;
    },
    async generateBundle() {
      const pack = await buildPackFiles(options.contentDir, await getKey(), (m) => this.error(m));
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
        console.log(`kepu-pack: pack ${pack.version}, ${pack.files} files`);
      } finally {
        await rm(pack.outDir, { recursive: true, force: true });
      }
    },
    async configureServer(server) {
      // Dev: build the pack once at start and serve it under /pack/.
      const pack = await buildPackFiles(options.contentDir, await getKey(), (m) => {
        throw new Error(m);
      });
      server.middlewares.use('/pack/', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
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

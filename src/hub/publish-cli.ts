/**
 * `npm run publish -- <content dir> [--groups g1,g2] [--note text]`: compiles, signs and
 * publishes content straight into the hub's database, with the hub's own settings
 * (KEPU_DATA_DIR or DATABASE_URL, KEPU_PUBLISHER_KEY). The running hub serves it at once.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../content-kit/diagnostics.ts';
import { parseKeyFile } from '../content-kit/keys.ts';
import { verifyRootChain } from '../content-kit/trust-files.ts';
import { blobStoreFromEnv } from './blob-config.ts';
import { PublishError, releaseFiles, stageContent } from './publish.ts';
import { openStore } from './storage/open-store.ts';

const USAGE = 'usage: npm run publish -- <content dir> [--groups g1,g2] [--note "what changed"]';

/** Runs the command; returns the exit code. Output goes to `log` (stdout) and `fail` (stderr). */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
  fail: (line: string) => void = console.error,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { groups: { type: 'string', default: '*' }, note: { type: 'string', default: '' } },
  });
  const contentDir = positionals[0];
  const groups = (values.groups ?? '*')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  if (!contentDir || positionals.length > 1 || groups.length === 0) {
    fail(USAGE);
    return 2;
  }
  const keyPath = resolve(env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json');
  const keyText = await readFile(keyPath, 'utf8').catch(() => undefined);
  if (keyText === undefined) {
    fail(`no publisher key at ${keyPath}: start the hub once, or set KEPU_PUBLISHER_KEY to the hub's key`);
    return 1;
  }
  const key = await parseKeyFile(keyText, keyPath);
  const dataDir = resolve(env.KEPU_DATA_DIR ?? 'data');
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    sqlitePath: resolve(dataDir, 'hub.sqlite'),
  });
  try {
    await store.migrate();
    // Kiosks take only what the current root's content keys sign: say so before publishing.
    const roots = await store.trust.listRoots();
    const current =
      roots.length > 0 ? (await verifyRootChain(roots.map((r) => r.json))).at(-1)?.signed : null;
    if (current && !current.roles.content.keyids.includes(key.keyId)) {
      fail(
        `${keyPath} (key ${key.keyId}) is not a content key of root ${current.version}: kiosks would refuse it. Set KEPU_PUBLISHER_KEY to the current content key.`,
      );
      return 1;
    }
    const blobs = blobStoreFromEnv(env, dataDir);
    const staged = await stageContent(blobs, contentDir);
    for (const d of staged.warnings) log(formatDiagnostic(d));
    const now = new Date();
    const note = values.note || `published from ${contentDir} on the command line`;
    const release = await releaseFiles({ store, blobs, key, files: staged.files, groups, note, now });
    await store.audit({
      adminId: null,
      action: 'release.published',
      detail: `${release.version} for ${groups.join(',')} from the command line (${contentDir})`,
      at: now,
    });
    const bytes = staged.files.reduce((n, f) => n + f.size, 0);
    log(
      `published version ${release.version} for ${groups.join(', ')}: ${staged.articles} articles, ` +
        `${staged.questions} quiz questions, ${staged.files.length} files, ${bytes} bytes, signed with ${key.keyId}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    for (const d of error.diagnostics) fail(formatDiagnostic(d));
    fail(`${error.diagnostics.length} error(s): nothing was published`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}

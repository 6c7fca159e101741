import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Envelope, Root } from '../protocol/trust-metadata.ts';
import { trustCrypto, verifyFirstRoot, verifyNextRoot } from '../protocol/trust-verify.ts';
import { loadOrCreateKey, type PublisherKey } from './keys.ts';
import { buildRoot, type KeyHolder, signEnvelope } from './trust-sign.ts';

/**
 * The trust folder: the root chain as files `1.root.json`, `2.root.json`, … (what a build
 * embeds and the hub imports), and the demo trust `npm start` makes with no setup.
 */

const DAY_MS = 86_400_000;

/** The name of root `version`'s file. */
export function rootFileName(version: number): string {
  return `${version}.root.json`;
}

/** The root files in `dir` as text, version 1 first, stopping at the first gap. */
export async function readRootFiles(dir: string): Promise<string[]> {
  const names = new Set(await readdir(dir).catch(() => [] as string[]));
  const texts: string[] = [];
  for (let version = 1; names.has(rootFileName(version)); version++) {
    texts.push(await readFile(join(dir, rootFileName(version)), 'utf8'));
  }
  return texts;
}

/** Verifies a chain of root texts (version 1 first); returns the roots, or throws PackError. */
export async function verifyRootChain(texts: readonly string[]): Promise<Envelope<Root>[]> {
  const crypto = trustCrypto(globalThis.crypto.subtle);
  const [first, ...rest] = texts;
  if (first === undefined) throw new Error('the chain is empty: there is no 1.root.json');
  const chain = [await verifyFirstRoot(crypto, JSON.parse(first))];
  for (const text of rest) {
    chain.push(await verifyNextRoot(crypto, chain[chain.length - 1]?.signed as Root, JSON.parse(text)));
  }
  return chain;
}

/** Writes root `envelope` to `dir`; an existing file must already hold the same root. */
export async function writeRootFile(dir: string, envelope: Envelope<Root>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, rootFileName(envelope.signed.version));
  const text = `${JSON.stringify(envelope, null, 2)}\n`;
  try {
    await writeFile(path, text, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = JSON.parse(await readFile(path, 'utf8')) as Envelope<Root>;
    if (JSON.stringify(existing.signed) !== JSON.stringify(envelope.signed)) {
      throw new Error(`${path} already holds a different root ${envelope.signed.version}`);
    }
  }
}

/** The file names of demo root keys: their presence means the root keys are on this disk. */
export const DEMO_ROOT_KEY = /^demo-root-\d\.json$/;

/** Whether `keysDir` holds demo root keys (then the root is not protected: warn loudly). */
export async function hasDemoRootKeys(keysDir: string): Promise<boolean> {
  return (await readdir(keysDir).catch(() => [] as string[])).some((name) => DEMO_ROOT_KEY.test(name));
}

/** The loud line every start prints while demo root keys are on the disk. */
export const DEMO_TRUST_WARNING =
  'DEMO ROOT KEYS: the three root keys are in data/keys/ on this computer, so whoever reads this disk can sign a new root. Not for a real deployment: make real ones with `npm run keys -- init` on an offline computer and keep each on its own USB stick (docs/threat-model.md).';

/**
 * Makes demo trust when `trustDir` has no root yet: three root keys under `keysDir` (2 of 3
 * sign), the timestamp key, and root 1 naming `content` for the content role. Returns the
 * chain's texts either way. The content keys are today's publisher key (and any extra trusted
 * keys), so packs signed before roots existed still verify under root 1.
 */
export async function ensureDemoTrust(options: {
  trustDir: string;
  keysDir: string;
  content: KeyHolder[];
  timestampKeyPath: string;
  now?: Date;
  log?: (line: string) => void;
}): Promise<{ texts: string[]; created: boolean }> {
  const existing = await readRootFiles(options.trustDir);
  if (existing.length > 0) return { texts: existing, created: false };
  const now = options.now ?? new Date();
  const rootKeys: PublisherKey[] = [];
  for (let i = 1; i <= 3; i++) {
    const { key } = await loadOrCreateKey(join(options.keysDir, `demo-root-${i}.json`), {
      note: 'DEMO root key, made by npm start. A real root key is made offline and kept on its own USB stick.',
      holder: `演示根密钥 ${i} · demo root key ${i}`,
    });
    rootKeys.push(key);
  }
  const { key: timestampKey } = await loadOrCreateKey(options.timestampKeyPath, {
    note: 'Kepu e-Station timestamp key: online on the hub, signs short-lived timestamps.',
  });
  const root = buildRoot({
    version: 1,
    expires: new Date(now.getTime() + 5 * 365 * DAY_MS),
    timestampMaxHours: 24,
    root: {
      keys: rootKeys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, holder: k.holder ?? 'demo' })),
      threshold: 2,
    },
    content: { keys: options.content, threshold: 1 },
    timestamp: {
      keys: [
        {
          keyId: timestampKey.keyId,
          publicKey: timestampKey.publicKey,
          holder: '县级平台（在线）· hub (online)',
        },
      ],
      threshold: 1,
    },
  });
  try {
    await writeRootFile(options.trustDir, await signEnvelope(root, rootKeys));
  } catch (error) {
    // Another process (a build and a hub starting together) wrote root 1 first: use theirs.
    const raced = await readRootFiles(options.trustDir);
    if (raced.length === 0) throw error;
    return { texts: raced, created: false };
  }
  options.log?.(DEMO_TRUST_WARNING);
  return { texts: await readRootFiles(options.trustDir), created: true };
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generatePublisherKey,
  loadOrCreateKey,
  type PublisherKey,
  parseKeyFile,
} from '../../content-kit/keys.ts';
import { ensureDemoTrust, hasDemoRootKeys, readRootFiles } from '../../content-kit/trust-files.ts';
import { buildRoot, type KeyHolder, signEnvelope } from '../../content-kit/trust-sign.ts';
import type { Store } from '../storage/store.ts';
import { createHubTrust, type HubTrust } from './hub-trust.ts';

const DAY_MS = 86_400_000;

/** How the hub names its own online key in a root it makes. */
export const HUB_HOLDER = '县级平台（在线）· county hub (online)';

async function onlineKeys(dir: string): Promise<PublisherKey[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const keys: PublisherKey[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const path = join(dir, name);
    keys.push(await parseKeyFile(await readFile(path, 'utf8'), path));
  }
  return keys;
}

/**
 * The hub's trust at start: demo trust when neither the database nor the trust folder has a
 * root (`npm start` with no setup), the chain synced between folder and database, and the
 * online keys it holds (the publisher key, the timestamp key, keys made for rotations).
 */
export async function openHubTrust(options: {
  store: Store;
  publisherKey: PublisherKey;
  /** Extra content keys for demo root 1 (KEPU_TRUSTED_KEYS: desk keys kiosks already trust). */
  extraContent?: KeyHolder[];
  keysDir: string;
  trustDir: string;
  timestampKeyPath: string;
  timestampHours: number;
  now: () => Date;
  log: (line: string) => void;
}): Promise<{ trust: HubTrust; demo: boolean }> {
  const stored = await options.store.trust.listRoots();
  const texts =
    stored.length > 0
      ? await readRootFiles(options.trustDir)
      : (
          await ensureDemoTrust({
            trustDir: options.trustDir,
            keysDir: options.keysDir,
            content: [
              {
                keyId: options.publisherKey.keyId,
                publicKey: options.publisherKey.publicKey,
                holder: HUB_HOLDER,
              },
              ...(options.extraContent ?? []),
            ],
            timestampKeyPath: options.timestampKeyPath,
            log: options.log,
          })
        ).texts;
  const { key: timestampKey } = await loadOrCreateKey(options.timestampKeyPath, {
    note: 'Kepu e-Station timestamp key: online on the hub, signs short-lived timestamps.',
  });
  const trust = createHubTrust({
    store: options.store,
    keys: [options.publisherKey, timestampKey, ...(await onlineKeys(join(options.keysDir, 'online')))],
    timestampHours: options.timestampHours,
    now: options.now,
    trustDir: options.trustDir,
    keysDir: options.keysDir,
  });
  await trust.sync(texts);
  return { trust, demo: await hasDemoRootKeys(options.keysDir) };
}

/** Trust made in memory for a test hub: root 1 (2 of 3 fresh root keys), `content` keys, a fresh timestamp key. */
export async function testHubTrust(
  store: Store,
  content: PublisherKey,
  options: { now: () => Date; timestampHours?: number; extraContent?: KeyHolder[]; keysDir?: string } = {
    now: () => new Date(),
  },
): Promise<{ trust: HubTrust; rootKeys: PublisherKey[]; timestampKey: PublisherKey }> {
  const rootKeys = await Promise.all([1, 2, 3].map(() => generatePublisherKey()));
  const timestampKey = await generatePublisherKey();
  const holder = (k: PublisherKey, name: string): KeyHolder => ({
    keyId: k.keyId,
    publicKey: k.publicKey,
    holder: name,
  });
  const root = buildRoot({
    version: 1,
    expires: new Date(options.now().getTime() + 365 * DAY_MS),
    timestampMaxHours: 24,
    root: { keys: rootKeys.map((k, i) => holder(k, `根密钥 ${i + 1}`)), threshold: 2 },
    content: { keys: [holder(content, HUB_HOLDER), ...(options.extraContent ?? [])], threshold: 1 },
    timestamp: { keys: [holder(timestampKey, HUB_HOLDER)], threshold: 1 },
  });
  const trust = createHubTrust({
    store,
    keys: [content, timestampKey],
    timestampHours: options.timestampHours ?? 6,
    now: options.now,
    ...(options.keysDir ? { keysDir: options.keysDir } : {}),
  });
  await trust.sync([JSON.stringify(await signEnvelope(root, rootKeys))]);
  return { trust, rootKeys, timestampKey };
}

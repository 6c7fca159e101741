import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from './keys.ts';
import { ensureDemoTrust, hasDemoRootKeys, readRootFiles, verifyRootChain } from './trust-files.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-trust-files-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('demo trust', () => {
  it('makes root 1 once (2 of 3 demo root keys, named), naming the publisher key for content, and says so', async () => {
    const keys = join(dir, 'keys');
    const publisher = await createKeyFile(join(keys, 'publisher.json'));
    const lines: string[] = [];
    const options = {
      trustDir: join(keys, 'trust'),
      keysDir: keys,
      content: [{ keyId: publisher.keyId, publicKey: publisher.publicKey, holder: 'hub' }],
      timestampKeyPath: join(keys, 'timestamp.json'),
      log: (line: string) => void lines.push(line),
    };
    const first = await ensureDemoTrust(options);
    expect(first.created).toBe(true);
    expect(lines.join('\n')).toContain('DEMO ROOT KEYS');
    const [root] = await verifyRootChain(first.texts);
    expect(root?.signed.roles.root.threshold).toBe(2);
    expect(Object.values(root?.signed.keys ?? {}).map((k) => k.holder)).toContain(
      '演示根密钥 1 · demo root key 1',
    );
    expect(root?.signed.roles.content.keyids).toEqual([publisher.keyId]);
    expect(await hasDemoRootKeys(keys)).toBe(true);
    const again = await ensureDemoTrust(options);
    expect(again).toEqual({ texts: first.texts, created: false });
    expect(await readRootFiles(join(keys, 'trust'))).toEqual(first.texts);
    expect(await hasDemoRootKeys(join(dir, 'elsewhere'))).toBe(false);
  });
});

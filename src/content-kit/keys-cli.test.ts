import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope, Root } from '../protocol/trust-metadata.ts';
import { trustCrypto, verifyNextRoot } from '../protocol/trust-verify.ts';
import { createKeyFile } from './keys.ts';
import { keysCommand } from './keys-cli.ts';
import { nextRoot } from './trust-sign.ts';

const crypto = trustCrypto(globalThis.crypto.subtle as never);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kepu-keys-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  try {
    return { code: await keysCommand(args), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('npm run keys', () => {
  it('holds a key ceremony: root keys per holder, root 1 (2 of 3), then offline signing of root 2', async () => {
    const content = await createKeyFile(join(dir, 'hub', 'publisher.json'));
    const timestamp = await createKeyFile(join(dir, 'hub', 'timestamp.json'));
    const ceremony = join(dir, 'ceremony');
    const made = await run(
      'init',
      '--out',
      ceremony,
      '--holders',
      '张三,Nguyễn Văn A,Li Si',
      '--content',
      join(dir, 'hub', 'publisher.json'),
      '--timestamp',
      `${timestamp.keyId}:${timestamp.publicKey}`,
    );
    expect(made.code, made.out).toBe(0);
    const verified = await run('verify', ceremony);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.out).toContain('root: 2 of 3: 张三');
    expect(verified.out).toContain(
      `content: 1 of 1: 县级平台（在线）· county hub (online) (${content.keyId})`,
    );

    // The console makes the draft of root 2 (here: the same keys, a later expiry) …
    const first = JSON.parse(await readFile(join(ceremony, '1.root.json'), 'utf8')) as Envelope<Root>;
    const draftPath = join(dir, '2.root.json');
    const draft = { signed: nextRoot(first.signed, {}, new Date()), signatures: [] };
    await writeFile(draftPath, JSON.stringify(draft));
    // … and the holders sign it, one USB stick at a time.
    const one = await run(
      'sign',
      '--key',
      join(ceremony, 'root-1.json'),
      '--previous',
      join(ceremony, '1.root.json'),
      draftPath,
    );
    expect(one.code, one.out).toBe(0);
    expect(one.out).toContain("signatures of root 1's keys: 1 of 2 needed");
    const half = JSON.parse(await readFile(draftPath, 'utf8'));
    await expect(verifyNextRoot(crypto, first.signed, half)).rejects.toMatchObject({
      code: 'ROOT_THRESHOLD_NOT_MET',
    });
    const two = await run('sign', '--key', join(ceremony, 'root-3.json'), draftPath);
    expect(two.code, two.out).toBe(0);
    const whole = JSON.parse(await readFile(draftPath, 'utf8'));
    expect((await verifyNextRoot(crypto, first.signed, whole)).signed.version).toBe(2);

    // A key that is no root key is refused before anything is written.
    const stranger = await run('sign', '--key', join(dir, 'hub', 'timestamp.json'), draftPath);
    expect(stranger.code).toBe(2);
    expect(stranger.out).toContain('is not a root key');
  });

  it('refuses an impossible threshold and prints usage', async () => {
    const bad = await run(
      'init',
      '--out',
      join(dir, 'x'),
      '--holders',
      'A,B',
      '--threshold',
      '3',
      '--content',
      'x',
      '--timestamp',
      'y',
    );
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--threshold must be from 1 to 2');
    expect((await run('frobnicate')).code).toBe(2);
  });
});

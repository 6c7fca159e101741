/**
 * `npm run keys -- …`: the offline half of update trust. Makes keys, makes and signs root 1 at a
 * key ceremony, adds a root key holder's signature to the draft of root N+1 the console made,
 * and checks a chain. Run it on a computer that is not on a network, with the root keys on
 * their own USB sticks (docs/threat-model.md).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Envelope, RoleName, Root } from '../protocol/trust-metadata.ts';
import { ROLE_NAMES } from '../protocol/trust-metadata.ts';
import { parseRoot, trustCrypto, validSigners } from '../protocol/trust-verify.ts';
import { createKeyFile, type PublisherKey, parseKeyFile } from './keys.ts';
import { readRootFiles, verifyRootChain, writeRootFile } from './trust-files.ts';
import { addSignatures, buildRoot, type KeyHolder } from './trust-sign.ts';

const DAY_MS = 86_400_000;
const crypto = trustCrypto(globalThis.crypto.subtle as never);

export const KEYS_USAGE = `usage:
  npm run keys -- new --out <file> [--holder <name>]        a key pair (refuses to overwrite)
  npm run keys -- public <key file>                          the public half, for the console
  npm run keys -- init --out <dir> --holders "A,B,C" [--threshold 2]
                       --content <key file|keyId:base64>[,…] --timestamp <key file|keyId:base64>
                       [--valid-days 365] [--timestamp-max-hours 24]
                                                             root keys (one file per holder) and root 1
  npm run keys -- sign --key <root key file> [--previous <N.root.json>] <draft.json>
                                                             adds this holder's signature to root N+1
  npm run keys -- verify <trust dir | 1.root.json 2.root.json …>
                                                             checks a chain and prints who holds what`;

/** Runs `npm run keys -- <args>`; returns the exit code. */
export async function keysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'new') return newKey(rest);
  if (sub === 'public') return printPublic(rest);
  if (sub === 'init') return init(rest);
  if (sub === 'sign') return sign(rest);
  if (sub === 'verify') return verify(rest);
  // `npm run keys -- --out path` (before roots): a new publisher key.
  if (sub === undefined || sub.startsWith('--')) return newKey(args);
  console.error(KEYS_USAGE);
  return 2;
}

async function newKey(args: string[]): Promise<number> {
  const defaultPath = join(homedir(), '.config', 'kepu-estation', 'publisher.json');
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string', default: defaultPath }, holder: { type: 'string' } },
  });
  const key = await createKeyFile(values.out, values.holder ? { holder: values.holder } : {});
  console.log(`New key written to ${values.out} (mode 0600). Keep it private.`);
  console.log(`keyId:     ${key.keyId}`);
  console.log(`publicKey: ${key.publicKey}`);
  return 0;
}

async function readKey(path: string): Promise<PublisherKey> {
  return parseKeyFile(await readFile(path, 'utf8'), path);
}

async function printPublic(args: string[]): Promise<number> {
  const [path] = args;
  if (!path) return usage('public needs a key file');
  const key = await readKey(path);
  console.log(`${key.keyId}:${key.publicKey}`);
  return 0;
}

/** A key named on the command line: a key file (its public half), or keyId:base64. */
async function publicKeyOf(spec: string, holder: string): Promise<KeyHolder> {
  const literal = /^([0-9a-f]{16}):([A-Za-z0-9+/]{43}=)$/.exec(spec);
  if (literal) return { keyId: literal[1] as string, publicKey: literal[2] as string, holder };
  const key = await readKey(spec);
  return { keyId: key.keyId, publicKey: key.publicKey, holder: key.holder ?? holder };
}

async function init(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      holders: { type: 'string' },
      threshold: { type: 'string', default: '2' },
      content: { type: 'string' },
      timestamp: { type: 'string' },
      'valid-days': { type: 'string', default: '365' },
      'timestamp-max-hours': { type: 'string', default: '24' },
    },
  });
  const holders = (values.holders ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (!values.out || holders.length === 0 || !values.content || !values.timestamp) {
    return usage('init needs --out, --holders, --content and --timestamp');
  }
  const threshold = Number(values.threshold);
  const days = Number(values['valid-days']);
  const maxHours = Number(values['timestamp-max-hours']);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > holders.length)
    return usage(`--threshold must be from 1 to ${holders.length} (the number of holders)`);
  if (!Number.isFinite(days) || days <= 0) return usage('--valid-days must be a positive number');
  const rootKeys: PublisherKey[] = [];
  for (const [i, holder] of holders.entries()) {
    const path = join(values.out, `root-${i + 1}.json`);
    rootKeys.push(
      await createKeyFile(path, {
        note: `Kepu e-Station ROOT key of ${holder}. Keep it on its own USB stick, offline; delete it from this computer.`,
        holder,
      }),
    );
  }
  const hub = '县级平台（在线）· county hub (online)';
  const content = await Promise.all(values.content.split(',').map((spec) => publicKeyOf(spec.trim(), hub)));
  const timestamp = await publicKeyOf(values.timestamp, hub);
  const root = buildRoot({
    version: 1,
    expires: new Date(Date.now() + days * DAY_MS),
    timestampMaxHours: maxHours,
    root: {
      keys: rootKeys.map((k, i) => ({
        keyId: k.keyId,
        publicKey: k.publicKey,
        holder: holders[i] as string,
      })),
      threshold,
    },
    content: { keys: content, threshold: 1 },
    timestamp: { keys: [timestamp], threshold: 1 },
  });
  const envelope = await addSignatures({ signed: root, signatures: [] }, rootKeys);
  await writeRootFile(values.out, envelope);
  console.log(
    `Root 1 written to ${join(values.out, '1.root.json')}, signed by all ${rootKeys.length} root keys.`,
  );
  for (const [i, k] of rootKeys.entries())
    console.log(`  ${join(values.out, `root-${i + 1}.json`)}  ${k.keyId}  ${holders[i]}`);
  console.log(
    'Now: copy each root key file to its own USB stick, give each to its holder, and delete them here.',
  );
  console.log("Put 1.root.json in the hub's trust folder (data/keys/trust/) before building the kiosk.");
  return 0;
}

function describeRole(root: Root, role: RoleName): string {
  const names = root.roles[role].keyids.map((id) => `${root.keys[id]?.holder ?? '?'} (${id})`);
  return `${role}: ${root.roles[role].threshold} of ${names.length}: ${names.join(', ')}`;
}

async function sign(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { key: { type: 'string' }, previous: { type: 'string' }, out: { type: 'string' } },
  });
  const [draftPath] = positionals;
  if (!values.key || !draftPath) return usage('sign needs --key and the draft file');
  const key = await readKey(values.key);
  const draft = await parseRoot(crypto, JSON.parse(await readFile(draftPath, 'utf8')));
  const root = draft.signed;
  const previous = values.previous
    ? (await parseRoot(crypto, JSON.parse(await readFile(values.previous, 'utf8')))).signed
    : null;
  if (previous && previous.version + 1 !== root.version) {
    return usage(
      `the draft is root ${root.version}; ${values.previous} is root ${previous.version}, not the one before`,
    );
  }
  const mine = [previous, root].some((r) => r?.roles.root.keyids.includes(key.keyId));
  if (!mine) return usage(`key ${key.keyId} is not a root key of ${previous ? 'either root' : 'this root'}`);
  console.log(`Signing root ${root.version} (expires ${root.expires}) as ${key.holder ?? key.keyId}:`);
  for (const role of ROLE_NAMES) {
    const changed = previous && describeRole(previous, role) !== describeRole(root, role);
    console.log(`  ${changed ? 'CHANGED ' : ''}${describeRole(root, role)}`);
    if (changed && previous) console.log(`    was ${describeRole(previous, role)}`);
  }
  const signed = await addSignatures(draft, [key]);
  await writeFile(values.out ?? draftPath, `${JSON.stringify(signed, null, 2)}\n`);
  await report(signed, previous);
  return 0;
}

/** How far a root is from acceptance: signatures of the old root's keys and of its own. */
async function report(envelope: Envelope<Root>, previous: Root | null): Promise<void> {
  const root = envelope.signed;
  const own = await validSigners(crypto, envelope, root.roles.root, root.keys);
  console.log(`  signatures of its own root keys: ${own.length} of ${root.roles.root.threshold} needed`);
  if (previous) {
    const old = await validSigners(crypto, envelope, previous.roles.root, previous.keys);
    console.log(
      `  signatures of root ${previous.version}'s keys: ${old.length} of ${previous.roles.root.threshold} needed`,
    );
  }
}

async function verify(args: string[]): Promise<number> {
  if (args.length === 0) return usage('verify needs a trust folder or root files');
  const texts =
    args.length === 1 && !args[0]?.endsWith('.json')
      ? await readRootFiles(args[0] as string)
      : await Promise.all(args.map((p) => readFile(p, 'utf8')));
  const chain = await verifyRootChain(texts);
  for (const { signed } of chain) {
    console.log(`root ${signed.version}, expires ${signed.expires}`);
    for (const role of ROLE_NAMES) console.log(`  ${describeRole(signed, role)}`);
  }
  console.log(`the chain 1..${chain.length} verifies`);
  return 0;
}

function usage(message: string): number {
  console.error(`${message}\n${KEYS_USAGE}`);
  return 2;
}

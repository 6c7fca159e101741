/**
 * A whole trust setup made in memory, for tests (unit tests and the browser tests' fake hubs):
 * three root keys (2 of 3), a content key and a timestamp key, root 1, and helpers that rotate,
 * sign timestamps and sign manifests, the honest way or the ways attackers do.
 */

import type { PackManifest } from '../protocol/pack-manifest.ts';
import { sha256Hex } from '../protocol/pack-verify.ts';
import type { ContentPin, Envelope, Root, TimestampDoc } from '../protocol/trust-metadata.ts';
import { generatePublisherKey, type PublisherKey } from './keys.ts';
import {
  addSignatures,
  buildRoot,
  type KeyHolder,
  nextRoot,
  type RootChanges,
  signContent,
  signEnvelope,
  signTimestamp,
} from './trust-sign.ts';

const DAY_MS = 86_400_000;

/** A key as a root lists it, named `holder`. */
export function holderOf(key: PublisherKey, holder: string): KeyHolder {
  return { keyId: key.keyId, publicKey: key.publicKey, holder };
}

export interface TrustWorld {
  rootKeys: PublisherKey[];
  /** The content keys of the newest root (the first one until a rotation replaces it). */
  contentKeys: PublisherKey[];
  timestampKeys: PublisherKey[];
  /** Every root so far, version 1 first. */
  roots: Envelope<Root>[];
  /** Texts of the roots, as served. */
  rootTexts(): string[];
  /**
   * Root N+1 with `changes`, signed by `signers` (default: every root key of the old and the
   * new root). New keys for the roles named in `fresh` are made and become the world's keys.
   */
  rotate(options?: {
    changes?: RootChanges;
    fresh?: Array<'content' | 'timestamp' | 'root'>;
    signers?: PublisherKey[];
  }): Promise<Envelope<Root>>;
  /** A timestamp pinning `content` (bytes as served), at `time`, living `hours`. */
  timestamp(options: {
    version: number;
    content: Uint8Array;
    time?: Date;
    hours?: number;
    keys?: PublisherKey[];
  }): Promise<Envelope<TimestampDoc>>;
  /** A manifest signed by the content keys (or `keys`), as served bytes. */
  content(manifest: PackManifest, keys?: PublisherKey[]): Promise<Uint8Array>;
}

/** The pin a timestamp makes for manifest bytes. */
export async function pinOf(bytes: Uint8Array): Promise<ContentPin> {
  const json = JSON.parse(new TextDecoder().decode(bytes)) as { signed: { version: number } };
  return {
    version: json.signed.version,
    length: bytes.byteLength,
    sha256: await sha256Hex(globalThis.crypto.subtle, bytes),
  };
}

/**
 * A fresh trust world; root 1 expires in `rootDays` (365). With `existing`, the world continues
 * a chain made elsewhere (the build's demo trust) with those keys instead.
 */
export async function createTrustWorld(
  options: {
    now?: Date;
    rootDays?: number;
    existing?: {
      roots: Envelope<Root>[];
      rootKeys: PublisherKey[];
      contentKeys: PublisherKey[];
      timestampKeys: PublisherKey[];
    };
  } = {},
): Promise<TrustWorld> {
  const now = options.now ?? new Date();
  const make = async (n: number) => Promise.all(Array.from({ length: n }, generatePublisherKey));
  const world = options.existing
    ? { ...options.existing, roots: [...options.existing.roots] }
    : {
        rootKeys: await make(3),
        contentKeys: await make(1),
        timestampKeys: await make(1),
        roots: [] as Envelope<Root>[],
      };
  if (!options.existing) {
    const first = buildRoot({
      version: 1,
      expires: new Date(now.getTime() + (options.rootDays ?? 365) * DAY_MS),
      timestampMaxHours: 24,
      root: { keys: world.rootKeys.map((k, i) => holderOf(k, `根密钥保管人 ${i + 1}`)), threshold: 2 },
      content: { keys: world.contentKeys.map((k) => holderOf(k, '县级平台（在线）')), threshold: 1 },
      timestamp: { keys: world.timestampKeys.map((k) => holderOf(k, '县级平台（在线）')), threshold: 1 },
    });
    world.roots.push(await signEnvelope(first, world.rootKeys));
  }
  const allKeys = new Map<string, PublisherKey>();
  for (const k of [...world.rootKeys, ...world.contentKeys, ...world.timestampKeys]) allKeys.set(k.keyId, k);

  return {
    roots: world.roots,
    get rootKeys() {
      return world.rootKeys;
    },
    get contentKeys() {
      return world.contentKeys;
    },
    get timestampKeys() {
      return world.timestampKeys;
    },
    rootTexts: () => world.roots.map((r) => JSON.stringify(r)),
    async rotate({ changes = {}, fresh = [], signers } = {}) {
      const current = world.roots[world.roots.length - 1] as Envelope<Root>;
      const oldRootKeys = world.rootKeys;
      const merged: RootChanges = { ...changes };
      for (const role of fresh) {
        const keys = await make(role === 'root' ? 3 : 1);
        for (const k of keys) allKeys.set(k.keyId, k);
        merged[role] = {
          keys: keys.map((k, i) =>
            holderOf(k, role === 'root' ? `新根密钥保管人 ${i + 1}` : '县级平台（在线）'),
          ),
          threshold: role === 'root' ? 2 : 1,
        };
        if (role === 'root') world.rootKeys = keys;
        if (role === 'content') world.contentKeys = keys;
        if (role === 'timestamp') world.timestampKeys = keys;
      }
      const next = nextRoot(current.signed, merged, now);
      const newRootKeys = next.roles.root.keyids.map((id) => allKeys.get(id)).filter((k) => k !== undefined);
      const by = signers ?? [...new Map([...oldRootKeys, ...newRootKeys].map((k) => [k.keyId, k])).values()];
      const signed = await addSignatures({ signed: next, signatures: [] }, by);
      world.roots.push(signed);
      return signed;
    },
    async timestamp({ version, content, time = new Date(), hours = 6, keys }) {
      return signTimestamp({
        version,
        time,
        hours,
        content: await pinOf(content),
        keys: keys ?? world.timestampKeys,
      });
    },
    async content(manifest, keys) {
      return new TextEncoder().encode(JSON.stringify(await signContent(manifest, keys ?? world.contentKeys)));
    },
  };
}

/** A small manifest: `files` made-up files (sha256 of their names), version `version`. */
export function testManifest(version: number, options: { now?: Date; days?: number; files?: number } = {}) {
  const now = options.now ?? new Date();
  const files = Array.from({ length: options.files ?? 2 }, (_, i) => ({
    path: `articles/a${i}.zh-CN.json`,
    sha256: `${i}`.padStart(64, 'a'),
    size: 10 + i,
    type: 'application/json',
  }));
  return {
    format: 1 as const,
    version,
    created: now.toISOString(),
    expires: new Date(now.getTime() + (options.days ?? 365) * DAY_MS).toISOString(),
    files,
  };
}

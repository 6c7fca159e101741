import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as v from 'valibot';
import { createKeyFile, type PublisherKey } from '../../content-kit/keys.ts';
import { writeRootFile } from '../../content-kit/trust-files.ts';
import { signContent, signTimestamp } from '../../content-kit/trust-sign.ts';
import type { PackManifest } from '../../protocol/pack-manifest.ts';
import { PackError, type SubtleLike } from '../../protocol/pack-verify.ts';
import {
  type ContentPin,
  contentEnvelope,
  type Envelope,
  EnvelopeSchema,
  type RoleName,
  type Root,
  TimestampSchema,
} from '../../protocol/trust-metadata.ts';
import {
  meetsThreshold,
  trustCrypto,
  type VerifiedContent,
  verifyContent,
  verifyFirstRoot,
  verifyNextRoot,
} from '../../protocol/trust-verify.ts';
import { HttpError } from '../http/errors.ts';
import { StoreError } from '../storage/errors.ts';
import type { Release, Store } from '../storage/store.ts';

/**
 * The hub's side of update trust: the root chain it serves (kept in the database, mirrored to
 * the trust folder for builds), the online keys it holds, timestamps signed per station group
 * on demand, and content signing. Everything it accepts (a new root, an offline-signed pack)
 * is verified with the kiosk's own code (protocol/trust-verify.ts).
 */

const HOUR_MS = 3_600_000;
const crypto = trustCrypto(globalThis.crypto.subtle as unknown as SubtleLike);

export interface HubTrustOptions {
  store: Store;
  /** Private keys this hub holds (online roles: content and timestamp). */
  keys: readonly PublisherKey[];
  /** How long the timestamps it signs live, in hours (capped by the root's limit). */
  timestampHours: number;
  now: () => Date;
  /** Folder the roots are mirrored to (`<n>.root.json`): the next build embeds that chain. */
  trustDir?: string;
  /** Folder new online keys made for a rotation are written to. */
  keysDir?: string;
}

/** The content manifest bytes kiosks download for a release: TUF's envelope. */
export function contentBytes(release: Pick<Release, 'manifestJson'>): Buffer {
  const json = parseJson(release.manifestJson);
  if (v.is(EnvelopeSchema, json)) return Buffer.from(release.manifestJson);
  const envelope = contentEnvelope(json);
  if (!envelope) throw new Error('the release manifest is not a signed manifest');
  return Buffer.from(JSON.stringify(envelope));
}

/**
 * The release in the legacy envelope `{manifest, signature}` for kiosks still running an app
 * from before roots (they verify it with their one built-in key); null when it has no signature.
 */
export function legacyBytes(release: Pick<Release, 'manifestJson'>): Buffer | null {
  const json = parseJson(release.manifestJson);
  if (!v.is(EnvelopeSchema, json)) return Buffer.from(release.manifestJson);
  const first = json.signatures[0];
  if (!first) return null;
  return Buffer.from(
    JSON.stringify({
      manifest: json.signed,
      signature: { alg: 'Ed25519', keyId: first.keyid, value: first.sig },
    }),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a refusal of a root or pack becomes on the way out. */
function asHttp(error: unknown): never {
  if (error instanceof PackError) throw new HttpError(422, error.code, error.message);
  throw error;
}

/** Makes the hub's trust service. */
export function createHubTrust(options: HubTrustOptions) {
  const { store } = options;
  const keys = new Map(options.keys.map((k) => [k.keyId, k]));
  let cached: { count: number; chain: Envelope<Root>[] } | null = null;
  const pins = new Map<string, ContentPin>();

  /** The verified chain from the database (re-verified when another process added a root). */
  async function chain(): Promise<Envelope<Root>[]> {
    const rows = await store.trust.listRoots();
    if (cached && cached.count === rows.length) return cached.chain;
    if (rows.length === 0) throw new Error('the hub has no root of trust yet');
    const verified: Envelope<Root>[] = [];
    for (const [i, row] of rows.entries()) {
      const json = JSON.parse(row.json);
      const prev = verified[i - 1];
      verified.push(
        prev ? await verifyNextRoot(crypto, prev.signed, json) : await verifyFirstRoot(crypto, json),
      );
    }
    cached = { count: rows.length, chain: verified };
    return verified;
  }

  async function root(): Promise<Root> {
    return (await chain()).at(-1)?.signed as Root;
  }

  /** The private keys the hub holds for `role` of `r`. */
  function online(r: Root, role: RoleName): PublisherKey[] {
    return r.roles[role].keyids.map((id) => keys.get(id)).filter((k): k is PublisherKey => k !== undefined);
  }

  function pinOf(release: Release): ContentPin {
    const memo = `${release.version}:${release.manifestJson.length}`;
    let pin = pins.get(memo);
    if (!pin) {
      const bytes = contentBytes(release);
      pin = { version: release.version, length: bytes.byteLength, sha256: sha256(bytes) };
      pins.set(memo, pin);
    }
    return pin;
  }

  /** Whether a stored timestamp may still be served: same pin, current keys, half its life left. */
  function stillFresh(json: string, pin: ContentPin, r: Root, now: Date, hours: number): boolean {
    const envelope = v.safeParse(EnvelopeSchema, parseJson(json));
    if (!envelope.success) return false;
    const doc = v.safeParse(TimestampSchema, envelope.output.signed);
    if (!doc.success) return false;
    const { content, time, expires } = doc.output;
    return (
      content.sha256 === pin.sha256 &&
      content.version === pin.version &&
      Date.parse(time) <= now.getTime() &&
      Date.parse(expires) - now.getTime() >= (hours * HOUR_MS) / 2 &&
      meetsThreshold(
        envelope.output.signatures.map((s) => s.keyid),
        r.roles.timestamp,
      )
    );
  }

  return {
    chain,
    root,
    /** How long the timestamps this hub signs live (before the root's cap). */
    timestampHours: options.timestampHours,

    /** Root `version` as stored (the exact text kiosks verify), or null. */
    async rootText(version: number): Promise<string | null> {
      const rows = await store.trust.listRoots();
      return rows.find((r) => r.version === version)?.json ?? null;
    },

    /** Key ids whose private halves this hub holds. */
    onlineKeyIds(): Set<string> {
      return new Set(keys.keys());
    },

    /**
     * The current timestamp pinning `release` (the active release of the asking station's
     * group): the stored one while it has at least half its life left, else a new one, the next
     * version across all. Kept per release, not per group name, so the rows stay as few as the
     * releases whatever group names are asked for.
     */
    async timestampFor(release: Release): Promise<string> {
      const group = `pack:${release.version}`;
      const now = options.now();
      const r = await root();
      const signers = online(r, 'timestamp');
      if (signers.length < r.roles.timestamp.threshold) {
        throw new HttpError(
          503,
          'TIMESTAMP_KEY_MISSING',
          `the hub holds none of root ${r.version}'s timestamp keys`,
        );
      }
      const hours = Math.min(options.timestampHours, r.timestampMaxHours);
      const pin = pinOf(release);
      for (let attempt = 1; ; attempt++) {
        const latest = await store.trust.latestTimestamp(group);
        if (latest && stillFresh(latest.json, pin, r, now, hours)) return latest.json;
        const version = (await store.trust.maxTimestampVersion()) + 1;
        const json = JSON.stringify(
          await signTimestamp({ version, time: now, hours, content: pin, keys: signers }),
        );
        try {
          await store.trust.addTimestamp({
            version,
            group,
            json,
            contentVersion: pin.version,
            expiresAt: new Date(now.getTime() + hours * HOUR_MS),
          });
          return json;
        } catch (error) {
          // Another hub process took that version at the same moment: look again.
          if (!(error instanceof StoreError && error.code === 'CONFLICT' && attempt < 5)) throw error;
        }
      }
    },

    /** The content keys the hub holds for the current root; 409 when content is signed offline. */
    async contentKeys(): Promise<PublisherKey[]> {
      const r = await root();
      const held = online(r, 'content');
      if (held.length < r.roles.content.threshold) {
        throw new HttpError(
          409,
          'CONTENT_KEY_OFFLINE',
          `root ${r.version}'s content keys are offline: sign the pack at the desk (npm run content -- build) and upload it`,
        );
      }
      return held;
    },

    /** Signs a manifest with the hub's content keys, as stored and served. */
    async signContent(manifest: PackManifest): Promise<string> {
      const held = await this.contentKeys();
      return JSON.stringify(await signContent(manifest, held));
    },

    /** An uploaded (offline-signed) manifest, checked exactly as a kiosk would, at the hub's time. */
    async verifyUpload(bytes: Uint8Array): Promise<VerifiedContent> {
      const all = await chain();
      const current = all.at(-1)?.signed as Root;
      const former = new Set<string>();
      for (const { signed } of all)
        for (const id of signed.roles.content.keyids)
          if (!current.roles.content.keyids.includes(id)) former.add(id);
      return verifyContent(crypto, bytes, {
        root: current,
        formerKeys: former,
        pin: null,
        floor: null,
        ref: options.now(),
      }).catch(asHttp);
    },

    /**
     * Takes root N+1 (signed offline by a threshold of N's root keys and its own), stores it and
     * mirrors it to the trust folder. Refusals are 422 with the kiosk's codes.
     */
    async addRoot(json: unknown): Promise<Envelope<Root>> {
      const current = await root();
      const next = await verifyNextRoot(crypto, current, json).catch(asHttp);
      try {
        await store.trust.addRoot({
          version: next.signed.version,
          json: JSON.stringify(next),
          addedAt: options.now(),
        });
      } catch (error) {
        if (error instanceof StoreError && error.code === 'CONFLICT') {
          throw new HttpError(409, 'CONFLICT', `root ${next.signed.version} was added meanwhile`);
        }
        throw error;
      }
      if (options.trustDir) await writeRootFile(options.trustDir, next).catch(() => undefined);
      return next;
    },

    /**
     * At start: takes the chain from the trust folder into the database (each root verified), or
     * the database's into the folder. Refuses a folder whose chain is not the database's.
     */
    async sync(texts: readonly string[]): Promise<void> {
      const rows = await store.trust.listRoots();
      for (const [i, row] of rows.entries()) {
        const text = texts[i];
        if (text !== undefined && JSON.stringify(JSON.parse(text)) !== JSON.stringify(JSON.parse(row.json))) {
          throw new Error(`the trust folder's root ${i + 1} is not the database's; keep one chain`);
        }
      }
      for (const text of texts.slice(rows.length)) {
        const json = JSON.parse(text);
        const stored = await store.trust.listRoots();
        const prev = stored.length === 0 ? null : await root();
        const envelope = prev
          ? await verifyNextRoot(crypto, prev, json)
          : await verifyFirstRoot(crypto, json);
        await store.trust.addRoot({
          version: envelope.signed.version,
          json: JSON.stringify(envelope),
          addedAt: options.now(),
        });
      }
      if (options.trustDir)
        for (const envelope of await chain()) await writeRootFile(options.trustDir, envelope);
    },

    /** Makes a new online key for a rotation (kept by this hub; the root lists its public half). */
    async makeOnlineKey(role: 'content' | 'timestamp'): Promise<PublisherKey> {
      const dir = options.keysDir;
      if (!dir) throw new Error('this hub has no key folder');
      const stamp = options.now().toISOString().replace(/[:.]/g, '-');
      const key = await createKeyFile(join(dir, 'online', `${role}-${stamp}.json`), {
        note: `Kepu e-Station ${role} key: online on this hub. Private: never commit it or send it anywhere.`,
      });
      keys.set(key.keyId, key);
      return key;
    },
  };
}

export type HubTrust = ReturnType<typeof createHubTrust>;

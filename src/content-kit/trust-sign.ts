import * as v from 'valibot';
import { canonicalBytes } from '../protocol/canonical-json.ts';
import { fromBase64, toBase64 } from '../protocol/encoding.ts';
import { type PackManifest, PackManifestSchema } from '../protocol/pack-manifest.ts';
import {
  type ContentPin,
  type Envelope,
  ROOT_FORMAT,
  type Role,
  type RoleName,
  type Root,
  type RootKey,
  RootSchema,
  type TimestampDoc,
  TimestampSchema,
} from '../protocol/trust-metadata.ts';
import type { PublisherKey } from './keys.ts';

/**
 * Signing trust metadata (Node: the CLI offline, the hub online). Every signature is Ed25519
 * over the canonical JSON of `signed`, the bytes `protocol/trust-verify.ts` checks.
 */

const subtle = globalThis.crypto.subtle;
const ED25519 = { name: 'Ed25519' } as const;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Ed25519 signature of `data` with a key pair, base64. */
export async function signBytes(data: Uint8Array, key: PublisherKey): Promise<string> {
  const priv = await subtle.importKey('pkcs8', fromBase64(key.privateKey), ED25519, false, ['sign']);
  return toBase64(new Uint8Array(await subtle.sign(ED25519, priv, data)));
}

/** Adds `keys`' signatures to an envelope (replacing their earlier ones); `signed` is not changed. */
export async function addSignatures<T>(
  envelope: Envelope<T>,
  keys: readonly PublisherKey[],
): Promise<Envelope<T>> {
  const data = canonicalBytes(envelope.signed);
  const ids = new Set(keys.map((k) => k.keyId));
  const signatures = envelope.signatures.filter((s) => !ids.has(s.keyid));
  for (const key of keys) signatures.push({ keyid: key.keyId, sig: await signBytes(data, key) });
  return { signed: envelope.signed, signatures };
}

/** `signed` in an envelope signed by every key of `keys`. */
export function signEnvelope<T>(signed: T, keys: readonly PublisherKey[]): Promise<Envelope<T>> {
  return addSignatures({ signed, signatures: [] }, keys);
}

/** A public key as a root lists it, with the name of who holds it. */
export interface KeyHolder {
  keyId: string;
  publicKey: string;
  holder: string;
}

/** What a root says, before the format fields. */
export interface RootPlan {
  version: number;
  expires: Date;
  timestampMaxHours: number;
  root: { keys: KeyHolder[]; threshold: number };
  content: { keys: KeyHolder[]; threshold: number };
  timestamp: { keys: KeyHolder[]; threshold: number };
}

/** A root document from a plan; throws when the plan breaks a rule the schema checks. */
export function buildRoot(plan: RootPlan): Root {
  const keys: Record<string, RootKey> = {};
  const roles = {} as Record<RoleName, Role>;
  for (const name of ['root', 'content', 'timestamp'] as const) {
    const role = plan[name];
    for (const k of role.keys) keys[k.keyId] = { alg: 'Ed25519', public: k.publicKey, holder: k.holder };
    roles[name] = { keyids: role.keys.map((k) => k.keyId), threshold: role.threshold };
  }
  const root = {
    _type: 'root' as const,
    format: ROOT_FORMAT,
    version: plan.version,
    expires: plan.expires.toISOString(),
    timestampMaxHours: plan.timestampMaxHours,
    keys,
    roles,
  };
  const parsed = v.safeParse(RootSchema, root);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.');
    throw new Error(`the root is not valid: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  return parsed.output;
}

/** The holders a root lists for a role, in its order. */
export function roleHolders(root: Root, role: RoleName): KeyHolder[] {
  return root.roles[role].keyids.map((keyId) => {
    const key = root.keys[keyId];
    return { keyId, publicKey: key?.public ?? '', holder: key?.holder ?? '' };
  });
}

/** Changes a rotation makes to the current root (anything left out stays as it is). */
export interface RootChanges {
  root?: { keys: KeyHolder[]; threshold: number };
  content?: { keys: KeyHolder[]; threshold: number };
  timestamp?: { keys: KeyHolder[]; threshold: number };
  expires?: Date;
  timestampMaxHours?: number;
}

/** Root N+1: the current root with `changes`, unsigned (its root keys sign it offline). */
export function nextRoot(current: Root, changes: RootChanges, now: Date): Root {
  const role = (name: RoleName) =>
    changes[name] ?? { keys: roleHolders(current, name), threshold: current.roles[name].threshold };
  return buildRoot({
    version: current.version + 1,
    expires: changes.expires ?? new Date(now.getTime() + 365 * DAY_MS),
    timestampMaxHours: changes.timestampMaxHours ?? current.timestampMaxHours,
    root: role('root'),
    content: role('content'),
    timestamp: role('timestamp'),
  });
}

/** A timestamp signed with the timestamp keys: `time` is the signer's clock, living `hours`. */
export async function signTimestamp(options: {
  version: number;
  time: Date;
  hours: number;
  content: ContentPin;
  keys: readonly PublisherKey[];
}): Promise<Envelope<TimestampDoc>> {
  const doc: TimestampDoc = {
    _type: 'timestamp',
    version: options.version,
    time: options.time.toISOString(),
    expires: new Date(options.time.getTime() + options.hours * HOUR_MS).toISOString(),
    content: options.content,
  };
  const parsed = v.safeParse(TimestampSchema, doc);
  if (!parsed.success) throw new Error(`timestamp is invalid: ${parsed.issues[0].message}`);
  return signEnvelope(doc, options.keys);
}

/** A content manifest signed with content keys, in TUF's envelope. */
export async function signContent(
  manifest: PackManifest,
  keys: readonly PublisherKey[],
): Promise<Envelope<PackManifest>> {
  const checked = v.safeParse(PackManifestSchema, manifest);
  if (!checked.success) throw new Error(`manifest is invalid: ${checked.issues[0].message}`);
  if (keys.length === 0) throw new Error('no content key to sign with');
  return signEnvelope(manifest, keys);
}

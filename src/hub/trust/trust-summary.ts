import type { Envelope, RoleName, Root } from '../../protocol/trust-metadata.ts';
import { ROLE_NAMES } from '../../protocol/trust-metadata.ts';
import { type TrustCrypto, validSigners } from '../../protocol/trust-verify.ts';

/** A key as the console shows it: its id, who holds it (a name only), whether this hub holds it. */
export interface KeyView {
  keyId: string;
  holder: string;
  online: boolean;
}

/** One root of the chain as the console shows it. */
export interface RootView {
  version: number;
  expires: string;
  addedAt: string;
  /** Root keys whose signatures it carries (of the previous root and its own). */
  signedBy: KeyView[];
  /** The roles whose keys or threshold changed from the previous root. */
  changed: RoleName[];
}

/** What the console's Keys page shows. */
export interface TrustSummary {
  version: number;
  expires: string;
  timestampMaxHours: number;
  timestampHours: number;
  roles: Record<RoleName, { threshold: number; keys: KeyView[] }>;
  chain: RootView[];
  /** The root keys are on the hub's disk (demo trust). */
  demo: boolean;
}

const sameRole = (a: Root, b: Root, role: RoleName) =>
  a.roles[role].threshold === b.roles[role].threshold &&
  JSON.stringify([...a.roles[role].keyids].sort()) === JSON.stringify([...b.roles[role].keyids].sort());

/** The Keys page's facts from the verified chain. */
export async function summarizeTrust(
  crypto: TrustCrypto,
  chain: readonly Envelope<Root>[],
  addedAt: readonly Date[],
  options: { online: ReadonlySet<string>; timestampHours: number; demo: boolean },
): Promise<TrustSummary> {
  const current = chain.at(-1)?.signed as Root;
  const view = (root: Root, keyId: string): KeyView => ({
    keyId,
    holder: root.keys[keyId]?.holder ?? '',
    online: options.online.has(keyId),
  });
  const roles = {} as TrustSummary['roles'];
  for (const role of ROLE_NAMES) {
    roles[role] = {
      threshold: current.roles[role].threshold,
      keys: current.roles[role].keyids.map((id) => view(current, id)),
    };
  }
  return {
    version: current.version,
    expires: current.expires,
    timestampMaxHours: current.timestampMaxHours,
    timestampHours: Math.min(options.timestampHours, current.timestampMaxHours),
    roles,
    chain: await Promise.all(
      chain.map(async (envelope, i) => {
        const { signed } = envelope;
        const previous = chain[i - 1]?.signed;
        const signedBy = new Map<string, KeyView>();
        for (const root of [previous, signed]) {
          if (!root) continue;
          for (const id of await validSigners(crypto, envelope, root.roles.root, root.keys))
            signedBy.set(id, view(root, id));
        }
        return {
          version: signed.version,
          expires: signed.expires,
          addedAt: (addedAt[i] ?? new Date(0)).toISOString(),
          signedBy: [...signedBy.values()],
          changed: previous ? ROLE_NAMES.filter((role) => !sameRole(previous, signed, role)) : [],
        };
      }),
    ),
    demo: options.demo,
  };
}

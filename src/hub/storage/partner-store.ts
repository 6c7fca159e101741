/**
 * API keys of partner systems (a smart-community platform, the township's broadcasting system):
 * stored as sha256 hashes only, scoped to station groups and to what they may do. Part of the
 * Store (`store.partners`), with an SQLite and a PostgreSQL implementation.
 */
export interface PartnerStore {
  createKey(key: NewPartnerKey): Promise<PartnerKey>;
  /** The key a secret's hash belongs to, revoked or not (callers refuse revoked ones). */
  keyByHash(hash: string): Promise<PartnerKey | null>;
  listKeys(): Promise<PartnerKey[]>;
  revokeKey(id: string, at: Date): Promise<boolean>;
  /** Records the key's last use (at most once a minute is written). */
  touchKey(id: string, at: Date): Promise<void>;
}

/** `notices`: create, update and cancel JSON notices; `cap`: send CAP 1.2 documents. */
export const PARTNER_SCOPES = ['notices', 'cap'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export interface NewPartnerKey {
  name: string;
  hash: string;
  /** The first characters of the secret, so people can tell keys apart. */
  prefix: string;
  groups: string[];
  scopes: PartnerScope[];
  createdBy: string | null;
  createdAt: Date;
}

export interface PartnerKey extends Omit<NewPartnerKey, 'hash'> {
  id: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

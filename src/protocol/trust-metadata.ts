import * as v from 'valibot';

/**
 * The update-trust metadata: The Update Framework's design (theupdateframework.io, spec 1.0)
 * sized for a county. Three roles instead of TUF's four: `root` (offline keys, a threshold,
 * lists every role's keys), `content` (signs the pack manifest: TUF's targets) and `timestamp`
 * (online, short-lived, pins the current manifest's hash and size). TUF's snapshot role is
 * folded into the timestamp: a county has one content manifest, so the timestamp can pin it
 * directly. Every document travels as TUF's envelope `{signed, signatures}`; signatures are
 * Ed25519 over the canonical JSON of `signed` (the same bytes as TUF's OLPC canonical form for
 * documents these schemas accept: no floats, no control characters).
 */

/** The root document format this code reads and writes. */
export const ROOT_FORMAT = 1;

/** Caps on what a kiosk reads: nothing endless gets in. */
export const TRUST_LIMITS = {
  /** One root document, in bytes (TUF's client uses 512 000; ours hold a few keys). */
  rootBytes: 64 * 1024,
  /** One timestamp document, in bytes. */
  timestampBytes: 16 * 1024,
  /** A content manifest, in bytes, whatever the timestamp claims. */
  manifestBytes: 16 * 1024 * 1024,
  /** Root versions walked in one update (TUF's client allows 256). */
  rotations: 64,
  /** Signatures on one document. */
  signatures: 16,
  /** Keys one root lists. */
  keys: 64,
} as const;

export const KeyIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/));
const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const Version = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
/** A raw 32-byte Ed25519 public key in base64. */
export const PublicKeySchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/));
/** Who holds a key, by name only (shown in the console); no control characters. */
export const HolderSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1),
  v.maxLength(80),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  v.regex(/^[^\u0000-\u001f\u007f]+$/, 'a holder name has no control characters'),
);

/** One signature: the key's id and Ed25519 over the canonical `signed` bytes, base64. */
export const SignatureSchema = v.strictObject({
  keyid: KeyIdSchema,
  sig: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{86}==$/)),
});
export type Signature = v.InferOutput<typeof SignatureSchema>;

/** TUF's envelope: what is signed, and the signatures over its canonical JSON. */
export const EnvelopeSchema = v.strictObject({
  signed: v.unknown(),
  signatures: v.pipe(v.array(SignatureSchema), v.maxLength(TRUST_LIMITS.signatures)),
});
export interface Envelope<T> {
  signed: T;
  signatures: Signature[];
}

export const ROLE_NAMES = ['root', 'content', 'timestamp'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** A role: which keys may sign for it, and how many of them must. */
export const RoleSchema = v.pipe(
  v.strictObject({
    keyids: v.pipe(v.array(KeyIdSchema), v.minLength(1), v.maxLength(16)),
    threshold: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
  }),
  v.check((r) => new Set(r.keyids).size === r.keyids.length, 'a role lists a key twice'),
  v.check((r) => r.threshold <= r.keyids.length, 'a threshold above the number of keys can never be met'),
);
export type Role = v.InferOutput<typeof RoleSchema>;

/** A public key the root lists. */
export const RootKeySchema = v.strictObject({
  alg: v.literal('Ed25519'),
  public: PublicKeySchema,
  holder: HolderSchema,
});
export type RootKey = v.InferOutput<typeof RootKeySchema>;

/** The root of trust: every role's keys and thresholds. Version N+1 is signed by N's root keys and its own. */
export const RootSchema = v.pipe(
  v.strictObject({
    _type: v.literal('root'),
    format: v.literal(ROOT_FORMAT),
    version: Version,
    expires: Timestamp,
    /** The longest a timestamp may live; a stolen timestamp key cannot sign one for longer. */
    timestampMaxHours: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7 * 24)),
    keys: v.pipe(
      v.record(KeyIdSchema, RootKeySchema),
      v.check((k) => Object.keys(k).length <= TRUST_LIMITS.keys, 'too many keys'),
    ),
    roles: v.strictObject({ root: RoleSchema, content: RoleSchema, timestamp: RoleSchema }),
  }),
  v.check(
    (r) => ROLE_NAMES.every((name) => r.roles[name].keyids.every((id) => Object.hasOwn(r.keys, id))),
    'a role names a key the root does not list',
  ),
  v.check(
    (r) => new Set(Object.values(r.keys).map((k) => k.public)).size === Object.keys(r.keys).length,
    'the root lists one public key under two ids',
  ),
);
export type Root = v.InferOutput<typeof RootSchema>;

/** What a timestamp pins: the one content manifest kiosks may take now. */
export const ContentPinSchema = v.strictObject({
  version: Version,
  length: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(TRUST_LIMITS.manifestBytes)),
  sha256: Sha256Hex,
});
export type ContentPin = v.InferOutput<typeof ContentPinSchema>;

/** Short-lived, signed online by the hub: its time, and the manifest kiosks should have. */
export const TimestampSchema = v.pipe(
  v.strictObject({
    _type: v.literal('timestamp'),
    version: Version,
    /** The hub's clock when it signed: kiosks with a wrong clock judge expiry by signed times. */
    time: Timestamp,
    expires: Timestamp,
    content: ContentPinSchema,
  }),
  v.check((t) => Date.parse(t.expires) > Date.parse(t.time), 'timestamp expires before it was made'),
);
export type TimestampDoc = v.InferOutput<typeof TimestampSchema>;

/** The legacy manifest envelope (one built-in key, before roots): `{manifest, signature}`. */
export const LegacyEnvelopeSchema = v.strictObject({
  manifest: v.unknown(),
  signature: v.strictObject({
    alg: v.literal('Ed25519'),
    keyId: KeyIdSchema,
    value: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{86}==$/)),
  }),
});

/**
 * Either envelope of a content manifest as TUF's: the legacy `{manifest, signature}` signs the
 * same canonical bytes, so it converts with no new signature. Null when it is neither.
 */
export function contentEnvelope(json: unknown): Envelope<unknown> | null {
  const current = v.safeParse(EnvelopeSchema, json);
  if (current.success) return current.output;
  const legacy = v.safeParse(LegacyEnvelopeSchema, json);
  if (!legacy.success) return null;
  const { manifest, signature } = legacy.output;
  return { signed: manifest, signatures: [{ keyid: signature.keyId, sig: signature.value }] };
}

/** The unsigned manifest inside a stored content envelope (either kind), unchecked. */
export function manifestOfEnvelope(json: unknown): unknown {
  return contentEnvelope(json)?.signed;
}

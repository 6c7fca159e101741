import { describe, expect, it } from 'vitest';
import { createTrustWorld, type TrustWorld, testManifest } from '../content-kit/test-trust.ts';
import { signEnvelope } from '../content-kit/trust-sign.ts';
import type { SubtleLike } from './pack-verify.ts';
import { TRUST_LIMITS } from './trust-metadata.ts';
import {
  isStale,
  openTrust,
  type RefreshResult,
  referenceTime,
  refreshTrust,
  type TrustRecord,
  type TrustSource,
  type TrustView,
} from './trust-state.ts';
import { trustCrypto } from './trust-verify.ts';

const crypto = trustCrypto(globalThis.crypto.subtle as unknown as SubtleLike);
const HOUR = 3_600_000;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A hub as an attacker or an honest server would run it: what it serves is set by the test. */
function fakeHub(world: TrustWorld) {
  const hub = {
    roots: () => world.rootTexts(),
    timestamp: null as Uint8Array | null,
    content: null as Uint8Array | null,
    source(): TrustSource {
      return {
        root: async (version) => {
          const text = hub.roots()[version - 1];
          return text === undefined ? null : new TextEncoder().encode(text);
        },
        timestamp: async () => hub.timestamp ?? new Uint8Array(),
        content: async (_pin, max) => {
          const bytes = hub.content ?? new Uint8Array();
          // A real source stops reading one byte past the cap; the verifier refuses it.
          return bytes.byteLength > max ? bytes.slice(0, max + 1) : bytes;
        },
      };
    },
    /** Publishes pack `version` (signed by `keys`) with timestamp `tsVersion` pinning it. */
    async publish(
      version: number,
      tsVersion: number,
      options: { keys?: TrustWorld['contentKeys']; time?: Date } = {},
    ) {
      hub.content = await world.content(testManifest(version), options.keys);
      hub.timestamp = encode(
        await world.timestamp({
          version: tsVersion,
          content: hub.content,
          ...(options.time ? { time: options.time } : {}),
        }),
      );
    },
  };
  return hub;
}

/** A kiosk's trust, kept the way the kiosk keeps it (the record is what IndexedDB holds). */
async function kiosk(world: TrustWorld, deviceNow = () => Date.now()) {
  let stored: TrustRecord | undefined;
  const have = new Set<number>();
  const state = {
    stored: () => stored,
    async view(): Promise<TrustView> {
      return (await openTrust(crypto, JSON.parse(world.rootTexts()[0] as string), stored, deviceNow())).view;
    },
    async update(
      source: TrustSource,
      options: { checkExpiry?: boolean; floorMs?: number } = {},
    ): Promise<RefreshResult> {
      const view = await state.view();
      const ref = referenceTime(view, {
        deviceMs: deviceNow(),
        floorMs: options.floorMs ?? Date.now() - HOUR,
      });
      const result = await refreshTrust(crypto, view, source, {
        ref: new Date(ref.ms),
        checkExpiry: options.checkExpiry ?? true,
        have: (v) => have.has(v),
        deviceMs: deviceNow(),
        persist: async (record) => {
          stored = record;
        },
      });
      if (result.kind === 'new') have.add(result.content.manifest.version);
      return result;
    },
  };
  return state;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'accepted';
}

describe('an update round against a hub', () => {
  it('takes a fresh timestamp and the manifest it pins, then reports unchanged', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    const first = await k.update(hub.source());
    expect(first.kind).toBe('new');
    expect(first.kind === 'new' && first.content.manifest.version).toBe(10);
    expect(k.stored()?.content?.version).toBe(10);
    expect((await k.update(hub.source())).kind).toBe('unchanged');
  });

  it('refuses a tampered manifest (PACK_SIGNATURE_INVALID), before comparing it with the timestamp', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    const signed = JSON.parse(new TextDecoder().decode(hub.content as Uint8Array));
    signed.signed.files[0].sha256 = 'f'.repeat(64);
    hub.content = encode(signed);
    hub.timestamp = encode(await world.timestamp({ version: 2, content: hub.content }));
    expect(await refusal(k.update(hub.source()))).toBe('PACK_SIGNATURE_INVALID');
    expect(k.stored()?.content).toBeNull();
  });

  it('refuses an old manifest under a new timestamp (mix-and-match: PACK_TIMESTAMP_MISMATCH)', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(20, 2);
    const old = await world.content(testManifest(10));
    hub.content = old;
    expect(await refusal(k.update(hub.source()))).toBe('PACK_TIMESTAMP_MISMATCH');
  });

  it('refuses a rollback of the pack (PACK_VERSION_ROLLBACK) and of the timestamp (TIMESTAMP_ROLLBACK)', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(20, 5);
    const older = hub.timestamp;
    await k.update(hub.source());
    await hub.publish(10, 6); // a newer timestamp pinning an older pack
    expect(await refusal(k.update(hub.source()))).toBe('PACK_VERSION_ROLLBACK');
    await hub.publish(30, 7);
    await k.update(hub.source());
    hub.timestamp = older;
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_ROLLBACK');
    // A second, different timestamp with a version already seen is refused too.
    hub.timestamp = encode(
      await world.timestamp({ version: 7, content: await world.content(testManifest(31)) }),
    );
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_ROLLBACK');
  });

  it('refuses an expired timestamp (a freeze: TIMESTAMP_EXPIRED) and one living past the root limit', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(20, 1, { time: new Date(Date.now() - 7 * HOUR) }); // lived 6 h, ended an hour ago
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_EXPIRED');
    hub.timestamp = encode(
      await world.timestamp({ version: 2, content: hub.content as Uint8Array, hours: 25 }),
    );
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_INVALID');
  });

  it('refuses a timestamp signed by a key the timestamp role does not list', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(20, 1);
    hub.timestamp = encode(
      await world.timestamp({ version: 2, content: hub.content as Uint8Array, keys: world.contentKeys }),
    );
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_SIGNATURE_INVALID');
  });

  it('refuses endless data: a timestamp over its cap, a manifest longer than pinned, a root over its cap', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(20, 1);
    const pinned = hub.content as Uint8Array;
    hub.timestamp = new Uint8Array(TRUST_LIMITS.timestampBytes + 1).fill(32);
    expect(await refusal(k.update(hub.source()))).toBe('METADATA_TOO_LARGE');
    hub.timestamp = encode(await world.timestamp({ version: 2, content: pinned }));
    hub.content = new Uint8Array([...pinned, ...new Uint8Array(1000).fill(32)]);
    expect(await refusal(k.update(hub.source()))).toBe('METADATA_TOO_LARGE');
    hub.roots = () => [...world.rootTexts(), ' '.repeat(TRUST_LIMITS.rootBytes + 1)];
    expect(await refusal(k.update(hub.source()))).toBe('METADATA_TOO_LARGE');
  });
});

describe('rotation', () => {
  it('follows the chain from root 1 to root 3, one version at a time, and takes content signed by the new key', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    await k.update(hub.source());
    await world.rotate({ fresh: ['content'] });
    await world.rotate({ fresh: ['root', 'timestamp'] });
    await hub.publish(11, 2); // signed by root 3's content and timestamp keys
    const result = await k.update(hub.source());
    expect(result.kind === 'new' && result.content.manifest.version).toBe(11);
    expect(result.view.root.version).toBe(3);
    expect(k.stored()?.roots).toHaveLength(2);
  });

  it('refuses a root signed below the threshold (ROOT_THRESHOLD_NOT_MET) and stays on the old one', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    await world.rotate({ fresh: ['content'], signers: world.rootKeys.slice(0, 1) });
    expect(await refusal(k.update(hub.source()))).toBe('ROOT_THRESHOLD_NOT_MET');
    expect((await k.view()).root.version).toBe(1);
  });

  it("refuses a root that the old root keys signed but the new root's own keys did not", async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    const oldKeys = world.rootKeys;
    await world.rotate({ fresh: ['root'], signers: oldKeys });
    await hub.publish(10, 1);
    expect(await refusal(k.update(hub.source()))).toBe('ROOT_THRESHOLD_NOT_MET');
  });

  it('refuses a root that skips a version (ROOT_VERSION_INVALID)', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await world.rotate();
    await world.rotate();
    await hub.publish(10, 1);
    hub.roots = () => [world.rootTexts()[0] as string, world.rootTexts()[2] as string];
    expect(await refusal(k.update(hub.source()))).toBe('ROOT_VERSION_INVALID');
  });

  it('refuses a pack signed by a revoked content key at once (PACK_KEY_REVOKED), an unknown one as PACK_KEY_UNKNOWN', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    const stolen = world.contentKeys;
    await hub.publish(10, 1);
    await k.update(hub.source());
    await world.rotate({ fresh: ['content'] });
    await hub.publish(11, 2, { keys: stolen });
    expect(await refusal(k.update(hub.source()))).toBe('PACK_KEY_REVOKED');
    await hub.publish(11, 3, { keys: [...world.rootKeys.slice(0, 1)] });
    expect(await refusal(k.update(hub.source()))).toBe('PACK_KEY_UNKNOWN');
    await hub.publish(11, 4);
    expect((await k.update(hub.source())).kind).toBe('new');
  });

  it('recovers from a fast-forward attack by rotating the content and timestamp keys: the floors reset', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    await k.update(hub.source());
    // A thief with the online keys signs the highest version there is, and the kiosk takes it.
    await hub.publish(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    expect((await k.update(hub.source())).kind).toBe('new');
    // Honest content can no longer get in.
    await hub.publish(11, 2);
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_ROLLBACK');
    // The county rotates both online keys (root keys are offline, the thief has none).
    await world.rotate({ fresh: ['content', 'timestamp'] });
    await hub.publish(11, 2);
    const result = await k.update(hub.source());
    expect(result.kind === 'new' && result.content.manifest.version).toBe(11);
    expect(k.stored()?.content?.version).toBe(11);
  });

  it('keeps the floors when a rotation does not touch their keys', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(20, 5);
    await k.update(hub.source());
    await world.rotate({ fresh: ['root'] });
    await hub.publish(10, 6);
    expect(await refusal(k.update(hub.source()))).toBe('PACK_VERSION_ROLLBACK');
  });

  it('refuses updates under an expired root (ROOT_EXPIRED) until a new root comes', async () => {
    const world = await createTrustWorld({ rootDays: -1 });
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    expect(await refusal(k.update(hub.source()))).toBe('ROOT_EXPIRED');
    await world.rotate();
    expect((await k.update(hub.source())).kind).toBe('new');
  });
});

describe('time', () => {
  it('judges expiry against the newest signed time when the clock says 2001', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    let device = Date.now();
    const k = await kiosk(world, () => device);
    await hub.publish(10, 1, { time: new Date(Date.now() - 5 * HOUR) });
    const replay = hub.timestamp; // valid for one more hour
    await k.update(hub.source());
    await hub.publish(11, 2, { time: new Date() });
    await k.update(hub.source());
    // The CMOS battery dies: the clock restarts in 2001. By that clock the replayed timestamp
    // would be valid for 25 years; by the newest signed time it expired.
    device = Date.parse('2001-01-01T00:00:00Z');
    const view = await k.view();
    expect(referenceTime(view, { deviceMs: device, floorMs: 0 }).source).toBe('floor');
    hub.timestamp = replay;
    expect(await refusal(k.update(hub.source(), { floorMs: 0 }))).toBe('TIMESTAMP_ROLLBACK');
    // An expired timestamp that is new to this kiosk is refused as expired, not taken.
    await hub.publish(12, 3, { time: new Date(Date.now() - 7 * HOUR) });
    expect(await refusal(k.update(hub.source(), { floorMs: 0 }))).toBe('TIMESTAMP_EXPIRED');
    await hub.publish(12, 4);
    expect((await k.update(hub.source(), { floorMs: 0 })).kind).toBe('new');
  });

  it('takes fresh timestamps when a new kiosk starts with its clock in 2040, and refuses expired ones', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    let device = Date.parse('2040-06-01T00:00:00Z');
    const k = await kiosk(world, () => device);
    await hub.publish(10, 1, { time: new Date(Date.now() - 7 * HOUR) });
    expect(await refusal(k.update(hub.source()))).toBe('TIMESTAMP_EXPIRED');
    await hub.publish(10, 2);
    expect((await k.update(hub.source())).kind).toBe('new');
    // From then on the signed time, carried forward by the (wrong but running) clock, is "now".
    device += 2 * HOUR;
    const ref = referenceTime(await k.view(), { deviceMs: device, floorMs: 0 });
    expect(ref.source).toBe('signed');
    expect(Math.abs(ref.ms - (Date.now() + 2 * HOUR))).toBeLessThan(60_000);
  });

  it('never judges against nothing: with no signed time and a wrong clock, the build time is the floor', async () => {
    const world = await createTrustWorld();
    const view = (await openTrust(crypto, JSON.parse(world.rootTexts()[0] as string), undefined, 0)).view;
    const built = Date.parse('2026-11-01T00:00:00Z');
    expect(
      referenceTime(view, { deviceMs: Date.parse('2001-01-01T00:00:00Z'), floorMs: built, elapsedMs: 5000 }),
    ).toEqual({
      ms: built + 5000,
      source: 'floor',
    });
    expect(referenceTime(view, { deviceMs: built + HOUR, floorMs: built }).source).toBe('device');
  });

  it('is stale when no fresh timestamp has come for a day', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await hub.publish(10, 1);
    await k.update(hub.source());
    const view = await k.view();
    expect(isStale(view, Date.now() + 23 * HOUR)).toBe(false);
    expect(isStale(view, Date.now() + 25 * HOUR)).toBe(true);
  });
});

describe('openTrust', () => {
  it('cuts a damaged record back to what verifies, and says so', async () => {
    const world = await createTrustWorld();
    const hub = fakeHub(world);
    const k = await kiosk(world);
    await world.rotate();
    await world.rotate();
    await hub.publish(10, 1);
    await k.update(hub.source());
    const stored = k.stored() as TrustRecord;
    const tampered = { ...stored, roots: [stored.roots[0] as string, stored.roots[0] as string] };
    const opened = await openTrust(crypto, JSON.parse(world.rootTexts()[0] as string), tampered, Date.now());
    expect(opened.damaged).toBe(true);
    expect(opened.view.root.version).toBe(2);
    const garbage = await openTrust(
      crypto,
      JSON.parse(world.rootTexts()[0] as string),
      { roots: 7 },
      Date.now(),
    );
    expect(garbage.damaged).toBe(true);
    expect(garbage.view.root.version).toBe(1);
  });

  it('refuses a built-in root that is not signed by its own threshold', async () => {
    const world = await createTrustWorld();
    const one = await signEnvelope(world.roots[0]?.signed, world.rootKeys.slice(0, 1));
    expect(await refusal(openTrust(crypto, one, undefined, Date.now()))).toBe('ROOT_THRESHOLD_NOT_MET');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSignatures } from '../content-kit/trust-sign.ts';
import type { SubtleLike } from '../protocol/pack-verify.ts';
import type { Envelope, Root } from '../protocol/trust-metadata.ts';
import {
  openTrust,
  type RefreshResult,
  refreshTrust,
  type TrustRecord,
  type TrustSource,
} from '../protocol/trust-state.ts';
import { trustCrypto } from '../protocol/trust-verify.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

const crypto = trustCrypto(globalThis.crypto.subtle as unknown as SubtleLike);
const HOUR = 3_600_000;
let hub: TestHub;
let admin: Record<string, string>;
let station: { token: string };

beforeAll(async () => {
  hub = await startTestHub({ publish: true });
  admin = await hub.login('admin');
  station = await hub.enroll('hekou');
});
afterAll(() => hub.close());

const get = (path: string, token?: string) =>
  fetch(`${hub.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

/** The hub as a kiosk reads it over HTTP. */
function source(token = station.token): TrustSource {
  return {
    async root(version) {
      const res = await get(`/api/v1/trust/root/${version}`);
      return res.status === 404 ? null : bytesOf(res);
    },
    timestamp: async () => bytesOf(await get('/api/v1/trust/timestamp', token)),
    content: async (pin) => bytesOf(await get(`/api/v1/packs/${pin?.version}/manifest`)),
  };
}

/** A kiosk built with the hub's root 1, keeping its trust record between rounds. */
async function kiosk() {
  const first = JSON.parse((await (await get('/api/v1/trust/root/1')).text()) as string);
  let stored: TrustRecord | undefined;
  return async (): Promise<RefreshResult> => {
    const { view } = await openTrust(crypto, first, stored, hub.clock.now.getTime());
    return refreshTrust(crypto, view, source(), {
      ref: hub.clock.now,
      checkExpiry: true,
      have: () => false,
      deviceMs: hub.clock.now.getTime(),
      persist: async (record) => {
        stored = record;
      },
    });
  };
}

async function timestampDoc(token = station.token) {
  return (await (await get('/api/v1/trust/timestamp', token)).json()) as {
    signed: { version: number; time: string; expires: string; content: { version: number } };
    signatures: Array<{ keyid: string }>;
  };
}

describe('update trust over HTTP', () => {
  it('serves the chain, a timestamp pinning the group’s manifest by version, and a kiosk takes it', async () => {
    expect((await get('/api/v1/trust/root/1')).status).toBe(200);
    expect(await (await get('/api/v1/trust/root/2')).json()).toMatchObject({ code: 'NOT_FOUND' });
    const update = await kiosk();
    const result = await update();
    expect(result.kind).toBe('new');
    const live = (await hub.store.activeRelease('hekou'))?.version;
    expect(result.kind === 'new' && result.content.manifest.version).toBe(live);
  });

  it('keeps a timestamp while half its life is left, then signs the next version with the hub’s time', async () => {
    const first = await timestampDoc();
    expect(await timestampDoc()).toEqual(first);
    expect(Date.parse(first.signed.expires) - Date.parse(first.signed.time)).toBe(6 * HOUR);
    const start = hub.clock.now;
    hub.clock.now = new Date(start.getTime() + 4 * HOUR);
    try {
      const next = await timestampDoc();
      expect(next.signed.version).toBeGreaterThan(first.signed.version);
      expect(next.signed.time).toBe(hub.clock.now.toISOString());
    } finally {
      hub.clock.now = start;
    }
  });

  it('refuses a root signed below the threshold (422 ROOT_THRESHOLD_NOT_MET) and a viewer (403)', async () => {
    const draft = await (
      await fetch(`${hub.url}/api/v1/admin/trust/drafts`, { method: 'POST', headers: admin, body: '{}' })
    ).json();
    const once = await addSignatures(draft.draft as Envelope<Root>, hub.rootKeys.slice(0, 1));
    const refused = await fetch(`${hub.url}/api/v1/admin/trust/roots`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(once),
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'ROOT_THRESHOLD_NOT_MET' });
    const viewer = await hub.login('viewer');
    const twice = await addSignatures(once, hub.rootKeys.slice(1, 2));
    const forbidden = await fetch(`${hub.url}/api/v1/admin/trust/roots`, {
      method: 'POST',
      headers: viewer,
      body: JSON.stringify(twice),
    });
    expect(forbidden.status).toBe(403);
    expect((await get('/api/v1/trust/root/2')).status).toBe(404);
  });

  it('rotates the content and timestamp keys: the kiosk walks to root 2 and takes the re-signed release', async () => {
    const update = await kiosk();
    await update();
    const before = await timestampDoc();
    const oldContent = (await hub.trust.root()).roles.content.keyids;
    const made = await fetch(`${hub.url}/api/v1/admin/trust/drafts`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ newContentKey: true, newTimestampKey: true, validDays: 400 }),
    });
    expect(made.status).toBe(200);
    const draft = await made.json();
    expect(draft.fileName).toBe('2.root.json');
    expect(draft.next.threshold).toBe(2);
    const signed = await addSignatures(draft.draft as Envelope<Root>, hub.rootKeys.slice(1));
    const accepted = await fetch(`${hub.url}/api/v1/admin/trust/roots`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(signed),
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const summary = await accepted.json();
    expect(summary.version).toBe(2);
    expect(summary.chain[1].changed).toEqual(['content', 'timestamp']);
    expect(summary.chain[1].signedBy).toHaveLength(2);
    expect(summary.roles.content.keys[0].online).toBe(true);

    // Live content was signed again by the new key, as a new version.
    const live = await hub.store.activeRelease('hekou');
    expect(live?.note).toContain('signed again');
    const after = await timestampDoc();
    expect(after.signed.content.version).toBe(live?.version);
    expect(after.signatures.map((s) => s.keyid)).not.toEqual(before.signatures.map((s) => s.keyid));
    const result = await update();
    expect(result.view.root.version).toBe(2);
    expect(result.kind === 'new' && result.content.manifest.version).toBe(live?.version);
    expect(result.kind === 'new' && result.content.signers.some((id) => oldContent.includes(id))).toBe(false);
    // An upload signed by the dropped key is refused as revoked.
    const old = (await hub.store.listReleases()).find((r) => r.version !== live?.version);
    await expect(hub.trust.verifyUpload(new TextEncoder().encode(old?.manifestJson))).rejects.toMatchObject({
      code: 'PACK_KEY_REVOKED',
    });
  });
});

/**
 * A content update interrupted at 20 random points: half by killing the server (every socket
 * reset, new connections refused) after k blob requests, half by closing the browser. After
 * each interruption the kiosk is reopened from the same profile and must show exactly one
 * complete version (every file of the version it reports is stored and verifies; every
 * changed article, in storage and on screen, carries that version's mark and no other);
 * then, with the server back, it must converge on the new version by itself.
 *
 * The points come from a seeded PRNG: the seed is printed, and UPDATE_FAULT_SEED replays it.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PackManifest } from '../../src/protocol/pack-manifest.ts';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.ts';
import { type KillProxy, startKillProxy, type Trigger } from '../support/kill-proxy.ts';
import { tiles } from '../support/kiosk.ts';
import { type BrowserContext, chromium, expect, type Page, test } from '../support/test.ts';
import { startUpdateHub, type UpdateHub } from '../support/update-hub.ts';

const POINTS = Number(process.env.UPDATE_FAULT_POINTS ?? 20);
const SEED = Number(process.env.UPDATE_FAULT_SEED ?? Date.now() % 1_000_000);

/** Four articles in three languages: twelve blobs change between versions. */
const ARTICLES = [
  ['health', 'heat-illness'],
  ['emergency', 'flood-safety'],
  ['farming', 'poultry-avian-flu'],
  ['youth', 'moon-phases'],
] as const;
const LANGS = ['zh-CN', 'vi', 'en'] as const;
const CHANGED = ARTICLES.flatMap(([, id]) => LANGS.map((lang) => `articles/${id}.${lang}.json`));
/** Every changed article of round r ends with this mark, so each version is recognisable. */
const mark = (round: number) => `KEPU-MARK-${round}`;
const MARKS = /KEPU-MARK-(\d+)/g;

const bundled = (): PackManifest =>
  JSON.parse(readFileSync(resolve(process.env.KEPU_OUT_DIR ?? 'dist', 'pack/manifest.json'), 'utf8')).signed;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Stored {
  active: number | null;
  /** Files of the active pack missing from the index or the cache, or whose bytes do not verify. */
  broken: string[];
  /** The marks found in each changed article file of the active pack. */
  marks: Record<string, number[]>;
  /** Whether a pack is stored complete, by version. */
  complete: Record<number, boolean>;
}

/** Reads the kiosk's storage from the page: the active pack and every one of its blobs, verified. */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(async (changed) => {
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = await req(indexedDB.open('kepu-kiosk'));
    try {
      if (db.version < 2) throw new Error(`kiosk database at version ${db.version}`);
      const tx = db.transaction(['meta', 'packs', 'blobs'], 'readonly');
      const active = (await req(tx.objectStore('meta').get('activePack'))) as number | undefined;
      const packs = (await req(tx.objectStore('packs').getAll())) as Array<{
        version: number;
        signedJson: string;
        complete: boolean;
      }>;
      const indexed = new Set((await req(tx.objectStore('blobs').getAllKeys())) as string[]);
      const complete = Object.fromEntries(packs.map((p) => [p.version, p.complete]));
      const pack = packs.find((p) => p.version === active);
      if (active === undefined || !pack)
        return { active: active ?? null, broken: ['no pack'], marks: {}, complete };
      const files = JSON.parse(pack.signedJson).signed.files as Array<{ path: string; sha256: string }>;
      const cache = await caches.open('kepu-content-v1');
      const broken: string[] = [];
      const marks: Record<string, number[]> = {};
      for (const file of files) {
        const response = await cache.match(`/content-blob/${file.sha256}`);
        const bytes = response ? new Uint8Array(await response.arrayBuffer()) : null;
        const hex = bytes
          ? [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
              .map((b) => b.toString(16).padStart(2, '0'))
              .join('')
          : '';
        if (!indexed.has(file.sha256) || hex !== file.sha256) broken.push(file.path);
        if (bytes && changed.includes(file.path)) {
          const text = new TextDecoder().decode(bytes);
          marks[file.path] = [...text.matchAll(/KEPU-MARK-(\d+)/g)].map((m) => Number(m[1]));
        }
      }
      return { active, broken, marks, complete };
    } finally {
      db.close();
    }
  }, CHANGED);
}

/** The marks an article shows on screen (Chinese, the default language). */
async function shownMarks(page: Page, id: string): Promise<number[]> {
  await page.goto(`/article/${id}`);
  await expect(page.locator('.reader__article h1')).toBeVisible();
  const text = (await page.locator('.reader__article').textContent()) ?? '';
  return [...text.matchAll(MARKS)].map((m) => Number(m[1]));
}

test('an update interrupted at random points always leaves one complete version and converges', async ({
  pageProblems,
}) => {
  test.setTimeout(15 * 60_000);
  const random = rng(SEED);
  console.log(`update-interrupted: seed ${SEED} (replay with UPDATE_FAULT_SEED=${SEED}), ${POINTS} points`);
  const profile = await mkdtemp(join(tmpdir(), 'kepu-kiosk-profile-'));
  const hub: UpdateHub = await startUpdateHub();
  const proxy: KillProxy = await startKillProxy(Number(new URL(hub.url).port));
  /** version → round whose mark it carries (0: the built-in pack, no mark). */
  const roundOf = new Map<number, number>();
  let context: BrowserContext | undefined;
  let page: Page;
  const started = Date.now();

  async function open(): Promise<Page> {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      viewport: { width: 1920, height: 1080 },
      baseURL: proxy.url,
    });
    const watch = (p: Page) => {
      p.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
      p.on('console', (message) => {
        if (/Content[- ]Security[- ]Policy/i.test(message.text()))
          pageProblems.push(`CSP: ${message.text()}`);
      });
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    // A fake clock (running at normal speed) lets the test skip to the update check and to idle.
    await context.clock.install();
    const first = context.pages()[0] ?? (await context.newPage());
    return first;
  }

  /** Asserts that the kiosk holds and shows exactly one complete version; returns it. */
  async function expectOneVersion(label: string, articles: readonly string[]): Promise<number> {
    await page.goto('/');
    await expect(tiles(page)).toHaveCount(7);
    const s = await stored(page);
    expect(s.active, `${label}: an active pack`).not.toBeNull();
    const active = s.active as number;
    const round = roundOf.get(active);
    expect(
      round,
      `${label}: active version ${active} is one the hub published or the built-in one`,
    ).toBeDefined();
    expect(s.broken, `${label}: files of pack ${active} missing or damaged`).toEqual([]);
    const want = round ? [round] : [];
    expect(Object.keys(s.marks).sort(), label).toEqual([...CHANGED].sort());
    for (const [path, found] of Object.entries(s.marks)) expect(found, `${label}: ${path}`).toEqual(want);
    for (const id of articles) expect(await shownMarks(page, id), `${label}: ${id} on screen`).toEqual(want);
    return active;
  }

  /** Waits for the kiosk to stage `version`, then lets it go idle so it switches. */
  async function expectConverges(label: string, version: number): Promise<void> {
    await expect
      .poll(async () => (await stored(page)).complete[version], {
        message: `${label}: staged`,
        timeout: 20_000,
      })
      .toBe(true);
    await context?.clock.runFor(125_000); // idle warning, then the attract screen: the switch
    await expect(page.locator('.attract__button')).toBeVisible();
    await expect
      .poll(async () => (await stored(page)).active, { message: `${label}: switched`, timeout: 20_000 })
      .toBe(version);
  }

  try {
    // The kiosk's first visit: the service worker and the built-in pack.
    page = await open();
    await page.goto('/');
    // The worker first precaches the whole app and built-in pack (seconds on a busy machine):
    // wait for that event, then for it to take the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect.poll(async () => (await stored(page)).active, { timeout: 30_000 }).not.toBeNull();
    roundOf.set((await stored(page)).active as number, 0);

    // Ten of each kind, in an order the seed decides.
    const kinds = Array.from({ length: POINTS }, (_, i): 'server' | 'browser' =>
      i % 2 === 0 ? 'server' : 'browser',
    );
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j] ?? 'server', kinds[i] ?? 'server'];
    }
    let previous = (await stored(page)).active as number;
    let files = bundled().files;

    for (let round = 1; round <= POINTS; round++) {
      const edits: Record<string, string> = {};
      for (const [topic, id] of ARTICLES)
        for (const lang of LANGS) edits[`articles/${topic}/${id}/${lang}.md`] = mark(round);
      const { version, manifest } = await hub.publish(edits);
      roundOf.set(version, round);
      // Between two versions exactly the twelve article files differ: twelve blobs to download.
      const had = new Set(files.map((f) => f.sha256));
      expect(
        manifest.files
          .filter((f) => !had.has(f.sha256))
          .map((f) => f.path)
          .sort(),
      ).toEqual([...CHANGED].sort());
      files = manifest.files;
      const smallest = Math.min(...manifest.files.filter((f) => CHANGED.includes(f.path)).map((f) => f.size));

      const kind = kinds[round - 1];
      const at = 1 + Math.floor(random() * CHANGED.length);
      let trigger: Trigger;
      if (kind === 'server') {
        trigger =
          random() < 0.5
            ? { at, action: 'kill-before' }
            : { at, action: 'kill-after-bytes', bytes: Math.floor(random() * smallest) };
      } else {
        trigger = random() < 0.5 ? { at, action: 'hold' } : { at, action: 'notify' };
      }
      const delay = Math.floor(random() * 150);
      const label = `round ${round} (${kind}, ${JSON.stringify(trigger)}${kind === 'browser' && trigger.action === 'notify' ? `, close after ${delay} ms` : ''})`;
      console.log(`update-interrupted: ${label}`);
      const fired = proxy.arm(trigger);

      // A restart of the kiosk page: its first update check runs 10 s after start.
      await page.goto('/');
      await context?.clock.runFor(11_000);
      await fired;

      if (kind === 'server') {
        // The server is gone. Reopen the kiosk with no server at all.
        expect(proxy.isUp()).toBe(false);
        const shown = await expectOneVersion(`${label}, reopened with the server down`, [
          ARTICLES[round % ARTICLES.length]?.[1] as string,
          ARTICLES[(round + 1) % ARTICLES.length]?.[1] as string,
        ]);
        expect(shown, 'no switch without the idle screen').toBe(previous);
        await context?.clock.runFor(11_000); // its check fails too: backoff
        await new Promise((r) => setTimeout(r, 500)); // (the refusal is real time, not the page's clock)
        await proxy.up();
        await context?.clock.runFor(61_000); // the retry after at most 60 s
      } else {
        if (trigger.action === 'notify') await new Promise((r) => setTimeout(r, delay));
        await context?.close();
        page = await open();
        const shown = await expectOneVersion(
          `${label}, reopened`,
          ARTICLES.map(([, id]) => id),
        );
        expect(shown, 'no switch without the idle screen').toBe(previous);
        await context?.clock.runFor(11_000); // the restarted kiosk checks for updates
      }
      await expectConverges(label, version);
      expect(
        await expectOneVersion(`${label}, converged`, [ARTICLES[round % ARTICLES.length]?.[1] as string]),
      ).toBe(version);
      previous = version;
    }
    console.log(
      `update-interrupted: ${POINTS} points converged in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  } finally {
    await context?.close().catch(() => undefined);
    await proxy.close();
    await hub.close();
    await rm(profile, { recursive: true, force: true });
  }
});

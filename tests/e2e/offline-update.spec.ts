import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PackManifest } from '../../src/protocol/pack-manifest.ts';
import { activePackVersion, expectAxeClean, openMaintenance, smallTargets, tiles } from '../support/kiosk.ts';
import { expect, type Page, test } from '../support/test.ts';
import { startUpdateHub, type UpdateHub } from '../support/update-hub.ts';

const ARTICLE = 'dengue-mosquito-control';
const ARTICLE_FILE = `articles/health/${ARTICLE}/zh-CN.md`;
const NEW_TEXT = '测试更新：这是第二版新增的一段话。';
const bundled = (): PackManifest =>
  JSON.parse(readFileSync(resolve(process.env.KEPU_OUT_DIR ?? 'dist', 'pack/manifest.json'), 'utf8')).signed;

let hub: UpdateHub;
test.beforeEach(async () => {
  hub = await startUpdateHub();
});
test.afterEach(async () => hub.close());

async function openArticle(page: Page) {
  await page.goto(`${hub.url}/article/${ARTICLE}`);
  await expect(page.locator('.reader__article h1')).toBeVisible();
  // A new kiosk shows its built-in pack while installing it; these tests start from a kiosk
  // that has it installed. The install is 254 blobs stored one by one (about 3 s on a quiet
  // machine, more on a busy one): the wait is for that event, not a margin on a race.
  await expect.poll(() => activePackVersion(page), { timeout: 30_000 }).not.toBeNull();
}

async function articleText(page: Page) {
  await openArticle(page);
  return (await page.locator('.reader__article').textContent()) ?? '';
}

function fact(page: Page, label: string) {
  return page.locator('.maintenance__facts > div', { hasText: label }).locator('dd');
}

async function checkNow(page: Page) {
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
}

const blobRequests = () =>
  hub.requests.filter((p) => p.startsWith('/api/v1/blobs/')).map((p) => p.split('/').pop());

test('after one online visit the kiosk starts with no network: home, articles, pictures', async ({
  context,
  page,
}) => {
  await page.goto(`${hub.url}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // The worker first precaches the app and built-in pack: wait for that event.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await openArticle(page);
  await context.setOffline(true);
  await page.goto(`${hub.url}/`);
  await expect(tiles(page)).toHaveCount(7);
  await tiles(page).first().click();
  await page.locator('.article-card').first().click();
  await expect(page.locator('.reader__article h1')).toBeVisible();
  await expect
    .poll(() =>
      page
        .locator('.reader__article img')
        .evaluateAll(
          (imgs) => imgs.length > 0 && imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0),
        ),
    )
    .toBe(true);
  // Pictures come from the content cache through the service worker, by hash.
  expect(await page.locator('.reader__cover img').getAttribute('src')).toMatch(
    /^\/content-blob\/[0-9a-f]{64}$/,
  );
});

test('a one-article change downloads only that article and switches at idle, never under a reader', async ({
  page,
}) => {
  const v2 = await hub.publish({ [ARTICLE_FILE]: NEW_TEXT });
  const have = new Set(bundled().files.map((f) => f.sha256));
  const changed = v2.manifest.files.filter((f) => !have.has(f.sha256));
  expect(changed.map((f) => f.path)).toEqual([`articles/${ARTICLE}.zh-CN.json`]);

  await page.clock.install();
  await openArticle(page);
  await page.clock.runFor(12_000); // the first update check runs 10 s after start
  await expect.poll(() => blobRequests()).toEqual(changed.map((f) => f.sha256));
  // One timestamp, then the one manifest it pins (by version), then the one changed blob.
  expect(hub.requests.filter((p) => p === '/api/v1/trust/timestamp')).toHaveLength(1);
  expect(hub.requests.filter((p) => /^\/api\/v1\/packs\/\d+\/manifest$/.test(p))).toEqual([
    `/api/v1/packs/${v2.version}/manifest`,
  ]);
  // Staged, but the open article is not swapped.
  await expect
    .poll(() =>
      page.evaluate(
        async (sha) => (await caches.open('kepu-content-v1')).match(`/content-blob/${sha}`).then(Boolean),
        changed[0]?.sha256,
      ),
    )
    .toBe(true);
  await page.locator('.reader__article').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.locator('.reader__article')).not.toContainText(NEW_TEXT);

  await page.clock.runFor(120_000); // idle: warning, then the attract screen, where the switch happens
  await expect(page.locator('.attract__button')).toBeVisible();
  await page.locator('.attract__button').click();
  await tiles(page).first().click();
  await page.locator('.article-card', { hasText: '登革热' }).click();
  await expect(page.locator('.reader__article')).toContainText(NEW_TEXT);
});

test.describe('without the service worker in the way of route interception', () => {
  test.use({ serviceWorkers: 'block' });

  test('an interrupted download keeps the old pack whole and resumes with only what is missing', async ({
    page,
  }) => {
    const edits = Object.fromEntries(
      [
        'dengue-mosquito-control',
        'heat-illness',
        'stroke-be-fast',
        'high-blood-pressure',
        'safe-medicine-use',
        'wild-mushroom-poisoning',
      ].map((id) => [`articles/health/${id}/zh-CN.md`, NEW_TEXT]),
    );
    const v2 = await hub.publish(edits);
    const have = new Set(bundled().files.map((f) => f.sha256));
    const missing = v2.manifest.files.filter((f) => !have.has(f.sha256)).map((f) => f.sha256);
    expect(missing).toHaveLength(6);

    await openArticle(page);
    let served = 0;
    await page.route('**/api/v1/blobs/*', (route) =>
      served++ < 2 ? route.continue() : route.abort('connectionreset'),
    );
    await checkNow(page);
    await expect(fact(page, '上次检查更新')).toContainText('NETWORK_ERROR');
    expect(await articleText(page)).not.toContain(NEW_TEXT);
    const first = blobRequests();
    expect(first).toHaveLength(2);

    await page.unroute('**/api/v1/blobs/*');
    await checkNow(page);
    await expect(page.getByRole('status').filter({ hasText: String(v2.version) })).toBeVisible();
    const second = blobRequests().slice(first.length);
    expect(second.sort()).toEqual(missing.filter((s) => !first.includes(s)).sort());
    expect(await smallTargets(page)).toEqual([]);
    await expectAxeClean(page, 'maintenance with a staged pack');
    await page.getByRole('button', { name: '立即切换' }).click();
    // The switch is one IndexedDB transaction; wait for it before leaving the page.
    await expect(fact(page, '内容版本')).toHaveText(String(v2.version));
    expect(await articleText(page)).toContain(NEW_TEXT);
  });

  // Tampered, replayed, expired and other refused updates: update-attacks.spec.ts (a fake hub).

  test('a quota too small for the new pack fails cleanly and keeps the old one', async ({ page }) => {
    await page.addInitScript(() => {
      const real = navigator.storage.estimate.bind(navigator.storage);
      navigator.storage.estimate = async () =>
        (window as unknown as { __quota?: StorageEstimate }).__quota ?? real();
    });
    await hub.publish({ [ARTICLE_FILE]: NEW_TEXT });
    await openArticle(page);
    await page.evaluate(() => {
      (window as unknown as { __quota: StorageEstimate }).__quota = { usage: 1_000_000, quota: 1_000_100 };
    });
    await checkNow(page);
    await expect(fact(page, '上次检查更新')).toContainText('QUOTA_EXCEEDED');
    expect(blobRequests()).toEqual([]);
    expect(await articleText(page)).not.toContain(NEW_TEXT);
  });

  test('a pack file from USB is verified and installed', async ({ page }) => {
    const { version, manifest } = await hub.publish({ [ARTICLE_FILE]: NEW_TEXT });
    const { zipSync, strToU8 } = await import('fflate');
    // As the console exports it: the manifest kiosks download, the blobs, and the root chain.
    const files: Record<string, Uint8Array> = {
      'manifest.json': strToU8(await (await fetch(`${hub.url}/api/v1/packs/${version}/manifest`)).text()),
      'trust/1.root.json': strToU8(await (await fetch(`${hub.url}/api/v1/trust/root/1`)).text()),
    };
    for (const f of manifest.files) {
      files[`blobs/${f.sha256}`] = new Uint8Array(
        await (await fetch(`${hub.url}/api/v1/blobs/${f.sha256}`)).arrayBuffer(),
      );
    }
    await openArticle(page);
    await openMaintenance(page);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'pack.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
    await expect(page.getByRole('status').filter({ hasText: String(version) })).toBeVisible();
    await page.getByRole('button', { name: '立即切换' }).click();
    // The switch is one IndexedDB transaction; wait for it before leaving the page.
    await expect(fact(page, '内容版本')).toHaveText(String(version));
    expect(await articleText(page)).toContain(NEW_TEXT);
    await openMaintenance(page);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'bad.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await expect(page.getByRole('status').filter({ hasText: 'PACK_FILE_INVALID' })).toBeVisible();
  });
});

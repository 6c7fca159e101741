/**
 * A new kiosk's first minutes: it installs the pack built into the app (every blob fetched,
 * hash-checked and stored) and meanwhile shows that pack from its precached files, each file
 * hash-checked as it is read, so the first tap does not wait for the whole install.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PackManifest } from '../../src/protocol/pack-manifest.ts';
import { activePackVersion } from '../support/kiosk.ts';
import { expect, test } from '../support/test.ts';

const manifest = (): PackManifest =>
  JSON.parse(readFileSync(resolve(process.env.KEPU_OUT_DIR ?? 'dist', 'pack/manifest.json'), 'utf8')).signed;

function blobOf(path: string): string {
  const file = manifest().files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} is not in the built pack`);
  return file.sha256;
}

test('a new kiosk shows content while its built-in pack is still installing', async ({ page }) => {
  // One picture of another topic is held back: the install cannot finish until it comes.
  const held = blobOf('media/banana-bunchy-top/cover.svg');
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => {
    release = r;
  });
  await page.context().route(`**/pack/blobs/${held}`, async (route) => {
    await released;
    await route.continue();
  });

  await page.goto('/topic/youth');
  await expect(page.locator('.article-card').first()).toBeVisible();
  await page.locator('.article-card').first().click();
  await expect(page.locator('.reader__article h1')).toBeVisible();
  // Shown from the built-in files: nothing is installed yet.
  expect(await activePackVersion(page)).toBeNull();

  release();
  // The rest of the install (254 blobs stored one by one) then runs to its end.
  await expect.poll(() => activePackVersion(page), { timeout: 30_000 }).toBe(manifest().version);
  // Once installed, reading goes on from the content cache.
  await page.goto('/topic/farming');
  await expect(page.locator('.article-card').first()).toBeVisible();
});

test('a built-in file whose bytes do not match its hash is never shown', async ({ page }) => {
  const sha = blobOf('articles/why-sky-blue.zh-CN.json');
  const real = JSON.parse(
    readFileSync(resolve(process.env.KEPU_OUT_DIR ?? 'dist', `pack/blobs/${sha}`), 'utf8'),
  );
  const forged = JSON.stringify({ ...real, title: '伪造的标题' });
  await page
    .context()
    .route(`**/pack/blobs/${sha}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/octet-stream', body: forged }),
    );
  await page.goto('/article/why-sky-blue');
  await expect(page.getByText('这一页暂时打不开').or(page.getByText('内容暂时打不开'))).toBeVisible();
  await expect(page.getByText('伪造的标题')).toHaveCount(0);
});

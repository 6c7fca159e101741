/**
 * The attacks on updates that TUF's design answers, each played by a fake hub written in the
 * tests against the built kiosk in Chromium: every one is refused with its own code, shown on
 * the maintenance screen, and the kiosk keeps showing the last good version.
 */

import { ARTICLE, ARTICLE_FILE, type FakeHub, startFakeHub } from '../support/fake-hub.ts';
import { openMaintenance } from '../support/kiosk.ts';
import { expect, type Page, test } from '../support/test.ts';

const HOUR = 3_600_000;
let hub: FakeHub;
test.use({ serviceWorkers: 'block' });
test.beforeEach(async () => {
  hub = await startFakeHub();
});
test.afterEach(async () => hub.close());

function fact(page: Page, label: string) {
  return page.locator('.maintenance__facts > div', { hasText: label }).locator('dd');
}

/** The article's title as the kiosk shows it now. */
async function title(page: Page): Promise<string> {
  await page.goto(`${hub.url}/article/${ARTICLE}`);
  const h1 = page.locator('.reader__article h1');
  await expect(h1).toBeVisible({ timeout: 15_000 });
  return (await h1.textContent()) ?? '';
}

/** Runs an update check from the maintenance screen and waits for `code` as its result. */
async function check(page: Page, code: string): Promise<void> {
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
  await expect(fact(page, '上次检查更新')).toContainText(code, { timeout: 15_000 });
  if (code !== 'ok' && code !== 'unchanged') await expect(fact(page, '最近的错误代码')).toContainText(code);
}

/**
 * Checks, switches to the staged pack at once, and returns the title then shown. (The kiosk's
 * own first check, 10 s after start, may have staged it already: then this check is "unchanged".)
 */
async function update(page: Page): Promise<string> {
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
  const apply = page.getByRole('button', { name: '立即切换' });
  await expect(apply).toBeVisible({ timeout: 15_000 });
  await apply.click();
  await expect(apply).toHaveCount(0);
  return title(page);
}

const base = () => hub.bundled.version;

test('a tampered blob is refused (BLOB_HASH_MISMATCH)', async ({ page }) => {
  const first = await title(page);
  const { manifest } = await hub.pack(base() + 1, '被改过的标题');
  await hub.stamp(hub.manifests.get(base() + 1) as Uint8Array);
  const file = manifest.files.find((f) => f.path === ARTICLE_FILE);
  hub.blobs.set(file?.sha256 ?? '', new TextEncoder().encode('{"id":"tampered"}'));
  await check(page, 'BLOB_HASH_MISMATCH');
  expect(await title(page)).toBe(first);
});

test('a tampered manifest is refused (PACK_SIGNATURE_INVALID)', async ({ page }) => {
  const first = await title(page);
  const { bytes } = await hub.pack(base() + 1, '新标题');
  const signed = JSON.parse(new TextDecoder().decode(bytes));
  signed.signed.files = signed.signed.files.slice(1);
  const tampered = new TextEncoder().encode(JSON.stringify(signed));
  hub.manifests.set(base() + 1, tampered);
  await hub.stamp(tampered);
  await check(page, 'PACK_SIGNATURE_INVALID');
  expect(await title(page)).toBe(first);
});

test('a rollback is refused: an older pack (PACK_VERSION_ROLLBACK), an older timestamp (TIMESTAMP_ROLLBACK)', async ({
  page,
}) => {
  await title(page);
  const current = await hub.pack(base() + 2, '第三版');
  await hub.stamp(current.bytes, { version: 5 });
  expect(await update(page)).toBe('第三版');
  // A timestamp older than the one the kiosk holds, though validly signed.
  await hub.stamp(current.bytes, { version: 3 });
  await check(page, 'TIMESTAMP_ROLLBACK');
  // A new timestamp pinning an older pack.
  const old = await hub.pack(base() + 1, '旧的一版');
  await hub.stamp(old.bytes, { version: 6 });
  await check(page, 'PACK_VERSION_ROLLBACK');
  expect(await title(page)).toBe('第三版');
});

test('a freeze is refused (TIMESTAMP_EXPIRED): content shows as usual, and after a day UPDATES_STALE', async ({
  page,
}) => {
  await page.clock.install();
  await title(page);
  await hub.publish(base() + 1, '第二版');
  expect(await update(page)).toBe('第二版');
  // The hub (or a man in the middle) keeps serving that timestamp and nothing newer.
  await page.clock.setSystemTime(Date.now() + 25 * HOUR);
  await check(page, 'TIMESTAMP_EXPIRED');
  await expect(fact(page, '最近的错误代码')).toContainText('UPDATES_STALE');
  expect(await title(page)).toBe('第二版');
});

test('an old manifest under a new timestamp is refused (mix-and-match: PACK_TIMESTAMP_MISMATCH)', async ({
  page,
}) => {
  const first = await title(page);
  const old = await hub.pack(base() + 1, '第二版');
  const next = await hub.pack(base() + 2, '第三版');
  await hub.stamp(next.bytes);
  hub.manifests.set(base() + 2, old.bytes);
  await check(page, 'PACK_TIMESTAMP_MISMATCH');
  expect(await title(page)).toBe(first);
});

test('a root signed below its threshold is refused (ROOT_THRESHOLD_NOT_MET)', async ({ page }) => {
  const first = await title(page);
  // One stolen root key (of three, two needed) signs a root that trusts the thief's content key.
  await hub.world.rotate({ fresh: ['content'], signers: hub.world.rootKeys.slice(0, 1) });
  await hub.publish(base() + 1, '小偷的内容');
  await check(page, 'ROOT_THRESHOLD_NOT_MET');
  expect(await title(page)).toBe(first);
  await openMaintenance(page);
  await expect(fact(page, '信任根版本')).toContainText('第 1 版');
});

test('a revoked content key stops working at once (PACK_KEY_REVOKED); the new key’s content is taken', async ({
  page,
}) => {
  const first = await title(page);
  const stolen = hub.world.contentKeys;
  await hub.world.rotate({ fresh: ['content'] });
  const { bytes } = await hub.pack(base() + 1, '小偷的内容', stolen);
  await hub.stamp(bytes);
  await check(page, 'PACK_KEY_REVOKED');
  expect(await title(page)).toBe(first);
  await hub.publish(base() + 2, '新密钥签的内容');
  expect(await update(page)).toBe('新密钥签的内容');
  await openMaintenance(page);
  await expect(fact(page, '信任根版本')).toContainText('第 2 版');
});

test('an endless blob is cut off at its signed size (BLOB_TOO_LARGE)', async ({ page }) => {
  const first = await title(page);
  const { manifest } = await hub.pack(base() + 1, '新标题');
  await hub.stamp(hub.manifests.get(base() + 1) as Uint8Array);
  const file = manifest.files.find((f) => f.path === ARTICLE_FILE);
  hub.blobs.set(file?.sha256 ?? '', 'endless');
  await check(page, 'BLOB_TOO_LARGE');
  expect(await title(page)).toBe(first);
});

test('a fast-forward with stolen online keys is undone by rotating them: the version floor resets', async ({
  page,
}) => {
  await title(page);
  // The thief signs the highest pack and timestamp versions there are; the kiosk cannot tell.
  const { bytes } = await hub.pack(Number.MAX_SAFE_INTEGER, '小偷的内容');
  await hub.stamp(bytes, { version: Number.MAX_SAFE_INTEGER });
  expect(await update(page)).toBe('小偷的内容');
  // From now on honest updates are refused as rollbacks.
  const honest = await hub.pack(base() + 1, '县里的新内容');
  await hub.stamp(honest.bytes, { version: 2 });
  await check(page, 'TIMESTAMP_ROLLBACK');
  // The county rotates both online keys with its offline root keys; the floors reset for them.
  await hub.world.rotate({ fresh: ['content', 'timestamp'] });
  const resigned = await hub.pack(base() + 1, '县里的新内容');
  await hub.stamp(resigned.bytes, { version: 3 });
  expect(await update(page)).toBe('县里的新内容');
});

test('a kiosk whose clock says 2001 judges expiry by the newest signed time, and still updates', async ({
  page,
}) => {
  await page.clock.install();
  await title(page);
  await hub.publish(base() + 1, '第二版');
  expect(await update(page)).toBe('第二版');
  // The CMOS battery dies. By its clock a six-hour timestamp from seven hours ago is 25 years
  // in the future; by the newest signed time it has expired.
  await page.clock.setSystemTime(new Date('2001-01-01T08:00:00Z'));
  const { bytes } = await hub.pack(base() + 2, '过期时间戳的内容');
  await hub.stamp(bytes, { time: new Date(Date.now() - 7 * HOUR) });
  await check(page, 'TIMESTAMP_EXPIRED');
  expect(await title(page)).toBe('第二版');
  await hub.publish(base() + 3, '第三版');
  expect(await update(page)).toBe('第三版');
});

test('a new kiosk whose clock says 2040 takes fresh timestamps and refuses expired ones', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2040-06-01T08:00:00Z') });
  const first = await title(page);
  // Expired before the kiosk was built: by its 2040 clock long gone, and by the build time too.
  const built = Date.parse(hub.bundled.created);
  const { bytes } = await hub.pack(base() + 1, '过期时间戳的内容');
  await hub.stamp(bytes, { time: new Date(built - 7 * HOUR) });
  await check(page, 'TIMESTAMP_EXPIRED');
  expect(await title(page)).toBe(first);
  await hub.publish(base() + 2, '第二版');
  expect(await update(page)).toBe('第二版');
});

test('a USB pack carries the root chain and is checked the same way', async ({ page }) => {
  const first = await title(page);
  await hub.world.rotate({ fresh: ['content'] });
  const { manifest, bytes } = await hub.pack(base() + 1, '从U盘来的内容');
  const { zipSync } = await import('fflate');
  const { readFile } = await import('node:fs/promises');
  const { join, resolve } = await import('node:path');
  const dist = resolve(process.env.KEPU_OUT_DIR ?? 'dist');
  const blobs: Record<string, Uint8Array> = {};
  for (const f of manifest.files) {
    const served = hub.blobs.get(f.sha256);
    blobs[`blobs/${f.sha256}`] =
      served instanceof Uint8Array
        ? served
        : new Uint8Array(await readFile(join(dist, 'pack/blobs', f.sha256)));
  }
  const roots = Object.fromEntries(
    hub.roots().map((text, i) => [`trust/${i + 1}.root.json`, new TextEncoder().encode(text)]),
  );
  const sideload = async (files: Record<string, Uint8Array>, result: string) => {
    await openMaintenance(page);
    await page.locator('input[type=file]').setInputFiles({
      name: 'pack.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync(files)),
    });
    await expect(page.getByRole('status').filter({ hasText: `载入结果：${result}` })).toBeVisible({
      timeout: 15_000,
    });
  };
  // Without root 2 the kiosk cannot know the new content key.
  await sideload({ 'manifest.json': bytes, ...blobs }, 'PACK_KEY_UNKNOWN');
  // A blob whose entry inflates past its signed size (a zip bomb) is refused before it is read.
  const victim = manifest.files.find((f) => f.path === ARTICLE_FILE)?.sha256 ?? '';
  await sideload(
    { 'manifest.json': bytes, ...roots, ...blobs, [`blobs/${victim}`]: new Uint8Array(20_000_000) },
    'BLOB_TOO_LARGE',
  );
  expect(await title(page)).toBe(first);
  await sideload({ 'manifest.json': bytes, ...roots, ...blobs }, 'ok');
  await page.getByRole('button', { name: '立即切换' }).click();
  await expect(page.getByRole('button', { name: '立即切换' })).toHaveCount(0);
  expect(await title(page)).toBe('从U盘来的内容');
  await openMaintenance(page);
  await expect(fact(page, '信任根版本')).toContainText('第 2 版');
});

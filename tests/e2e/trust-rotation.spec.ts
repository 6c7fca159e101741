/**
 * Rotation end to end on a real hub: the county rotates the content key through the console
 * (the hub makes the key and the draft; two root key holders sign it with the CLI; the signed
 * root is uploaded), then replaces every root key; a kiosk built with root 1 follows to root 3
 * and takes the new content, and a kiosk that was off while root 2 came still follows.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePublisherKey, parseKeyFile } from '../../src/content-kit/keys.ts';
import { keysCommand } from '../../src/content-kit/keys-cli.ts';
import { addSignatures } from '../../src/content-kit/trust-sign.ts';
import type { Envelope, Root } from '../../src/protocol/trust-metadata.ts';
import { expectAxeClean, openMaintenance, smallTargets } from '../support/kiosk.ts';
import { type BrowserContext, expect, type Page, test } from '../support/test.ts';
import { startUpdateHub, type UpdateHub } from '../support/update-hub.ts';

const ARTICLE = 'dengue-mosquito-control';
const ARTICLE_FILE = `articles/health/${ARTICLE}/zh-CN.md`;
let hub: UpdateHub;
let work: string;
test.use({ serviceWorkers: 'block' });
test.beforeEach(async () => {
  hub = await startUpdateHub();
  work = await mkdtemp(join(tmpdir(), 'kepu-rotation-'));
});
test.afterEach(async () => {
  await hub.close();
  await rm(work, { recursive: true, force: true });
});

function fact(page: Page, label: string) {
  return page.locator('.maintenance__facts > div', { hasText: label }).locator('dd');
}

async function articleText(page: Page): Promise<string> {
  await page.goto(`${hub.url}/article/${ARTICLE}`);
  await expect(page.locator('.reader__article h1')).toBeVisible({ timeout: 15_000 });
  return (await page.locator('.reader__article').textContent()) ?? '';
}

/** Checks the hub now, switches at once, and says which root the kiosk trusts then. */
async function follow(page: Page): Promise<string> {
  await articleText(page);
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
  const apply = page.getByRole('button', { name: '立即切换' });
  await expect(apply).toBeVisible({ timeout: 20_000 });
  await apply.click();
  await expect(apply).toHaveCount(0);
  return (await fact(page, '信任根版本').textContent()) ?? '';
}

async function kiosk(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await articleText(page);
  return page;
}

test('rotate the content key in the console and then every root key: kiosks follow from root 1 to 3', async ({
  page: console,
  browser,
}) => {
  test.setTimeout(240_000);
  await hub.publish();
  const a = await kiosk(await browser.newContext({ serviceWorkers: 'block' }));
  expect(await follow(a)).toContain('第 1 版');

  // The console: sign in, open Keys, ask for a new content key.
  const admin = await hub.addAdmin();
  await console.goto(`${hub.url}/admin/`);
  await console.getByLabel('用户名').fill(admin.username);
  await console.getByLabel('密码', { exact: true }).fill(admin.password);
  await console.getByRole('button', { name: '登录', exact: true }).click();
  await console.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '密钥' }).click();
  await expect(console.getByRole('heading', { level: 1 })).toHaveText('密钥与信任根');
  await expect(console.getByRole('alert')).toContainText('演示用的根密钥');
  await console.getByLabel('在平台上生成新的内容签名密钥（换掉平台持有的那把）').check();
  await console.getByRole('button', { name: '拟定第 2 版信任根' }).click();
  await expect(console.getByText('第 2 版要有第 1 版根密钥里 2 把的签名')).toBeVisible();
  await expectAxeClean(console, 'the Keys page with a draft');
  const downloading = console.waitForEvent('download');
  await console.getByRole('link', { name: '下载草稿 2.root.json' }).click();
  const draft = join(work, '2.root.json');
  await (await downloading).saveAs(draft);
  await console.screenshot({ path: 'test-results/keys-page-draft.png', fullPage: true });

  // Two holders sign it on their offline computers, one after the other.
  for (const holder of [1, 2]) {
    expect(await keysCommand(['sign', '--key', join(hub.keysDir, `demo-root-${holder}.json`), draft])).toBe(
      0,
    );
  }
  await console.getByLabel('选择签好的文件').setInputFiles(draft);
  await expect(console.getByRole('status').filter({ hasText: '第 2 版信任根已生效' })).toBeVisible();
  await expect(console.getByRole('cell', { name: '第一版（内置在站点程序里）' })).toBeVisible();

  // Kiosk A follows to root 2 and takes the live release, signed again by the new content key.
  expect(await follow(a)).toContain('第 2 版');

  // Every root key is replaced (2 of 3 new holders); the old keys sign their successor.
  const fresh = await Promise.all([1, 2, 3].map(() => generatePublisherKey()));
  const draft3 = await console.request.post(`${hub.url}/api/v1/admin/trust/drafts`, {
    headers: {
      'x-csrf-token': (await (await console.request.get(`${hub.url}/api/v1/admin/me`)).json()).csrfToken,
      origin: hub.url,
    },
    data: {
      removeRootKeys: (await hub.trust.root()).roles.root.keyids,
      addRootKeys: fresh.map((k, i) => ({ holder: `新保管人 ${i + 1}`, publicKey: k.publicKey })),
      rootThreshold: 2,
    },
  });
  expect(draft3.status(), await draft3.text()).toBe(200);
  const old = await Promise.all(
    [2, 3].map(async (i) => {
      const path = join(hub.keysDir, `demo-root-${i}.json`);
      return parseKeyFile(await readFile(path, 'utf8'), path);
    }),
  );
  const signed3 = await addSignatures((await draft3.json()).draft as Envelope<Root>, [
    ...old,
    ...fresh.slice(0, 2),
  ]);
  await console.getByLabel('选择签好的文件').setInputFiles({
    name: '3.root.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(signed3)),
  });
  await expect(console.getByRole('status').filter({ hasText: '第 3 版信任根已生效' })).toBeVisible();
  expect(await smallTargets(console, 24)).toEqual([]);

  // New content, signed by root 3's content key (the one made for root 2).
  const text = '轮换之后发布的新内容。';
  await hub.publish({ [ARTICLE_FILE]: text });
  expect(await follow(a)).toContain('第 3 版');
  expect(await articleText(a)).toContain(text);

  // Kiosk B was off the whole time: it starts from root 1 and its built-in pack, and walks 1→2→3.
  const b = await kiosk(await browser.newContext({ serviceWorkers: 'block' }));
  await openMaintenance(b);
  await expect(fact(b, '信任根版本')).toContainText('第 1 版');
  expect(await follow(b)).toContain('第 3 版');
  expect(await articleText(b)).toContain(text);
});

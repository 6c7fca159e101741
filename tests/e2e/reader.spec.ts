import { finishUtterance, installFakeSpeech, speechLog } from '../support/fake-speech.ts';
import {
  expectAxeClean,
  horizontalOverflow,
  LANGUAGES,
  PANELS,
  smallTargets,
  tiles,
} from '../support/kiosk.ts';
import { expect, type Page, test } from '../support/test.ts';

const ARTICLE = 'dengue-mosquito-control';

async function expectImagesLoaded(page: Page, selector: string) {
  await expect(page.locator(`${selector} img`).first()).toBeVisible();
  await expect
    .poll(() =>
      page
        .locator(`${selector} img`)
        .evaluateAll((imgs) =>
          imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
        ),
    )
    .toBe(true);
}

test.describe('topics', () => {
  test('every topic lists its articles with covers', async ({ page }) => {
    await page.goto('/');
    for (let i = 0; i < 6; i++) {
      await tiles(page).nth(i).click();
      const cards = page.locator('.article-card');
      await expect(cards.first()).toBeVisible();
      expect(await cards.count()).toBeGreaterThanOrEqual(6);
      await expectImagesLoaded(page, '.article-list');
      await page.getByRole('button', { name: '首页' }).click();
    }
  });

  test('the list follows the language', async ({ page }) => {
    await page.goto('/topic/health');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('.article-card__title').first()).toHaveText(/[A-Za-z]/);
    await expectAxeClean(page, 'topic list');
  });
});

test.describe('article', () => {
  for (const lang of LANGUAGES) {
    test(`opens in ${lang.code} with its pictures and sources`, async ({ page }) => {
      await page.goto('/topic/health');
      await page.getByRole('button', { name: lang.button }).click();
      await page.locator('.article-card').first().click();
      await expect(page).toHaveURL(new RegExp(`/article/${ARTICLE}$`));
      await expect(page.locator('.reader__article')).toHaveAttribute('lang', lang.code);
      await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
      await expectImagesLoaded(page, '.reader__article');
      await expect(page.locator('.reader__sources li').first()).toContainText('http');
      expect(await smallTargets(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toEqual([]);
      await expectAxeClean(page, `article ${lang.code}`);
    });
  }

  test('Up and Down page through the article', async ({ page }) => {
    await page.setViewportSize(PANELS.landscape);
    await page.goto(`/article/${ARTICLE}`);
    const up = page.getByRole('button', { name: '上一页' });
    const down = page.getByRole('button', { name: '下一页' });
    await expect(up).toBeDisabled();
    await expect(down).toBeEnabled();
    const scroller = page.locator('.reader__article');
    await down.click();
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
    await expect(up).toBeEnabled();
    await up.click();
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
  });

  test('portrait panel: no overflow, tools below the text', async ({ page }) => {
    await page.setViewportSize(PANELS.portrait);
    await page.goto(`/article/${ARTICLE}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const lang of LANGUAGES) {
      await page.getByRole('button', { name: lang.button }).click();
      await expect(page.locator('.reader__article')).toHaveAttribute('lang', lang.code);
      expect(await horizontalOverflow(page), lang.code).toEqual([]);
      expect(await smallTargets(page), lang.code).toEqual([]);
    }
  });

  test('an article link opens the other article', async ({ page }) => {
    // The iodized-salt rumor sends readers on to the blood-pressure article (article: link).
    const from = 'rumor-iodized-salt-radiation';
    await page.goto(`/article/${from}`);
    await page.getByRole('button', { name: '管好高血压' }).click();
    await expect(page).toHaveURL(/\/article\/high-blood-pressure$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('高血压');
    await page.getByRole('button', { name: '返回' }).click();
    await expect(page).toHaveURL(new RegExp(`/article/${from}$`));
  });
});

test.describe('read-aloud', () => {
  test('reads the article block by block, highlights the block, stops on leaving', async ({ page }) => {
    await installFakeSpeech(page);
    await page.goto(`/article/${ARTICLE}`);
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByRole('button', { name: '朗读全文' }).click();
    await expect.poll(async () => (await speechLog(page)).spoken.length).toBe(1);
    expect((await speechLog(page)).spoken[0]).toContain(title ?? '');
    await expect(page.locator('h1.is-reading')).toBeVisible();
    await finishUtterance(page);
    await expect(page.locator('[data-block="0"].is-reading')).toBeVisible();
    const firstBlock = await page.locator('[data-block="0"]').textContent();
    expect((await speechLog(page)).spoken[1]?.replace(/\s/g, '')).toBe(firstBlock?.replace(/\s/g, ''));
    await finishUtterance(page);
    await expect(page.locator('[data-block="1"].is-reading')).toBeVisible();
    await expect(page.getByRole('button', { name: '停止朗读' })).toHaveAttribute('aria-pressed', 'true');

    const cancelsBefore = (await speechLog(page)).cancels;
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(async () => (await speechLog(page)).cancels).toBeGreaterThan(cancelsBefore);
    const spoken = (await speechLog(page)).spoken.length;
    await finishUtterance(page);
    expect((await speechLog(page)).spoken.length).toBe(spoken);
  });

  test('the read-aloud switch starts reading on arrival, in the chosen language', async ({ page }) => {
    await installFakeSpeech(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Đọc to' }).click();
    await expect
      .poll(async () => (await speechLog(page)).spoken.at(-1))
      .toContain('Hôm nay bạn muốn tìm hiểu gì?');
    await page.goto(`/article/${ARTICLE}`);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Đọc to' }).click();
    const title = await page.getByRole('heading', { level: 1 }).textContent();
    await expect.poll(async () => (await speechLog(page)).spoken.at(-1)).toContain(title ?? '');
  });

  test('reading stops when the kiosk goes idle', async ({ page }) => {
    await installFakeSpeech(page);
    await page.clock.install();
    await page.goto(`/article/${ARTICLE}?idle=20&warn=20`);
    await page.getByRole('button', { name: '朗读全文' }).click();
    await expect.poll(async () => (await speechLog(page)).spoken.length).toBe(1);
    const cancels = (await speechLog(page)).cancels;
    await page.clock.runFor(40_000);
    await expect(page.locator('.attract__button')).toBeVisible();
    expect((await speechLog(page)).cancels).toBeGreaterThan(cancels);
  });

  test('without any voice the read-aloud buttons are hidden', async ({ page }) => {
    await page.goto(`/article/${ARTICLE}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: '朗读全文' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '朗读' })).toHaveCount(0);
  });
});

test.describe('take it home', () => {
  test('shows a QR code of the public page when a hub address is set', async ({ page }) => {
    await page.goto(`/article/${ARTICLE}?hub=https://hub.example.org`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Take it home' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take it home' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('svg.qr')).toHaveAttribute(
      'data-qr-text',
      `https://hub.example.org/a/${ARTICLE}?lang=en`,
    );
    expect(await dialog.locator('svg.qr rect').count()).toBeGreaterThan(100);
    await expectAxeClean(page, 'take-home dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('has no QR button without a hub address', async ({ page }) => {
    await page.goto(`/article/${ARTICLE}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: '扫码带回家' })).toHaveCount(0);
  });
});

test.describe('a damaged pack', () => {
  test.use({ serviceWorkers: 'block' });

  test('a tampered article is refused with a calm message', async ({ page }) => {
    const manifest = await (await page.request.get('/pack/manifest.json')).json();
    const file = manifest.signed.files.find(
      (f: { path: string }) => f.path === `articles/${ARTICLE}.zh-CN.json`,
    );
    await page.route(`**/pack/blobs/${file.sha256}`, (route) =>
      route.fulfill({ contentType: 'application/octet-stream', body: '{"id":"evil"}' }),
    );
    await page.goto(`/article/${ARTICLE}`);
    await expect(page.getByRole('alert')).toContainText('内容暂时打不开，请稍后再试，或看看其他内容。');
    await expectAxeClean(page, 'content error');
  });

  test('a manifest with a bad signature shows no content at all', async ({ page }) => {
    await page.route('**/pack/manifest.json', async (route) => {
      const response = await route.fetch();
      const signed = await response.json();
      signed.signed.version += 1;
      await route.fulfill({ response, json: signed });
    });
    await page.goto('/topic/health');
    await expect(page.getByRole('alert')).toContainText('内容暂时打不开，请稍后再试，或看看其他内容。');
    await expect(page.locator('.article-card')).toHaveCount(0);
  });
});

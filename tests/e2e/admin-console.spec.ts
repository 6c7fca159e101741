import { mkdirSync } from 'node:fs';
import { createTestLibrary, removeTestLibrary, zipTestLibrary } from '../../src/content-kit/test-library.ts';
import { adminApi, pageOverflow, settle, signIn, smallControls, watchPage } from '../support/admin.ts';
import { expectAxeClean } from '../support/kiosk.ts';
import { expect, test } from '../support/test.ts';

const SHOTS = 'tests/e2e/.screenshots';
const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

test.describe.configure({ timeout: 120_000 });

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`every console page is axe clean on a ${size}, with no CSP violation`, async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const api = await adminApi(request, baseURL ?? '');
    const [station] = await api.get('/stations');
    const [release] = await api.get('/releases');
    // A checked upload waiting to be published, for the draft page.
    const lib = await createTestLibrary();
    const uploaded = await request.post('/api/v1/admin/drafts?name=screenshot.zip', {
      headers: { ...api.headers, 'content-type': 'application/zip' },
      data: Buffer.from(await zipTestLibrary(lib)),
    });
    await removeTestLibrary(lib);
    const draft = await uploaded.json();
    const pages = [
      ['overview', '/admin/'],
      ['content', '/admin/content'],
      ['draft', `/admin/content/drafts/${draft.id}`],
      ['release', `/admin/content/releases/${release.version}`],
      ['fleet', '/admin/fleet'],
      ['station', `/admin/fleet/${station.id}`],
      ['usage', '/admin/usage'],
      ['notices', '/admin/notices'],
      ['groups', '/admin/groups'],
      ['alerts', '/admin/alerts'],
      ['reports', '/admin/reports'],
      ['accounts', '/admin/accounts'],
      ['keys', '/admin/keys'],
      ['audit', '/admin/audit'],
      ['profile', '/admin/profile'],
    ] as const;
    const watch = watchPage(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize(viewport);
    await page.addInitScript(() => localStorage.setItem('kepu-admin-locale', 'zh-CN'));
    await page.goto('/admin/');
    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await expectAxeClean(page, `sign-in (${size})`);
    await page.screenshot({ path: `${SHOTS}/admin-${size}-login.png`, fullPage: true });
    await signIn(page, { locale: 'zh-CN' });
    for (const [name, path] of pages) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      await settle(page);
      await expectAxeClean(page, `${name} (${size})`);
      // Every control is a comfortable target; the main buttons are 44 px, as on a touch laptop.
      expect(await smallControls(page, 24), `${name} (${size}) targets`).toEqual([]);
      expect(
        await smallControls(page, 44, '.button:not(.button--small), .menu a'),
        `${name} (${size})`,
      ).toEqual([]);
      expect(await pageOverflow(page), `${name} (${size}) sideways scrolling`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/admin-${size}-${name}.png`, fullPage: true });
    }
    watch.expectNone();
  });
}

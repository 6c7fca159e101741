import { readFileSync } from 'node:fs';
import { adminApi, asStation, settle, signIn, unique, watchPage } from '../support/admin.ts';
import { expectAxeClean } from '../support/kiosk.ts';
import { expect, test } from '../support/test.ts';

test.describe.configure({ timeout: 120_000 });

test('a notice sent from the console reaches its group’s kiosks and goes away when cancelled', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('e2e-notice');
  const station = await api.station(group);
  const other = await api.station(unique('e2e-quiet'));
  const headline = `河水上涨 ${group}`;
  const watch = watchPage(page);
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name: 'Emergency notices' })
    .click();

  const texts = {
    中文: [headline, '请远离河边，听从村委会安排。'],
    'Tiếng Việt': ['Nước sông dâng cao', 'Hãy tránh xa bờ sông.'],
    English: ['The river is rising', 'Keep away from the riverbank.'],
  };
  await expect(page.getByRole('button', { name: 'Send…' })).toBeDisabled();
  for (const [language, [title, instruction]] of Object.entries(texts)) {
    const block = page.getByRole('group', { name: language, exact: true });
    await block.getByLabel('Headline').fill(title ?? '');
    await block.getByLabel('What to do').fill(instruction ?? '');
  }
  await page.getByRole('group', { name: 'Severity' }).getByText('Extreme').click();
  const picker = page.getByRole('group', { name: 'Send to these groups' });
  await picker.getByLabel(/^All stations/).uncheck();
  await picker.getByLabel(new RegExp(`^${group}`)).check();
  // The preview shows it as a kiosk will, in the chosen language.
  await expect(page.locator('.kiosk-banner')).toContainText('The river is rising');
  await page.getByRole('group', { name: 'Preview language' }).getByText('中文').click();
  await expect(page.locator('.kiosk-card__headline')).toHaveText(headline);
  await expectAxeClean(page, 'notice composer');

  await page.getByRole('button', { name: 'Send…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send this emergency notice?' });
  await expect(dialog).toContainText(group);
  await dialog.getByRole('button', { name: 'Send now' }).click();
  await expect(page.getByRole('status')).toHaveText('The notice is sent.');

  const config = await asStation(request, station.token, '/api/v1/station/config');
  expect(config.notices).toEqual([
    expect.objectContaining({
      severity: 'extreme',
      headline: { 'zh-CN': headline, vi: 'Nước sông dâng cao', en: 'The river is rising' },
    }),
  ]);
  expect((await asStation(request, other.token, '/api/v1/station/config')).notices).toEqual([]);

  const row = page.getByRole('row', { name: new RegExp(group) });
  await expect(row).toContainText('In force');
  await row.getByRole('button', { name: 'Cancel notice' }).click();
  await page
    .getByRole('dialog', { name: 'Cancel this notice?' })
    .getByRole('button', { name: 'Cancel notice' })
    .click();
  await expect(row).toContainText('Cancelled');
  expect((await asStation(request, station.token, '/api/v1/station/config')).notices).toEqual([]);
  watch.expectNone();
});

test('the dashboards show exactly the counts ingested, and the CSV holds the same numbers', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('e2e-usage');
  const town = unique('自测镇');
  const station = await api.station(group, undefined, town);
  const d = new Date(Date.now() - 3 * 86_400_000);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const counters = [
    ['article_open', 'cpr-first-aid', 7],
    ['article_complete', 'cpr-first-aid', 3],
    ['article_open', 'flood-safety', 2],
    ['quiz_start', 'topic:health', 4],
    ['quiz_complete', 'topic:health', 3],
    ['quiz_score', 'topic:health/8', 2],
    ['quiz_score', 'topic:health/5', 1],
    // health-dengue-empty-water's right answer is the third option: 4 of 10 got it.
    ['quiz_option', 'health-dengue-empty-water/0', 5],
    ['quiz_option', 'health-dengue-empty-water/1', 1],
    ['quiz_option', 'health-dengue-empty-water/2', 4],
    ['tutorial_start', 'phone-pay', 5],
    ['tutorial_step', 'phone-pay/1', 4],
    ['tutorial_step', 'phone-pay/2', 2],
    ['tutorial_complete', 'phone-pay', 1],
    ['language', 'vi', 3],
    ['large_text', 'on', 2],
    // Five self-tests: four by people aged 18 to 69 (levels 0, 2, 2, 3) and one by someone else.
    ['quiz_complete', 'selftest', 5],
    ['selftest_pass', 'selftest', 4],
    ['selftest_level', 'adult/0', 1],
    ['selftest_level', 'adult/2', 2],
    ['selftest_level', 'adult/3', 1],
    ['selftest_level', 'other/2', 1],
  ] as const;
  const sent = await request.post('/api/v1/usage', {
    headers: { authorization: `Bearer ${station.token}` },
    data: {
      batchId: crypto.randomUUID(),
      counters: counters.map(([metric, key, count]) => ({ day, metric, key, count })),
    },
  });
  expect(sent.ok()).toBe(true);

  const watch = watchPage(page);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Usage' }).click();
  await page.getByLabel('From', { exact: true }).fill(day);
  await page.getByLabel('To', { exact: true }).fill(day);
  await page.getByLabel('Group', { exact: true }).selectOption(group);
  const stat = (label: string) => page.locator('.stat', { hasText: label }).locator('.stat__value');
  await expect(stat('Articles opened')).toHaveText('9');
  await expect(stat('Articles read to the end')).toHaveText('3');
  await expect(stat('Quizzes completed')).toHaveText('8');
  await expect(stat('Average score')).toHaveText('70 %');
  await expect(stat('Tutorials completed')).toHaveText('1');
  await expect(stat('Large text turned on')).toHaveText('2');

  const table = (caption: string) =>
    page.locator('.table-block', { has: page.getByText(caption, { exact: true }) });
  const cells = async (caption: string, rowText: string) =>
    (
      await table(caption)
        .getByRole('row', { name: new RegExp(rowText) })
        .getByRole('cell')
        .allInnerTexts()
    ).map((c) => c.trim());
  expect(await cells('Articles (by opens)', 'cpr-first-aid')).toEqual([
    'cpr-first-aid',
    'Emergencies',
    expect.any(String),
    '7',
    '3',
    '42.9 %',
    '0',
    '0',
  ]);
  const question = await cells('Right answers and option spread per question', 'health-dengue-empty-water');
  expect(question.slice(3, 7)).toEqual(['10', '4', '40 %', '3']);
  const spread = table('Right answers and option spread per question')
    .getByRole('row', { name: /health-dengue-empty-water/ })
    .locator('.spread__option');
  await expect(spread).toHaveText(['1: 5 (50 %)', '2: 1 (10 %)', '3: 4 (40 %) ✓ right']);
  expect(await cells('Tutorial steps', 'step 2')).toEqual(['phone-pay', 'step 2', '2', '40 %']);
  expect(await cells('Quizzes (average score in percent)', 'topic:health')).toEqual([
    'topic:health',
    '4',
    '3',
    '3',
    '70 %',
  ]);
  // The self-test per town (the whole county for the days; this test's town is its own).
  expect(await cells('Levels per town (ages 18 to 69; share in brackets)', town)).toEqual([
    town,
    '4',
    '1 (25 %)',
    '0 (0 %)',
    '2 (50 %)',
    '1 (25 %)',
    '75 %',
    '5',
    '80 %',
  ]);
  await expect(page.locator('canvas')).toHaveCount(5);
  await settle(page);
  await expectAxeClean(page, 'usage with figures');

  // The CSV download holds the same numbers.
  const download = page.waitForEvent('download');
  await table('Articles (by opens)').getByRole('link', { name: 'Download CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .replace('\ufeff', '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('article,topic,title,opens,completions,completionRate,readAloud,qrShown');
  expect(csv.find((l) => l.startsWith('cpr-first-aid,'))).toMatch(
    /^cpr-first-aid,emergency,[^,]+,7,3,42\.9,0,0$/,
  );
  expect(csv.find((l) => l.startsWith('flood-safety,'))).toMatch(/,2,0,0,0,0$/);
  const questions = await request.get(
    `/api/v1/admin/reports/questions?from=${day}&to=${day}&group=${group}&format=csv`,
  );
  expect(
    (await questions.text()).split('\r\n').find((l) => l.startsWith('health-dengue-empty-water,')),
  ).toMatch(/,single,10,4,40,3,5,1,4,/);
  watch.expectNone();
});

test('access: no session gets 401 everywhere, a viewer cannot publish, a cross-site form post is refused', async ({
  page,
  browser,
  request,
  playwright,
  baseURL,
}) => {
  // Every admin route in the API description, without a session.
  const anonymous = await playwright.request.newContext({ baseURL });
  const { paths } = await (await anonymous.get('/api/v1/openapi.json')).json();
  let checked = 0;
  for (const [path, methods] of Object.entries(paths as Record<string, Record<string, unknown>>)) {
    if (!path.startsWith('/api/v1/admin/') || path === '/api/v1/admin/login') continue;
    const url = path
      .replace('{version}', '1')
      .replace('{name}', 'articles')
      .replace(/\{\w+\}/g, 'x');
    for (const method of Object.keys(methods)) {
      const res = await anonymous.fetch(url, {
        method,
        data: method === 'get' || method === 'delete' ? undefined : {},
      });
      expect(res.status(), `${method} ${path}`).toBe(401);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(30);
  await anonymous.dispose();

  // An administrator makes a viewer account in the console.
  const api = await adminApi(request, baseURL ?? '');
  const username = unique('viewer').replace('-', '.');
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Accounts' }).click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Add account' }) });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Role').selectOption('viewer');
  const password = await form.getByLabel(/^First password/).inputValue();
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('status')).toHaveText(`Account ${username} is added.`);
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText('Viewer');

  // The viewer sees figures but no publishing, and the hub refuses a publish attempt with 403.
  const viewer = await browser.newPage();
  await signIn(viewer, { username, password });
  const menu = viewer.getByRole('navigation', { name: 'Main menu' });
  await expect(menu.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  await menu.getByRole('link', { name: 'Content' }).click();
  await expect(viewer.getByRole('heading', { name: 'Published versions' })).toBeVisible();
  await expect(viewer.getByLabel('Choose a zip file')).toHaveCount(0);
  const { csrfToken } = await (await viewer.request.get('/api/v1/admin/me')).json();
  const publish = await viewer.request.post('/api/v1/admin/drafts', {
    headers: { 'x-csrf-token': csrfToken, origin: baseURL ?? '', 'content-type': 'application/zip' },
    data: Buffer.from('PK'),
  });
  expect(publish.status()).toBe(403);
  const [release] = await api.get('/releases');
  const rollback = await viewer.request.post(`/api/v1/admin/releases/${release.version}/rollback`, {
    headers: { 'x-csrf-token': csrfToken, origin: baseURL ?? '' },
    data: {},
  });
  expect(rollback.status()).toBe(403);

  // A form on another site posting to the hub with the viewer's browser is refused.
  const stations = (await api.get('/stations')).length;
  await viewer.goto('about:blank');
  await viewer.setContent(
    `<form method="post" action="${baseURL}/api/v1/admin/stations"><input name="name" value="evil"><input name="town" value="t"><input name="group" value="g"></form>`,
  );
  const answer = viewer.waitForResponse((r) => r.url().endsWith('/api/v1/admin/stations'));
  await viewer.evaluate(() => document.querySelector('form')?.submit());
  expect([401, 403, 415]).toContain((await answer).status());
  expect((await api.get('/stations')).length).toBe(stations);
  await viewer.close();
});

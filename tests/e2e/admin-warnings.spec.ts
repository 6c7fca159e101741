import { adminApi, settle, signIn, smallControls, unique, watchPage } from '../support/admin.ts';
import { capDocument, startFeedServer } from '../support/cap.ts';
import { expectAxeClean } from '../support/kiosk.ts';
import { expect, type Page, test } from '../support/test.ts';

test.describe.configure({ timeout: 150_000 });

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name }).click();

test('the console adds and polls a warning feed, takes a CAP upload, and an editor approves a warning that waits', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('approve-e2e');
  await api.station(group);
  // The group asks for every warning to be approved; its station stands in the alert's town.
  expect(
    (
      await api.put(`/groups/${group}/alert-settings`, {
        policy: 'none',
        chime: true,
        testGroup: false,
        place: { town: '老范寨乡' },
      })
    ).ok(),
  ).toBe(true);
  const feed = await startFeedServer();
  const watch = watchPage(page);
  try {
    feed.publish({
      identifier: unique('HK-CONSOLE'),
      severity: 'Severe',
      areaDesc: '坝洒农场',
      info: [{ language: 'zh-CN', headline: '大风蓝色预警', instruction: '请加固棚架。' }],
    });
    await signIn(page);
    await menu(page, 'Warning feeds');
    await expect(page.getByRole('heading', { name: 'Warning feeds', level: 1 })).toBeVisible();
    const name = unique('County warning platform');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Address', { exact: true }).fill(feed.url);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByText('Feed added; it is polled right away.')).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Poll now' }).click();
    await expect(page.getByText(/^Polled: \d+ new messages handled\.$/)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'HK-CONSOLE' }).first()).toContainText(
      'Notice created',
    );
    await expect(row).toContainText('Working, last polled');

    // An upload that is refused says why and where.
    const box = page.getByLabel('Or paste the CAP document');
    await box.fill('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "x">]><alert/>');
    await page.getByRole('button', { name: 'Process' }).click();
    await expect(page.getByRole('alert')).toContainText('Refused: XML_DTD_REFUSED');
    // A Moderate one for the group's town is taken, and waits for approval there.
    const id = unique('HK-MOD');
    await box.fill(
      capDocument({
        identifier: id,
        severity: 'Moderate',
        areaDesc: '河口县老范寨乡',
        info: [{ language: 'zh-CN', headline: `高温黄色预警 ${id}`, instruction: '午间少出门，多喝水。' }],
      }),
    );
    await page.getByRole('button', { name: 'Process' }).click();
    await expect(page.getByText(/^Notice c-[0-9a-f-]+ created\.$/)).toBeVisible();
    await settle(page);
    await expectAxeClean(page, 'warning feeds');
    expect(await smallControls(page)).toEqual([]);
    await page.screenshot({ path: 'tests/e2e/.screenshots/console-warning-feeds.png', fullPage: true });

    await menu(page, 'Emergency notices');
    const waiting = page.locator('.waiting-list li').filter({ hasText: id });
    await expect(waiting).toContainText(`Waiting: ${group} (1 station(s))`);
    const listed = page.getByRole('row').filter({ hasText: id });
    await expect(listed).toContainText('Warning feed');
    await settle(page);
    await expectAxeClean(page, 'notices with a waiting warning');
    await page.screenshot({ path: 'tests/e2e/.screenshots/console-notices-waiting.png', fullPage: true });
    await listed.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve this warning?' });
    await expect(dialog).toContainText(group);
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByText('Approved.')).toBeVisible();
    await expect(page.locator('.waiting-list li').filter({ hasText: id })).toHaveCount(0);
    await expect(page.getByRole('row').filter({ hasText: id })).toContainText(
      `Shown: ${group} (1 station(s))`,
    );
    watch.expectNone();
  } finally {
    await feed.close();
  }
});

test('the console sets a group’s policy, chime and place, a station’s own place, and creates and revokes a partner key', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('places-e2e');
  const station = await api.station(group);
  const watch = watchPage(page);
  await signIn(page);
  await menu(page, 'Warning areas');
  await page.getByRole('button', { name: group, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Group settings: ${group}` })).toBeVisible();
  await page.getByRole('group', { name: 'Which warnings go out at once' }).getByText('Extreme only').click();
  await page.getByLabel('Chime for an Extreme warning').uncheck();
  const groupForm = page.locator('form').filter({ hasText: `Group settings: ${group}` });
  await groupForm.getByLabel('Town').fill('南溪镇');
  await groupForm.getByLabel('Latitude').fill('22.63');
  await groupForm.getByLabel('Longitude').fill('103.95');
  await groupForm.getByRole('button', { name: 'Save' }).click();
  await expect(groupForm.getByText('Saved.')).toBeVisible();
  const settings = await api.get('/alert-settings');
  expect(settings.groups.find((g: { group: string }) => g.group === group).settings).toEqual({
    policy: 'extreme',
    chime: false,
    testGroup: false,
    place: { town: '南溪镇', lat: 22.63, lon: 103.95 },
  });

  const stationRow = page.getByRole('row').filter({ hasText: station.name });
  await expect(stationRow).toContainText('南溪镇 · 22.63, 103.95');
  await stationRow.getByRole('button', { name: 'Set place' }).click();
  const stationForm = page.locator('form').filter({ hasText: `Place of station ${station.name}` });
  await stationForm.getByLabel('Latitude').fill('22.5');
  await stationForm.getByLabel('Longitude').fill('103.95');
  await stationForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row').filter({ hasText: station.name })).toContainText(
    '南溪镇 · 22.5, 103.95',
  );
  await settle(page);
  await expectAxeClean(page, 'warning areas');
  expect(await smallControls(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/.screenshots/console-warning-areas.png', fullPage: true });

  await menu(page, 'Partner systems');
  const keyName = unique('Smart community platform');
  await page.getByLabel('Name', { exact: true }).fill(keyName);
  await page
    .getByRole('group', { name: 'May send to these groups' })
    .getByLabel(new RegExp(`^${group}`))
    .check();
  await page.getByRole('group', { name: 'May', exact: true }).getByLabel('Send CAP warnings').check();
  await page.getByRole('button', { name: 'Create the key' }).click();
  const secret = (await page.locator('.secret').textContent()) ?? '';
  expect(secret).toMatch(/^kpk_[A-Za-z0-9_-]{43}$/);
  const call = await request.get('/api/v1/partner/notices', {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(call.status()).toBe(200);
  const keyRow = page.getByRole('row').filter({ hasText: keyName });
  await expect(keyRow).toContainText(`${secret.slice(0, 12)}…`);
  await expect(keyRow).toContainText('Send CAP warnings, Send and manage notices');
  await settle(page);
  await expectAxeClean(page, 'partner keys');
  expect(await smallControls(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/.screenshots/console-partner-keys.png', fullPage: true });
  await keyRow.getByRole('button', { name: 'Revoke' }).click();
  await page
    .getByRole('dialog', { name: 'Revoke this key?' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(page.getByRole('row').filter({ hasText: keyName })).toContainText('Revoked');
  const refused = await request.get('/api/v1/partner/notices', {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(refused.status()).toBe(401);
  watch.expectNone();
});

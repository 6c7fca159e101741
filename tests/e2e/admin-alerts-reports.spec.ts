import { adminApi, settle, signIn, smallControls, unique, watchPage } from '../support/admin.ts';
import { expectAxeClean } from '../support/kiosk.ts';
import type { APIRequestContext } from '../support/test.ts';
import { expect, test } from '../support/test.ts';

test.describe.configure({ timeout: 120_000 });

const SMTP_PASSWORD = 'e2e smtp password 7731';

/** A heartbeat as a kiosk sends it, with the storage it reports. */
async function heartbeat(request: APIRequestContext, token: string, used: number) {
  // The pack the hub has live for it, as an up-to-date kiosk reports.
  const live = await request.get('/api/v1/packs/current/manifest', {
    headers: { authorization: `Bearer ${token}` },
  });
  const packVersion = ((await live.json()) as { manifest: { version: number } }).manifest.version;
  const res = await request.post('/api/v1/heartbeat', {
    headers: { authorization: `Bearer ${token}` },
    data: {
      appVersion: '1.0.0',
      packVersion,
      lastUpdate: null,
      errors: [],
      storage: { used, quota: 100_000 },
      queue: 0,
      sentAt: new Date().toISOString(),
    },
  });
  expect(res.status()).toBe(204);
}

test('an admin sees alerts with their history and sets rules, recipients and the mail server', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('e2e-alert');
  const station = await api.station(group, unique('南溪镇e站'));
  // 95 % of the quota used: the default storage rule (90 %) fires at the hub's next check.
  await heartbeat(request, station.token, 95_000);
  const openFor = async () =>
    ((await api.get(`/alerts?station=${station.id}`)) as { open: Array<{ kind: string; state: string }> })
      .open;
  await expect
    .poll(openFor, { timeout: 30_000 })
    .toEqual([expect.objectContaining({ kind: 'storage_low', state: 'firing' })]);

  const watch = watchPage(page);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  const open = page.getByRole('region', { name: 'Alerts not yet resolved' });
  await expect(open.getByRole('row').filter({ hasText: station.name })).toContainText('Storage low');
  await expect(open.getByRole('row').filter({ hasText: station.name })).toContainText('measured: 95%');
  const history = page.getByRole('region', { name: 'Alerts and the messages sent, newest first' });
  await expect(history.getByRole('row').filter({ hasText: station.name })).toContainText('started');

  // A rule for this group: silent after 3 hours, with a daily reminder.
  const ruleForm = page.getByRole('form', { name: 'Add or change a rule' });
  await ruleForm.getByLabel('Group (* for all groups)').fill(group);
  await ruleForm.getByLabel('Problem').selectOption('silent');
  await ruleForm.getByLabel(/^Threshold \(hours/).fill('3');
  await ruleForm.getByLabel(/^Remind every/).fill('24');
  await ruleForm.getByRole('button', { name: 'Save' }).click();
  await expect(ruleForm.getByRole('status')).toHaveText('Saved.');
  const rules = page.getByRole('region', { name: /^Alert rules per group/ });
  await expect(rules.getByRole('row').filter({ hasText: group })).toContainText('3 h');
  await expect(rules.getByRole('row').filter({ hasText: group })).toContainText('every 24 h');

  // A recipient for the group, by email, in Vietnamese.
  const recipientForm = page.getByRole('form', { name: 'Add a recipient' });
  const address = `${group}@hekou.test`;
  await recipientForm.getByLabel('Address').fill(address);
  await recipientForm.getByLabel('Language').selectOption('vi');
  await recipientForm
    .getByRole('group', { name: 'Groups' })
    .getByLabel(/^All stations/)
    .uncheck();
  await recipientForm
    .getByRole('group', { name: 'Groups' })
    .getByLabel(new RegExp(`^${group}`))
    .check();
  await recipientForm.getByRole('button', { name: 'Save' }).click();
  await expect(recipientForm.getByRole('status')).toHaveText('Saved.');
  const recipients = page.getByRole('region', { name: 'Email addresses and webhooks that receive alerts' });
  await expect(recipients.getByRole('row').filter({ hasText: address })).toContainText('Tiếng Việt');

  // The mail server; its password never comes back.
  const smtp = page.getByRole('form', { name: 'Mail server' });
  await smtp.getByLabel('Server').fill('127.0.0.1');
  await smtp.getByLabel('Port').fill('2525');
  await smtp.getByLabel('Encryption').selectOption('none');
  await smtp.getByLabel('User name').fill('hub');
  await smtp.getByLabel('Password').fill(SMTP_PASSWORD);
  await smtp.getByLabel('From address').fill('hub@hekou.test');
  await smtp.getByRole('button', { name: 'Save' }).click();
  await expect(smtp.getByRole('status')).toHaveText('Saved.');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Mail server' }).getByLabel('Password')).toHaveAttribute(
    'placeholder',
    'set; leave empty to keep',
  );
  expect(await page.content()).not.toContain(SMTP_PASSWORD);

  // The kiosk frees space: the alert ends and its history says so.
  await heartbeat(request, station.token, 10_000);
  await expect.poll(openFor, { timeout: 30_000 }).toEqual([]);
  await page.reload();
  await expect(
    page
      .getByRole('region', { name: 'Alerts and the messages sent, newest first' })
      .getByRole('row')
      .filter({ hasText: station.name }),
  ).toHaveCount(2);
  await settle(page);
  await expectAxeClean(page, 'alerts page');
  expect(await smallControls(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('alerts.png'), fullPage: true });
  watch.expectNone();
});

test('a viewer reads alerts and reports but cannot change rules, recipients or schedules', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const username = unique('viewer');
  const password = 'viewer password 2026';
  const made = await api.post('/accounts', { username, password, role: 'viewer' });
  expect(made.ok()).toBe(true);
  await signIn(page, { username, password });
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('region', { name: /^Alert rules per group/ })).toBeVisible();
  await expect(page.getByText('Only administrators can change alert rules.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add or change a rule' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Recipients' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Mail server' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await settle(page);
  await expectAxeClean(page, 'alerts page (viewer)');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('region', { name: /^Headline figures per period/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sent by email' })).toHaveCount(0);
});

test('the reports page lists the last 12 months with PDF and CSV, and an admin schedules one', async ({
  page,
  request,
}) => {
  const watch = watchPage(page);
  await signIn(page, { locale: 'zh-CN' });
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '报告' }).click();
  const table = page.getByRole('region', { name: /^每期的主要数字/ });
  await expect(table.getByRole('row')).toHaveCount(14);
  const pdf = table.getByRole('link', { name: /下载 .* 的 PDF 报告/ }).first();
  const href = await pdf.getAttribute('href');
  expect(href).toMatch(/\/api\/v1\/admin\/period-reports\/\d{4}-\d{2}\?scope=county&format=pdf&lang=zh-CN/);
  // The page's own session downloads it.
  const res = await page.request.get(href ?? '');
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  void request;

  const form = page.getByRole('form', { name: '添加定期发送' });
  await form.getByLabel('范围', { exact: true }).selectOption('town');
  await form.getByLabel('乡镇或分组').selectOption('河口镇');
  await form.getByLabel('收件人').fill('kexie@hekou.test\nzhen@hekou.test');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('status')).toHaveText('已保存。');
  await expect(
    page.getByRole('region', { name: '定期发送的报告' }).getByRole('row').filter({ hasText: '河口镇' }),
  ).toContainText('kexie@hekou.test, zhen@hekou.test');
  await settle(page);
  await expectAxeClean(page, 'reports page');
  expect(await smallControls(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('reports.png'), fullPage: true });
  watch.expectNone();
});

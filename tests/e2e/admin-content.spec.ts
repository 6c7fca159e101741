import { createTestLibrary, removeTestLibrary, zipTestLibrary } from '../../src/content-kit/test-library.ts';
import { CATALOG_PATH } from '../../src/protocol/content-doc.ts';
import type { PackManifest } from '../../src/protocol/pack-manifest.ts';
import { verifyManifest } from '../../src/protocol/pack-verify.ts';
import { adminApi, asStation, hubKey, signIn, unique, watchPage } from '../support/admin.ts';
import { expectAxeClean } from '../support/kiosk.ts';
import { expect, type Page, test } from '../support/test.ts';

test.describe.configure({ timeout: 120_000 });

type Request = Parameters<typeof asStation>[0];

/** The manifest a kiosk of this station's group gets, verified as a kiosk verifies it. */
async function kioskManifest(request: Request, token: string): Promise<PackManifest> {
  const signed = await asStation(request, token, '/api/v1/packs/current/manifest');
  return verifyManifest(signed, { subtle: crypto.subtle as never, keys: [hubKey()], now: new Date() });
}

/** English titles in a manifest's catalog, read from the blob a kiosk would download. */
async function titles(request: Request, manifest: PackManifest): Promise<string[]> {
  const file = manifest.files.find((f) => f.path === CATALOG_PATH);
  const catalog = await (await request.get(`/api/v1/blobs/${file?.sha256}`)).json();
  return catalog.articles.map((a: { title: { en: string } }) => a.title.en);
}

async function upload(page: Page, name: string, zip: Uint8Array) {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Content' }).click();
  await page
    .getByLabel('Choose a zip file')
    .setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await page.getByRole('button', { name: 'Upload and check' }).click();
}

/** Leaves only `group` checked in a group picker. */
async function chooseOnly(page: Page, legend: string | RegExp, group: string) {
  const picker = page.getByRole('group', { name: legend });
  await picker.getByLabel(/^All stations/).uncheck();
  await picker.getByLabel(new RegExp(`^${group}`)).check();
}

test('an upload with a content error shows every error with its file and line, and publishes nothing', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const releases = (await api.get('/releases')).length;
  const lib = await createTestLibrary();
  try {
    await lib.edit('articles/health/boil-water/zh-CN.md', 'topic: health', 'topic: cooking');
    await lib.edit('quizzes/health.yaml', 'answer: 0', 'answer: 7');
    const watch = watchPage(page);
    await signIn(page);
    await upload(page, 'broken.zip', await zipTestLibrary(lib));
    await expect(page.getByRole('alert')).toContainText('The content has errors and was not published');
    await expect(page.locator('.diagnostic__where', { hasText: 'zh-CN.md:3' })).toHaveText(
      'content/articles/health/boil-water/zh-CN.md:3',
    );
    await expect(page.locator('.diagnostic', { hasText: 'zh-CN.md:3' })).toContainText('UNKNOWN_TOPIC');
    await expect(page.locator('.diagnostic', { hasText: 'content/quizzes/health.yaml:' })).toContainText(
      'ANSWER_OUT_OF_RANGE',
    );
    await expectAxeClean(page, 'upload with content errors');
    expect((await api.get('/releases')).length).toBe(releases);
    watch.expectNone();
  } finally {
    await removeTestLibrary(lib);
  }
});

test('a good upload shows its diff and preview, publishes to one group, that group’s kiosks get it, and a rollback brings the earlier content back', async ({
  page,
  request,
  baseURL,
}) => {
  const api = await adminApi(request, baseURL ?? '');
  const group = unique('e2e-content');
  const station = await api.station(group);
  const bystander = await api.station(unique('e2e-other'));
  const before = await kioskManifest(request, station.token);
  const liveArticles = before.files.filter(
    (f) => f.path.endsWith('.zh-CN.json') && f.path.startsWith('articles/'),
  );
  const title = `Boiled water ${group}`;
  const lib = await createTestLibrary();
  const watch = watchPage(page);
  try {
    await lib.edit('articles/health/boil-water/en.md', 'title: Drink boiled water', `title: ${title}`);
    await signIn(page);
    await upload(page, 'flood-season.zip', await zipTestLibrary(lib));

    // The diff against what is live: the fixture's two articles are new, every live one goes.
    await expect(page.getByRole('heading', { name: 'Check result', level: 1 })).toBeVisible();
    const stat = (label: string) => page.locator('.stat', { hasText: label }).locator('.stat__value');
    await expect(stat('Added')).toHaveText('2');
    await expect(stat('Removed')).toHaveText(String(liveArticles.length));
    await expect(stat('Each kiosk downloads')).not.toHaveText('0 B');
    await expect(page.getByRole('row', { name: /boil-water/ })).toContainText('Added');

    // The preview renders the article as the kiosk does, in each language.
    await page
      .getByRole('row', { name: /boil-water/ })
      .getByRole('button', { name: 'Preview' })
      .click();
    await expect(page.locator('.kp-frame .kp-title')).toHaveText(title);
    await page.getByRole('group', { name: 'Language' }).getByText('中文').click();
    await expect(page.locator('.kp-frame .kp-title')).toHaveText('喝开水，不喝生水');
    await expect(page.locator('.kp-frame img').first()).toHaveJSProperty('complete', true);
    await expectAxeClean(page, 'draft');

    await chooseOnly(page, 'Publish to these groups', group);
    await page.getByLabel(/^Note/).fill('flood season');
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish now?' });
    await expect(dialog).toContainText(group);
    await expectAxeClean(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(`is published to: ${group}`);
    const published = Number(page.url().split('/').pop());

    // What the hub now serves to this group's kiosks: the new version, signed, with the new content.
    const after = await kioskManifest(request, station.token);
    expect(after.version).toBe(published);
    expect(after.version).toBeGreaterThan(before.version);
    expect(await titles(request, after)).toContain(title);
    expect((await kioskManifest(request, bystander.token)).version).toBe(before.version);

    // Roll back to the release that was live before, for this group only.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Content' }).click();
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: String(before.version), exact: true }) })
      .getByRole('button', { name: 'Roll back to this' })
      .click();
    const rollback = page.getByRole('dialog', { name: `Roll back to version ${before.version}` });
    await chooseOnly(page, 'Roll back these groups', group);
    await expect(rollback).toContainText('each kiosk downloads');
    await rollback.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(
      `version ${before.version}'s content is published again`,
    );
    const rolled = Number(page.url().split('/').pop());

    const back = await kioskManifest(request, station.token);
    expect(back.version).toBe(rolled);
    expect(back.version).toBeGreaterThan(published);
    expect(back.files).toEqual(before.files);
    expect(await titles(request, back)).not.toContain(title);
    watch.expectNone();
  } finally {
    await removeTestLibrary(lib);
  }
});

test('a release exports as one pack file for USB sideloading', async ({ page, request, baseURL }) => {
  const api = await adminApi(request, baseURL ?? '');
  const [release] = await api.get('/releases');
  await signIn(page);
  await page.goto(`/admin/content/releases/${release.version}`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export (for USB)' }).click();
  expect((await download).suggestedFilename()).toBe(`kepu-pack-${release.version}.zip`);
});

/**
 * KEPU_BLOB_BASE_URL in a real browser: the hub keeps its blobs in S3-compatible storage
 * (s3rver, another origin) and redirects the kiosk there; the kiosk's CSP allows that origin,
 * the storage answers CORS, and the update installs with every blob hash-checked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createS3BlobStore, parseS3Location, s3ConfigFromEnv } from '../../src/hub/blob-store-s3.ts';
import { startTestS3, type TestS3 } from '../../src/hub/test-s3.ts';
import type { PackManifest } from '../../src/protocol/pack-manifest.ts';
import { openMaintenance } from '../support/kiosk.ts';
import { expect, test } from '../support/test.ts';
import { startUpdateHub, type UpdateHub } from '../support/update-hub.ts';

const ARTICLE = 'dengue-mosquito-control';
const NEW_TEXT = '测试更新：这一版的文件来自另一个地址。';

let s3: TestS3;
let hub: UpdateHub;
let base: string;
test.beforeEach(async () => {
  s3 = await startTestS3();
  const prefix = `cdn-${Date.now()}`;
  base = `${s3.endpoint}/${s3.bucket}/${prefix}`;
  hub = await startUpdateHub({
    blobs: createS3BlobStore(parseS3Location(`s3://${s3.bucket}/${prefix}`), s3ConfigFromEnv({ ...s3.env })),
    blobBaseUrl: base,
  });
});
test.afterEach(async () => {
  await hub?.close();
  await s3?.close();
});

test('a kiosk downloads an update from the public blob address the hub sends it to', async ({ page }) => {
  const v2 = await hub.publish({ [`articles/health/${ARTICLE}/zh-CN.md`]: NEW_TEXT });
  const bundled = JSON.parse(
    readFileSync(resolve(process.env.KEPU_OUT_DIR ?? 'dist', 'pack/manifest.json'), 'utf8'),
    // The TUF envelope (issue 17): the signed manifest is `signed`.
  ).signed as PackManifest;
  const have = new Set(bundled.files.map((f) => f.sha256));
  const changed = v2.manifest.files.filter((f) => !have.has(f.sha256));
  expect(changed).toHaveLength(1);
  const sha = changed[0]?.sha256 as string;

  const fromStorage: string[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(base)) fromStorage.push(`${r.status()} ${r.url().slice(base.length + 1)}`);
  });
  await page.goto(`${hub.url}/`);
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
  await expect
    .poll(
      () =>
        page.evaluate(
          async (s) => Boolean(await (await caches.open('kepu-content-v1')).match(`/content-blob/${s}`)),
          sha,
        ),
      {
        timeout: 20_000,
      },
    )
    .toBe(true);
  // The hub answered with a redirect; the bytes came from the storage's own origin.
  expect(hub.requests.filter((p) => p === `/api/v1/blobs/${sha}`)).toHaveLength(1);
  expect(fromStorage).toEqual([`200 ${sha}`]);
  const csp = (await page.request.get(`${hub.url}/`)).headers()['content-security-policy'] ?? '';
  expect(csp).toContain(`connect-src 'self' ${new URL(base).origin}`);
});

import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tiles } from '../support/kiosk.ts';
import { expect, test } from '../support/test.ts';
import { startUpdateHub } from '../support/update-hub.ts';

test('a new app build installs in the background and takes over only on the idle screen', async ({
  page,
}) => {
  // About 55 s of real waiting (reading, then the idle countdown) even on an idle machine: the
  // default 60 s test timeout, not the 150 s wait below, would end it first under load.
  test.setTimeout(180_000);
  const web = await mkdtemp(join(tmpdir(), 'kepu-web-'));
  await cp(resolve(process.env.KEPU_OUT_DIR ?? 'dist'), web, { recursive: true });
  const hub = await startUpdateHub({ webDir: web });
  try {
    await page.goto(`${hub.url}/topic/health?idle=15&warn=20`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The worker first precaches the app and built-in pack: wait for that event.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const firstWorker = await page.evaluate(
      async () => (await navigator.serviceWorker.ready).active?.scriptURL,
    );

    // A new build: the worker script changes.
    await appendFile(join(web, 'sw.js'), '\n// build 2\n');
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await expect
      .poll(() =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null),
      )
      .toBe(true);
    // A resident is reading (touching now and then): nothing changes under them.
    for (let i = 0; i < 3; i++) {
      await page.waitForTimeout(5_000);
      await page.mouse.click(5, 500);
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('健康生活');
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null),
    ).toBe(true);

    // Idle: warning, attract screen, and there the new build takes over (the page reloads).
    await page.waitForEvent('load', { timeout: 150_000 });
    await expect
      .poll(() =>
        page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null),
      )
      .toBeNull();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(
      firstWorker,
    );
    await page.goto(`${hub.url}/`);
    await expect(tiles(page)).toHaveCount(7);
  } finally {
    await hub.close();
    await rm(web, { recursive: true, force: true });
  }
});

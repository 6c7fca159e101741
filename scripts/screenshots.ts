/**
 * Screenshots of every kiosk screen at both panel sizes in all three languages, for people
 * to look at: `npm run build && npm run screenshots [outDir]`. The README's picture is
 * docs/home.png, refreshed with `--readme`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.ts';
import { LANGUAGES, PANELS } from '../tests/support/kiosk.ts';

const PORT = Number(process.env.SCREENSHOT_PORT ?? 4174);
const BASE = `http://localhost:${PORT}`;

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error('vite preview exited; run `npm run build` first');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server at ${url}`);
}

async function shoot(
  page: Page,
  lang: (typeof LANGUAGES)[number],
  path: string,
  file: string,
  large = false,
) {
  await page.goto(BASE + path);
  await page.getByRole('button', { name: lang.button }).click();
  if (large) await page.locator('.control-bar .bar-button--toggle').nth(3).click();
  await page.screenshot({ path: file, animations: 'disabled' });
}

/** Answers the question on screen with its first option (multiple choice: first option, then Check). */
async function answerFirst(page: Page): Promise<void> {
  const multiple = (await page.locator('.question').getAttribute('data-type')) === 'multiple';
  await page.locator('.answers button.answer').first().click();
  if (multiple) await page.locator('.quiz-check').click();
  await page.locator('.feedback').waitFor();
}

/** The quiz area: modes, a question, its feedback, a topic quiz's result and a self-test's result. */
async function shootQuizzes(page: Page, lang: (typeof LANGUAGES)[number], out: string, panel: string) {
  const name = (screen: string) => join(out, `${screen}-${panel}-${lang.code}.png`);
  await shoot(page, lang, '/quizzes', name('quizzes'));
  await shoot(page, lang, '/quiz/topic/digital', name('quiz-question'));
  await answerFirst(page);
  await page.screenshot({ path: name('quiz-feedback'), animations: 'disabled' });
  for (let i = 0; i < 9; i++) {
    await page.locator('.feedback .big-button').click();
    await answerFirst(page);
  }
  await page.locator('.feedback .big-button').click();
  await page.locator('.suggestion').first().waitFor();
  await page.screenshot({ path: name('quiz-result'), animations: 'disabled' });
  await shoot(page, lang, '/quiz/selftest', name('selftest-question'));
  for (let i = 0; i < 12; i++) {
    await answerFirst(page);
    await page.locator('.feedback .big-button').click();
  }
  await page.locator('.suggestion').first().waitFor();
  await page.screenshot({ path: name('selftest-result'), animations: 'disabled' });
}

async function main(): Promise<void> {
  const readme = process.argv.includes('--readme');
  const out = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'tests/e2e/.screenshots';
  mkdirSync(out, { recursive: true });
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  try {
    await waitForServer(BASE, server);
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    for (const [panel, viewport] of Object.entries(PANELS)) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      if (readme && panel === 'landscape') {
        await shoot(page, LANGUAGES[0], '/', 'docs/home.png');
      }
      for (const lang of LANGUAGES) {
        await shoot(page, lang, '/', join(out, `home-${panel}-${lang.code}.png`));
        await shoot(page, lang, '/', join(out, `home-large-${panel}-${lang.code}.png`), true);
        await shoot(page, lang, '/topic/digital', join(out, `topic-${panel}-${lang.code}.png`));
        await shoot(
          page,
          lang,
          '/tutorial/video-call-family',
          join(out, `lesson-start-${panel}-${lang.code}.png`),
        );
        await shootQuizzes(page, lang, out, panel);
      }
      await context.close();
      const clocked = await browser.newContext({ viewport });
      const idle = await clocked.newPage();
      await idle.clock.install();
      await idle.goto(`${BASE}/?idle=20&warn=20`);
      await idle.clock.runFor(25_000);
      await idle.screenshot({ path: join(out, `idle-${panel}.png`), animations: 'disabled' });
      await idle.clock.runFor(20_000);
      await idle.screenshot({ path: join(out, `attract-${panel}.png`), animations: 'disabled' });
      await clocked.close();
    }
    await browser.close();
    console.log(`screenshots written to ${out}`);
  } finally {
    server.kill();
  }
}

await main();

/**
 * Browser benchmarks in real Chromium against a real hub: offline cold start, tap to next
 * paint, memory over thousands of screen changes, and content update cost.
 *
 * Every phase logs its progress to stderr and has a time limit: a phase that runs over it
 * fails with the phase's name and its last step instead of hanging the run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.ts';
import { openMaintenance } from '../support/kiosk.ts';
import { startUpdateHub, type UpdateHub } from '../support/update-hub.ts';
import { median, percentile, type Row } from './lib.ts';

const VIEWPORT = { width: 1920, height: 1080 };
const ARTICLE = 'dengue-mosquito-control';
// The shortest idle timeout and warning the station config allows (idle-store.ts,
// station-config.ts): an idle reset takes 35 s of real time.
const IDLE_S = 15;
const WARN_S = 20;
const IDLE_QUERY = `?idle=${IDLE_S}&warn=${WARN_S}`;
// tsx keeps function names with a __name helper that page functions cannot see.
const NAME_SHIM = 'globalThis.__name = (f) => f;';

const started = Date.now();
let lastStep = 'starting';
/** Logs a step of the run (stderr, so the table on stdout stays clean). */
function step(message: string): void {
  lastStep = message;
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

/** Runs one phase with a time limit; over it, fails with the phase's name and last step. */
async function phase<T>(name: string, limitS: number, run: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  step(`${name}: start (limit ${limitS} s)`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`bench phase "${name}" did not finish within ${limitS} s; last step: ${lastStep}`)),
      limitS * 1000,
    );
  });
  try {
    const result = await Promise.race([run(), limit]);
    step(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** A promise with a time limit and a message saying what never happened. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntil(test: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function newContext(browser: Browser, options: { serviceWorkers?: 'block' } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  await context.addInitScript({ content: NAME_SHIM });
  context.setDefaultTimeout(30_000);
  return context;
}

async function persistent(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
  });
  await context.addInitScript({ content: NAME_SHIM });
  context.setDefaultTimeout(30_000);
  return context;
}

async function throttle(page: Page, rate: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/** First visit online: service worker installed and in control, content pack in the content cache. */
async function warmUp(hub: UpdateHub, page: Page, query = ''): Promise<void> {
  await page.goto(`${hub.url}/${query}`);
  await within(
    page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined)),
    30_000,
    'service worker ready (is the build a production build with sw.js?)',
  );
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
  await page.goto(`${hub.url}/article/${ARTICLE}${query}`);
  await page.locator('.reader__article h1').waitFor();
}

/** Cold start, offline, 4x CPU throttling: kiosk interactive vs a blank page from the same worker. */
async function coldStart(hub: UpdateHub): Promise<Row> {
  const profile = await mkdtemp(join(tmpdir(), 'kepu-cold-'));
  try {
    let context = await persistent(profile);
    step('cold start: first visit online');
    await warmUp(hub, context.pages()[0] ?? (await context.newPage()));
    await context.close();
    const kiosk: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const which of ['blank', 'kiosk'] as const) {
        step(`cold start: run ${i + 1}/5, ${which}`);
        context = await persistent(profile);
        try {
          await context.setOffline(true);
          const page = context.pages()[0] ?? (await context.newPage());
          await throttle(page, 4);
          if (which === 'blank') {
            await page.goto(`${hub.url}/blank.html`, { waitUntil: 'load' });
            const fromWorker = await page.evaluate(() => navigator.serviceWorker.controller !== null);
            if (!fromWorker) throw new Error('blank.html was not served by the service worker');
            blank.push(
              await page.evaluate(
                () =>
                  (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
              ),
            );
          } else {
            await page.goto(`${hub.url}/`);
            await page.waitForFunction(
              () => performance.getEntriesByName('kiosk-interactive').length > 0,
              undefined,
              { timeout: 30_000 },
            );
            kiosk.push(
              await page.evaluate(() => performance.getEntriesByName('kiosk-interactive')[0]?.startTime ?? 0),
            );
          }
        } finally {
          await context.close();
        }
      }
    }
    return {
      figure: 'offline cold start to interactive home vs blank page (4x CPU throttling)',
      measured: median(kiosk) / median(blank),
      budget: 1.5,
      unit: '×',
      lowerIsBetter: true,
      note: `median of 5: ${median(kiosk).toFixed(0)} ms vs ${median(blank).toFixed(0)} ms`,
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** 200 taps across screens under 4x throttling; Event Timing durations per interaction. */
async function taps(hub: UpdateHub, context: BrowserContext): Promise<Row> {
  const page = await context.newPage();
  await warmUp(hub, page);
  await page.goto(`${hub.url}/`);
  await page.locator('.home').waitFor();
  await throttle(page, 4);
  await page.evaluate(() => {
    const w = window as unknown as { __events: Array<{ id: number; d: number; what: string }> };
    w.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEventTiming & { interactionId?: number }>) {
        if (e.interactionId)
          w.__events.push({
            id: e.interactionId,
            d: e.duration,
            what: `${e.name} ${(e.target as Element | null)?.className ?? '?'} ${location.pathname}`,
          });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
  const TOTAL = 200;
  let count = 0;
  // Real (trusted) taps through Chromium's input pipeline, waiting for each screen.
  const tap = async (selector: string, then?: string) => {
    if (count >= TOTAL) return;
    await page.locator(selector).first().click();
    count++;
    if (then) await page.locator(then).first().waitFor();
  };
  for (let cycle = 0; count < TOTAL; cycle++) {
    // Reading: a topic, an article, page down, Back, Home.
    await tap(`.home .tile:nth-child(${(cycle % 6) + 1}) .tile__button`, '.topic');
    await tap('.article-card__button', '.reader__article h1');
    await tap('.reader__tools .tool-button >> nth=1');
    await tap('.control-bar .bar-button >> nth=1', '.topic');
    await tap('.control-bar .bar-button >> nth=0', '.home');
    // A quiz question: the quiz area, a mode, an answer, Next, Home.
    await tap('.home .tile--wide .tile__button', '.quizzes');
    await tap('.quizzes .tiles--three .tile__button', '.question .answer');
    if (count >= TOTAL) break;
    if ((await page.locator('.question').getAttribute('data-type')) === 'multiple') {
      await tap('.question .answer', '.quiz-check:not([disabled])');
      await tap('.quiz-check', '.question--answered .big-button');
    } else {
      await tap('.question .answer', '.question--answered .big-button');
    }
    await tap('.question--answered .big-button');
    await tap('.control-bar .bar-button >> nth=0', '.home');
    // A phone lesson's first step: digital life, a lesson, the lit target, Home.
    await tap('.home .tile[data-topic="digital"] .tile__button', '.lesson-card');
    await tap(`.lesson-card >> nth=${cycle % 8}`, '.phone__screen');
    if (count >= TOTAL) break;
    const action = await page.locator('.phone__screen').getAttribute('data-action');
    await tap(action === 'tap' ? '.phone__target' : action === 'type' ? '.ph-key.is-next' : '.guide__do');
    await tap('.control-bar .bar-button >> nth=0', '.home');
    step(`taps: ${count}/${TOTAL}`);
  }
  await page.waitForTimeout(500);
  const events = await page.evaluate(
    () => (window as unknown as { __events: Array<{ id: number; d: number; what: string }> }).__events,
  );
  const worst = new Map<number, number>();
  for (const e of events) worst.set(e.id, Math.max(worst.get(e.id) ?? 0, e.d));
  const slowest = [...events].sort((a, b) => b.d - a.d).slice(0, 8);
  for (const e of slowest) step(`taps: ${e.d.toFixed(0)} ms ${e.what}`);
  // Interactions that produced no entry took under the 16 ms reporting threshold.
  const durations = [...worst.values(), ...Array(Math.max(0, count - worst.size)).fill(16)];
  await page.close();
  return {
    figure: `tap to next paint p95 over ${count} taps (4x CPU throttling)`,
    measured: percentile(durations, 95),
    budget: 50,
    unit: 'ms',
    lowerIsBetter: true,
    note: `${worst.size} taps over 16 ms, median ${median(durations).toFixed(0)} ms, worst ${Math.max(0, ...worst.values()).toFixed(0)} ms`,
  };
}

/** What one in-page batch of screen changes did. */
interface Batch {
  done: number;
  cycle: number;
  counts: Record<string, number>;
  where: string;
}

/**
 * Drives the kiosk from inside the page, the way a finger does (pointerdown, pointerup, click on
 * the element), waiting for each new screen to render before the next tap: topics and
 * articles, quizzes played to their result (with a suggested article and Back to the result),
 * phone lessons stepped through (some finished, some left halfway), a language switch. Stops
 * after exactly `total` screen changes, wherever that is, as a resident walking away would.
 */
function driveInPage(
  page: Page,
  total: number,
  cycle: number,
  { untilCycle = 1e9, readOnlyFrom = 1e9 } = {},
): Promise<Batch> {
  return page.evaluate(
    async ({ total, cycle: firstCycle, untilCycle, readOnlyFrom }) => {
      const STOP = Symbol('stop');
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const counts: Record<string, number> = {};
      let done = 0;
      const find = async (selector: string, ms = 15_000): Promise<HTMLElement> => {
        const end = performance.now() + ms;
        for (;;) {
          const el = document.querySelector<HTMLElement>(selector);
          if (el && !(el as HTMLButtonElement).disabled) return el;
          if (performance.now() > end)
            throw new Error(`never appeared: ${selector} (on ${location.pathname})`);
          await frame();
        }
      };
      const tap = (el: HTMLElement) => {
        const r = el.getBoundingClientRect();
        const init = {
          bubbles: true,
          cancelable: true,
          composed: true,
          isPrimary: true,
          pointerId: 1,
          pointerType: 'touch',
          clientX: r.x + r.width / 2,
          clientY: r.y + r.height / 2,
        };
        el.dispatchEvent(new PointerEvent('pointerdown', init));
        el.dispatchEvent(new PointerEvent('pointerup', init));
        el.click();
      };
      /** One screen change: tap `selector`, wait for `expect` (absent before) to show. */
      const change = async (kind: string, selector: string, expect: string) => {
        if (done >= total) throw STOP;
        tap(await find(selector));
        await find(expect);
        done++;
        counts[kind] = (counts[kind] ?? 0) + 1;
      };
      const home = () => change('home', '.control-bar .bar-button:nth-of-type(1)', '.home');
      const back = (expect: string) => change('back', '.control-bar .bar-button:nth-of-type(2)', expect);
      const topics = ['health', 'emergency', 'farming', 'digital', 'rumors', 'youth'];
      const modes = [
        '.quizzes .tiles--two li:nth-child(1) .tile__button',
        '.quizzes .tiles--two li:nth-child(2) .tile__button',
        ...topics.map((_, i) => `.quizzes .tiles--three li:nth-child(${i + 1}) .tile__button`),
      ];

      const readArticle = async (c: number) => {
        const topic = topics[c % topics.length];
        await change('topic', `.home .tile[data-topic="${topic}"] .tile__button`, '.topic .article-card');
        const cards = document.querySelectorAll('.article-card__button').length;
        const nth = (Math.floor(c / topics.length) % cards) + 1;
        await change(
          'article',
          `.article-list li:nth-child(${nth}) .article-card__button`,
          '.reader__article h1',
        );
        // The article in Vietnamese and back in Chinese (not screen changes).
        tap(await find('.control-bar__languages .bar-button:nth-of-type(2)'));
        await find('.reader__article[lang="vi"] h1');
        tap(await find('.control-bar__languages .bar-button:nth-of-type(1)'));
        await find('.reader__article[lang="zh-CN"] h1');
        await back('.topic .article-card');
        await home();
      };

      const playQuiz = async (c: number) => {
        await change('quizzes', '.home .tile--wide .tile__button', '.quizzes');
        await change(
          'quiz',
          modes[c % modes.length] ?? '',
          '.question:not(.question--answered) .answer, .selftest-age .big-button',
        );
        // The self-test asks the age band first (one tap, counted as its own screen change).
        if (document.querySelector('.selftest-age'))
          await change(
            'self-test age',
            '.selftest-age .big-button',
            '.question:not(.question--answered) .answer',
          );
        for (let q = 0; ; q++) {
          const question = await find('.question:not(.question--answered)');
          const id = question.dataset.question;
          const answers = question.querySelectorAll<HTMLElement>('.answer');
          const pick = answers[(c + q) % answers.length] ?? answers[0];
          if (!pick) throw new Error('a question without answers');
          if (question.dataset.type === 'multiple') {
            tap(pick);
            await change('quiz answer', '.quiz-check', '.question--answered .big-button');
          } else {
            if (done >= total) throw STOP;
            tap(pick);
            await find('.question--answered .big-button');
            done++;
            counts['quiz answer'] = (counts['quiz answer'] ?? 0) + 1;
          }
          await change(
            'quiz next',
            '.question--answered .big-button',
            `.quiz-result, .question:not(.question--answered):not([data-question="${id}"])`,
          );
          if (document.querySelector('.quiz-result')) break;
          // Every other quiz is left after two questions (Home discards it).
          if (c % 2 === 1 && q === 1) return home();
        }
        // Every other quiz: a suggested article, then Back finds the result again.
        if (c % 2 === 0 && document.querySelector('.suggestion')) {
          await change('article', '.suggestion', '.reader__article h1');
          await back('.quiz-result');
        }
        await home();
      };

      const lesson = async (c: number) => {
        await change('topic', '.home .tile[data-topic="digital"] .tile__button', '.lesson-card');
        const lessons = document.querySelectorAll('.lesson-card').length;
        await change(
          'lesson',
          `.lesson-list li:nth-child(${(c % lessons) + 1}) .lesson-card`,
          '.phone__screen',
        );
        // Two lessons in three are finished; the third is left halfway with Back.
        const leaveAt = c % 3 === 2 ? 3 : Number.POSITIVE_INFINITY;
        for (let s = 0; s < leaveAt; s++) {
          const screen = await find('.phone__screen');
          const at = (await find('.tutorial')).dataset.step;
          const next = `.tutorial--done, .tutorial:not([data-step="${at}"])`;
          const action = screen.dataset.action;
          if (action === 'type') {
            if (done >= total) throw STOP;
            // Each lit key in turn; the step changes with the last one.
            for (let k = 0; k < 40 && !document.querySelector(next); k++) {
              tap(await find('.ph-key.is-next'));
              await frame();
            }
            await find(next);
            done++;
            counts['lesson step'] = (counts['lesson step'] ?? 0) + 1;
          } else {
            await change('lesson step', action === 'tap' ? '.phone__target' : '.guide__do', next);
          }
          if (document.querySelector('.tutorial--done')) break;
        }
        if (document.querySelector('.tutorial--done')) await home();
        else {
          await back('.lesson-card');
          await home();
        }
      };

      let c = firstCycle;
      try {
        for (; c < untilCycle; c++) {
          await readArticle(c);
          if (c >= readOnlyFrom) continue;
          await playQuiz(c);
          await lesson(c);
        }
      } catch (error) {
        if (error !== STOP) throw error;
      }
      return { done, cycle: c + 1, counts, where: location.pathname };
    },
    { total, cycle, untilCycle, readOnlyFrom },
  );
}

/** Thousands of screen changes (with idle resets): heap after GC, DOM nodes and listeners. */
async function memory(hub: UpdateHub, context: BrowserContext, transitions: number, resets: number) {
  const page = await context.newPage();
  await warmUp(hub, page, IDLE_QUERY);
  await page.goto(`${hub.url}/${IDLE_QUERY}`);
  await page.locator('.home').waitFor();
  const cdp = await context.newCDPSession(page);
  const measure = async () => {
    await page.waitForTimeout(1000); // let the screen settle (effects, images, idle callbacks)
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    return { heap: heap.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
  };
  const counts: Record<string, number> = {};
  let cycle = 0;
  const batch = async (n: number, label: string, options?: { untilCycle: number; readOnlyFrom: number }) => {
    const result = await within(
      driveInPage(page, n, cycle, options),
      Math.max(60_000, n * 60),
      `${label} (${n} screen changes)`,
    );
    cycle = result.cycle;
    for (const [k, v] of Object.entries(result.counts)) counts[k] = (counts[k] ?? 0) + v;
    return result;
  };
  // An idle reset the real way: no input until the warning has run out, then a tap on the
  // attract screen. Two screen changes: to the attract screen and back to home.
  const idleReset = async () => {
    const t0 = Date.now();
    await page.locator('.attract__button').waitFor({ timeout: (IDLE_S + WARN_S + 30) * 1000 });
    await page.locator('.attract__button').click();
    await page.locator('.home').waitFor();
    counts['idle reset'] = (counts['idle reset'] ?? 0) + 1;
    counts.attract = (counts.attract ?? 0) + 1;
    return Date.now() - t0;
  };

  // Warm up: 42 cycles open every article (in both languages), the first 8 also every quiz
  // mode and every lesson, so lazy screens, dictionaries and the content store's per-pack
  // caches are loaded before the baseline; the measured run then repeats the same cycles.
  step('memory: warm-up tour of every screen');
  const warm = await batch(3000, 'warm-up', { untilCycle: 42, readOnlyFrom: 8 });
  step(`memory: warm-up made ${warm.done} screen changes`);
  cycle = 0;
  step('memory: warm-up idle reset (35 s of no input)');
  await idleReset();
  for (const k of Object.keys(counts)) delete counts[k];
  const before = await measure();
  step(
    `memory: baseline ${(before.heap / 2 ** 20).toFixed(2)} MB, ${before.nodes} nodes, ${before.listeners} listeners`,
  );

  // The measured run: `transitions` screen changes in `resets` stretches, each ending with
  // an idle reset wherever the resident stopped.
  let done = 0;
  for (let r = 0; r < resets; r++) {
    const n = Math.floor((transitions - done) / (resets - r)) - 2;
    const result = await batch(n, `batch ${r + 1}/${resets}`);
    done += result.done;
    step(`memory: ${done}/${transitions} screen changes, left at ${result.where}; waiting for idle reset`);
    const ms = await idleReset();
    done += 2;
    step(`memory: idle reset ${r + 1}/${resets} after ${(ms / 1000).toFixed(1)} s`);
  }
  const after = await measure();
  step(
    `memory: after ${(after.heap / 2 ** 20).toFixed(2)} MB, ${after.nodes} nodes, ${after.listeners} listeners`,
  );
  await page.close();
  const mix = Object.entries(counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const mb = (after.heap - before.heap) / 2 ** 20;
  return {
    rows: [
      {
        figure: `JS heap growth after ${done} screen changes and ${resets} idle resets (after GC)`,
        measured: mb,
        budget: 1,
        unit: 'MB',
        lowerIsBetter: true,
        note: `${(before.heap / 2 ** 20).toFixed(2)} → ${(after.heap / 2 ** 20).toFixed(2)} MB`,
      },
      {
        figure: 'DOM nodes after the run vs baseline (home screen)',
        measured: after.nodes - before.nodes,
        budget: 0,
        unit: 'extra',
        lowerIsBetter: true,
        note: `${before.nodes} → ${after.nodes}`,
      },
      {
        figure: 'event listeners after the run vs baseline (home screen)',
        measured: after.listeners - before.listeners,
        budget: 0,
        unit: 'extra',
        lowerIsBetter: true,
        note: `${before.listeners} → ${after.listeners}`,
      },
    ] satisfies Row[],
    mix,
  };
}

/** Bytes on the wire for a one-article change, and install speed against raw fetches. */
async function update(hub: UpdateHub, context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  // No service worker here (the hub's log must see every request, and the raw fetches below
  // must be plain network fetches): the kiosk installs its built-in pack over the network.
  await page.goto(`${hub.url}/article/${ARTICLE}`);
  await page.locator('.reader__article h1').waitFor();
  // The kiosk's own first update check runs 10 s after start; let it pass, so that it does
  // not land inside the measured window.
  step('update: waiting for the kiosk’s first update check');
  await waitUntil(
    () => hub.requests.includes('/api/v1/trust/timestamp'),
    30_000,
    'the kiosk’s first update check',
  );
  await page.waitForTimeout(1000);
  const have = new Set(
    (
      (await (await fetch(`${hub.url}/pack/manifest.json`)).json()) as {
        signed: { files: Array<{ sha256: string }> };
      }
    ).signed.files.map((f) => f.sha256),
  );
  const one = await hub.publish({ [`articles/health/${ARTICLE}/zh-CN.md`]: '基准测试：改动一段话。' });
  const changed = one.manifest.files.filter((f) => !have.has(f.sha256));
  const mark = hub.responses.length;
  step('update: one-article change, check now');
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: String(one.version) })
    .waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const wire = hub.responses.slice(mark).filter((r) => /^\/api\/v1\/(packs|blobs|trust)\//.test(r.path));
  const manifests = wire.filter((r) => r.path.startsWith('/api/v1/packs/'));
  const manifestBytes = manifests[0]?.bytes ?? 0;
  const wireBytes = wire.reduce((s, r) => s + r.bytes, 0);
  const changedBytes = changed.reduce((s, f) => s + f.size, 0);
  await page.getByRole('button', { name: '立即切换' }).click();
  await page.waitForTimeout(1000);

  // Every article changed: install throughput against plain fetches of the same blobs.
  step('update: every article changed, check now');
  const all = await hub.publishAll('基准测试：每篇都改了。');
  const have2 = new Set(one.manifest.files.map((f) => f.sha256));
  const many = all.manifest.files.filter((f) => !have2.has(f.sha256));
  await page.goto(`${hub.url}/`);
  await page.locator('.home').waitFor();
  await openMaintenance(page);
  // Timed inside the page, from the tap on "check now" to the status naming the new version
  // (so Playwright's own polling is not counted).
  await page.evaluate((version) => {
    const w = window as unknown as { __install: Promise<number> };
    w.__install = new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('click', () => (t0 = performance.now()), { capture: true, once: true });
      const seen = () =>
        [...document.querySelectorAll('[role="status"]')].some((el) => el.textContent?.includes(version));
      new MutationObserver((_, observer) => {
        if (t0 && seen()) {
          observer.disconnect();
          resolve(performance.now() - t0);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, String(all.version));
  await page.getByRole('button', { name: '检查更新' }).click();
  const installMs = await within(
    page.evaluate(() => (window as unknown as { __install: Promise<number> }).__install),
    120_000,
    `installing pack ${all.version}`,
  );
  step(
    `update: installed ${many.length} blobs in ${installMs.toFixed(0)} ms; raw fetch of the same, 3 times`,
  );
  const raw: number[] = [];
  for (let i = 0; i < 3; i++) {
    raw.push(
      await within(
        page.evaluate(
          async ({ base, hashes }) => {
            const start = performance.now();
            let next = 0;
            const worker = async () => {
              while (next < hashes.length) {
                const sha = hashes[next++];
                await (await fetch(`${base}/api/v1/blobs/${sha}`, { cache: 'no-store' })).arrayBuffer();
              }
            };
            await Promise.all([worker(), worker(), worker(), worker()]);
            return performance.now() - start;
          },
          { base: hub.url, hashes: many.map((f) => f.sha256) },
        ),
        60_000,
        'raw fetch of the blobs',
      ),
    );
  }
  const rawMs = median(raw);
  await page.close();
  return [
    {
      figure: 'bytes on the wire for a one-article change vs changed bytes + manifest',
      measured: wireBytes / (changedBytes + manifestBytes),
      budget: 1.05,
      unit: '×',
      lowerIsBetter: true,
      note: `${wireBytes} B = ${changed.length} blob(s) ${changedBytes} B + ${manifests.length} manifest(s) ${manifestBytes} B + trust metadata ${wireBytes - changedBytes - manifestBytes} B (timestamp, root probe)`,
    },
    {
      figure: `install throughput vs raw loopback fetch (${many.length} blobs)`,
      measured: rawMs / installMs,
      budget: 0.5,
      unit: '×',
      lowerIsBetter: false,
      note: `install ${installMs.toFixed(0)} ms (manifest, verify, store, UI) vs fetch ${rawMs.toFixed(0)} ms (median of 3)`,
    },
  ];
}

/** Runs the browser benchmarks; returns their rows and the Chromium version. */
export async function benchBrowser(): Promise<{ rows: Row[]; chromium: string }> {
  const dist = resolve(process.env.KEPU_OUT_DIR ?? 'dist');
  for (const file of ['index.html', 'blank.html', 'sw.js']) {
    if (!existsSync(join(dist, file)))
      throw new Error(`${join(dist, file)} is missing: build first (KEPU_OUT_DIR=${dist} npx vite build)`);
  }
  const transitions = Number(process.env.BENCH_TRANSITIONS ?? 5000);
  const resets = Number(process.env.BENCH_IDLE_RESETS ?? 4);
  step(`browser: hub on ${dist}`);
  const hub = await startUpdateHub();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  // BENCH_PHASES=taps,memory runs only those (for working on one); the default is all four.
  const phases = (process.env.BENCH_PHASES ?? 'cold,taps,memory,update').split(',');
  try {
    const rows: Row[] = [];
    if (phases.includes('cold')) rows.push(await phase('cold start', 180, () => coldStart(hub)));
    const context = await newContext(browser);
    if (phases.includes('taps')) rows.push(await phase('taps', 240, () => taps(hub, context)));
    if (phases.includes('memory')) {
      const limit = 120 + (resets + 1) * (IDLE_S + WARN_S + 30) + transitions * 0.06;
      const mem = await phase('memory', Math.round(limit), () => memory(hub, context, transitions, resets));
      step(`memory: the mix was ${mem.mix}`);
      rows.push(...mem.rows);
    }
    await context.close();
    if (phases.includes('update')) {
      const updateContext = await newContext(browser, { serviceWorkers: 'block' });
      rows.push(...(await phase('update', 300, () => update(hub, updateContext))));
      await updateContext.close();
    }
    return { rows, chromium: browser.version() };
  } finally {
    await browser.close();
    await hub.close();
  }
}

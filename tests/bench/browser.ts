/**
 * Browser benchmarks in real Chromium against a real hub: offline cold start, tap to next
 * paint, memory over thousands of screen changes, and content update cost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.ts';
import { openMaintenance } from '../support/kiosk.ts';
import { startUpdateHub, type UpdateHub } from '../support/update-hub.ts';
import { median, percentile, type Row } from './lib.ts';

const VIEWPORT = { width: 1920, height: 1080 };
const ARTICLE = 'dengue-mosquito-control';

async function persistent(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
  });
}

async function throttle(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** First visit online: service worker installed, content pack in the content cache. */
async function warmUp(hub: UpdateHub, page: Page): Promise<void> {
  await page.goto(`${hub.url}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.goto(`${hub.url}/article/${ARTICLE}`);
  await page.locator('.reader__article h1').waitFor();
}

/** Cold start, offline, 4x CPU throttling: kiosk interactive vs a blank page from the same worker. */
async function coldStart(hub: UpdateHub): Promise<Row> {
  const profile = await mkdtemp(join(tmpdir(), 'kepu-cold-'));
  try {
    let context = await persistent(profile);
    await warmUp(hub, context.pages()[0] ?? (await context.newPage()));
    await context.close();
    const kiosk: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const which of ['blank', 'kiosk'] as const) {
        context = await persistent(profile);
        await context.setOffline(true);
        const page = context.pages()[0] ?? (await context.newPage());
        await throttle(page, 4);
        if (which === 'blank') {
          await page.goto(`${hub.url}/blank.html`, { waitUntil: 'load' });
          blank.push(
            await page.evaluate(
              () =>
                (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
            ),
          );
        } else {
          await page.goto(`${hub.url}/`);
          await page.waitForFunction(() => performance.getEntriesByName('kiosk-interactive').length > 0);
          kiosk.push(
            await page.evaluate(() => performance.getEntriesByName('kiosk-interactive')[0]?.startTime ?? 0),
          );
        }
        await context.close();
      }
    }
    return {
      figure: 'offline cold start to interactive home vs blank page (4x CPU throttling)',
      measured: median(kiosk) / median(blank),
      budget: 1.5,
      unit: '×',
      lowerIsBetter: true,
      note: `median ${median(kiosk).toFixed(0)} ms vs ${median(blank).toFixed(0)} ms`,
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
  await throttle(page, 4);
  await page.evaluate(() => {
    const w = window as unknown as { __events: Array<{ id: number; d: number }> };
    w.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEventTiming & { interactionId?: number }>) {
        if (e.interactionId) w.__events.push({ id: e.interactionId, d: e.duration });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
  let count = 0;
  const tap = async (selector: string) => {
    await page.locator(selector).first().click();
    count++;
  };
  while (count < 200) {
    const i = count % 6;
    await tap(`.tiles .tile__button >> nth=${i}`);
    await tap('.article-card__button');
    await page.locator('.reader__article h1').waitFor();
    await tap('.reader__tools .tool-button >> nth=1');
    await tap('.control-bar .bar-button >> nth=1');
    await tap('.control-bar .bar-button >> nth=0');
  }
  await page.waitForTimeout(500);
  const events = await page.evaluate(
    () => (window as unknown as { __events: Array<{ id: number; d: number }> }).__events,
  );
  const worst = new Map<number, number>();
  for (const e of events) worst.set(e.id, Math.max(worst.get(e.id) ?? 0, e.d));
  // Interactions that produced no entry took under the 16 ms reporting threshold.
  const durations = [...worst.values(), ...Array(Math.max(0, count - worst.size)).fill(16)];
  await page.close();
  return {
    figure: `tap to next paint p95 over ${count} taps (4x CPU throttling)`,
    measured: percentile(durations, 95),
    budget: 50,
    unit: 'ms',
    lowerIsBetter: true,
    note: `${worst.size} taps over 16 ms, worst ${Math.max(0, ...worst.values()).toFixed(0)} ms`,
  };
}

/** Thousands of screen changes (with idle resets): heap after GC, DOM nodes and listeners. */
async function memory(hub: UpdateHub, context: BrowserContext, transitions: number): Promise<Row[]> {
  const page = await context.newPage();
  await warmUp(hub, page);
  await page.clock.install();
  await page.goto(`${hub.url}/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners') };
  };
  // The screen changes run inside the page, clicking like a finger, waiting for each screen.
  const run = (n: number) =>
    page.evaluate(async (total) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const waitFor = async (selector: string) => {
        for (let i = 0; i < 500; i++) {
          const el = document.querySelector<HTMLElement>(selector);
          if (el) return el;
          await frame();
        }
        throw new Error(`never appeared: ${selector}`);
      };
      const click = async (selector: string) => (await waitFor(selector)).click();
      let done = 0;
      for (let cycle = 0; done < total; cycle++) {
        await click(`.tiles li:nth-child(${(cycle % 6) + 1}) .tile__button`);
        await click('.article-card__button');
        await waitFor('.reader__article h1');
        await click('.control-bar .bar-button:nth-of-type(2)');
        await click('.control-bar .bar-button:nth-of-type(1)');
        // A quiz: the quiz area, the first mode, one answer, then home (the quiz is discarded).
        await click('.tiles li:nth-child(7) .tile__button');
        await click('.quizzes .tiles li:nth-child(1) .tile__button');
        await click('.answers button');
        await click('.control-bar .bar-button:nth-of-type(1)');
        done += 8;
      }
      return done;
    }, n);
  let done = await run(60);
  await page.clock.runFor(200_000); // an idle reset
  await page.locator('.attract__button').click();
  const before = await measure();
  let resets = 1;
  while (done < transitions) {
    done += await run(Math.min(600, transitions - done));
    await page.clock.runFor(200_000);
    await page.locator('.attract__button').click();
    resets++;
  }
  const after = await measure();
  await page.close();
  const mb = (after.heap - before.heap) / 2 ** 20;
  return [
    {
      figure: `JS heap growth after ${done} screen changes and ${resets} idle resets (after GC)`,
      measured: mb,
      budget: 1,
      unit: 'MB',
      lowerIsBetter: true,
      note: `${(before.heap / 2 ** 20).toFixed(1)} → ${(after.heap / 2 ** 20).toFixed(1)} MB`,
    },
    {
      figure: 'DOM nodes and event listeners back at baseline (home screen)',
      measured: after.nodes - before.nodes + (after.listeners - before.listeners),
      budget: 0,
      unit: 'extra',
      lowerIsBetter: true,
      note: `nodes ${before.nodes} → ${after.nodes}, listeners ${before.listeners} → ${after.listeners}`,
    },
  ];
}

/** Bytes on the wire for a one-article change, and install speed against raw fetches. */
async function update(hub: UpdateHub, context: BrowserContext): Promise<Row[]> {
  const page = await context.newPage();
  await warmUp(hub, page);
  const have = new Set(
    (
      (await (await fetch(`${hub.url}/pack/manifest.json`)).json()) as {
        manifest: { files: Array<{ sha256: string }> };
      }
    ).manifest.files.map((f) => f.sha256),
  );
  const one = await hub.publish({ [`articles/health/${ARTICLE}/zh-CN.md`]: '基准测试：改动一段话。' });
  const changed = one.manifest.files.filter((f) => !have.has(f.sha256));
  const mark = hub.responses.length;
  await openMaintenance(page);
  await page.getByRole('button', { name: '检查更新' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: String(one.version) })
    .waitFor();
  const wire = hub.responses.slice(mark).filter((r) => r.path.startsWith('/api/v1/'));
  const manifestBytes = wire.find((r) => r.path.endsWith('/manifest'))?.bytes ?? 0;
  const wireBytes = wire.reduce((s, r) => s + r.bytes, 0);
  const changedBytes = changed.reduce((s, f) => s + f.size, 0);
  await page.getByRole('button', { name: '立即切换' }).click();

  // Many changed files: install throughput against plain fetches of the same blobs.
  const all = await hub.publishAll('基准测试：每篇都改了。');
  const have2 = new Set(one.manifest.files.map((f) => f.sha256));
  const many = all.manifest.files.filter((f) => !have2.has(f.sha256));
  await openMaintenance(page);
  const t0 = Date.now();
  await page.getByRole('button', { name: '检查更新' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: String(all.version) })
    .waitFor({ timeout: 120_000 });
  const installMs = Date.now() - t0;
  const rawMs = await page.evaluate(
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
  );
  await page.close();
  return [
    {
      figure: 'bytes on the wire for a one-article change vs changed bytes + manifest',
      measured: wireBytes / (changedBytes + manifestBytes),
      budget: 1.05,
      unit: '×',
      lowerIsBetter: true,
      note: `${wireBytes} B = ${changed.length} blob(s) ${changedBytes} B + manifest ${manifestBytes} B`,
    },
    {
      figure: `install throughput vs raw loopback fetch (${many.length} blobs)`,
      measured: rawMs / installMs,
      budget: 0.5,
      unit: '×',
      lowerIsBetter: false,
      note: `install ${installMs} ms (verify + store + UI) vs fetch ${rawMs.toFixed(0)} ms`,
    },
  ];
}

/** Runs the browser benchmarks; returns their rows and the Chromium version. */
export async function benchBrowser(): Promise<{ rows: Row[]; chromium: string }> {
  const hub = await startUpdateHub();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const rows: Row[] = [await coldStart(hub)];
    const context = await browser.newContext({ viewport: VIEWPORT });
    // tsx keeps function names with a __name helper that page functions cannot see.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    rows.push(await taps(hub, context));
    rows.push(...(await memory(hub, context, Number(process.env.BENCH_TRANSITIONS ?? 5000))));
    await context.close();
    const updateContext = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
    rows.push(...(await update(hub, updateContext)));
    await updateContext.close();
    return { rows, chromium: browser.version() };
  } finally {
    await browser.close();
    await hub.close();
  }
}

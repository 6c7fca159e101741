import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../../protocol/reports.ts';
import { rollupUptime } from '../jobs.ts';
import { startTestHub, type TestHub } from '../test-hub.ts';
import type { PeriodReport } from './model.ts';
import { MONTH, SEED_STATIONS, type SeededMonth, seedMonth } from './test-month.ts';

let hub: TestHub;
let viewer: Record<string, string>;
let seeded: SeededMonth;
let report: PeriodReport;
const dir = join(tmpdir(), `kepu-report-${process.pid}`);
const range = `from=${MONTH.from}&to=${MONTH.to}`;

const get = async (path: string) => {
  const res = await fetch(`${hub.url}/api/v1/admin${path}`, { headers: viewer });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res;
};
const json = async <T>(path: string) => (await (await get(path)).json()) as T;
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  hub = await startTestHub({ publish: true });
  seeded = await seedMonth(hub);
  // What the hub's uptime job does every 10 minutes.
  await rollupUptime({ store: hub.store, now: () => hub.clock.now } as never);
  viewer = await hub.login('viewer');
  report = await json<PeriodReport>(`/period-reports/${MONTH.key}`);
}, 120_000);
afterAll(async () => {
  await hub?.close();
  // KEPU_REPORT_KEEP=1 keeps the PDFs and page images to look at.
  if (process.env.KEPU_REPORT_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
});

describe('the monthly report of a seeded month', () => {
  it('takes every table from the JSON reports for the same range, number by number', async () => {
    for (const name of Object.keys(report.tables)) {
      expect(REPORTS).toContain(name);
      const served = await json<{ columns: string[]; rows: unknown[] }>(`/reports/${name}?${range}`);
      expect(report.tables[name], name).toEqual({ columns: served.columns, rows: served.rows });
    }
    const overview = await json<{ rows: Array<{ metric: string; count: number }> }>(
      `/reports/overview?${range}`,
    );
    const count = (m: string) => overview.rows.find((r) => r.metric === m)?.count ?? 0;
    // The seeded counters, added by hand: nothing from 31 October or 1 December.
    expect(report.totals.opens).toBe(40 + 12 + 9 + 15 + 22);
    expect(report.totals.opens).toBe(count('article_open'));
    expect(report.totals.completions).toBe(25 + 3 + 6 + 18);
    expect(report.totals.completionRate).toBe(Math.round((52 / 98) * 1000) / 10);
    expect(report.totals.quizzes).toBe(count('quiz_complete'));
    expect(report.totals.tutorialStarts).toBe(20);
    const articles = await json<{ rows: Array<{ article: string }> }>(`/reports/articles?${range}`);
    expect(report.mostRead.map((a) => a.article)).toEqual(articles.rows.map((a) => a.article));
    // Hardest first: 6 of 25 chose the right option of the single-choice question, 7 of 20 the right true/false.
    expect(report.questions.map((q) => [q.question, q.correctShare])).toEqual([
      ['health-boil-single', 24],
      ['health-boil-truefalse', 35],
    ]);
    const tutorials = await json<{ rows: unknown[] }>(`/reports/tutorials?${range}`);
    expect(report.tutorials).toEqual(tutorials.rows);
  });

  it('counts kiosks online and uptime from heartbeats, per station and in all', () => {
    const { fleet } = report;
    expect(fleet.enrolled).toBe(4);
    expect(fleet.reporting).toBe(3);
    const byName = new Map(fleet.stations.map((s) => [s.name, s]));
    //老卡: 28 of 30 days up; 马鞍底: the first 20 days; 北山: from its first heartbeat on the 10th.
    expect(seeded.slots).toEqual([28 * 96, 20 * 96, 21 * 96, 0]);
    expect(byName.get(SEED_STATIONS[0].name)).toMatchObject({
      slotsOnline: 2688,
      slotsPossible: 2880,
      uptimeShare: 93.3,
    });
    expect(byName.get(SEED_STATIONS[1].name)).toMatchObject({
      slotsOnline: 1920,
      slotsPossible: 2880,
      uptimeShare: 66.7,
    });
    expect(byName.get(SEED_STATIONS[2].name)).toMatchObject({ daysReporting: 21, uptimeShare: 100 });
    expect(byName.get(SEED_STATIONS[3].name)).toMatchObject({
      slotsOnline: 0,
      slotsPossible: 0,
      uptimeShare: null,
    });
    expect(fleet.uptimeShare).toBe(Math.round((6624 / 7776) * 1000) / 10);
  });

  it('gives the self-test indicator per town as the console does, against the 12 % goal', async () => {
    const served = await json<{ rows: Array<{ town: string }>; total: unknown }>(
      `/selftest?${range}&by=town`,
    );
    expect(report.selfTest.towns).toEqual(served.rows);
    expect(report.selfTest.total).toEqual(served.total);
    expect(report.selfTest.towns.find((t) => t.town === '南溪镇')).toMatchObject({
      completed: 35,
      passed: 6,
    });
    expect(report.selfTest.goalPercent).toBe(12);
    expect(report.selfTest.note).toMatch(/not a survey/);
  });

  it('narrows to a town or a group with the same figures as the filtered JSON reports', async () => {
    const town = await json<PeriodReport>(
      `/period-reports/${MONTH.key}?scope=town&value=${encodeURIComponent('南溪镇')}`,
    );
    const topics = await json<{ rows: unknown[] }>(
      `/reports/topics?${range}&town=${encodeURIComponent('南溪镇')}`,
    );
    expect(town.topics).toEqual(topics.rows);
    expect(town.fleet.enrolled).toBe(2);
    expect(town.totals.opens).toBe(40 + 12 + 9 + 15);
    const group = await json<PeriodReport>(`/period-reports/${MONTH.key}?scope=group&value=hekou`);
    expect(group.totals.opens).toBe(22);
    expect(group.selfTest.towns).toEqual([
      expect.objectContaining({ town: '河口镇', completed: 20, passed: 3 }),
    ]);
  });

  it('prints an A4 PDF in Chinese and in English with the fonts embedded and the station names in it', async () => {
    for (const lang of ['zh-CN', 'en', 'vi'] as const) {
      const res = await get(`/period-reports/${MONTH.key}?format=pdf&lang=${lang}`);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = join(dir, `report-${lang}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
      const text = pdfText(file);
      for (const s of SEED_STATIONS) expect(text, `${lang}: ${s.name}`).toContain(s.name);
      // The headline figures as printed.
      expect(text).toContain('98');
      expect(text).toMatch(/3\s?\/\s?4/);
      expect(text).toMatch(/85[.,]2 %/);
      expect(text).toContain('12%');
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(4);
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(dir, `page-${lang}`)]);
      const images = readdirSync(dir).filter((f) => f.startsWith(`page-${lang}`) && f.endsWith('.png'));
      expect(images).toHaveLength(pages);
      // A drawn page is far larger than a blank one (a blank A4 PNG at 60 dpi is about 2 KB).
      for (const image of images) expect(readFileSync(join(dir, image)).length).toBeGreaterThan(8_000);
    }
    const zh = pdfText(join(dir, 'report-zh-CN.pdf'));
    expect(zh).toContain('科普e站月度报告');
    expect(zh).toContain('这不是抽样调查');
    const en = pdfText(join(dir, 'report-en.pdf'));
    expect(en).toContain('monthly report');
    expect(en).toContain('this is not a survey');
  }, 120_000);

  it('gives each table as CSV with the JSON report’s numbers', async () => {
    const csv = await (await get(`/period-reports/${MONTH.key}?format=csv&table=uptime`)).text();
    const lines = csv.replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('station,name,town,group,daysReporting,slotsOnline,slotsPossible,uptimeShare');
    expect(lines.some((l) => l.includes(SEED_STATIONS[0].name) && l.endsWith(',2688,2880,93.3'))).toBe(true);
    const summary = await (await get(`/period-reports/${MONTH.key}?format=csv`)).text();
    expect(summary).toContain('opens,98');
  });

  it('lists the last 12 months with the same headline figures', async () => {
    const list = await json<{ periods: Array<Record<string, unknown>> }>('/period-reports?kind=monthly');
    expect(list.periods).toHaveLength(13);
    expect(list.periods[0]?.period).toBe('2026-12');
    expect(list.periods[1]).toMatchObject({
      period: '2026-11',
      stationsEnrolled: 4,
      stationsReporting: 3,
      uptimeShare: report.fleet.uptimeShare,
      opens: report.totals.opens,
      completions: report.totals.completions,
      quizzes: report.totals.quizzes,
    });
    expect(list.periods[12]?.period).toBe('2025-12');
    const refused = await fetch(`${hub.url}/api/v1/admin/period-reports/2026-13`, { headers: viewer });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: 'NOT_FOUND' });
    const noValue = await fetch(`${hub.url}/api/v1/admin/period-reports/2026-11?scope=town`, {
      headers: viewer,
    });
    expect(noValue.status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../protocol/reports.ts';
import type { Counter } from '../protocol/usage.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
let viewer: Record<string, string>;
let north: { stationId: string; token: string };
let south: { stationId: string; token: string };
const day = '2026-03-10';

async function ingest(token: string, counters: Array<Omit<Counter, 'day'> & { day?: string }>) {
  const res = await fetch(`${hub.url}/api/v1/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ batchId: crypto.randomUUID(), counters: counters.map((c) => ({ day, ...c })) }),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  hub = await startTestHub({ publish: true });
  hub.clock.now = new Date(`${day}T12:00:00Z`);
  viewer = await hub.login('viewer');
  north = await hub.enroll('north');
  south = await hub.enroll('south');
  await ingest(north.token, [
    { metric: 'article_open', key: 'boil-water', count: 10 },
    { metric: 'article_complete', key: 'boil-water', count: 4 },
    { metric: 'article_open', key: 'flood-escape', count: 3 },
    { metric: 'read_aloud', key: 'article:boil-water', count: 2 },
    { metric: 'quiz_start', key: 'topic:health', count: 6 },
    { metric: 'quiz_complete', key: 'topic:health', count: 5 },
    // Scores in tenths: 3 people got 80 %, 2 got 50 % -> average 68 %.
    { metric: 'quiz_score', key: 'topic:health/8', count: 3 },
    { metric: 'quiz_score', key: 'topic:health/5', count: 2 },
    { metric: 'quiz_option', key: 'health-boil-single/0', count: 3 },
    { metric: 'quiz_option', key: 'health-boil-single/1', count: 7 },
    { metric: 'quiz_option', key: 'health-boil-truefalse/false', count: 8 },
    { metric: 'quiz_option', key: 'health-boil-truefalse/true', count: 2 },
    { metric: 'tutorial_start', key: 'phone-pay', count: 10 },
    { metric: 'tutorial_step', key: 'phone-pay/1', count: 9 },
    { metric: 'tutorial_step', key: 'phone-pay/2', count: 4 },
    { metric: 'tutorial_complete', key: 'phone-pay', count: 3 },
    { metric: 'language', key: 'vi', count: 3 },
    { metric: 'language', key: 'en', count: 1 },
    { metric: 'large_text', key: 'on', count: 5 },
  ]);
  await ingest(south.token, [
    { metric: 'article_open', key: 'boil-water', count: 2, day: '2026-03-09' },
    { metric: 'quiz_option', key: 'health-boil-single/0', count: 1 },
  ]);
});
afterAll(() => hub.close());

const report = async (name: string, query = `from=2026-03-01&to=2026-03-31`) => {
  const res = await fetch(`${hub.url}/api/v1/admin/reports/${name}?${query}`, { headers: viewer });
  expect(res.status, name).toBe(200);
  return res.json();
};
const csv = async (name: string, query = `from=2026-03-01&to=2026-03-31`) => {
  const res = await fetch(`${hub.url}/api/v1/admin/reports/${name}?${query}&format=csv`, { headers: viewer });
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  return (await res.text()).replace('\ufeff', '');
};

describe('usage reports', () => {
  it('gives top articles with opens, completions and completion rate', async () => {
    const { rows } = await report('articles');
    expect(rows[0]).toEqual({
      article: 'boil-water',
      topic: 'health',
      title: '喝开水，不喝生水',
      opens: 12,
      completions: 4,
      completionRate: 33.3,
      readAloud: 2,
      qrShown: 0,
    });
    expect(rows[1]).toMatchObject({ article: 'flood-escape', opens: 3, completions: 0, completionRate: 0 });
    const topics = await report('topics');
    expect(topics.rows).toEqual([
      { topic: 'emergency', articles: 1, opens: 3, completions: 0, completionRate: 0 },
      { topic: 'health', articles: 1, opens: 12, completions: 4, completionRate: 33.3 },
    ]);
    expect((await report('articles', 'from=2026-03-01&to=2026-03-31&topic=emergency')).rows).toHaveLength(1);
  });

  it('filters by station, town and group, and breaks down by each', async () => {
    const one = await report('articles', `from=2026-03-01&to=2026-03-31&station=${south.stationId}`);
    expect(one.rows).toEqual([expect.objectContaining({ article: 'boil-water', opens: 2 })]);
    const byGroup = await report('groups');
    expect(byGroup.rows).toEqual([
      { group: 'north', opens: 13, completions: 4, quizzes: 5, tutorials: 3 },
      { group: 'south', opens: 2, completions: 0, quizzes: 0, tutorials: 0 },
    ]);
    const stations = await report('stations', 'from=2026-03-01&to=2026-03-31&group=north');
    expect(stations.rows).toEqual([
      expect.objectContaining({ station: north.stationId, opens: 13, town: '河口镇' }),
    ]);
    expect((await report('towns')).rows).toEqual([
      { town: '河口镇', opens: 15, completions: 4, quizzes: 5, tutorials: 3 },
    ]);
    const days = await report('days');
    expect(days.rows).toEqual([
      { day: '2026-03-09', opens: 2, completions: 0, quizzes: 0 },
      { day: '2026-03-10', opens: 13, completions: 4, quizzes: 5 },
    ]);
  });

  it('gives quiz completions and the average score from the score buckets', async () => {
    const { rows } = await report('quizzes');
    expect(rows).toEqual([{ quiz: 'topic:health', starts: 6, completions: 5, scored: 5, averageScore: 68 }]);
  });

  it('gives per-question correctness from the live quiz bank, hardest first, with the option spread', async () => {
    const { rows } = await report('questions');
    expect(rows[0]).toMatchObject({
      question: 'health-boil-single',
      topic: 'health',
      text: '井水怎样喝最安全？',
      type: 'single',
      answers: 11,
      correct: 4,
      correctShare: 36.4,
      correctOption: '1',
      option1: 4,
      option2: 7,
      option3: null,
    });
    expect(rows[1]).toMatchObject({
      question: 'health-boil-truefalse',
      answers: 10,
      correct: 8,
      correctShare: 80,
      correctOption: '2',
      option1: 2,
      option2: 8,
    });
  });

  it('gives the tutorial funnel per step, the language split and large-text use', async () => {
    expect((await report('tutorials')).rows).toEqual([
      { tutorial: 'phone-pay', stage: 'start', count: 10, shareOfStarts: 100 },
      { tutorial: 'phone-pay', stage: 'step 1', count: 9, shareOfStarts: 90 },
      { tutorial: 'phone-pay', stage: 'step 2', count: 4, shareOfStarts: 40 },
      { tutorial: 'phone-pay', stage: 'complete', count: 3, shareOfStarts: 30 },
    ]);
    expect((await report('languages')).rows).toEqual([
      { language: 'en', count: 1, share: 25 },
      { language: 'vi', count: 3, share: 75 },
    ]);
    const overview = await report('overview');
    expect(overview.rows).toContainEqual({ metric: 'large_text', count: 5 });
  });

  it('exports every report as CSV with the same columns and numbers as the JSON', async () => {
    const { reports } = await (await fetch(`${hub.url}/api/v1/admin/reports`, { headers: viewer })).json();
    expect(reports).toEqual([...REPORTS]);
    for (const name of reports) {
      const json = await report(name);
      const lines = (await csv(name)).trimEnd().split('\r\n');
      expect(lines[0], name).toBe(json.columns.join(','));
      expect(lines).toHaveLength(json.rows.length + 1);
      json.rows.forEach((row: Record<string, unknown>, i: number) => {
        const cells = json.columns.map((c: string) => (row[c] === null ? '' : String(row[c])));
        // Titles contain no commas or quotes here, so a plain split is exact.
        expect(lines[i + 1]?.split(','), `${name} row ${i}`).toEqual(cells);
      });
    }
  });

  it('refuses bad ranges and unknown reports', async () => {
    const get = (path: string) => fetch(`${hub.url}/api/v1/admin/reports/${path}`, { headers: viewer });
    expect((await get('articles?from=2026-03-31&to=2026-03-01')).status).toBe(400);
    expect((await get('articles?from=2026-03-01')).status).toBe(400);
    expect((await get('articles?from=2026-03-01&to=2026-03-02&topic=cooking')).status).toBe(400);
    expect((await get('faces?from=2026-03-01&to=2026-03-02')).status).toBe(404);
  });
});

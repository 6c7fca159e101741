import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counter } from '../protocol/usage.ts';
import { startTestHub, type TestHub } from './test-hub.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub.close());

const api = (path: string, init: RequestInit = {}) => fetch(`${hub.url}/api/v1/admin${path}`, init);

/** A station in `town`, enrolled the way a kiosk does it. */
async function station(name: string, town: string): Promise<{ id: string; token: string }> {
  const headers = await hub.login('admin');
  const created = await api('/stations', {
    method: 'POST',
    headers,
    body: JSON.stringify({ name, town, group: 'hekou' }),
  });
  const { enrollmentCode } = (await created.json()) as { enrollmentCode: string };
  const res = await fetch(`${hub.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: enrollmentCode }),
  });
  const { stationId, token } = (await res.json()) as { stationId: string; token: string };
  return { id: stationId, token };
}

async function upload(token: string, counters: Counter[]): Promise<void> {
  const res = await fetch(`${hub.url}/api/v1/usage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ batchId: crypto.randomUUID(), counters }),
  });
  expect(res.status).toBe(200);
}

describe('GET /api/v1/admin/selftest', () => {
  const day = '2026-11-28';
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let c: { id: string; token: string };

  beforeAll(async () => {
    a = await station('老街社区e站', '河口镇');
    b = await station('桥头村e站', '河口镇');
    c = await station('南溪村e站', '南溪镇');
    const done = (count: number): Counter => ({ day, metric: 'quiz_complete', key: 'selftest', count });
    const pass = (count: number): Counter => ({ day, metric: 'selftest_pass', key: 'selftest', count });
    const level = (key: string, count: number): Counter => ({ day, metric: 'selftest_level', key, count });
    await upload(a.token, [
      done(4),
      pass(3),
      // Station a's 4: two adults at level 2 and 3, one adult at level 0, one other age at level 2.
      level('adult/2', 1),
      level('adult/3', 1),
      level('adult/0', 1),
      level('other/2', 1),
      // Not self-tests: other quizzes, and a day outside the range asked for.
      { day, metric: 'quiz_complete', key: 'daily', count: 9 },
      { day, metric: 'quiz_complete', key: 'topic:health', count: 5 },
      { day: '2026-11-20', metric: 'quiz_complete', key: 'selftest', count: 7 },
      { day: '2026-11-20', metric: 'selftest_pass', key: 'selftest', count: 7 },
    ]);
    // Station b runs a kiosk from before levels were counted: completions only.
    await upload(b.token, [done(2)]);
    await upload(c.token, [done(1), pass(1), level('other/3', 1)]);
    // A second batch adds up.
    await upload(a.token, [done(4), pass(3), level('adult/1', 1), level('adult/2', 3)]);
  });

  it('needs a signed-in viewer', async () => {
    expect((await api(`/selftest?from=${day}&to=${day}`)).status).toBe(401);
    const headers = await hub.login('viewer');
    expect((await api(`/selftest?from=${day}&to=${day}`, { headers })).status).toBe(200);
  });

  it('gives levels, the share at 70 or more, and the adults’ figures per station, with the note', async () => {
    const headers = await hub.login('viewer');
    const body = await (await api(`/selftest?from=${day}&to=${day}&by=station`, { headers })).json();
    expect(body.note).toMatch(/self-selected indicator, not a survey/);
    expect(body.design).toEqual({
      weights: { knowledge: 40, method: 20, thinking: 20, application: 20 },
      questions: { knowledge: 8, method: 4, thinking: 4, application: 4 },
      levels: [55, 70, 85],
    });
    expect(body.query).toEqual({ from: day, to: day, by: 'station' });
    const byId = Object.fromEntries(body.rows.map((r: { stationId: string }) => [r.stationId, r]));
    expect(byId[a.id]).toEqual({
      stationId: a.id,
      name: '老街社区e站',
      town: '河口镇',
      completed: 8,
      passed: 6,
      share: 0.75,
      levels: { 0: 1, 1: 1, 2: 5, 3: 1 },
      adult: { completed: 7, levels: { 0: 1, 1: 1, 2: 4, 3: 1 }, passed: 5, share: 0.7143 },
    });
    const none = { completed: 0, levels: { 0: 0, 1: 0, 2: 0, 3: 0 }, passed: 0, share: null };
    expect(byId[b.id]).toMatchObject({ completed: 2, passed: 0, share: 0, adult: none });
    expect(byId[c.id]).toMatchObject({ town: '南溪镇', completed: 1, passed: 1, share: 1, adult: none });
    expect(body.total).toMatchObject({
      completed: 11,
      passed: 7,
      share: 0.6364,
      levels: { 0: 1, 1: 1, 2: 5, 3: 2 },
    });
  });

  it('adds stations up per town, and takes the whole day range', async () => {
    const headers = await hub.login('viewer');
    const towns = await (await api(`/selftest?from=${day}&to=${day}&by=town`, { headers })).json();
    const zero = { 0: 0, 1: 0, 2: 0, 3: 0 };
    expect(towns.rows).toEqual([
      {
        town: '南溪镇',
        completed: 1,
        passed: 1,
        share: 1,
        levels: { ...zero, 3: 1 },
        adult: { completed: 0, levels: zero, passed: 0, share: null },
      },
      {
        town: '河口镇',
        completed: 10,
        passed: 6,
        share: 0.6,
        levels: { 0: 1, 1: 1, 2: 5, 3: 1 },
        adult: { completed: 7, levels: { 0: 1, 1: 1, 2: 4, 3: 1 }, passed: 5, share: 0.7143 },
      },
    ]);
    const week = await (await api(`/selftest?from=2026-11-20&to=${day}&by=town`, { headers })).json();
    expect(week.rows).toContainEqual(
      expect.objectContaining({ town: '河口镇', completed: 17, passed: 13, share: 0.7647 }),
    );
    const none = await (await api('/selftest?from=2026-01-01&to=2026-01-31', { headers })).json();
    expect(none.rows).toEqual([]);
    expect(none.total).toEqual({
      completed: 0,
      passed: 0,
      share: null,
      levels: zero,
      adult: { completed: 0, levels: zero, passed: 0, share: null },
    });
  });

  it('gives the same figures as CSV', async () => {
    const headers = await hub.login('viewer');
    const res = await api(`/selftest?from=${day}&to=${day}&by=town&format=csv`, { headers });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`selftest-${day}-${day}.csv`);
    expect((await res.text()).replace('\ufeff', '')).toBe(
      'town,completed,passed,share,level0,level1,level2,level3,adultCompleted,adultLevel0,adultLevel1,adultLevel2,adultLevel3,adultPassed,adultShare\r\n' +
        '南溪镇,1,1,1,0,0,0,1,0,0,0,0,0,0,\r\n' +
        '河口镇,10,6,0.6,1,1,5,1,7,1,1,4,1,5,0.7143\r\n',
    );
    const stations = await (await api(`/selftest?from=${day}&to=${day}&format=csv`, { headers })).text();
    expect(stations.replace('\ufeff', '').split('\r\n')[0]).toBe(
      'stationId,name,town,completed,passed,share,level0,level1,level2,level3,adultCompleted,adultLevel0,adultLevel1,adultLevel2,adultLevel3,adultPassed,adultShare',
    );
    expect(stations).toContain(`${a.id},老街社区e站,河口镇,8,6,0.75,1,1,5,1,7,1,1,4,1,5,0.7143`);
  });

  it('refuses bad queries', async () => {
    const headers = await hub.login('viewer');
    for (const query of [
      `from=${day}&to=${day}&by=group`,
      `from=${day}`,
      'from=2026-11-30&to=2026-11-01',
      `from=${day}&to=${day}&format=xml`,
    ]) {
      const res = await api(`/selftest?${query}`, { headers });
      expect(res.status, query).toBe(400);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createRetryLoop } from './retry-loop.ts';

describe('backoffDelay', () => {
  it('doubles up to the cap, with jitter between half and all of it', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.5)).toBe(45_000);
  });
});

describe('createRetryLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every interval while it works and backs off while it fails', async () => {
    const times: number[] = [];
    let ok = false;
    const loop = createRetryLoop({
      round: async () => {
        times.push(Date.now());
        return ok;
      },
      intervalMs: 300_000,
      backoffMs: 1000,
      maxBackoffMs: 8000,
      random: () => 1,
    });
    const stop = loop.start(0);
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000); // 1st failure -> 1 s
    await vi.advanceTimersByTimeAsync(2000); // 2nd -> 2 s
    await vi.advanceTimersByTimeAsync(4000); // 3rd -> 4 s
    await vi.advanceTimersByTimeAsync(8000); // 4th -> 8 s (cap)
    expect(times.map((t) => t - t0)).toEqual([0, 1000, 3000, 7000, 15000]);
    expect(loop.failures()).toBe(5);
    ok = true;
    await vi.advanceTimersByTimeAsync(8000);
    expect(loop.failures()).toBe(0);
    await vi.advanceTimersByTimeAsync(299_999);
    expect(times.length).toBe(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(times.length).toBe(7);
    stop();
  });

  it('shares a round that is already running', async () => {
    let calls = 0;
    const loop = createRetryLoop({
      round: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 10));
        return true;
      },
      intervalMs: 1000,
      backoffMs: 1000,
      maxBackoffMs: 1000,
    });
    const both = Promise.all([loop.runNow(), loop.runNow()]);
    await vi.advanceTimersByTimeAsync(10);
    expect(await both).toEqual([true, true]);
    expect(calls).toBe(1);
  });
});

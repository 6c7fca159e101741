import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleStore } from './idle-store.ts';

describe('createIdleStore', () => {
  let expired: number;
  let target: EventTarget;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    expired = 0;
    target = new EventTarget();
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  function make(idleSeconds = 90, warningSeconds = 30) {
    const store = createIdleStore({
      idleMs: () => idleSeconds * 1000,
      warningMs: () => warningSeconds * 1000,
      onExpire: () => {
        expired++;
      },
    });
    stop = store.start(target);
    return store;
  }

  it('warns after the idle time, counts down, then expires once', () => {
    const idle = make();
    vi.advanceTimersByTime(89_999);
    expect(idle.phase.value).toBe('active');
    vi.advanceTimersByTime(1);
    expect(idle.phase.value).toBe('warning');
    expect(idle.secondsLeft.value).toBe(30);
    vi.advanceTimersByTime(10_000);
    expect(idle.secondsLeft.value).toBe(20);
    vi.advanceTimersByTime(20_000);
    expect(idle.phase.value).toBe('attract');
    expect(expired).toBe(1);
    vi.advanceTimersByTime(600_000);
    expect(expired).toBe(1);
  });

  it('input pushes the warning back', () => {
    const idle = make();
    vi.advanceTimersByTime(60_000);
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(60_000);
    expect(idle.phase.value).toBe('active');
    vi.advanceTimersByTime(30_000);
    expect(idle.phase.value).toBe('warning');
  });

  it('input during the warning does not dismiss it; resume does', () => {
    const idle = make();
    vi.advanceTimersByTime(90_000);
    target.dispatchEvent(new Event('keydown'));
    expect(idle.phase.value).toBe('warning');
    idle.resume();
    expect(idle.phase.value).toBe('active');
    vi.advanceTimersByTime(89_000);
    expect(idle.phase.value).toBe('active');
    expect(expired).toBe(0);
  });

  it('leaves the attract screen on resume and starts a fresh idle period', () => {
    const idle = make(20, 20);
    vi.advanceTimersByTime(40_000);
    expect(idle.phase.value).toBe('attract');
    idle.resume();
    expect(idle.phase.value).toBe('active');
    vi.advanceTimersByTime(20_000);
    expect(idle.phase.value).toBe('warning');
  });

  it('stops listening when disposed', () => {
    const idle = make();
    stop();
    vi.advanceTimersByTime(200_000);
    expect(idle.phase.value).toBe('active');
    expect(expired).toBe(0);
  });
});

import { computed, signal } from '@preact/signals';

/** `active`: someone is using the kiosk; `warning`: the "still there?" countdown; `attract`: nobody. */
export type IdlePhase = 'active' | 'warning' | 'attract';

export interface IdleOptions {
  /** Milliseconds without input before the warning (read each time, so config changes apply). */
  idleMs: () => number;
  /** Length of the warning countdown in milliseconds. */
  warningMs: () => number;
  /** Called once when the countdown runs out, before the attract screen shows. */
  onExpire: () => void;
}

/** Input events that count as someone being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Watches for a resident walking away. Uses only setTimeout/setInterval and Date.now, so tests
 * drive it with fake clocks.
 */
export function createIdleStore(options: IdleOptions) {
  const phase = signal<IdlePhase>('active');
  const deadline = signal(0);
  const now = signal(Date.now());
  const secondsLeft = computed(() => Math.max(0, Math.ceil((deadline.value - now.value) / 1000)));

  let lastActivity = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, ms));
  }

  function stopTicker(): void {
    clearInterval(ticker);
    ticker = undefined;
  }

  // One timer: when it fires it compares against the last input instead of being reset on
  // every touch, so input handling stays a single assignment.
  function check(): void {
    const t = Date.now();
    if (phase.value === 'active') {
      const due = lastActivity + options.idleMs();
      if (t < due) {
        schedule(due - t);
        return;
      }
      now.value = t;
      deadline.value = t + options.warningMs();
      phase.value = 'warning';
      ticker = setInterval(() => {
        now.value = Date.now();
      }, 1000);
      schedule(options.warningMs());
    } else if (phase.value === 'warning') {
      if (t < deadline.value) {
        schedule(deadline.value - t);
        return;
      }
      stopTicker();
      options.onExpire();
      phase.value = 'attract';
    }
  }

  /** Records input. During the warning or attract screen only explicit actions count. */
  function activity(): void {
    if (phase.value === 'active') lastActivity = Date.now();
  }

  /** Back to work: dismisses the warning or leaves the attract screen. */
  function resume(): void {
    stopTicker();
    lastActivity = Date.now();
    phase.value = 'active';
    schedule(options.idleMs());
  }

  /** Listens for input on a target (the window) and starts the clock; returns a disposer. */
  function start(target: EventTarget): () => void {
    for (const type of ACTIVITY_EVENTS) {
      target.addEventListener(type, activity, { capture: true, passive: true });
    }
    resume();
    return () => {
      for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, activity, { capture: true });
      clearTimeout(timer);
      stopTicker();
    };
  }

  return { phase, secondsLeft, activity, resume, start };
}

export type IdleStore = ReturnType<typeof createIdleStore>;

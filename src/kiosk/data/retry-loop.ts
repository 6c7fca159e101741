/** Delay before retry `failures` (1-based): exponential, capped, with "equal jitter". */
export function backoffDelay(failures: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** (failures - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

export interface RetryLoopOptions {
  /** One round; resolves true when it worked. */
  round: () => Promise<boolean>;
  /** Time between rounds while things work. */
  intervalMs: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`, with jitter. */
  backoffMs: number;
  maxBackoffMs: number;
  random?: () => number;
}

/**
 * Runs `round` every `intervalMs`, retrying failures with exponential backoff and jitter (so
 * a hundred kiosks coming back online do not all call the hub in the same second).
 * `runNow` runs a round at once; a second call while one runs shares it.
 */
export function createRetryLoop(options: RetryLoopOptions) {
  const random = options.random ?? Math.random;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<boolean> | undefined;

  async function runNow(): Promise<boolean> {
    running ??= options
      .round()
      .catch(() => false)
      .finally(() => {
        running = undefined;
      });
    const ok = await running;
    failures = ok ? 0 : failures + 1;
    return ok;
  }

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ok = await runNow();
      schedule(
        ok ? options.intervalMs : backoffDelay(failures, options.backoffMs, options.maxBackoffMs, random),
      );
    }, ms);
  }

  return {
    runNow,
    /** Starts the loop; the first round runs after `firstDelayMs`. Returns a stopper. */
    start(firstDelayMs: number): () => void {
      schedule(firstDelayMs);
      return () => clearTimeout(timer);
    },
    failures: () => failures,
  };
}

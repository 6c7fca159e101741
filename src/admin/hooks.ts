import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure } from './api.ts';

/** Something loaded from the hub: loading, ready with a value, or failed with a reason. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: ApiFailure };

/** Loads with `load` when `deps` change; `reload()` loads again keeping the old value on screen. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  // Callers list what their loader depends on in `deps`.
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) =>
        live &&
        setState({
          status: 'failed',
          error: error instanceof ApiFailure ? error : new ApiFailure(0, 'INTERNAL', String(error)),
        }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** A change in flight: `run` marks busy, records a failure, and returns the result or undefined. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      setError(e instanceof ApiFailure ? e : new ApiFailure(0, 'INTERNAL', String(e)));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, clear: () => setError(null) };
}

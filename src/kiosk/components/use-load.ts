import { useEffect, useState } from 'preact/hooks';

/** The state of something loading: waiting, ready with a value, or failed. */
export type Load<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: unknown };

/** Runs `load` when `deps` change; results of an outdated run are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Load<T> {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  // Callers pass the inputs of `load` as deps.
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => {
        console.error(error);
        if (live) setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

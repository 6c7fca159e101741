import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../stores/kiosk-context.ts';

type Loader<P> = () => Promise<ComponentType<P>>;

/** Wraps a dynamic import so heavy screens load only when first opened. */
export function lazyScreen<P extends object>(load: Loader<P>): ComponentType<P> {
  return lazy(load, true);
}

/** Like lazyScreen, for a part of a screen: nothing shows until it has loaded (or if it fails). */
export function lazyPart<P extends object>(load: Loader<P>): ComponentType<P> {
  return lazy(load, false);
}

function lazy<P extends object>(load: Loader<P>, status: boolean): ComponentType<P> {
  let cached: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const t = useT();
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => cached);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (cached) return;
      let live = true;
      load().then(
        (component) => {
          cached = component;
          if (live) setLoaded(() => component);
        },
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (Loaded) return <Loaded {...props} />;
    if (!status) return null;
    return (
      <p class="screen-status" role="status">
        {failed ? t('screen.loadFailed') : t('screen.loading')}
      </p>
    );
  };
}

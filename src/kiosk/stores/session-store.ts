import { batch, computed, type ReadonlySignal, signal } from '@preact/signals';
import type { Locale } from '../../protocol/locales.ts';
import type { StationConfig, TextSize } from '../../protocol/station-config.ts';
import { HOME, type Route, sameRoute } from './route.ts';

/**
 * One resident's session: language, text size, read-aloud and where they have been.
 * Everything here goes back to the station's defaults on `reset()`.
 */
export function createSessionStore(config: ReadonlySignal<StationConfig>, start: Route = HOME) {
  const locale = signal<Locale>(config.value.defaultLocale);
  const textSize = signal<TextSize>(config.value.defaultTextSize);
  const readAloud = signal(false);
  // The kiosk keeps its own history so that an idle reset can forget it, and so that the
  // browser's history never grows (no swipe-back out of the app).
  const stack = signal<readonly Route[]>(start.name === 'home' ? [HOME] : [HOME, start]);
  const route = computed(() => stack.value[stack.value.length - 1] ?? HOME);
  const canGoBack = computed(() => stack.value.length > 1);

  function go(next: Route): void {
    if (!sameRoute(next, route.value)) stack.value = [...stack.value, next];
  }

  function back(): void {
    if (stack.value.length > 1) stack.value = stack.value.slice(0, -1);
  }

  function home(): void {
    stack.value = [HOME];
  }

  function reset(): void {
    batch(() => {
      locale.value = config.value.defaultLocale;
      textSize.value = config.value.defaultTextSize;
      readAloud.value = false;
      stack.value = [HOME];
    });
  }

  return { locale, textSize, readAloud, route, canGoBack, go, back, home, reset };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

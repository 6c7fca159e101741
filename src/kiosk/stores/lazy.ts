import type { Metric } from '../../protocol/usage.ts';
import type { ContentStore } from './content-store.ts';
import type { UsageCounter } from './kiosk-context.ts';

/**
 * The content store, loaded on first use: the home screen needs no content, so pack
 * verification and the schemas stay out of the first download.
 */
export function lazyContent(load: () => Promise<ContentStore>): ContentStore {
  let store: Promise<ContentStore> | undefined;
  const get = () => {
    store ??= load().catch((error: unknown) => {
      store = undefined;
      throw error;
    });
    return store;
  };
  return {
    catalog: () => get().then((s) => s.catalog()),
    article: (id, locale) => get().then((s) => s.article(id, locale)),
    tutorials: () => get().then((s) => s.tutorials()),
    tutorial: (id) => get().then((s) => s.tutorial(id)),
    quiz: (topic) => get().then((s) => s.quiz(topic)),
    packVersion: () => get().then((s) => s.packVersion()),
    url: (path) => get().then((s) => s.url(path)),
    invalidate: () => void store?.then((s) => s.invalidate()),
  };
}

/**
 * Counts kept in memory until the usage outbox has loaded (after the first screen), then
 * handed over; from then on every count goes straight to the outbox.
 */
export function bufferedUsage(): UsageCounter & { attach(target: UsageCounter): void } {
  let target: UsageCounter | undefined;
  const waiting: Array<[Metric, string]> = [];
  return {
    count(metric, key) {
      if (target) target.count(metric, key);
      else waiting.push([metric, key]);
    },
    flush: () => target?.flush() ?? Promise.resolve(),
    attach(next) {
      target = next;
      for (const [metric, key] of waiting.splice(0)) next.count(metric, key);
    },
  };
}

import * as v from 'valibot';

/**
 * The usage vocabulary: what a kiosk may count. Counts, never people: a counter is a day, a
 * metric, a content key and a number. No session ids, no timestamps, no free text.
 */
export const METRICS = {
  /** An article was opened. Key: article id. */
  article_open: /^[a-z0-9-]{1,80}$/,
  /** An article was scrolled to its end. Key: article id. */
  article_complete: /^[a-z0-9-]{1,80}$/,
  /** Read-aloud was started. Key: `article:<id>` or a screen name. */
  read_aloud: /^(article:[a-z0-9-]{1,80}|screen:[a-z]{1,20})$/,
  /** A take-home QR code was shown. Key: article id. */
  qr_shown: /^[a-z0-9-]{1,80}$/,
  /** A quiz was started / completed. Key: `topic:<topic>`, `daily` or `selftest`. */
  quiz_start: /^(topic:[a-z]{1,20}|daily|selftest)$/,
  quiz_complete: /^(topic:[a-z]{1,20}|daily|selftest)$/,
  /** A completed quiz's score, in tenths. Key: `<quiz>/<0..10>`. */
  quiz_score: /^(topic:[a-z]{1,20}|daily|selftest)\/(10|[0-9])$/,
  /** An answer given. Key: `<question id>/<option index or true/false>`. */
  quiz_option: /^[a-z0-9-]{1,80}\/([0-9]{1,2}|true|false)$/,
  /** A self-test reached the indicator's level (a score of 70 of 100 or more). Key: `selftest`. */
  selftest_pass: /^selftest$/,
  /** A self-test's level (0..3, `protocol/selftest.ts`) and the age band asked. Key: `<adult|other>/<level>`. */
  selftest_level: /^(adult|other)\/[0-3]$/,
  /** A tutorial was started / completed. Key: tutorial id. */
  tutorial_start: /^[a-z0-9-]{1,80}$/,
  tutorial_complete: /^[a-z0-9-]{1,80}$/,
  /** A tutorial step was reached. Key: `<tutorial id>/<step index>`. */
  tutorial_step: /^[a-z0-9-]{1,80}\/[0-9]{1,3}$/,
  /** A resident switched language. Key: the locale. */
  language: /^(zh-CN|vi|en)$/,
  /** A resident switched large text on. Key: `on`. */
  large_text: /^on$/,
  /** The kiosk reset itself after nobody touched it. Key: `-`. */
  idle_reset: /^-$/,
} as const satisfies Record<string, RegExp>;

export type Metric = keyof typeof METRICS;

/** Most counters one batch may carry, and the largest count one counter may add. */
export const MAX_BATCH_COUNTERS = 500;
export const MAX_COUNT = 100_000;

const Day = v.pipe(v.string(), v.isoDate());

/** One counter: `count` more of `metric` for `key` on `day` (the station's local date). */
export const CounterSchema = v.pipe(
  v.strictObject({
    day: Day,
    metric: v.picklist(Object.keys(METRICS) as Metric[]),
    key: v.pipe(v.string(), v.maxLength(120)),
    count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_COUNT)),
  }),
  v.check((c) => METRICS[c.metric].test(c.key), 'key does not fit the metric'),
);
export type Counter = v.InferOutput<typeof CounterSchema>;

/** What a kiosk uploads: a random batch id (applied once) and its counters. */
export const UsageBatchSchema = v.strictObject({
  batchId: v.pipe(v.string(), v.uuid()),
  counters: v.pipe(v.array(CounterSchema), v.minLength(1), v.maxLength(MAX_BATCH_COUNTERS)),
});
export type UsageBatch = v.InferOutput<typeof UsageBatchSchema>;

/** A counter's identity, for adding counters up. */
export function counterKey(c: Pick<Counter, 'day' | 'metric' | 'key'>): string {
  return `${c.day}\u0000${c.metric}\u0000${c.key}`;
}

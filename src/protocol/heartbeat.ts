import * as v from 'valibot';

/** An error code as the kiosk reports it (e.g. PACK_SIGNATURE_INVALID). */
export const ErrorCode = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]{2,40}$/));

/** A kiosk's health, sent every few minutes while online. About the device, never people. */
export const HeartbeatSchema = v.strictObject({
  appVersion: v.pipe(v.string(), v.regex(/^[0-9A-Za-z.+-]{1,40}$/)),
  packVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastUpdate: v.nullable(
    v.strictObject({
      checkedAt: v.pipe(v.string(), v.isoTimestamp()),
      result: v.union([v.literal('ok'), v.literal('unchanged'), ErrorCode]),
    }),
  ),
  errors: v.pipe(v.array(ErrorCode), v.maxLength(20)),
  storage: v.nullable(
    v.strictObject({
      used: v.pipe(v.number(), v.integer(), v.minValue(0)),
      quota: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  ),
  queue: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
  /** The kiosk's own clock when it sent this; the hub compares it with its own (clock skew). */
  sentAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  /** Ids of the emergency notices in force that the kiosk has on screen (banner or card). */
  shownNotices: v.optional(
    v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/))), v.maxLength(20)),
  ),
});
export type Heartbeat = v.InferOutput<typeof HeartbeatSchema>;

import * as v from 'valibot';
import { safeUrl } from '../cap/feed.ts';
import { ALERT_POLICIES } from '../storage/warning-store.ts';

/** A place: a town name, a point (both coordinates or neither) and an administrative code. */
export const PlaceSchema = v.pipe(
  v.strictObject({
    town: v.optional(
      v.pipe(v.string(), v.trim(), v.minLength(2, 'a town name has at least 2 characters'), v.maxLength(60)),
    ),
    lat: v.optional(v.pipe(v.number(), v.minValue(-90), v.maxValue(90))),
    lon: v.optional(v.pipe(v.number(), v.minValue(-180), v.maxValue(180))),
    geocode: v.optional(
      v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z.-]{2,20}$/, 'a code of 2 to 20 letters or digits')),
    ),
  }),
  v.check((p) => (p.lat === undefined) === (p.lon === undefined), 'give both lat and lon, or neither'),
);

export const AlertSettingsSchema = v.strictObject({
  policy: v.picklist(ALERT_POLICIES),
  chime: v.boolean(),
  testGroup: v.boolean(),
  place: v.nullable(PlaceSchema),
});

export const StationPlaceSchema = v.strictObject({ place: v.nullable(PlaceSchema) });

const FeedUrl = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2000),
  v.check(
    (u) => safeUrl(u) !== null && new URL(u).username === '' && new URL(u).password === '',
    'an http or https address without a password',
  ),
  v.transform((u) => safeUrl(u) ?? u),
);

export const NewFeedSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80)),
  url: FeedUrl,
  intervalSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(86_400)), 120),
  enabled: v.optional(v.boolean(), true),
});

export const FeedPatchSchema = v.strictObject({
  name: v.optional(NewFeedSchema.entries.name),
  url: v.optional(FeedUrl),
  intervalSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(86_400))),
  enabled: v.optional(v.boolean()),
});

/** Content types a CAP document may be sent with. */
export const XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];
/** The largest CAP document taken (CAP messages are a few kilobytes). */
export const CAP_BODY_LIMIT = 512 * 1024;

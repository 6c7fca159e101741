import * as v from 'valibot';
import { NoticeSchema } from './notice.ts';
import { StationConfigSchema } from './station-config.ts';
import { TOPICS } from './topics.ts';

/** What `GET /api/v1/station/config` answers: the station group's settings and the notices it shows. */
export const RemoteConfigSchema = v.strictObject({
  stationName: StationConfigSchema.entries.stationName,
  idleSeconds: StationConfigSchema.entries.idleSeconds,
  warningSeconds: StationConfigSchema.entries.warningSeconds,
  defaultLocale: StationConfigSchema.entries.defaultLocale,
  defaultTextSize: StationConfigSchema.entries.defaultTextSize,
  enabledTopics: v.array(v.picklist(TOPICS)),
  featured: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,80}$/))), v.maxLength(20)),
  notices: v.pipe(v.array(NoticeSchema), v.maxLength(20)),
  /** Whether an Extreme alert's alarm chimes here (a quiet group: the card shows, silently). */
  chime: v.optional(v.boolean()),
});
export type RemoteConfig = v.InferOutput<typeof RemoteConfigSchema>;

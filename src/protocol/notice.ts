import * as v from 'valibot';
import { LocalizedTextSchema } from './content-doc.ts';

/** An emergency notice, after CAP 1.2's severity, urgency, headline, instruction, onset, expiry. */
export const NoticeSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/)),
  severity: v.picklist(['extreme', 'severe', 'moderate', 'minor']),
  urgency: v.picklist(['immediate', 'expected', 'future']),
  headline: LocalizedTextSchema,
  instruction: LocalizedTextSchema,
  onset: v.pipe(v.string(), v.isoTimestamp()),
  expires: v.pipe(v.string(), v.isoTimestamp()),
});
export type Notice = v.InferOutput<typeof NoticeSchema>;

import * as v from 'valibot';
import type { Heartbeat } from '../../protocol/heartbeat.ts';
import { type RemoteConfig, RemoteConfigSchema } from '../../protocol/remote-config.ts';
import type { UsageBatch } from '../../protocol/usage.ts';

/** A failed hub call: the hub's error code, or NETWORK_ERROR / HUB_RESPONSE_INVALID. */
export class HubError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'HubError';
  }
}

/** The station's credentials, from enrollment. */
export const EnrollmentSchema = v.strictObject({
  stationId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  name: v.string(),
  town: v.string(),
  group: v.string(),
});
export type Enrollment = v.InferOutput<typeof EnrollmentSchema>;

const UsageAckSchema = v.strictObject({ status: v.picklist(['applied', 'duplicate']) });

/** Talks to the hub's station API at `base` (the kiosk's own origin by default). */
export function createHubClient(base = '', getToken: () => string | undefined = () => undefined) {
  async function call<T>(
    method: string,
    path: string,
    body: unknown,
    schema?: v.GenericSchema<unknown, T>,
  ): Promise<T> {
    const token = getToken();
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
      });
    } catch (error) {
      throw new HubError('NETWORK_ERROR', 0, String(error));
    }
    const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = v.safeParse(v.object({ code: v.string(), message: v.string() }), data);
      throw parsed.success
        ? new HubError(parsed.output.code, response.status, parsed.output.message)
        : new HubError('HUB_RESPONSE_INVALID', response.status, `HTTP ${response.status}`);
    }
    if (!schema) return undefined as T;
    const parsed = v.safeParse(schema, data);
    if (!parsed.success)
      throw new HubError('HUB_RESPONSE_INVALID', response.status, parsed.issues[0].message);
    return parsed.output;
  }

  return {
    /** `attempt`: the same random id when a try whose answer was lost is made again. */
    enroll: (code: string, attempt?: string) =>
      call('POST', '/enroll', attempt ? { code, attempt } : { code }, EnrollmentSchema),
    sendUsage: (batch: UsageBatch) => call('POST', '/usage', batch, UsageAckSchema),
    sendHeartbeat: (heartbeat: Heartbeat) => call<void>('POST', '/heartbeat', heartbeat),
    config: (): Promise<RemoteConfig> => call('GET', '/station/config', undefined, RemoteConfigSchema),
  };
}

export type HubClient = ReturnType<typeof createHubClient>;

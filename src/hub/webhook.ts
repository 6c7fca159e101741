import { createHmac } from 'node:crypto';
import * as v from 'valibot';
import { WebhookUrlSchema } from '../protocol/alerts.ts';

/** How long a webhook call may take before it counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs a JSON payload to a webhook: http(s) only, no redirects followed, a timeout, and an
 * HMAC-SHA256 of the body in `X-Kepu-Signature` when the recipient has a secret. Throws with a
 * short reason on anything but a 2xx answer.
 */
export async function postWebhook(
  url: string,
  payload: unknown,
  options: { secret?: string | null; event: string; timeoutMs?: number },
): Promise<void> {
  const address = v.safeParse(WebhookUrlSchema, url);
  if (!address.success) throw new Error(`WEBHOOK_URL_INVALID: ${address.issues[0].message}`);
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'kepu-estation-hub',
    'x-kepu-event': options.event,
  };
  if (options.secret) {
    headers['x-kepu-signature'] = `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
  }
  let response: Response;
  try {
    response = await fetch(address.output, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new Error('WEBHOOK_TIMEOUT: no answer in time');
    throw new Error(
      `WEBHOOK_UNREACHABLE: ${error instanceof Error ? ((error.cause as Error)?.message ?? error.message) : String(error)}`,
    );
  }
  // The answer's body is not needed; drop it so the connection can be reused.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new Error(`WEBHOOK_HTTP_${response.status}`);
}

import type { FastifyError, FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { ApiError, ApiErrorCode } from '../../protocol/api-error.ts';
import { BlobNotFoundError } from '../blob-store.ts';
import { BlobsMissingError } from '../publish.ts';
import { StoreError } from '../storage/errors.ts';

/** An error that becomes `{code, message}` (plus any `details`) with an HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Validates a request part against a schema, or throws 400 BODY_INVALID naming the field. */
export function parseInput<T>(schema: v.GenericSchema<unknown, T>, input: unknown): T {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue.path?.map((p) => String(p.key)).join('.');
  throw new HttpError(400, 'BODY_INVALID', where ? `${where}: ${issue.message}` : issue.message);
}

/** Every error answers JSON `{code, message}`; internals are logged, never shown. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    let status = 500;
    let body: ApiError & Record<string, unknown> = { code: 'INTERNAL', message: 'internal error' };
    if (error instanceof HttpError) {
      status = error.status;
      body = { ...error.details, code: error.code, message: error.message };
    } else if (error instanceof BlobsMissingError) {
      status = 409;
      body = { code: 'BLOB_MISSING', message: error.message, missing: error.missing.map((f) => f.path) };
    } else if (error instanceof BlobNotFoundError) {
      // A release or draft names a blob the store no longer has.
      status = 409;
      body = { code: 'BLOB_MISSING', message: `blob ${error.sha256} is not in the blob store` };
    } else if (error instanceof StoreError) {
      status = error.code === 'CONFLICT' ? 409 : 404;
      body = { code: error.code, message: error.message };
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { code: 'BODY_TOO_LARGE', message: 'request body too large' };
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      body = { code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message };
    } else if (error.statusCode === 429) {
      status = 429;
      body = { code: 'RATE_LIMITED', message: 'too many requests; try again later' };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, wrong content type, empty body and other parser refusals.
      status = error.statusCode;
      body = { code: 'BAD_REQUEST', message: error.message };
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(status).send(body);
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStore, ByteRange } from '../blob-store.ts';
import { HttpError } from './errors.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** One byte range of a `Range: bytes=…` header for a blob of `size` bytes; null = send it whole. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: the whole blob is a valid answer (RFC 9110 §14.2).
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * Sends a blob from a store that has no local folder (object storage): the whole blob or one
 * range, with a strong ETag (its hash) and immutable caching. 404 when the store lacks it.
 */
export async function sendStoredBlob(
  blobs: BlobStore,
  hash: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const etag = `"${hash}"`;
  void reply.header('etag', etag).header('accept-ranges', 'bytes').header('cache-control', IMMUTABLE);
  const rangeHeader = request.headers.range;
  if (request.headers['if-none-match'] === etag) {
    if (!(await blobs.has(hash))) throw new HttpError(404, 'NOT_FOUND', 'no such blob');
    return reply.status(304).send();
  }
  let range: ByteRange | undefined;
  if (rangeHeader) {
    const size = await blobs.size(hash);
    if (size === null) throw new HttpError(404, 'NOT_FOUND', 'no such blob');
    const parsed = parseRange(rangeHeader, size);
    if (parsed === 'unsatisfiable') {
      return reply
        .status(416)
        .header('content-range', `bytes */${size}`)
        .send({ code: 'BAD_REQUEST', message: 'range not satisfiable' });
    }
    if (parsed) range = parsed;
  }
  const blob = await blobs.read(hash, range);
  if (!blob) throw new HttpError(404, 'NOT_FOUND', 'no such blob');
  void reply.type('application/octet-stream');
  if (blob.range) {
    void reply
      .status(206)
      .header('content-range', `bytes ${blob.range.start}-${blob.range.end}/${blob.size}`)
      .header('content-length', blob.range.end - blob.range.start + 1);
  } else {
    void reply.header('content-length', blob.size);
  }
  return reply.send(blob.body);
}

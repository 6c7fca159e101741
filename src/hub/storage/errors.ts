/** Why a storage call refused: a unique value already taken, or a referenced row missing. */
export type StoreErrorCode = 'CONFLICT' | 'NOT_FOUND';

/** A storage refusal the hub can turn into an HTTP answer (`err.code`); the driver error is `cause`. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Maps a driver error by its code (SQLite or PostgreSQL) to a StoreError; other errors pass through. */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof StoreError || typeof error !== 'object' || error === null || !('code' in error)) {
    return error;
  }
  const code = String(error.code);
  const message = error instanceof Error ? error.message : code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new StoreError('CONFLICT', `already exists: ${message}`, { cause: error });
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new StoreError('NOT_FOUND', `refers to a missing row: ${message}`, { cause: error });
  }
  return error;
}

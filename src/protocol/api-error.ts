/** Every hub error, as JSON: a stable code for programs and a message for people. */
export interface ApiError {
  code: string;
  message: string;
}

/** Codes the hub answers with. */
export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'BODY_INVALID'
  | 'BODY_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'TOKEN_REVOKED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'ENROLLMENT_INVALID'
  | 'DAY_OUT_OF_RANGE'
  | 'INTERNAL';

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
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CONTENT_INVALID'
  | 'ARCHIVE_INVALID'
  | 'ARCHIVE_UNSAFE_PATH'
  | 'ARCHIVE_SYMLINK'
  | 'ARCHIVE_TOO_LARGE'
  | 'ARCHIVE_TOO_MANY_FILES'
  | 'PACK_MANIFEST_INVALID'
  | 'PACK_KEY_UNKNOWN'
  | 'PACK_SIGNATURE_INVALID'
  | 'PACK_EXPIRED'
  | 'PACK_VERSION_ROLLBACK'
  | 'BLOB_HASH_MISMATCH'
  | 'BLOB_MISSING'
  // Update trust (protocol/trust-verify.ts): a root, timestamp or pack the hub refused.
  | 'ROOT_INVALID'
  | 'ROOT_THRESHOLD_NOT_MET'
  | 'ROOT_VERSION_INVALID'
  | 'ROOT_EXPIRED'
  | 'TIMESTAMP_INVALID'
  | 'TIMESTAMP_SIGNATURE_INVALID'
  | 'TIMESTAMP_EXPIRED'
  | 'TIMESTAMP_ROLLBACK'
  | 'PACK_TIMESTAMP_MISMATCH'
  | 'PACK_KEY_REVOKED'
  | 'PACK_THRESHOLD_NOT_MET'
  | 'BLOB_TOO_LARGE'
  | 'METADATA_TOO_LARGE'
  /** The current root's content keys are all offline: content must be signed at the desk. */
  | 'CONTENT_KEY_OFFLINE'
  /** The hub holds none of the current root's timestamp keys, so it cannot sign timestamps. */
  | 'TIMESTAMP_KEY_MISSING'
  | 'VERSION_NOT_NEWER'
  | 'ACCOUNT_DISABLED'
  | 'PASSWORD_WEAK'
  | 'NOT_READY'
  | 'SECRET_UNREADABLE'
  | 'REPORT_FONT_MISSING'
  | 'CAP_INVALID'
  | 'INTERNAL';

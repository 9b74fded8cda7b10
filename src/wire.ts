/**
 * Wire constants of the Order Reclaim API: path, header names, signature algorithm and the
 * timestamp window. Every other module takes these values from here.
 */

export const RECLAIM_PATH = '/api/v1/frontend/order/reclaim';

export const HEADER_API_KEY = 'API-KEY';
export const HEADER_TIMESTAMP = 'TIMESTAMP';
export const HEADER_SIGNATURE = 'SIGNATURE';
export const HEADER_REQUEST_ID = 'X-Request-Id';
export const JSON_CONTENT_TYPE = 'application/json';

export const SIGNATURE_ALGORITHM = 'HMAC-SHA256';
/** Separator between TIMESTAMP and BODY in the signed message. */
export const MESSAGE_SEPARATOR = '&';
/** A signature is 32 bytes of HMAC-SHA256 written as lowercase hex. */
export const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
/** Unix time in whole seconds: decimal digits, no sign, no fraction. */
export const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;

/** Accepted clock difference between client and server, in seconds, in both directions. */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/** errno values of the API. 0 and 404 come from the upstream API page; the rest are ours. */
export const Errno = {
  OK: 0,
  ORDER_NOT_FOUND: 404,
  MALFORMED_REQUEST: 40000,
  MALFORMED_JSON: 40001,
  INVALID_BODY: 40002,
  DUPLICATE_KEYS: 40003,
  NON_CANONICAL_BODY: 40004,
  INVALID_UTF8: 40005,
  MISSING_AUTH_HEADER: 40101,
  MALFORMED_AUTH_HEADER: 40102,
  UNKNOWN_API_KEY: 40103,
  SIGNATURE_MISMATCH: 40104,
  TIMESTAMP_OUT_OF_WINDOW: 40105,
  REPLAYED_REQUEST: 40106,
  UNKNOWN_PATH: 40401,
  METHOD_NOT_ALLOWED: 40501,
  BODY_TOO_LARGE: 41301,
  UNSUPPORTED_CONTENT_TYPE: 41501,
  INTERNAL_ERROR: 50001,
} as const;

export type ErrnoName = keyof typeof Errno;

/** Returns true for the errno values that mean the request failed authentication. */
export function isAuthenticationErrno(errno: number): boolean {
  return errno >= 40101 && errno <= 40199;
}

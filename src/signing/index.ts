/**
 * Canonical JSON and request signing without the HTTP client: for callers that send requests
 * with their own HTTP stack, and for servers that verify signatures. Runs in every runtime the
 * client runs in; only `hmacSha256HexSync` needs node:crypto.
 */
export { canonicalize, type CanonicalizeOptions, type CanonicalProfile, MAX_DEPTH } from '../canonical/canonicalize.ts';
export { CanonicalizationError, type CanonicalizationReason } from '../errors/canonicalization-error.ts';
export {
  Errno,
  type ErrnoName,
  HEADER_API_KEY,
  HEADER_REQUEST_ID,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  JSON_CONTENT_TYPE,
  RECLAIM_PATH,
  SIGNATURE_ALGORITHM,
  SIGNATURE_PATTERN,
  TIMESTAMP_PATTERN,
  TIMESTAMP_WINDOW_SECONDS,
} from '../wire.ts';
export { type Clock, readTimestamp } from './clock.ts';
export { createSigner, type Signer, type SignerOptions, type SignOptions } from './create-signer.ts';
export { createHmacSha256, type HmacSha256, hmacSha256HexSync } from './hmac-sha256.ts';
export { buildMessage, type SignatureHeaders, type SignedBody, signBody } from './sign-body.ts';

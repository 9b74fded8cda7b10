/**
 * The Order Reclaim client: `createReclaimClient`, its options and hook events, and the error
 * classes it throws. Runs wherever `fetch` exists (Node 20+, browsers, Deno, Bun); signing uses
 * node:crypto where the runtime has it and WebCrypto otherwise.
 */
export type { ErrorResponse, ReclaimAccepted, ReclaimOrderRequest } from '../generated/types.gen.ts';
export type { CanonicalProfile } from './canonical/canonicalize.ts';
export type { CallOptions, ReclaimClientOptions, ReclaimOrderInput } from './client/client-options.ts';
export { createReclaimClient, DEFAULT_TIMEOUT_MS, type ReclaimClient } from './client/create-reclaim-client.ts';
export type { ClientHooks, RequestEvent, ResponseEvent, RetryEvent } from './client/hooks.ts';
export { DEFAULT_RETRY, type ResolvedRetryOptions, type RetryOptions } from './client/retry-policy.ts';
export {
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  CanonicalizationError,
  type CanonicalizationReason,
  ConnectionError,
  InvalidRequestError,
  OrderNotFoundError,
  OrderReclaimError,
  type OrderReclaimErrorCode,
  RequestAbortedError,
  ResponseValidationError,
  TimeoutError,
} from './errors/index.ts';
export type { Clock } from './signing/clock.ts';

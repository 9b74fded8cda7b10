import { ApiError } from '../errors/api-error.ts';
import type { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import { ConnectionError, TimeoutError } from '../errors/transport-errors.ts';
import { ResponseValidationError } from '../errors/validation-errors.ts';
import { requireInteger } from './client-options.ts';

/**
 * Retry settings.
 *
 * A reclaim is a POST without an idempotency key, so the server cannot tell a resent request
 * from a new one. By default the client therefore retries only failures where the server
 * certainly did not act:
 *
 * - the request never left: connection refused, DNS failure, no route, connect timeout. Node
 *   reports these with an error code. Browsers do not, so there they are not retried;
 * - HTTP 429 or 503, whatever the body: both mean "not processed, try later".
 *
 * At most `maxRetries` (2) retries follow the first attempt. The wait before retry n is drawn
 * uniformly from [0, min(maxDelayMs, baseDelayMs × 2^(n−1))] ("full jitter"), so with the
 * defaults the first wait is up to 500 ms and the second up to 1 s. A `Retry-After` header
 * (seconds or HTTP date) sets the minimum wait. When it asks for more than `maxDelayMs`, the
 * client gives up at once and throws the error, since an earlier retry would be rejected again.
 *
 * Every attempt is signed anew with a fresh TIMESTAMP, so a retry is never rejected as a replay.
 *
 * `retryUnsafe: true` also retries timeouts, connections that broke after the request was
 * written, and HTTP 500, 502 and 504. The server may already have acted on the first request
 * in those cases; the reference server answers a repeated reclaim of a known order with
 * `request accept` again, but other servers may not.
 *
 * Separately from these retries, a TIMESTAMP rejection (errno 40105) that comes with a `Date`
 * header is retried once with the corrected clock (see `correctClockSkew`).
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Also retry timeouts, broken connections and HTTP 500, 502 and 504. Default false. */
  retryUnsafe?: boolean;
  /** Backoff ceiling of the first retry in milliseconds; it doubles with every retry. Default 500. */
  baseDelayMs?: number;
  /** Maximum wait between attempts in milliseconds, including a server's `Retry-After`. Default 20,000. */
  maxDelayMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = { maxRetries: 2, retryUnsafe: false, baseDelayMs: 500, maxDelayMs: 20_000 };

const SAFE_RETRY_STATUSES = new Set([429, 503]);
const UNSAFE_RETRY_STATUSES = new Set([500, 502, 504]);

/** Returns true when `error` may be retried under `options`. */
export function isRetryable(error: OrderReclaimError, options: ResolvedRetryOptions): boolean {
  if (error instanceof ConnectionError) {
    return error.requestNeverSent || options.retryUnsafe;
  }
  if (error instanceof TimeoutError) {
    return options.retryUnsafe;
  }
  if (error instanceof ApiError || error instanceof ResponseValidationError) {
    return SAFE_RETRY_STATUSES.has(error.status) || (options.retryUnsafe && UNSAFE_RETRY_STATUSES.has(error.status));
  }
  return false;
}

/**
 * Picks the wait before retry number `retry` (1-based), or returns undefined when the server's
 * `Retry-After` requests more than `maxDelayMs`.
 */
export function backoffDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  options: ResolvedRetryOptions,
  random: () => number,
): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > options.maxDelayMs) {
    return undefined;
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Reads `Retry-After` as delta seconds or an HTTP date; returns undefined when absent or invalid. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // An HTTP date names the day or month; without letters, Date.parse would also read "-1" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY, ...options };
  requireInteger(resolved.maxRetries, 'retry.maxRetries', 0);
  requireInteger(resolved.baseDelayMs, 'retry.baseDelayMs', 0);
  requireInteger(resolved.maxDelayMs, 'retry.maxDelayMs', 0);
  resolved.retryUnsafe = resolved.retryUnsafe === true;
  return resolved;
}

import { ApiError } from '../errors/api-error.ts';
import type { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import { ConnectionError, TimeoutError } from '../errors/transport-errors.ts';

/**
 * Retry settings. A reclaim is a POST without an idempotency key, so by default only failures
 * where the server certainly did not act are retried: the request never left (connection
 * refused, DNS failure), or the server answered 429 or 503, which mean "not processed, try
 * later". `retryUnsafe` adds timeouts, broken connections and other 5xx answers, where the
 * server may already have acted; the reference server treats a second reclaim of the same
 * order as accepted, but other servers may not.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Also retry timeouts, broken connections and 500/502/504 answers. Default false. */
  retryUnsafe?: boolean;
  /** First backoff ceiling in milliseconds; it doubles per retry. Default 500. */
  baseDelayMs?: number;
  /** Largest wait between attempts, including a server's Retry-After. Default 20,000. */
  maxDelayMs?: number;
}

export interface ResolvedRetryOptions {
  maxRetries: number;
  retryUnsafe: boolean;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: ResolvedRetryOptions = { maxRetries: 2, retryUnsafe: false, baseDelayMs: 500, maxDelayMs: 20_000 };

const ALWAYS_RETRIED_STATUSES = new Set([429, 503]);
const UNSAFE_RETRIED_STATUSES = new Set([500, 502, 504]);

/** Returns true when `error` may be retried under `options`. */
export function isRetryable(error: OrderReclaimError, status: number | undefined, options: ResolvedRetryOptions): boolean {
  if (error instanceof ConnectionError) {
    return error.requestNeverSent || options.retryUnsafe;
  }
  if (error instanceof TimeoutError) {
    return options.retryUnsafe;
  }
  if (status === undefined || !(error instanceof ApiError || error.code === 'INVALID_RESPONSE')) {
    return false;
  }
  return ALWAYS_RETRIED_STATUSES.has(status) || (options.retryUnsafe && UNSAFE_RETRIED_STATUSES.has(status));
}

/**
 * Picks the wait before retry number `retry` (1-based): "full jitter" exponential backoff,
 * a uniform draw in [0, min(maxDelay, base × 2^(retry−1))], but never less than the server's
 * Retry-After, and never more than `maxDelayMs`.
 */
export function backoffDelayMs(retry: number, retryAfterMs: number | undefined, options: ResolvedRetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.min(options.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Reads Retry-After as delta seconds or an HTTP date; returns undefined when absent or invalid. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY, ...options };
  for (const name of ['maxRetries', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new TypeError(`Invalid \`retry.${name}\`: expected a non-negative integer, received ${String(value)}.`);
    }
  }
  return resolved;
}

import type { CanonicalProfile } from '../canonical/canonicalize.ts';
import type { Clock } from '../signing/clock.ts';
import type { ClientHooks } from './hooks.ts';
import type { RetryOptions } from './retry-policy.ts';

export interface ReclaimClientOptions {
  /** Scheme, host and optional path prefix of the API, such as `https://api.example.com`. No default. */
  baseUrl: string;
  apiKey: string;
  /** Used as text (its UTF-8 bytes are the HMAC key); never sent, logged or exposed by the client. */
  apiSecret: string;
  /** Timeout of each attempt in milliseconds, from sending until the whole response is read. Default 30,000. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * When the server rejects the TIMESTAMP (errno 40105) and sends a `Date` header, learn the
   * offset between the clocks and retry once with the corrected time. The offset is kept for
   * later calls. Default true.
   */
  correctClockSkew?: boolean;
  /** Seconds added to the local clock when signing. Default 0. */
  clockOffsetSeconds?: number;
  /** Returns milliseconds since the Unix epoch. Default `Date.now`. */
  clock?: Clock;
  /** Default `globalThis.fetch`, looked up at each call. */
  fetch?: typeof fetch;
  /** Canonical JSON profile of the body. Default `ascii` (what the upstream Python sample signs). */
  profile?: CanonicalProfile;
  hooks?: ClientHooks;
  /** Writes each request's canonical body and signed message (SIGNATURE shortened), and each response. */
  debug?: boolean | ((line: string) => void);
  /** Random source for backoff jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

export interface CallOptions {
  /** Aborts the call, including a wait between retries. */
  signal?: AbortSignal;
  /** Timeout of each attempt of this call in milliseconds; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Overrides `retry.maxRetries` for this call. */
  maxRetries?: number;
}

/** Body of a reclaim request; members other than `serial` are sent and signed as given. */
export type ReclaimOrderInput = { serial: string } & Record<string, unknown>;

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Returns `baseUrl` without a trailing slash, or throws when it is not an http(s) URL. */
export function requireBaseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    url = undefined;
  }
  if (typeof value !== 'string' || !/^https?:$/.test(url?.protocol ?? '') || url!.search !== '' || url!.hash !== '') {
    throw new TypeError(`Invalid \`baseUrl\`: expected an http(s) URL without query or fragment, received ${describeValue(value)}.`);
  }
  return value.replace(/\/+$/, '');
}

/** Rejects an API key that cannot travel in an HTTP header; the message does not repeat it. */
export function requireHeaderSafeKey(apiKey: string): string {
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new TypeError('Invalid `apiKey`: expected printable ASCII without spaces, as HTTP headers require.');
  }
  return apiKey;
}

/** Returns `value` when it is a safe integer of at least `min`, or throws naming the option. */
export function requireInteger(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    let kind = 'an integer';
    if (min === 1) {
      kind = 'a positive integer';
    } else if (min === 0) {
      kind = 'a non-negative integer';
    }
    throw new TypeError(`Invalid \`${name}\`: expected ${kind}, received ${describeValue(value)}.`);
  }
  return value;
}

/** Describes a value for an error message: strings quoted, numbers as written, other values by type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  return typeof value === 'number' ? String(value) : typeof value;
}

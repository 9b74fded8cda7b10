import * as v from 'valibot';
import { createClient, createConfig, type Client } from '../../generated/client/index.ts';
import { reclaimOrder as generatedReclaimOrder } from '../../generated/sdk.gen.ts';
import type { ReclaimAccepted } from '../../generated/types.gen.ts';
import { canonicalize, type CanonicalProfile } from '../canonical/canonicalize.ts';
import { ApiError } from '../errors/api-error.ts';
import type { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import { InvalidRequestError } from '../errors/validation-errors.ts';
import { type Clock, readTimestamp } from '../signing/clock.ts';
import { requireCredential } from '../signing/create-signer.ts';
import { createHmacSha256 } from '../signing/hmac-sha256.ts';
import { signBody } from '../signing/sign-body.ts';
import { Errno, HEADER_REQUEST_ID } from '../wire.ts';
import { classifyFailure } from './classify-failure.ts';
import { type ClientHooks, formatDebugLines, type RequestEvent } from './hooks.ts';
import { interpretAnswer } from './interpret-answer.ts';
import { backoffDelayMs, isRetryable, parseRetryAfterMs, resolveRetryOptions, type RetryOptions } from './retry-policy.ts';

export interface ReclaimClientOptions {
  /** Scheme and host of the API, such as `https://api.example.com`; no default. */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Per-attempt timeout in milliseconds. Default 30,000. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * When the server rejects the TIMESTAMP (errno 40105) and sends a Date header, learn the
   * offset and retry once with the corrected time. Default true.
   */
  correctClockSkew?: boolean;
  /** Seconds added to the local clock when signing. Default 0. */
  clockOffsetSeconds?: number;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  clock?: Clock;
  /** Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Canonical JSON profile of the body. Default `ascii`. */
  profile?: CanonicalProfile;
  hooks?: ClientHooks;
  /** Print each request's canonical body and signed message (SIGNATURE shortened). */
  debug?: boolean | ((line: string) => void);
  /** Random source for backoff jitter, in [0, 1). Defaults to `Math.random`. */
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Overrides `retry.maxRetries` for this call. */
  maxRetries?: number;
}

/** Body of a reclaim request; members other than `serial` are sent and signed as given. */
export type ReclaimOrderInput = { serial: string } & Record<string, unknown>;

export interface ReclaimClient {
  /** Resolves to the accepted answer, or throws an `OrderReclaimError` subclass. */
  reclaimOrder(input: ReclaimOrderInput, options?: CallOptions): Promise<ReclaimAccepted>;
  /** The offset in seconds currently added to the local clock (learned or configured). */
  readonly clockOffsetSeconds: number;
  readonly baseUrl: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** An exchange that failed inside the generated client, with the answer when there was one. */
class FailedExchange {
  readonly cause: unknown;
  readonly response: Response | undefined;

  constructor(cause: unknown, response: Response | undefined) {
    this.cause = cause;
    this.response = response;
  }
}

type AttemptResult =
  | { ok: true; value: ReclaimAccepted }
  | { ok: false; error: OrderReclaimError; response: Response | undefined };

/**
 * Creates a client for the Order Reclaim API. It wraps the client generated from the OpenAPI
 * contract: the body serializer is the canonicalizer, and a request interceptor signs exactly
 * the serialized body with a timestamp read once per attempt. The secret stays in closures,
 * so it never appears in `util.inspect`, `JSON.stringify` or errors of the client.
 */
export function createReclaimClient(options: ReclaimClientOptions): ReclaimClient {
  const baseUrl = requireBaseUrl(options.baseUrl);
  const apiKey = requireCredential(options.apiKey, 'apiKey');
  const hmac = createHmacSha256(requireCredential(options.apiSecret, 'apiSecret'));
  const timeoutMs = requireTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const retry = resolveRetryOptions(options.retry);
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const profile = options.profile ?? 'ascii';
  const correctClockSkew = options.correctClockSkew ?? true;
  const hooks = withDebug(options.hooks ?? {}, options.debug);
  let offsetSeconds = options.clockOffsetSeconds ?? 0;
  if (!Number.isSafeInteger(offsetSeconds)) {
    throw new TypeError(`Invalid \`clockOffsetSeconds\`: expected an integer, received ${String(offsetSeconds)}.`);
  }

  const client: Client = createClient(
    createConfig({
      baseUrl,
      fetch: options.fetch,
      bodySerializer: (body: unknown) => canonicalize(body, { profile }),
    }),
  );
  client.interceptors.request.use(async (request, requestOptions) => {
    const body = requestOptions.serializedBody as string;
    const signed = await signBody(hmac, apiKey, { body, timestamp: readTimestamp(clock, offsetSeconds) });
    for (const [name, value] of Object.entries(signed.headers)) {
      request.headers.set(name, value);
    }
    const attempt = (requestOptions as { meta?: { attempt?: number } }).meta?.attempt ?? 1;
    hooks.onRequest?.({ attempt, method: request.method, url: request.url, body, timestamp: signed.timestamp, signaturePrefix: signed.signature.slice(0, 8) });
    return request;
  });
  client.interceptors.error.use((error, response) => new FailedExchange(error, response));

  const attemptOnce = async (input: ReclaimOrderInput, attempt: number, callOptions: CallOptions): Promise<AttemptResult> => {
    const attemptTimeoutMs = callOptions.timeoutMs ?? timeoutMs;
    const timeoutSignal = AbortSignal.timeout(attemptTimeoutMs);
    const signal = callOptions.signal === undefined ? timeoutSignal : AbortSignal.any([callOptions.signal, timeoutSignal]);
    const started = Date.now();
    let response: Response | undefined;
    let outcome: AttemptResult;
    try {
      const result = await generatedReclaimOrder({
        client,
        body: input,
        signal,
        parseAs: 'text',
        throwOnError: true,
        meta: { attempt },
      });
      response = result.response;
      outcome = { ok: true, value: interpretAnswer({ kind: 'text', text: result.data as unknown as string }, response, input.serial) };
    } catch (error) {
      outcome = toFailure(error, input.serial, { timeoutSignal, timeoutMs: attemptTimeoutMs, callerSignal: callOptions.signal });
      response = outcome.ok ? undefined : outcome.response;
    }
    hooks.onResponse?.({
      attempt,
      status: response?.status,
      requestId: response?.headers.get(HEADER_REQUEST_ID) ?? undefined,
      durationMs: Date.now() - started,
      errorCode: outcome.ok ? undefined : outcome.error.code,
    });
    return outcome;
  };

  const reclaimOrder = async (input: ReclaimOrderInput, callOptions: CallOptions = {}): Promise<ReclaimAccepted> => {
    validateInput(input);
    validateCallOptions(callOptions);
    const maxRetries = callOptions.maxRetries ?? retry.maxRetries;
    let retries = 0;
    let skewCorrected = false;
    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(input, attempt, callOptions);
      if (result.ok) {
        return result.value;
      }

      const learnedOffset = correctClockSkew && !skewCorrected ? learnClockOffset(result, clock) : undefined;
      if (learnedOffset !== undefined) {
        skewCorrected = true;
        offsetSeconds = learnedOffset;
        hooks.onRetry?.({ retry: attempt, delayMs: 0, reason: 'clock-skew', errorCode: result.error.code });
        continue;
      }

      if (retries >= maxRetries || !isRetryable(result.error, result.response?.status, retry)) {
        throw result.error;
      }
      retries++;
      const retryAfterMs = parseRetryAfterMs(result.response?.headers.get('Retry-After') ?? null, clock());
      const delayMs = backoffDelayMs(retries, retryAfterMs, retry, random);
      hooks.onRetry?.({ retry: retries, delayMs, reason: 'retryable-failure', errorCode: result.error.code });
      await sleep(delayMs, callOptions.signal);
    }
  };

  return {
    reclaimOrder,
    get clockOffsetSeconds() {
      return offsetSeconds;
    },
    baseUrl,
  };
}

function toFailure(error: unknown, serial: string, abort: Parameters<typeof classifyFailure>[1]): AttemptResult {
  const exchange = error instanceof FailedExchange ? error : new FailedExchange(error, undefined);
  const { cause, response } = exchange;
  if (v.isValiError(cause)) {
    return { ok: false, error: new InvalidRequestError('serial', `Invalid request body: ${cause.message}`), response };
  }
  // An answer arrived and the generated client parsed it (JSON) or kept it as text; an Error
  // here instead means the body could not be read (connection cut, timeout).
  if (response !== undefined && !(cause instanceof Error)) {
    try {
      const received = typeof cause === 'string' ? { kind: 'text' as const, text: cause } : { kind: 'json' as const, value: cause };
      return { ok: true, value: interpretAnswer(received, response, serial) };
    } catch (answerError) {
      return { ok: false, error: answerError as OrderReclaimError, response };
    }
  }
  return { ok: false, error: classifyFailure(cause, abort), response };
}

/** Returns the server's clock offset in seconds when the answer blames the timestamp and carries a Date. */
function learnClockOffset(result: Extract<AttemptResult, { ok: false }>, clock: Clock): number | undefined {
  if (!(result.error instanceof ApiError) || result.error.errno !== Errno.TIMESTAMP_OUT_OF_WINDOW) {
    return undefined;
  }
  const serverDate = Date.parse(result.response?.headers.get('Date') ?? '');
  if (Number.isNaN(serverDate)) {
    return undefined;
  }
  return Math.round((serverDate - clock()) / 1000);
}

function validateInput(input: unknown): asserts input is ReclaimOrderInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidRequestError('input', `Invalid input: expected an object such as { serial: "..." }, received ${describe(input)}.`);
  }
  const serial = (input as { serial?: unknown }).serial;
  if (typeof serial !== 'string') {
    throw new InvalidRequestError('serial', `Invalid \`serial\`: expected a non-empty string, received ${describe(serial)}.`);
  }
  if (serial === '') {
    throw new InvalidRequestError('serial', 'Invalid `serial`: expected a non-empty string, received an empty string.');
  }
}

function validateCallOptions(options: CallOptions): void {
  if (options.timeoutMs !== undefined) {
    requireTimeout(options.timeoutMs, 'timeoutMs');
  }
  if (options.maxRetries !== undefined && (!Number.isSafeInteger(options.maxRetries) || options.maxRetries < 0)) {
    throw new TypeError(`Invalid \`maxRetries\`: expected a non-negative integer, received ${String(options.maxRetries)}.`);
  }
}

function requireBaseUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`Invalid \`baseUrl\`: expected an http or https URL such as "https://api.example.com", received ${describe(value)}.`);
  }
  return value as string;
}

function requireTimeout(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`Invalid \`${name}\`: expected a positive integer number of milliseconds, received ${String(value)}.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  }
  return typeof value === 'object' ? (value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object') : `${typeof value} ${String(value)}`;
}

function withDebug(hooks: ClientHooks, debug: ReclaimClientOptions['debug']): ClientHooks {
  if (debug === undefined || debug === false) {
    return hooks;
  }
  const write = typeof debug === 'function' ? debug : (line: string) => console.error(line);
  return {
    ...hooks,
    onRequest: (event: RequestEvent) => {
      for (const line of formatDebugLines(event)) {
        write(line);
      }
      hooks.onRequest?.(event);
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(classifyFailure(signal.reason, { timeoutSignal: AbortSignal.abort(), timeoutMs: 0, callerSignal: signal }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(classifyFailure(signal?.reason, { timeoutSignal: AbortSignal.abort(), timeoutMs: 0, callerSignal: signal }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

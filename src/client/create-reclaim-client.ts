import type { ReclaimAccepted } from '../../generated/types.gen.ts';
import { RequestAbortedError } from '../errors/transport-errors.ts';
import { readTimestamp } from '../signing/clock.ts';
import { requireCredential } from '../signing/create-signer.ts';
import { createHmacSha256 } from '../signing/hmac-sha256.ts';
import {
  type CallOptions,
  DEFAULT_TIMEOUT_MS,
  type ReclaimClientOptions,
  type ReclaimOrderInput,
  requireBaseUrl,
  requireHeaderSafeKey,
  requireInteger,
} from './client-options.ts';
import { validateRequestBody } from './contract-schemas.ts';
import { learnClockOffset } from './clock-skew.ts';
import { withDebugOutput } from './hooks.ts';
import { backoffDelayMs, isRetryable, parseRetryAfterMs, resolveRetryOptions } from './retry-policy.ts';
import { createGeneratedTransport } from './generated-transport.ts';
import { sendAttempt } from './send-attempt.ts';
import { sleep } from './sleep.ts';

export type { CallOptions, ReclaimClientOptions, ReclaimOrderInput } from './client-options.ts';
export { DEFAULT_TIMEOUT_MS } from './client-options.ts';

export interface ReclaimClient {
  /**
   * Reclaims an order. Resolves to the accepted response (`errno` 0), or rejects with an
   * `OrderReclaimError` subclass: `OrderNotFoundError`, `AuthenticationError` and `ApiError`
   * for other non-zero `errno` values (whatever the HTTP status), `ResponseValidationError`,
   * `ConnectionError`, `TimeoutError`, `RequestAbortedError`, `InvalidRequestError` or
   * `CanonicalizationError`.
   */
  reclaimOrder(input: ReclaimOrderInput, options?: CallOptions): Promise<ReclaimAccepted>;
  /** The offset in seconds currently added to the local clock (configured or learned). */
  readonly clockOffsetSeconds: number;
  readonly baseUrl: string;
}

/**
 * Creates a client for the Order Reclaim API. It wraps the client generated from the contract:
 * each attempt serializes the body once as canonical JSON (the generated client's body
 * serializer), signs exactly those bytes with a TIMESTAMP read once (a request interceptor),
 * and sends them.
 * `RetryOptions` describes what is retried. The secret stays inside closures, so it does not
 * appear in `util.inspect` or `JSON.stringify` of the client, nor in its errors, hook events or
 * debug output (a property test checks all of these).
 */
export function createReclaimClient(options: ReclaimClientOptions): ReclaimClient {
  const baseUrl = requireBaseUrl(options.baseUrl);
  const apiKey = requireHeaderSafeKey(requireCredential(options.apiKey, 'apiKey'));
  const hmac = createHmacSha256(requireCredential(options.apiSecret, 'apiSecret'));
  const timeoutMs = requireInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 1);
  const retry = resolveRetryOptions(options.retry);
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const correctClockSkew = options.correctClockSkew ?? true;
  let offsetSeconds = requireInteger(options.clockOffsetSeconds ?? 0, 'clockOffsetSeconds', Number.MIN_SAFE_INTEGER);
  const hooks = withDebugOutput(options.hooks ?? {}, options.debug);

  const transport = createGeneratedTransport({
    baseUrl,
    apiKey,
    hmac,
    readTimestamp: () => readTimestamp(clock, offsetSeconds),
    profile: options.profile ?? 'ascii',
    fetch: options.fetch,
    hooks,
  });

  const reclaimOrder = async (input: ReclaimOrderInput, callOptions: CallOptions = {}): Promise<ReclaimAccepted> => {
    validateRequestBody(input);
    const { signal } = callOptions;
    const maxRetries = requireInteger(callOptions.maxRetries ?? retry.maxRetries, 'maxRetries', 0);
    const attemptTimeoutMs = requireInteger(callOptions.timeoutMs ?? timeoutMs, 'timeoutMs', 1);
    if (signal?.aborted) {
      throw new RequestAbortedError({ cause: signal.reason });
    }
    let retries = 0;
    let skewCorrected = false;
    let minTimestampSeconds = 0;

    for (let attempt = 1; ; attempt++) {
      const outcome = await sendAttempt(transport, hooks, input, { attempt, timeoutMs: attemptTimeoutMs, signal, minTimestampSeconds });
      if (outcome.ok) {
        return outcome.value;
      }
      const { error, response } = outcome;

      const learnedOffset = correctClockSkew && !skewCorrected ? learnClockOffset(error, response?.headers.get('Date'), clock, offsetSeconds) : undefined;
      if (learnedOffset !== undefined) {
        skewCorrected = true;
        offsetSeconds = learnedOffset;
        // The corrected clock may lie behind the rejected TIMESTAMP; the signature differs anyway.
        minTimestampSeconds = 0;
        hooks.onRetry?.({ retry: attempt, delayMs: 0, reason: 'clock-skew', errorCode: error.code });
        continue;
      }

      if (retries >= maxRetries || !isRetryable(error, retry)) {
        throw error;
      }
      const retryAfterMs = parseRetryAfterMs(response?.headers.get('Retry-After') ?? null, clock());
      const delayMs = backoffDelayMs(retries + 1, retryAfterMs, retry, random);
      if (delayMs === undefined) {
        throw error;
      }
      retries++;
      minTimestampSeconds = outcome.timestampSeconds + 1;
      hooks.onRetry?.({ retry: attempt, delayMs, reason: 'retryable-failure', errorCode: error.code });
      await sleep(delayMs, signal);
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

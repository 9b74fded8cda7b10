import type { Client } from '../../generated/client/index.ts';
import { reclaimOrder as generatedReclaimOrder } from '../../generated/sdk.gen.ts';
import type { ReclaimAccepted } from '../../generated/types.gen.ts';
import { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import { InvalidRequestError } from '../errors/validation-errors.ts';
import { HEADER_REQUEST_ID } from '../wire.ts';
import { createAttemptSignal } from './attempt-signal.ts';
import { classifyFailure } from './classify-failure.ts';
import type { ReclaimOrderInput } from './client-options.ts';
import { type AttemptMeta, FailedExchange, HookFailure } from './generated-transport.ts';
import type { ClientHooks } from './hooks.ts';
import { interpretAnswer } from './interpret-answer.ts';

export interface AttemptSettings {
  attempt: number;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /**
   * The smallest TIMESTAMP (Unix seconds) this attempt may carry. A retry passes the previous
   * attempt's TIMESTAMP + 1, so it never repeats the previous signature even within the same
   * second. A server would reject a repeated signature as a replay.
   */
  minTimestampSeconds: number;
}

export type AttemptOutcome =
  | { ok: true; value: ReclaimAccepted }
  | { ok: false; error: OrderReclaimError; response: Response | undefined; timestampSeconds: number };

/**
 * Sends one signed attempt through the generated SDK function (`reclaimOrder` of
 * generated/sdk.gen.ts) and interprets the response.
 *
 * Failures before sending (canonicalization, a throwing hook) are thrown; failures of the
 * exchange are returned, so that the caller can decide on a retry.
 */
export async function sendAttempt(transport: Client, hooks: ClientHooks, input: ReclaimOrderInput, settings: AttemptSettings): Promise<AttemptOutcome> {
  const meta: AttemptMeta = { attempt: settings.attempt, minTimestampSeconds: settings.minTimestampSeconds };
  const started = hooks.onResponse === undefined ? 0 : Date.now();
  const abort = createAttemptSignal(settings.timeoutMs, settings.signal);
  let response: Response | undefined;
  let text: string | undefined;
  let outcome: AttemptOutcome;
  try {
    const result = await generatedReclaimOrder({ client: transport, body: input, signal: abort.signal, parseAs: 'text', throwOnError: true, meta: meta as unknown as Record<string, unknown> });
    response = result.response;
    text = result.data as unknown as string;
    outcome = { ok: true, value: interpretAnswer({ status: response.status, requestId: requestIdOf(response), text }, input.serial) };
  } catch (error) {
    const exchange = error instanceof FailedExchange ? error : new FailedExchange(error, undefined);
    response = exchange.response;
    text = receivedText(exchange);
    outcome = toOutcome(exchange, text, input.serial, abort, meta);
  } finally {
    abort.dispose();
  }

  hooks.onResponse?.({
    attempt: settings.attempt,
    status: response?.status,
    requestId: response === undefined ? undefined : requestIdOf(response),
    body: text,
    durationMs: Date.now() - started,
    errorCode: outcome.ok ? undefined : outcome.error.code,
  });
  return outcome;
}

function toOutcome(exchange: FailedExchange, text: string | undefined, serial: string, abort: ReturnType<typeof createAttemptSignal>, meta: AttemptMeta): AttemptOutcome {
  const { cause, response } = exchange;
  if (cause instanceof HookFailure) {
    throw cause.cause;
  }
  if (cause instanceof OrderReclaimError && response === undefined) {
    throw cause;
  }
  if (isValiError(cause)) {
    throw new InvalidRequestError('input', `Invalid request body: ${(cause as Error).message}.`, { cause });
  }
  const timestampSeconds = meta.timestampSeconds ?? 0;
  if (response === undefined || text === undefined) {
    return { ok: false, error: classifyFailure(cause, abort), response, timestampSeconds };
  }
  try {
    return { ok: true, value: interpretAnswer({ status: response.status, requestId: requestIdOf(response), text }, serial) };
  } catch (error) {
    return { ok: false, error: error as OrderReclaimError, response, timestampSeconds };
  }
}

/**
 * Returns the body text of an error response. The generated client hands over the parsed JSON
 * or, when the body is not JSON, the raw text. An Error instead means the body could not be read.
 */
function receivedText(exchange: FailedExchange): string | undefined {
  const { cause, response } = exchange;
  if (response === undefined || cause instanceof Error || cause instanceof HookFailure) {
    return undefined;
  }
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get(HEADER_REQUEST_ID) ?? undefined;
}

function isValiError(value: unknown): boolean {
  return (value as { name?: unknown } | null)?.name === 'ValiError';
}

import { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import { ConnectionError, RequestAbortedError, TimeoutError } from '../errors/transport-errors.ts';
import type { AttemptSignal } from './attempt-signal.ts';

/**
 * Error codes (Node, undici) raised before any byte of the request was written: the connection
 * was refused, the name did not resolve, no route, or the connect step timed out. Browsers only
 * report `TypeError: Failed to fetch`, which cannot tell these apart, so there a failed
 * connection never counts as "not sent".
 */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Maps whatever `fetch` or reading the body threw to the SDK's error classes. */
export function classifyFailure(error: unknown, abort: AttemptSignal): OrderReclaimError {
  if (error instanceof OrderReclaimError) {
    return error;
  }
  if (abort.callerAborted) {
    return new RequestAbortedError({ cause: error });
  }
  if (abort.timedOut) {
    return new TimeoutError(abort.timeoutMs, { cause: error });
  }

  const { code, message } = inspectCauses(error);
  if (code !== undefined && NEVER_SENT_CODES.has(code)) {
    return new ConnectionError(`Failed to connect (${message}); the request was not sent. Check \`baseUrl\` and the server.`, {
      cause: error,
      requestNeverSent: true,
    });
  }
  return new ConnectionError(`The connection failed before a complete answer arrived (${message}); the server may have received the request.`, {
    cause: error,
    requestNeverSent: false,
  });
}

/**
 * Walks the cause chain (undici wraps the socket error as `cause`; happy-eyeballs connects
 * report an AggregateError whose members carry the codes). Returns the first string `code` with
 * its error's message, or without a code the innermost message, such as "bad port".
 */
function inspectCauses(error: unknown): { code?: string; message: string } {
  let current = error as { code?: unknown; message?: unknown; errors?: unknown[]; cause?: unknown } | undefined;
  let message = String(error);
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    message = String(current.message || current.code || message);
    if (typeof current.code === 'string' && current.code !== '') {
      return { code: current.code, message };
    }
    current = (current.errors?.[0] ?? current.cause) as typeof current;
  }
  return { message };
}

import { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import { ConnectionError, RequestAbortedError, TimeoutError } from '../errors/transport-errors.ts';

/** Error codes (Node, undici) that prove the request never reached the server. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH']);

export interface AbortState {
  timeoutSignal: AbortSignal;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
}

/** Maps whatever `fetch` threw to the SDK's error classes; SDK errors pass through unchanged. */
export function classifyFailure(error: unknown, abort: AbortState): OrderReclaimError {
  if (error instanceof OrderReclaimError) {
    return error;
  }
  if (abort.callerSignal?.aborted) {
    return new RequestAbortedError({ cause: error });
  }
  if (abort.timeoutSignal.aborted) {
    return new TimeoutError(abort.timeoutMs, { cause: error });
  }

  const code = findErrorCode(error);
  const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  const message = neverSent
    ? `Could not connect to the server (${reason}). Check \`baseUrl\` and that the server is running.`
    : `The connection failed before an answer arrived (${reason}). The server may or may not have received the request.`;
  return new ConnectionError(message, { cause: error, requestNeverSent: neverSent });
}

/** Finds a Node-style `code` on the error or its cause chain (undici wraps it as `cause`). */
function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') {
      return code;
    }
    const nested = (current as { errors?: unknown[] }).errors?.[0];
    current = nested ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

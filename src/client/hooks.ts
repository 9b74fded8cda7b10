/**
 * Observers for requests and responses; the SDK itself never logs unless `debug` is set. Hooks run
 * synchronously, and an exception thrown by a hook propagates unchanged from `reclaimOrder`
 * (the attempt stops there and is not retried).
 */
export interface ClientHooks {
  /** Called after signing, right before the request is sent. */
  onRequest?(event: RequestEvent): void;
  /** Called when a response arrived (any status) or the attempt failed without one. */
  onResponse?(event: ResponseEvent): void;
  /** Called before waiting for the next attempt. */
  onRetry?(event: RetryEvent): void;
}

export interface RequestEvent {
  /** 1 for the first attempt of a call. */
  attempt: number;
  method: string;
  url: string;
  /** The canonical body, exactly as sent and signed. */
  body: string;
  timestamp: string;
  /** The first 8 hex characters of SIGNATURE; hooks never receive the full value. */
  signaturePrefix: string;
}

export interface ResponseEvent {
  attempt: number;
  /** Undefined when no response arrived (connection failure, timeout, abort). */
  status: number | undefined;
  requestId: string | undefined;
  /** The raw response body, or undefined when it could not be read. */
  body: string | undefined;
  durationMs: number;
  /** The SDK error code when the attempt failed. */
  errorCode: string | undefined;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  /** `clock-skew`: the server rejected the TIMESTAMP and the client learned its clock offset. */
  reason: 'retryable-failure' | 'clock-skew';
  errorCode: string;
}

/**
 * Returns hooks that also write debug lines, each starting with `[order-reclaim]`, to `debug`
 * (a function) or to `console.error` (when `debug` is true): per request the canonical body and
 * the signed message with SIGNATURE shortened, and per answer its status and body. The caller's
 * hooks run after the debug output.
 */
export function withDebugOutput(hooks: ClientHooks, debug: boolean | ((line: string) => void) | undefined): ClientHooks {
  if (!debug) {
    return hooks;
  }
  const write = typeof debug === 'function' ? debug : (line: string) => console.error(line);
  const log = (text: string): void => write(`[order-reclaim] ${text}`);
  return {
    onRequest: (event) => {
      log(`POST ${event.url} attempt=${event.attempt} TIMESTAMP=${event.timestamp} SIGNATURE=${event.signaturePrefix}… (shortened)`);
      log(`body=${event.body}`);
      log(`message=${event.timestamp}&${event.body}`);
      hooks.onRequest?.(event);
    },
    onResponse: (event) => {
      log(`status=${event.status} request-id=${event.requestId} body=${event.body}`);
      hooks.onResponse?.(event);
    },
    onRetry: hooks.onRetry,
  };
}

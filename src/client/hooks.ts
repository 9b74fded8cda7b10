/** Observers for requests and answers; the SDK itself never logs. Hooks must not throw. */
export interface ClientHooks {
  /** Called after signing, right before the request is sent. */
  onRequest?(event: RequestEvent): void;
  /** Called when an answer arrived (any status) or the attempt failed without one. */
  onResponse?(event: ResponseEvent): void;
  /** Called before waiting for the next attempt. */
  onRetry?(event: RetryEvent): void;
}

export interface RequestEvent {
  attempt: number;
  method: string;
  url: string;
  /** The canonical body, exactly as sent and signed. */
  body: string;
  timestamp: string;
  /** The first 8 hex characters of SIGNATURE; the full value is never exposed to hooks. */
  signaturePrefix: string;
}

export interface ResponseEvent {
  attempt: number;
  /** Undefined when no answer arrived (connection failure, timeout, abort). */
  status: number | undefined;
  requestId: string | undefined;
  durationMs: number;
  /** The SDK error code when the attempt failed. */
  errorCode: string | undefined;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  reason: 'retryable-failure' | 'clock-skew';
  errorCode: string;
}

/** Formats the debug lines: canonical body and signed message, with SIGNATURE shortened. */
export function formatDebugLines(event: RequestEvent): string[] {
  return [
    `[order-reclaim] ${event.method} ${event.url} attempt=${event.attempt}`,
    `[order-reclaim] TIMESTAMP=${event.timestamp} SIGNATURE=${event.signaturePrefix}… (shortened)`,
    `[order-reclaim] body=${event.body}`,
    `[order-reclaim] message=${event.timestamp}&${event.body}`,
  ];
}

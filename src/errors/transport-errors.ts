import { OrderReclaimError } from './order-reclaim-error.ts';

/** The request could not reach the server, or the connection broke before an answer arrived. */
export class ConnectionError extends OrderReclaimError {
  /** True when the request certainly never reached the server (refused, DNS), so resending is safe. */
  readonly requestNeverSent: boolean;

  constructor(message: string, options: { cause?: unknown; requestNeverSent: boolean }) {
    super('CONNECTION_FAILED', message, { cause: options.cause });
    this.name = 'ConnectionError';
    this.requestNeverSent = options.requestNeverSent;
  }
}

/** No answer arrived within the timeout. */
export class TimeoutError extends OrderReclaimError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super('TIMEOUT', `Request timed out after ${timeoutMs} ms. Raise \`timeoutMs\` or check that the server is reachable.`, options);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal aborted the request. */
export class RequestAbortedError extends OrderReclaimError {
  constructor(options?: { cause?: unknown }) {
    super('ABORTED', 'Request aborted by the caller\'s AbortSignal.', options);
    this.name = 'RequestAbortedError';
  }
}

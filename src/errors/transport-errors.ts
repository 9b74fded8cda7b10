import { OrderReclaimError } from './order-reclaim-error.ts';

/** The request could not reach the server, or the connection broke before a response arrived. */
export class ConnectionError extends OrderReclaimError {
  /** True when the request certainly never reached the server (refused, DNS), so resending is safe. */
  declare readonly requestNeverSent: boolean;

  constructor(message: string, options: { cause?: unknown; requestNeverSent: boolean }) {
    super('CONNECTION_FAILED', message, options);
    this.name = 'ConnectionError';
    this.requestNeverSent = options.requestNeverSent;
  }
}

/** No complete response arrived within the timeout of one attempt; the server may have received the request. */
export class TimeoutError extends OrderReclaimError {
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(
      'TIMEOUT',
      `Request timed out after ${timeoutMs} ms; the server may have received it. Raise \`timeoutMs\` or check the server.`,
      options,
    );
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

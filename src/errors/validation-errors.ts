import { OrderReclaimError } from './order-reclaim-error.ts';

/** The response is not what the contract allows: not JSON, empty, truncated, or off-schema. */
export class ResponseValidationError extends OrderReclaimError {
  declare readonly status: number;
  /** The start of the raw body, for diagnosis (at most 200 characters). */
  declare readonly bodySnippet: string;
  declare readonly requestId: string | undefined;

  constructor(problem: string, details: { status: number; body: string; requestId?: string; cause?: unknown }) {
    const snippet = details.body.length > 200 ? `${details.body.slice(0, 200)}…` : details.body;
    const requestId = details.requestId === undefined ? '' : `, request id ${details.requestId}`;
    super(
      'INVALID_RESPONSE',
      `Invalid response (HTTP ${details.status}${requestId}): ${problem}. Body: ${JSON.stringify(snippet)}`,
      { cause: details.cause },
    );
    this.name = 'ResponseValidationError';
    this.status = details.status;
    this.bodySnippet = snippet;
    this.requestId = details.requestId;
  }
}

/** The input was rejected before anything was sent. */
export class InvalidRequestError extends OrderReclaimError {
  /** The input member at fault, such as `serial`. */
  declare readonly param: string;

  constructor(param: string, message: string, options?: { cause?: unknown }) {
    super('INVALID_REQUEST', message, options);
    this.name = 'InvalidRequestError';
    this.param = param;
  }
}

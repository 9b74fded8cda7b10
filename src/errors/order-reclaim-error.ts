/** Stable codes of every error the SDK throws; callers can branch on them. */
export type OrderReclaimErrorCode =
  | 'API_ERROR'
  | 'ORDER_NOT_FOUND'
  | 'AUTHENTICATION_FAILED'
  | 'CONNECTION_FAILED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INVALID_RESPONSE'
  | 'INVALID_REQUEST'
  | 'CANONICALIZATION_FAILED';

/**
 * Base class of every error the SDK throws. The error classes declare their fields with
 * `declare` and assign them in the constructor, which emits no class-field code into bundles.
 */
export class OrderReclaimError extends Error {
  declare readonly code: OrderReclaimErrorCode;

  constructor(code: OrderReclaimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OrderReclaimError';
    this.code = code;
  }
}

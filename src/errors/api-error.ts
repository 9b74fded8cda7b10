import { isAuthenticationErrno } from '../wire.ts';
import { OrderReclaimError, type OrderReclaimErrorCode } from './order-reclaim-error.ts';

/** Fields of a response whose `errno` is not 0, whatever HTTP status carried it. */
export interface ApiErrorDetails {
  errno: number;
  /** The server's message, in the language it chose. */
  serverMessage: string;
  /** HTTP status of the response; 200 for servers that send errors with 200. */
  status: number;
  /** The `X-Request-Id` response header, when the server sent one. */
  requestId?: string;
  /** The server's `detail` member (reference server in explain mode). */
  detail?: string;
}

/** The server responded with an `errno` other than 0. */
export class ApiError extends OrderReclaimError {
  declare readonly errno: number;
  declare readonly serverMessage: string;
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  declare readonly detail: string | undefined;

  constructor(details: ApiErrorDetails, message?: string, code: OrderReclaimErrorCode = 'API_ERROR') {
    super(code, message ?? `Request failed with errno ${details.errno}: ${describeAnswer(details)}`);
    this.name = 'ApiError';
    this.errno = details.errno;
    this.serverMessage = details.serverMessage;
    this.status = details.status;
    this.requestId = details.requestId;
    this.detail = details.detail;
  }
}

/** errno 404: the server has no order with this serial. */
export class OrderNotFoundError extends ApiError {
  declare readonly serial: string;

  constructor(details: ApiErrorDetails, serial: string) {
    super(details, `Order not found: serial ${JSON.stringify(serial)} (${describeAnswer(details)})`, 'ORDER_NOT_FOUND');
    this.name = 'OrderNotFoundError';
    this.serial = serial;
  }
}

/**
 * Hints for the authentication errno values that a correct client can still run into: 40104
 * signature mismatch, 40105 timestamp outside the window, 40106 replay. They are the `Errno`
 * values of wire.ts, written as literals here and below because referencing `Errno` would put the
 * whole table into client bundles. Other errno values get the generic hint.
 */
const AUTHENTICATION_HINTS: Record<number, string> = {
  40104: 'Check `apiSecret`, and that nothing re-encodes the body after signing.',
  40105: 'Check the system clock, or set `clockOffsetSeconds`.',
  40106: 'Identical requests signed in the same second share one signature; sign again with a later TIMESTAMP instead of resending.',
};

/** errno 401xx: missing or malformed auth headers, unknown key, bad signature, stale timestamp or replay. */
export class AuthenticationError extends ApiError {
  constructor(details: ApiErrorDetails) {
    const hint = AUTHENTICATION_HINTS[details.errno] ?? 'Check `apiKey` and `apiSecret`.';
    super(details, `Authentication failed with errno ${details.errno}: ${describeAnswer(details)}. ${hint}`, 'AUTHENTICATION_FAILED');
    this.name = 'AuthenticationError';
  }
}

/** Creates the most specific error class for a response whose `errno` is not 0. */
export function createApiError(details: ApiErrorDetails, serial: string): ApiError {
  if (details.errno === 404) {
    return new OrderNotFoundError(details, serial);
  }
  if (isAuthenticationErrno(details.errno)) {
    return new AuthenticationError(details);
  }
  return new ApiError(details);
}

function describeAnswer(details: ApiErrorDetails): string {
  const requestId = details.requestId === undefined ? '' : `, request id ${details.requestId}`;
  const detail = details.detail === undefined ? '' : `; ${details.detail}`;
  return `server message ${JSON.stringify(details.serverMessage)}, HTTP ${details.status}${requestId}${detail}`;
}

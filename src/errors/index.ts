export { ApiError, type ApiErrorDetails, AuthenticationError, createApiError, OrderNotFoundError } from './api-error.ts';
export { CanonicalizationError, type CanonicalizationReason } from './canonicalization-error.ts';
export { OrderReclaimError, type OrderReclaimErrorCode } from './order-reclaim-error.ts';
export { ConnectionError, RequestAbortedError, TimeoutError } from './transport-errors.ts';
export { InvalidRequestError, ResponseValidationError } from './validation-errors.ts';

import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_RETRY, isRetryable, parseRetryAfterMs } from '../../src/client/retry-policy.ts';
import { ApiError, AuthenticationError } from '../../src/errors/api-error.ts';
import { ConnectionError, RequestAbortedError, TimeoutError } from '../../src/errors/transport-errors.ts';
import { InvalidRequestError, ResponseValidationError } from '../../src/errors/validation-errors.ts';

const apiError = (status: number, errno = 50001) => new ApiError({ errno, serverMessage: 'message', status });
const invalidAnswer = (status: number) => new ResponseValidationError('the body is empty', { status, body: '' });
const UNSAFE = { ...DEFAULT_RETRY, retryUnsafe: true };

describe('retry policy', () => {
  it.each([
    { name: 'a connection that was never made', error: new ConnectionError('refused', { requestNeverSent: true }), safe: true, unsafe: true },
    { name: 'a broken connection', error: new ConnectionError('reset', { requestNeverSent: false }), safe: false, unsafe: true },
    { name: 'a timeout', error: new TimeoutError(50), safe: false, unsafe: true },
    { name: 'an abort', error: new RequestAbortedError(), safe: false, unsafe: false },
    { name: 'errno with HTTP 429', error: apiError(429, 42901), safe: true, unsafe: true },
    { name: 'errno with HTTP 503', error: apiError(503, 50301), safe: true, unsafe: true },
    { name: 'a non-JSON 503', error: invalidAnswer(503), safe: true, unsafe: true },
    { name: 'errno with HTTP 500', error: apiError(500), safe: false, unsafe: true },
    { name: 'a non-JSON 502', error: invalidAnswer(502), safe: false, unsafe: true },
    { name: 'a non-JSON 504', error: invalidAnswer(504), safe: false, unsafe: true },
    { name: 'a non-JSON 200', error: invalidAnswer(200), safe: false, unsafe: false },
    { name: 'errno 40104 with HTTP 401', error: new AuthenticationError({ errno: 40104, serverMessage: 'm', status: 401 }), safe: false, unsafe: false },
    { name: 'an invalid request', error: new InvalidRequestError('serial', 'invalid'), safe: false, unsafe: false },
  ])('decides on $name', ({ error, safe, unsafe }) => {
    expect(isRetryable(error, DEFAULT_RETRY)).toBe(safe);
    expect(isRetryable(error, UNSAFE)).toBe(unsafe);
  });

  it('draws the backoff from a doubling ceiling', () => {
    expect(backoffDelayMs(1, undefined, DEFAULT_RETRY, () => 0.999)).toBe(499);
    expect(backoffDelayMs(2, undefined, DEFAULT_RETRY, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, undefined, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(backoffDelayMs(10, undefined, DEFAULT_RETRY, () => 0.5)).toBe(10_000);
  });

  it('waits at least Retry-After, and gives up beyond maxDelayMs', () => {
    expect(backoffDelayMs(1, 3_000, DEFAULT_RETRY, () => 0.5)).toBe(3_000);
    expect(backoffDelayMs(1, 20_000, DEFAULT_RETRY, () => 0.5)).toBe(20_000);
    expect(backoffDelayMs(1, 20_001, DEFAULT_RETRY, () => 0.5)).toBeUndefined();
  });

  it.each([
    { value: '0', expected: 0 },
    { value: ' 2 ', expected: 2_000 },
    { value: 'Tue, 14 Nov 2023 22:13:25 GMT', expected: 5_000 },
    { value: 'Tue, 14 Nov 2023 22:13:00 GMT', expected: 0 },
    { value: '-1', expected: undefined },
    { value: 'soon', expected: undefined },
    { value: '', expected: undefined },
    { value: null, expected: undefined },
  ])('reads Retry-After $value', ({ value, expected }) => {
    expect(parseRetryAfterMs(value, 1_700_000_000_000)).toBe(expected);
  });
});

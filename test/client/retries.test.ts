import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { RetryEvent } from '../../src/client/hooks.ts';
import { ApiError } from '../../src/errors/api-error.ts';
import { ResponseValidationError } from '../../src/errors/validation-errors.ts';
import { ACCEPTED, createTestClient, FIXED_NOW_MS, jsonAnswer, useMockApi } from './mock-api.ts';

const { received, answerWith } = useMockApi();

const SLOW_DOWN = { errno: 42901, message: 'too many requests' };

/** Creates a client whose backoff draws 0, so waits come only from Retry-After. */
function retryingClient(retries: RetryEvent[] = [], overrides: Parameters<typeof createTestClient>[0] = {}) {
  return createTestClient({ random: () => 0, hooks: { onRetry: (event) => retries.push(event) }, ...overrides });
}

describe('client retries', () => {
  it('retries 429 after Retry-After: 0', async () => {
    answerWith((_request, index) => (index === 0 ? jsonAnswer(SLOW_DOWN, 429, { 'Retry-After': '0' }) : jsonAnswer(ACCEPTED)));
    const retries: RetryEvent[] = [];

    await expect(retryingClient(retries).reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);

    expect(received).toHaveLength(2);
    expect(retries).toEqual([{ retry: 1, delayMs: 0, reason: 'retryable-failure', errorCode: 'API_ERROR' }]);
  });

  it('waits the Retry-After seconds before retrying 429', async () => {
    answerWith((_request, index) => (index === 0 ? jsonAnswer(SLOW_DOWN, 429, { 'Retry-After': '1' }) : jsonAnswer(ACCEPTED)));
    const retries: RetryEvent[] = [];

    const started = performance.now();
    await expect(retryingClient(retries).reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);

    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(retries[0]!.delayMs).toBe(1_000);
  });

  it('retries 503 with an HTML body', async () => {
    answerWith((_request, index) => (index === 0 ? HttpResponse.html('<h1>Service Unavailable</h1>', { status: 503 }) : jsonAnswer(ACCEPTED)));
    const retries: RetryEvent[] = [];

    await expect(retryingClient(retries).reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);

    expect(retries).toEqual([{ retry: 1, delayMs: 0, reason: 'retryable-failure', errorCode: 'INVALID_RESPONSE' }]);
  });

  it('gives up after two retries with the last error', async () => {
    answerWith(() => jsonAnswer({ errno: 50301, message: 'maintenance' }, 503));

    const failure = retryingClient().reclaimOrder({ serial: 'order-1' });

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ errno: 50301, status: 503 });
    expect(received).toHaveLength(3);
  });

  it('takes maxRetries of the call over the client policy', async () => {
    answerWith(() => jsonAnswer(SLOW_DOWN, 429, { 'Retry-After': '0' }));

    await expect(retryingClient().reclaimOrder({ serial: 'order-1' }, { maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
    expect(received).toHaveLength(1);
  });

  it('gives up at once when Retry-After exceeds maxDelayMs', async () => {
    answerWith(() => jsonAnswer(SLOW_DOWN, 429, { 'Retry-After': '120' }));

    await expect(retryingClient().reclaimOrder({ serial: 'order-1' })).rejects.toMatchObject({ status: 429, errno: 42901 });
    expect(received).toHaveLength(1);
  });

  it.each([
    { status: 500, answer: () => jsonAnswer({ errno: 50001, message: 'internal error' }, 500) },
    { status: 502, answer: () => HttpResponse.html('<h1>Bad Gateway</h1>', { status: 502 }) },
    { status: 504, answer: () => HttpResponse.html('<h1>Gateway Timeout</h1>', { status: 504 }) },
    { status: 401, answer: () => jsonAnswer({ errno: 40104, message: 'signature mismatch' }, 401) },
    { status: 200, answer: () => jsonAnswer({ errno: 404, message: 'order not found' }, 200) },
  ])('does not retry HTTP $status by default', async ({ answer }) => {
    answerWith(answer);

    await expect(retryingClient().reclaimOrder({ serial: 'order-1' })).rejects.toBeDefined();
    expect(received).toHaveLength(1);
  });

  it.each([
    { status: 500, answer: () => jsonAnswer({ errno: 50001, message: 'internal error' }, 500) },
    { status: 502, answer: () => HttpResponse.html('<h1>Bad Gateway</h1>', { status: 502 }) },
    { status: 504, answer: () => HttpResponse.html('<h1>Gateway Timeout</h1>', { status: 504 }) },
  ])('retries HTTP $status with retryUnsafe', async ({ answer }) => {
    answerWith((request, index) => (index === 0 ? answer() : jsonAnswer(ACCEPTED)));

    await expect(retryingClient([], { retry: { retryUnsafe: true } }).reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);
    expect(received).toHaveLength(2);
  });

  it('signs the retry with a new timestamp and a new signature', async () => {
    answerWith((_request, index) => (index === 0 ? jsonAnswer(SLOW_DOWN, 429, { 'Retry-After': '0' }) : jsonAnswer(ACCEPTED)));

    await retryingClient().reclaimOrder({ serial: 'order-1' });

    const [first, second] = received;
    expect(first!.timestamp).toBe(String(FIXED_NOW_MS / 1000));
    expect(second!.timestamp).toBe(String(FIXED_NOW_MS / 1000 + 1));
    expect(second!.signature).not.toBe(first!.signature);
    expect(second!.body).toBe(first!.body);
    expect(first!.signatureValid).toBe(true);
    expect(second!.signatureValid).toBe(true);
  });

  it('signs the retry with the clock when it has moved on', async () => {
    answerWith((_request, index) => (index === 0 ? jsonAnswer(SLOW_DOWN, 503) : jsonAnswer(ACCEPTED)));
    let now = FIXED_NOW_MS;
    const client = retryingClient([], { clock: () => now, hooks: { onRetry: () => (now += 7_000) } });

    await client.reclaimOrder({ serial: 'order-1' });

    expect(received.map((request) => request.timestamp)).toEqual([String(FIXED_NOW_MS / 1000), String(FIXED_NOW_MS / 1000 + 7)]);
    expect(received.every((request) => request.signatureValid)).toBe(true);
  });

  it('rejects the last 503 answer as ResponseValidationError when it is not JSON', async () => {
    answerWith(() => new HttpResponse('Service Unavailable', { status: 503 }));

    await expect(retryingClient().reclaimOrder({ serial: 'order-1' })).rejects.toBeInstanceOf(ResponseValidationError);
    expect(received).toHaveLength(3);
  });
});

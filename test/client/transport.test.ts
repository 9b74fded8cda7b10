import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConnectionError, RequestAbortedError, TimeoutError } from '../../src/errors/transport-errors.ts';
import { ACCEPTED, createTestClient, jsonAnswer, useMockApi } from './mock-api.ts';

const { received, answerWith } = useMockApi();

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    (value) => {
      throw new Error(`Expected a rejection, received ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as Error,
  );
}

describe('client transport failures', () => {
  it('times out a slow server', async () => {
    answerWith(async () => {
      await delay(2_000);
      return jsonAnswer(ACCEPTED);
    });
    const client = createTestClient({ timeoutMs: 50 });

    const started = performance.now();
    const error = await failureOf(client.reclaimOrder({ serial: 'order-1' }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', timeoutMs: 50 });
    expect(error.message).toBe('Request timed out after 50 ms; the server may have received it. Raise `timeoutMs` or check the server.');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(received).toHaveLength(1);
  });

  it('takes the timeout of the call over the client default', async () => {
    answerWith(async () => {
      await delay(2_000);
      return jsonAnswer(ACCEPTED);
    });
    const client = createTestClient({ timeoutMs: 10_000 });

    const error = await failureOf(client.reclaimOrder({ serial: 'order-1' }, { timeoutMs: 40 }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 40 });
  });

  it('retries a timeout with retryUnsafe', async () => {
    answerWith(async (_request, index) => {
      if (index === 0) {
        await delay(2_000);
      }
      return jsonAnswer(ACCEPTED);
    });
    const client = createTestClient({ timeoutMs: 50, retry: { retryUnsafe: true, baseDelayMs: 1 } });

    await expect(client.reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);
    expect(received).toHaveLength(2);
  });

  it('reports a reset connection as ConnectionError and does not retry it', async () => {
    answerWith(() => HttpResponse.error());
    const client = createTestClient();

    const error = await failureOf(client.reclaimOrder({ serial: 'order-1' }));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', requestNeverSent: false });
    expect(error.message).toBe(
      'The connection failed before a complete answer arrived (fetch failed); the server may have received the request.',
    );
    expect(received).toHaveLength(1);
  });

  it('retries a reset connection with retryUnsafe', async () => {
    answerWith((_request, index) => (index === 0 ? HttpResponse.error() : jsonAnswer(ACCEPTED)));
    const client = createTestClient({ retry: { retryUnsafe: true, baseDelayMs: 1 } });

    await expect(client.reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);
    expect(received).toHaveLength(2);
  });

  it('aborts a request in flight with the caller signal', async () => {
    answerWith(async () => {
      await delay(2_000);
      return jsonAnswer(ACCEPTED);
    });
    const client = createTestClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 30);

    const error = await failureOf(client.reclaimOrder({ serial: 'order-1' }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(error.message).toBe("Request aborted by the caller's AbortSignal.");
  });

  it('sends nothing when the signal is already aborted', async () => {
    answerWith(() => jsonAnswer(ACCEPTED));
    const client = createTestClient();

    const error = await failureOf(client.reclaimOrder({ serial: 'order-1' }, { signal: AbortSignal.abort() }));

    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(received).toHaveLength(0);
  });

  it('aborts the wait between retries', async () => {
    answerWith(() => jsonAnswer({ errno: 42901, message: 'slow down' }, 429, { 'Retry-After': '5' }));
    const client = createTestClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const started = performance.now();
    const error = await failureOf(client.reclaimOrder({ serial: 'order-1' }, { signal: controller.signal }));

    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
  });
});

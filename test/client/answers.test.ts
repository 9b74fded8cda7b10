import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, OrderNotFoundError } from '../../src/errors/api-error.ts';
import { ResponseValidationError } from '../../src/errors/validation-errors.ts';
import { ACCEPTED, createTestClient, jsonAnswer, useMockApi } from './mock-api.ts';

const { received, answerWith } = useMockApi();
const client = createTestClient({ retry: { maxRetries: 0 } });

async function reclaimFailure(serial = 'order-1'): Promise<unknown> {
  return client.reclaimOrder({ serial }).then(
    (value) => {
      throw new Error(`Expected a rejection, received ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('client answers by errno', () => {
  it('resolves errno 0 with the accepted answer', async () => {
    answerWith(() => jsonAnswer(ACCEPTED));

    await expect(client.reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);
    expect(received).toHaveLength(1);
    expect(received[0]!.signatureValid).toBe(true);
  });

  it('rejects HTTP 200 with errno 404 as OrderNotFoundError', async () => {
    answerWith(() => jsonAnswer({ errno: 404, message: '找不到订单' }, 200));

    const error = await reclaimFailure('no-such-order');

    expect(error).toBeInstanceOf(OrderNotFoundError);
    expect(error).toMatchObject({ code: 'ORDER_NOT_FOUND', errno: 404, status: 200, serial: 'no-such-order', requestId: 'req-1' });
    expect((error as Error).message).toBe('Order not found: serial "no-such-order" (server message "找不到订单", HTTP 200, request id req-1)');
  });

  it.each([
    {
      status: 404,
      answer: { errno: 404, message: 'order not found' },
      errorClass: OrderNotFoundError,
      code: 'ORDER_NOT_FOUND',
      message: 'Order not found: serial "order-1" (server message "order not found", HTTP 404, request id req-1)',
    },
    {
      status: 400,
      answer: { errno: 40002, message: 'invalid body', detail: 'serial is missing' },
      errorClass: ApiError,
      code: 'API_ERROR',
      message: 'Request failed with errno 40002: server message "invalid body", HTTP 400, request id req-1; serial is missing',
    },
    {
      status: 401,
      answer: { errno: 40104, message: '签名错误' },
      errorClass: AuthenticationError,
      code: 'AUTHENTICATION_FAILED',
      message:
        'Authentication failed with errno 40104: server message "签名错误", HTTP 401, request id req-1. Check `apiSecret`, and that nothing re-encodes the body after signing.',
    },
    {
      status: 401,
      answer: { errno: 40106, message: 'replayed request' },
      errorClass: AuthenticationError,
      code: 'AUTHENTICATION_FAILED',
      message:
        'Authentication failed with errno 40106: server message "replayed request", HTTP 401, request id req-1. Identical requests signed in the same second share one signature; sign again with a later TIMESTAMP instead of resending.',
    },
    {
      status: 401,
      answer: { errno: 40103, message: 'unknown key' },
      errorClass: AuthenticationError,
      code: 'AUTHENTICATION_FAILED',
      message: 'Authentication failed with errno 40103: server message "unknown key", HTTP 401, request id req-1. Check `apiKey` and `apiSecret`.',
    },
    {
      status: 413,
      answer: { errno: 41301, message: 'body too large', extra: true },
      errorClass: ApiError,
      code: 'API_ERROR',
      message: 'Request failed with errno 41301: server message "body too large", HTTP 413, request id req-1',
    },
  ])('rejects HTTP $status with errno $answer.errno as $code', async ({ status, answer, errorClass, code, message }) => {
    answerWith(() => jsonAnswer(answer, status));

    const error = await reclaimFailure();

    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ code, errno: answer.errno, status, serverMessage: answer.message, requestId: 'req-1' });
    expect((error as Error).message).toBe(message);
    expect(received).toHaveLength(1);
  });

  it('accepts errno 0 even with an error status', async () => {
    answerWith(() => jsonAnswer(ACCEPTED, 500));

    await expect(client.reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);
  });
});

describe('client rejects answers outside the contract', () => {
  it.each([
    {
      name: 'the HTML 502 page of a proxy',
      answer: () =>
        HttpResponse.html('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', { status: 502 }),
      message:
        'Invalid response (HTTP 502): the body is an HTML page (from a proxy?), not JSON. Body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"',
    },
    {
      name: 'an empty body',
      answer: () => new HttpResponse(null, { status: 200, headers: { 'X-Request-Id': 'req-1' } }),
      message: 'Invalid response (HTTP 200, request id req-1): the body is empty. Body: ""',
    },
    {
      name: 'truncated JSON',
      answer: () => new HttpResponse('{"errno":0,"mess', { status: 200, headers: { 'Content-Type': 'application/json' } }),
      message: 'Invalid response (HTTP 200): the body is not valid JSON; it may be truncated. Body: "{\\"errno\\":0,\\"mess"',
    },
    {
      name: 'errno as a string',
      answer: () => jsonAnswer({ errno: '0', message: 'request accept' }),
      message:
        'Invalid response (HTTP 200, request id req-1): the body does not match the contract (errno: Invalid type: Expected number but received "0"). Body: "{\\"errno\\":\\"0\\",\\"message\\":\\"request accept\\"}"',
    },
    {
      name: 'errno missing',
      answer: () => jsonAnswer({ message: 'ok' }),
      message:
        'Invalid response (HTTP 200, request id req-1): the body does not match the contract (errno: Invalid key: Expected "errno" but received undefined). Body: "{\\"message\\":\\"ok\\"}"',
    },
    {
      name: 'a JSON array',
      answer: () => jsonAnswer([0]),
      message:
        'Invalid response (HTTP 200, request id req-1): the body does not match the contract (errno: Invalid key: Expected "errno" but received undefined). Body: "[0]"',
    },
    {
      name: 'JSON null',
      answer: () => new HttpResponse('null', { status: 200 }),
      message: 'Invalid response (HTTP 200): the body does not match the contract (Invalid type: Expected Object but received null). Body: "null"',
    },
    {
      name: 'an accepted answer without message',
      answer: () => jsonAnswer({ errno: 0 }),
      message:
        'Invalid response (HTTP 200, request id req-1): the body does not match the contract (message: Invalid key: Expected "message" but received undefined). Body: "{\\"errno\\":0}"',
    },
  ])('rejects $name as ResponseValidationError', async ({ answer, message }) => {
    answerWith(answer);

    const error = await reclaimFailure();

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect((error as Error).message).toBe(message);
  });

  it('keeps at most 200 characters of the body', async () => {
    answerWith(() => HttpResponse.text('x'.repeat(500), { status: 500 }));

    const error = (await reclaimFailure()) as ResponseValidationError;

    expect(error.status).toBe(500);
    expect(error.bodySnippet).toBe(`${'x'.repeat(200)}…`);
  });
});

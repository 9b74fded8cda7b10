import { createHmac, timingSafeEqual } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReclaimClient } from '../../src/client/create-reclaim-client.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { OrderNotFoundError } from '../../src/errors/api-error.ts';

// msw answers in-process, so no request leaves the process; .test is a reserved TLD.
const BASE_URL = 'http://reclaim-api.test';
const FIXED_NOW_MS = 1_700_000_000_000;

interface Received {
  body: string;
  headers: Headers;
  signatureValid: boolean;
}

const received: Received[] = [];

/** Verifies each request's signature over the raw bytes it carries, as a real server would. */
const mockApi = setupServer(
  http.post(`${BASE_URL}/api/v1/frontend/order/reclaim`, async ({ request }) => {
    const rawBody = Buffer.from(await request.arrayBuffer());
    const timestamp = request.headers.get('TIMESTAMP') ?? '';
    const expected = createHmac('sha256', DEMO_API_SECRET).update(`${timestamp}&`).update(rawBody).digest('hex');
    const signature = request.headers.get('SIGNATURE') ?? '';
    const signatureValid = signature.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
    received.push({ body: rawBody.toString('utf8'), headers: request.headers, signatureValid });
    if (!signatureValid || request.headers.get('API-KEY') !== DEMO_API_KEY) {
      return HttpResponse.json({ errno: 40104, message: '签名错误' }, { status: 401 });
    }
    const { serial } = JSON.parse(rawBody.toString('utf8')) as { serial: string };
    return serial === 'known'
      ? HttpResponse.json({ errno: 0, message: 'request accept' })
      : HttpResponse.json({ errno: 404, message: '找不到订单' });
  }),
);

beforeAll(() => mockApi.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  received.length = 0;
  mockApi.resetHandlers();
});
afterAll(() => mockApi.close());

const client = createReclaimClient({ baseUrl: BASE_URL, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, clock: () => FIXED_NOW_MS });

describe('client against a signature-checking mock', () => {
  it('sends a signature that verifies over the sent bytes', async () => {
    await expect(client.reclaimOrder({ serial: 'known' })).resolves.toEqual({ errno: 0, message: 'request accept' });
    expect(received).toHaveLength(1);
    expect(received[0]!.signatureValid).toBe(true);
  });

  it('sends the canonical body and the documented headers', async () => {
    await client.reclaimOrder({ serial: 'known', note: 'é', a: { z: 1, b: [true, null] } });
    const [request] = received;
    expect(request!.body).toBe('{"a":{"b":[true,null],"z":1},"note":"\\u00e9","serial":"known"}');
    expect(request!.headers.get('API-KEY')).toBe(DEMO_API_KEY);
    expect(request!.headers.get('TIMESTAMP')).toBe('1700000000');
    expect(request!.headers.get('SIGNATURE')).toMatch(/^[0-9a-f]{64}$/);
    expect(request!.headers.get('Content-Type')).toBe('application/json');
  });

  it('signs the upstream example with the upstream signature', async () => {
    await client.reclaimOrder({ serial: '1bcb40c612aababdcb166ac2cd7e3525' }).catch(() => undefined);
    expect(received[0]!.headers.get('SIGNATURE')).toBe('4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0');
  });

  it('throws OrderNotFoundError for errno 404', async () => {
    const failure = client.reclaimOrder({ serial: 'missing' });
    await expect(failure).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(failure).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND', errno: 404, status: 200, serverMessage: '找不到订单' });
  });
});

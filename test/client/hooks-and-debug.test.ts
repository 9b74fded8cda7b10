import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReclaimClient, type ReclaimClientOptions } from '../../src/client/create-reclaim-client.ts';
import type { RequestEvent, ResponseEvent } from '../../src/client/hooks.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';

// The upstream page's example order, signed at TIMESTAMP 1700000000 with the demo secret.
const UPSTREAM_SERIAL = '1bcb40c612aababdcb166ac2cd7e3525';
const UPSTREAM_BODY = `{"serial":"${UPSTREAM_SERIAL}"}`;
const UPSTREAM_SIGNATURE = '4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0';
const URL = 'http://127.0.0.1:59999/api/v1/frontend/order/reclaim';
const ACCEPTED_TEXT = '{"errno":0,"message":"request accept"}';

function demoClient(overrides: Partial<ReclaimClientOptions>) {
  return createReclaimClient({
    baseUrl: 'http://127.0.0.1:59999',
    apiKey: DEMO_API_KEY,
    apiSecret: DEMO_API_SECRET,
    clock: () => 1_700_000_000_000,
    fetch: async () => new Response(ACCEPTED_TEXT, { headers: { 'X-Request-Id': 'req-1' } }),
    ...overrides,
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('client hooks', () => {
  it('reports the request and the answer', async () => {
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const client = demoClient({ hooks: { onRequest: (event) => requests.push(event), onResponse: (event) => responses.push(event) } });

    await client.reclaimOrder({ serial: UPSTREAM_SERIAL });

    expect(requests).toEqual([
      { attempt: 1, method: 'POST', url: URL, body: UPSTREAM_BODY, timestamp: '1700000000', signaturePrefix: UPSTREAM_SIGNATURE.slice(0, 8) },
    ]);
    expect(responses).toEqual([
      { attempt: 1, status: 200, requestId: 'req-1', body: ACCEPTED_TEXT, durationMs: expect.any(Number), errorCode: undefined },
    ]);
  });

  it('reports an attempt without an answer', async () => {
    const responses: ResponseEvent[] = [];
    const client = demoClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      hooks: { onResponse: (event) => responses.push(event) },
    });

    await expect(client.reclaimOrder({ serial: UPSTREAM_SERIAL })).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(responses).toEqual([
      { attempt: 1, status: undefined, requestId: undefined, body: undefined, durationMs: expect.any(Number), errorCode: 'CONNECTION_FAILED' },
    ]);
  });

  it('propagates an exception thrown by a hook without sending', async () => {
    const fetch = vi.fn(async () => new Response(ACCEPTED_TEXT));
    const hookFailure = new Error('hook failed');
    const client = demoClient({
      fetch,
      hooks: {
        onRequest: () => {
          throw hookFailure;
        },
      },
    });

    await expect(client.reclaimOrder({ serial: UPSTREAM_SERIAL })).rejects.toBe(hookFailure);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('client debug mode', () => {
  it('writes the canonical body and the message with SIGNATURE shortened', async () => {
    const lines: string[] = [];

    await demoClient({ debug: (line) => lines.push(line) }).reclaimOrder({ serial: UPSTREAM_SERIAL });

    expect(lines).toEqual([
      `[order-reclaim] POST ${URL} attempt=1 TIMESTAMP=1700000000 SIGNATURE=4ddd99c0… (shortened)`,
      `[order-reclaim] body=${UPSTREAM_BODY}`,
      `[order-reclaim] message=1700000000&${UPSTREAM_BODY}`,
      `[order-reclaim] status=200 request-id=req-1 body=${ACCEPTED_TEXT}`,
    ]);
    expect(lines.join('\n')).not.toContain(UPSTREAM_SIGNATURE);
  });

  it('writes to console.error when debug is true, and runs the caller hooks too', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onRequest = vi.fn();

    await demoClient({ debug: true, hooks: { onRequest } }).reclaimOrder({ serial: UPSTREAM_SERIAL });

    expect(consoleError).toHaveBeenCalledTimes(4);
    expect(consoleError.mock.calls[1]).toEqual([`[order-reclaim] body=${UPSTREAM_BODY}`]);
    expect(onRequest).toHaveBeenCalledTimes(1);
  });

  it('writes nothing when debug is off', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => undefined);

    await demoClient({}).reclaimOrder({ serial: UPSTREAM_SERIAL });

    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleLog).not.toHaveBeenCalled();
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createReclaimClient, type ReclaimClientOptions } from '../../src/client/create-reclaim-client.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';

/**
 * msw responds in the test process. The base URL points at an unused port of 127.0.0.1, so a
 * request that msw failed to intercept is refused locally instead of reaching another host.
 */
export const BASE_URL = 'http://127.0.0.1:59999';
export const RECLAIM_URL = `${BASE_URL}/api/v1/frontend/order/reclaim`;
/** 2023-11-14T22:13:20Z; every test client reads this clock unless a test passes its own. */
export const FIXED_NOW_MS = 1_700_000_000_000;

export interface ReceivedRequest {
  body: string;
  apiKey: string | null;
  timestamp: string;
  signature: string;
  /** True when SIGNATURE is the HMAC of `TIMESTAMP&body` under the demo secret. */
  signatureValid: boolean;
}

export type Answer = (request: ReceivedRequest, index: number) => Response | Promise<Response>;

/** Returns true when `signature` signs `timestamp&body` with the demo secret. */
export function isValidSignature(timestamp: string, body: string, signature: string): boolean {
  const expected = createHmac('sha256', DEMO_API_SECRET).update(`${timestamp}&${body}`, 'utf8').digest('hex');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

/**
 * Starts an msw server for the calling test file (listen before all tests, reset after each,
 * close after all). `answerWith` installs the response function of the reclaim endpoint, and
 * every request is recorded in `received` with its signature checked.
 */
export function useMockApi(): { received: ReceivedRequest[]; answerWith: (answer: Answer) => void } {
  const server = setupServer();
  const received: ReceivedRequest[] = [];
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    received.length = 0;
  });
  afterAll(() => server.close());

  const answerWith = (answer: Answer): void => {
    server.use(
      http.post(RECLAIM_URL, async ({ request }) => {
        const body = await request.text();
        const timestamp = request.headers.get('TIMESTAMP') ?? '';
        const signature = request.headers.get('SIGNATURE') ?? '';
        const entry = { body, apiKey: request.headers.get('API-KEY'), timestamp, signature, signatureValid: isValidSignature(timestamp, body, signature) };
        received.push(entry);
        return answer(entry, received.length - 1);
      }),
    );
  };
  return { received, answerWith };
}

/** Creates a JSON response with a fixed request id, as the reference server sends one. */
export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, { status, headers: { 'X-Request-Id': 'req-1', ...headers } });
}

export const ACCEPTED = { errno: 0, message: 'request accept' };

/** Creates a client with the demo credentials and the fixed clock; `overrides` replace any option. */
export function createTestClient(overrides: Partial<ReclaimClientOptions> = {}) {
  return createReclaimClient({ baseUrl: BASE_URL, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, clock: () => FIXED_NOW_MS, ...overrides });
}

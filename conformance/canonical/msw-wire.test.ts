import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize, type CanonicalProfile } from '../../src/canonical/canonicalize.ts';
import { createReclaimClient, type ReclaimClient } from '../../src/client/create-reclaim-client.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { CanonicalizationError } from '../../src/errors/canonicalization-error.ts';
import { verifySignature } from '../../src/server/verify-signature.ts';
import { RECLAIM_PATH } from '../../src/wire.ts';
import { reclaimBodyArbitrary } from '../arbitraries/reclaim-body.ts';
import { propertySettings } from './property-settings.ts';

/**
 * msw intercepts every request to this address in-process and returns the mock response, so
 * nothing is sent. Port 9 would not do: fetch rejects the discard port before msw receives the request.
 */
const BASE_URL = 'http://127.0.0.1:65535';
const NOW_MS = 1_700_000_000_000;
const settings = propertySettings();

interface CapturedRequest {
  body: Uint8Array;
  headers: Headers;
}

const captured: CapturedRequest[] = [];
const mockServer = setupServer(
  http.post(`${BASE_URL}${RECLAIM_PATH}`, async ({ request }) => {
    captured.push({ body: new Uint8Array(await request.arrayBuffer()), headers: request.headers });
    return HttpResponse.json({ errno: 0, message: 'request accept' });
  }),
);
const clients = new Map<CanonicalProfile, ReclaimClient>();

beforeAll(() => {
  mockServer.listen({ onUnhandledFrame: 'error' });
  // Created after listen(), so the clients call the fetch that msw intercepts.
  for (const profile of ['ascii', 'utf8'] as const) {
    clients.set(profile, createReclaimClient({ baseUrl: BASE_URL, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, clock: () => NOW_MS, profile, retry: { maxRetries: 0 } }));
  }
});

afterAll(() => {
  mockServer.close();
});

describe('request on the wire', () => {
  it.each(['ascii', 'utf8'] as const)('%s: carries exactly the canonical body and a signature that verifies', async (profile) => {
    await fc.assert(
      fc.asyncProperty(reclaimBodyArbitrary(), async (body) => {
        captured.length = 0;
        let expectedBody: string;
        try {
          expectedBody = canonicalize(body, { profile });
        } catch (error) {
          // A lone surrogate has no utf8 form: the client rejects the body and sends nothing.
          expect(error).toMatchObject({ reason: 'LONE_SURROGATE' });
          await expect(clients.get(profile)!.reclaimOrder(body)).rejects.toThrow(CanonicalizationError);
          expect(captured).toHaveLength(0);
          return;
        }

        await expect(clients.get(profile)!.reclaimOrder(body)).resolves.toEqual({ errno: 0, message: 'request accept' });
        expect(captured).toHaveLength(1);
        const [request] = captured as [CapturedRequest];
        expect(new TextDecoder('utf-8', { fatal: true }).decode(request.body)).toBe(expectedBody);
        expect(request.headers.get('API-KEY')).toBe(DEMO_API_KEY);
        expect(request.headers.get('TIMESTAMP')).toBe(String(NOW_MS / 1000));
        expect(request.headers.get('Content-Type')).toBe('application/json');
        const signature = request.headers.get('SIGNATURE') ?? '';
        expect(verifySignature(DEMO_API_SECRET, request.headers.get('TIMESTAMP') ?? '', request.body, signature)).toBe(true);
      }),
      settings,
    );
  });
});

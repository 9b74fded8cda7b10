import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertySettings } from '../../conformance/canonical/property-settings.ts';
import { Errno } from '../../src/wire.ts';
import { exchangeRaw, jsonOf, type RawResponse } from './helpers/raw-http.ts';
import { type RawRequestCase, rawSession, renderRequest } from './helpers/raw-request-arbitrary.ts';
import { signedRequestBytes } from './helpers/signed-request.ts';
import { type StartedServer, startServer } from './helpers/start-server.ts';

/** Sessions of 1 to 8 requests, about 4.5 on average: 2,500 sessions send over 10,000 requests. */
const { seed, numRuns } = propertySettings('FC_HTTP_FUZZ_SESSIONS', 2_500);
const MIN_REQUESTS = 10_000;

let started: StartedServer;
let requestsSent = 0;
let answersReceived = 0;

beforeAll(async () => {
  started = await startServer({ headersTimeoutMs: 2_000, requestTimeoutMs: 4_000 }, 'info');
});
afterAll(() => started.reference.close());

function describeAnswerProblem(response: RawResponse, request: RawRequestCase | undefined): string | undefined {
  if (response.status >= 500) {
    return `HTTP ${response.status}`;
  }
  if (!response.headers['content-type']?.startsWith('application/json')) {
    return `Content-Type ${JSON.stringify(response.headers['content-type'])}`;
  }
  if (!/^[0-9a-f-]{36}$/.test(response.headers['x-request-id'] ?? '')) {
    return 'no X-Request-Id';
  }
  if (request?.method === 'HEAD' && response.body.length === 0) {
    return undefined;
  }
  const json = jsonOf(response) as { errno?: unknown; message?: unknown } | undefined;
  if (!Number.isInteger(json?.errno) || typeof json?.message !== 'string') {
    return `body ${JSON.stringify(response.body.toString('latin1').slice(0, 200))}`;
  }
  return undefined;
}

describe('reference server under fuzzed raw HTTP', () => {
  it('answers with JSON errno below HTTP 500', async () => {
    await fc.assert(
      fc.asyncProperty(rawSession, async (session) => {
        requestsSent += session.length;
        const exchange = await exchangeRaw(started.port, Buffer.concat(session.map(renderRequest)), {
          end: true,
          methods: session.map((request) => request.method),
          timeoutMs: 8_000,
        });
        answersReceived += exchange.responses.length;

        expect(exchange.closedByServer, 'the server closes the half-closed connection').toBe(true);
        expect(exchange.trailing.toString('latin1'), 'no cut or garbled answer').toBe('');
        expect(exchange.responses.length, 'at least one answer').toBeGreaterThanOrEqual(1);
        expect(exchange.responses.length, 'at most one answer per request, plus one for bytes after the last').toBeLessThanOrEqual(session.length + 1);
        exchange.responses.forEach((response, index) => {
          expect(describeAnswerProblem(response, session[index]), `answer ${index}`).toBeUndefined();
        });
      }),
      { seed, numRuns },
    );

    expect(requestsSent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // Only the last request of a session may close the connection early.
    expect(answersReceived).toBeGreaterThanOrEqual(0.9 * requestsSent);
  }, 120_000);

  it('answers no request with an internal error', () => {
    expect(started.lines.filter((line) => / error request failed /.test(line) || /errno=50001/.test(line))).toEqual([]);
  });

  it('still answers a valid signed request', async () => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes('{"nonce":"after-fuzz","serial":"xxyyzz"}'), { expectResponses: 1 });

    expect(exchange.responses[0]?.status).toBe(200);
    expect(jsonOf(exchange.responses[0]!)).toEqual({ errno: Errno.OK, message: 'request accept' });
    console.info(`HTTP fuzz: ${requestsSent} requests sent, ${answersReceived} answers checked (seed ${seed}).`);
  });
});

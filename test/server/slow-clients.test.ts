import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceServer } from '../../src/server/create-reference-server.ts';
import { Errno, RECLAIM_PATH } from '../../src/wire.ts';
import { jsonOf, openSocket, parseResponses } from './helpers/raw-http.ts';
import { signedRequestBytes } from './helpers/signed-request.ts';
import { type StartedServer, startServer } from './helpers/start-server.ts';

const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 600;
let started: StartedServer;

beforeAll(async () => {
  started = await startServer({ headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS });
});
afterAll(() => started.reference.close());

interface Trickle {
  received: Buffer;
  closedAfterMs: number;
  bytesSent: number;
}

/** Sends `prefix` at once, then `rest` one byte every `intervalMs`, until the server closes. */
async function trickle(prefix: Buffer, rest: Buffer, intervalMs: number): Promise<Trickle> {
  const socket = await openSocket(started.port);
  const startedAt = performance.now();
  const chunks: Buffer[] = [];
  let bytesSent = prefix.length;
  socket.write(prefix);
  const timer = setInterval(() => {
    if (bytesSent - prefix.length < rest.length && socket.writable) {
      socket.write(rest.subarray(bytesSent - prefix.length, bytesSent - prefix.length + 1));
      bytesSent++;
    }
  }, intervalMs);
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('close', resolve));
  clearInterval(timer);
  return { received: Buffer.concat(chunks), closedAfterMs: performance.now() - startedAt, bytesSent };
}

describe('slow clients', () => {
  it('cuts off a client that sends its headers byte by byte', async () => {
    const headers = Buffer.from(`POST ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(10_000)}\r\n\r\n`);
    const result = await trickle(Buffer.alloc(0), headers, 10);
    const { responses } = parseResponses(result.received);

    expect(responses.map((response) => response.status)).toEqual([408]);
    expect(jsonOf(responses[0]!)).toEqual({ errno: Errno.MALFORMED_REQUEST, message: 'HTTP 请求超时：请求头或请求体发送过慢' });
    expect(result.bytesSent).toBeLessThan(headers.length);
    // The server checks timeouts every quarter of the headers timeout; allow scheduling slack.
    expect(result.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS * 5);
  });

  it('cuts off a connection that sends nothing', async () => {
    const result = await trickle(Buffer.alloc(0), Buffer.alloc(0), 10);

    expect(parseResponses(result.received).responses.map((response) => response.status)).toEqual([408]);
    expect(result.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS * 5);
  });

  it('cuts off a client that sends its body byte by byte', async () => {
    const request = signedRequestBytes(`{"serial":"${'s'.repeat(500)}"}`);
    const headerEnd = request.indexOf('\r\n\r\n') + 4;
    const result = await trickle(request.subarray(0, headerEnd), request.subarray(headerEnd), 10);
    const { responses } = parseResponses(result.received);

    expect(responses.map((response) => response.status)).toEqual([408]);
    expect(jsonOf(responses[0]!)).toMatchObject({ errno: Errno.MALFORMED_REQUEST });
    expect(result.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS * 4);
  });

  it('logs the timeout as a request line', () => {
    expect(started.lines.some((line) => / info request status=408 errno=40000 reason="timeout HTTP request \(ERR_HTTP_REQUEST_TIMEOUT\)"/.test(line))).toBe(true);
  });

  it('rejects a headers timeout longer than the request timeout', () => {
    expect(() => createReferenceServer({ headersTimeoutMs: 2_000, requestTimeoutMs: 1_000 })).toThrow(
      'Invalid `headersTimeoutMs` 2000: it must not exceed `requestTimeoutMs` (1000), which covers the headers too.',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Errno, RECLAIM_PATH } from '../../src/wire.ts';
import { exchangeRaw, jsonOf } from './helpers/raw-http.ts';
import { signedRequestBytes } from './helpers/signed-request.ts';
import { type StartedServer, startServer } from './helpers/start-server.ts';

let started: StartedServer;

beforeAll(async () => {
  started = await startServer();
});
afterAll(() => started.reference.close());

const HEAD = `POST ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`;

describe('malformed HTTP', () => {
  it.each([
    ['a bare LF inside a header value', `${HEAD}X-A: a\nb\r\nContent-Length: 0\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['a space inside a header name', `${HEAD}X A: b\r\nContent-Length: 0\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['a NUL inside a header value', `${HEAD}X-A: a\u0000b\r\nContent-Length: 0\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['an obsolete folded header', `${HEAD}X-A: a\r\n b\r\nContent-Length: 0\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['a header of 100,000 bytes', `${HEAD}X-A: ${'a'.repeat(100_000)}\r\n\r\n`, 431, 'HTTP 请求头过大'],
    ['3,000 header lines', `${HEAD}${'X-A: 1\r\n'.repeat(3_000)}\r\n`, 431, 'HTTP 请求头过大'],
    ['a non-numeric Content-Length', `${HEAD}Content-Length: abc\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['two different Content-Length values', `${HEAD}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`, 400, 'HTTP 请求格式错误'],
    ['Content-Length together with chunked', `${HEAD}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['an invalid chunk size', `${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['an unknown method', `BREW ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 400, 'HTTP 请求格式错误'],
    ['binary garbage', '\u0000\u0001\u0002 HELLO\r\n\r\n', 400, 'HTTP 请求格式错误'],
    ['a control character in the path', 'GET /\u0001 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'HTTP 请求格式错误'],
    ['HTTP/1.1 without Host', `POST ${RECLAIM_PATH} HTTP/1.1\r\nContent-Length: 0\r\n\r\n`, 400, 'HTTP/1.1 请求缺少 Host 请求头'],
  ])('answers %s with JSON errno 40000', async (_name, request, status, message) => {
    const exchange = await exchangeRaw(started.port, request);

    expect(exchange.responses).toHaveLength(1);
    const response = exchange.responses[0]!;
    expect(response.status).toBe(status);
    expect(jsonOf(response)).toEqual({ errno: Errno.MALFORMED_REQUEST, message });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.connection).toBe('close');
    expect(exchange.trailing.length).toBe(0);
    expect(exchange.closedByServer).toBe(true);
  });

  it('answers a body cut short by the client with errno 40000', async () => {
    const full = signedRequestBytes('{"serial":"cut-short"}');
    const exchange = await exchangeRaw(started.port, full.subarray(0, full.length - 5), { end: true });

    expect(exchange.responses.map((response) => response.status)).toEqual([400]);
    expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno: Errno.MALFORMED_REQUEST });
  });

  it('ignores an unknown Expect value instead of an empty 417', async () => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes('{"serial":"expect-x"}', { extraHeaders: ['Expect: something-else'] }), {
      expectResponses: 1,
    });

    expect(exchange.responses[0]!.status).toBe(404);
    expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno: Errno.ORDER_NOT_FOUND });
  });

  it('sends 100 Continue and then the answer for a small body', async () => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes('{"serial":"expect-100"}', { extraHeaders: ['Expect: 100-continue'] }), {
      expectResponses: 1,
    });

    expect(exchange.responses[0]!.status).toBe(404);
  });

  it('answers every status with 200 in always-200 mode', async () => {
    const always200 = await startServer({ errorStatus: 'always-200' });
    try {
      const exchange = await exchangeRaw(always200.port, `${HEAD}X A: b\r\n\r\n`);

      expect(exchange.responses[0]!.status).toBe(200);
      expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno: Errno.MALFORMED_REQUEST });
    } finally {
      await always200.reference.close();
    }
  });

  it('logs one line per malformed request with the parser error code', async () => {
    const before = started.lines.length;
    await exchangeRaw(started.port, `${HEAD}X A: b\r\n\r\n`);

    const added = started.lines.slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/ info request status=400 errno=40000 reason="malformed HTTP request \(HPE_INVALID_HEADER_TOKEN\)" requestId=/);
  });

  it('still answers a valid request afterwards', async () => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes('{"serial":"xxyyzz"}'), { expectResponses: 1 });

    expect(exchange.responses[0]!.status).toBe(200);
    expect(jsonOf(exchange.responses[0]!)).toEqual({ errno: 0, message: 'request accept' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Errno, RECLAIM_PATH } from '../../src/wire.ts';
import { exchangeRaw, jsonOf } from './helpers/raw-http.ts';
import { chunked, signedRequestBytes } from './helpers/signed-request.ts';
import { type StartedServer, startServer } from './helpers/start-server.ts';

const LIMIT = 64 * 1024;
let started: StartedServer;

beforeAll(async () => {
  started = await startServer();
});
afterAll(() => started.reference.close());

/** Builds a body of exactly `size` bytes: `{"serial":"aaa…"}`. */
function bodyOfSize(size: number): Buffer {
  const frame = '{"serial":""}';
  return Buffer.from(`{"serial":"${'a'.repeat(size - frame.length)}"}`);
}

describe('body limit', () => {
  it('accepts a body of exactly 64 KiB', async () => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes(bodyOfSize(LIMIT)), { expectResponses: 1 });

    expect(exchange.responses[0]?.status).toBe(404);
    expect(jsonOf(exchange.responses[0]!)).toEqual({ errno: Errno.ORDER_NOT_FOUND, message: '找不到订单' });
  });

  it('rejects a body one byte over with 413 and errno 41301', async () => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes(bodyOfSize(LIMIT + 1)));

    expect(exchange.responses).toHaveLength(1);
    expect(exchange.responses[0]!.status).toBe(413);
    expect(jsonOf(exchange.responses[0]!)).toEqual({ errno: Errno.BODY_TOO_LARGE, message: `请求体过大（上限 ${LIMIT} 字节）` });
    expect(exchange.responses[0]!.headers.connection).toBe('close');
    expect(exchange.closedByServer).toBe(true);
  });

  it('rejects a chunked body without Content-Length and closes the connection', async () => {
    const request = Buffer.concat([
      signedRequestBytes('', { contentLength: null, extraHeaders: ['Transfer-Encoding: chunked'] }),
      chunked(bodyOfSize(LIMIT + 100), 8 * 1024),
      Buffer.from('GET /after HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    ]);
    const exchange = await exchangeRaw(started.port, request);

    expect(exchange.responses.map((response) => response.status)).toEqual([413]);
    expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno: Errno.BODY_TOO_LARGE });
    expect(exchange.trailing.length).toBe(0);
    expect(exchange.closedByServer).toBe(true);
  });

  it('answers a huge declared body at once, before it is sent', async () => {
    const head = `POST ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`;
    const exchange = await exchangeRaw(started.port, head, { expectResponses: 1, timeoutMs: 2_000 });

    expect(exchange.responses[0]?.status).toBe(413);
    expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno: Errno.BODY_TOO_LARGE });
  });

  it('answers 413 to Expect: 100-continue without a 100', async () => {
    const head = `POST ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${LIMIT + 1}\r\n\r\n`;
    const exchange = await exchangeRaw(started.port, head, { expectResponses: 1, timeoutMs: 2_000 });

    expect(exchange.responses[0]?.status).toBe(413);
  });
});

describe('keep-alive', () => {
  it('answers several requests on one connection', async () => {
    const request = signedRequestBytes('{"serial":"keep-alive-1"}');
    const second = signedRequestBytes('{"serial":"keep-alive-2"}');
    const exchange = await exchangeRaw(started.port, Buffer.concat([request, second]), { expectResponses: 2 });

    expect(exchange.responses.map((response) => response.status)).toEqual([404, 404]);
    expect(exchange.responses[0]!.headers.connection).toBe('keep-alive');
    expect(exchange.closedByServer).toBe(false);
  });

  it('closes an idle keep-alive connection silently after the keep-alive timeout', async () => {
    const quick = await startServer({ keepAliveTimeoutMs: 200, headersTimeoutMs: 100, requestTimeoutMs: 1_000 });
    try {
      const started = performance.now();
      const exchange = await exchangeRaw(quick.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { timeoutMs: 3_000 });

      expect(exchange.responses.map((response) => response.status)).toEqual([404]);
      expect(exchange.closedByServer).toBe(true);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await quick.reference.close();
    }
  });
});

describe('paths and methods', () => {
  it.each([
    ['GET', '/', 404, Errno.UNKNOWN_PATH],
    ['POST', '/api/v1/frontend/order/reclaim/', 404, Errno.UNKNOWN_PATH],
    ['POST', '/API/V1/FRONTEND/ORDER/RECLAIM', 404, Errno.UNKNOWN_PATH],
    ['GET', RECLAIM_PATH, 405, Errno.METHOD_NOT_ALLOWED],
    ['PUT', RECLAIM_PATH, 405, Errno.METHOD_NOT_ALLOWED],
    ['DELETE', RECLAIM_PATH, 405, Errno.METHOD_NOT_ALLOWED],
    ['OPTIONS', RECLAIM_PATH, 405, Errno.METHOD_NOT_ALLOWED],
    ['PATCH', `${RECLAIM_PATH}?x=1`, 405, Errno.METHOD_NOT_ALLOWED],
  ])('answers %s %s with %i and errno %i', async (method, path, status, errno) => {
    const exchange = await exchangeRaw(started.port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`, { expectResponses: 1 });
    const response = exchange.responses[0]!;

    expect(response.status).toBe(status);
    expect(jsonOf(response)).toMatchObject({ errno });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names POST in Allow when the method is wrong', async () => {
    const exchange = await exchangeRaw(started.port, `GET ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, { expectResponses: 1 });

    expect(exchange.responses[0]!.headers.allow).toBe('POST');
  });

  it('answers HEAD with the JSON headers and no body', async () => {
    const exchange = await exchangeRaw(started.port, 'HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { expectResponses: 1, methods: ['HEAD'] });

    expect(exchange.responses[0]!.status).toBe(404);
    expect(exchange.responses[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(exchange.trailing.length).toBe(0);
  });

  it('answers CONNECT with 405 and errno 40501', async () => {
    const exchange = await exchangeRaw(started.port, 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n');

    expect(exchange.responses.map((response) => response.status)).toEqual([405]);
    expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno: Errno.METHOD_NOT_ALLOWED });
    expect(exchange.closedByServer).toBe(true);
  });
});

describe('body checks after authentication', () => {
  it.each([
    ['duplicate keys', Buffer.from('{"serial":"a","serial":"b"}'), Errno.DUPLICATE_KEYS],
    ['duplicate keys spelled with an escape', Buffer.from('{"serial":"a","\\u0073erial":"b"}'), Errno.DUPLICATE_KEYS],
    ['invalid UTF-8', Buffer.from([...Buffer.from('{"serial":"'), 0xc3, 0x28, ...Buffer.from('"}')]), Errno.INVALID_UTF8],
    ['a lone continuation byte', Buffer.from([...Buffer.from('{"serial":"'), 0x80, ...Buffer.from('"}')]), Errno.INVALID_UTF8],
    ['an overlong encoding of "/"', Buffer.from([...Buffer.from('{"serial":"'), 0xc0, 0xaf, ...Buffer.from('"}')]), Errno.INVALID_UTF8],
    ['an encoded surrogate', Buffer.from([...Buffer.from('{"serial":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]), Errno.INVALID_UTF8],
    ['malformed JSON', Buffer.from('{"serial":'), Errno.MALFORMED_JSON],
    ['a JSON array', Buffer.from('["serial"]'), Errno.INVALID_BODY],
  ])('rejects %s with errno %i and HTTP 400', async (_name, body, errno) => {
    const exchange = await exchangeRaw(started.port, signedRequestBytes(body), { expectResponses: 1 });

    expect(exchange.responses[0]!.status).toBe(400);
    expect(jsonOf(exchange.responses[0]!)).toMatchObject({ errno });
  });
});

import fc from 'fast-check';
import { DEMO_API_KEY } from '../../../src/demo-credentials.ts';
import { RECLAIM_PATH } from '../../../src/wire.ts';
import { chunked, signDemo } from './signed-request.ts';

/** One raw HTTP request of a fuzz session, before it is turned into bytes. */
export interface RawRequestCase {
  method: string;
  path: string;
  version: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
  signing: 'valid' | 'wrong' | 'none';
  timestampOffsetSeconds: number;
  /**
   * How the body is delimited. `content-length` and `chunked` are correct. `short-length`
   * declares fewer bytes than sent, `long-length` more (the client then closes its side), and
   * `none` sends body bytes without any length. Only the last request of a session gets one of
   * the broken ones, so that earlier answers can be matched to their requests.
   */
  framing: 'content-length' | 'chunked' | 'short-length' | 'long-length' | 'none';
}

const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding']);

const byteChar = fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code));
const tokenChar = fc.constantFrom(...'!#$%&\'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');

const method = fc.oneof(
  { weight: 10, arbitrary: fc.constant('POST') },
  { weight: 4, arbitrary: fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT') },
  { weight: 1, arbitrary: fc.string({ unit: tokenChar, minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: byteChar, minLength: 1, maxLength: 12 }) },
);

const path = fc.oneof(
  { weight: 10, arbitrary: fc.constant(RECLAIM_PATH) },
  { weight: 3, arbitrary: fc.constantFrom('/', '*', `${RECLAIM_PATH}/`, `${RECLAIM_PATH}?a=1&b=%ff`, `http://127.0.0.1${RECLAIM_PATH}`, `${RECLAIM_PATH}#x`) },
  { weight: 2, arbitrary: fc.webPath().map((value) => value || '/') },
  { weight: 1, arbitrary: fc.string({ unit: byteChar, maxLength: 40 }).map((value) => `/${value}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((length) => `/${'p'.repeat(length)}`) },
);

const version = fc.oneof(
  { weight: 12, arbitrary: fc.constant('HTTP/1.1') },
  { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2', 'http/1.1', 'HTTP/1.1 extra', 'HTTP/9') },
);

const headerName = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'Content-Type',
      'Accept-Language',
      'Connection',
      'Expect',
      'API-KEY',
      'TIMESTAMP',
      'SIGNATURE',
      'Content-Length',
      'Transfer-Encoding',
      'Host',
      'Upgrade',
      'Content-Encoding',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: tokenChar, minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: byteChar, minLength: 1, maxLength: 20 }) },
);

const headerValue = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'close', 'keep-alive', '100-continue', 'chunked', 'gzip, chunked', 'en', 'zh-CN', 'websocket', '0', '-1', '99999999999'),
  },
  { weight: 2, arbitrary: fc.string({ unit: byteChar, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 8_000, max: 40_000 }).map((length) => 'v'.repeat(length)) },
);

/** Bytes that are not valid UTF-8: stray continuation bytes, overlong forms, surrogates, cut sequences. */
const invalidUtf8 = fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xfe, 0xff]);

const body = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((serial) => JSON.stringify({ serial })) },
  { weight: 2, arbitrary: fc.constantFrom('{"serial":"xxyyzz"}', '{"serial":"a","serial":"b"}', '{"serial":""}', '{}', '[]', 'null', '{"serial":1}', '{"serial":"x"', '') },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), invalidUtf8, fc.string({ maxLength: 10 }))
      .map(([before, bad, after]) => Buffer.concat([Buffer.from(`{"serial":"${before}`), Buffer.from(bad), Buffer.from(`${after}"}`)])),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 70_000 }).map((length) => `{"serial":"${'s'.repeat(length)}"}`) },
).map((value) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value)));

/** Well-formed HTTP with any header names, values, bodies and signatures the server must judge. */
const wellFormed = {
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
  path: fc.oneof({ weight: 6, arbitrary: fc.constant(RECLAIM_PATH) }, { weight: 1, arbitrary: fc.webPath().map((value) => value || '/') }),
  version: fc.constant('HTTP/1.1'),
  header: fc.tuple(
    fc.oneof(headerName.filter((name) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name))),
    fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), headerValue.filter((value) => value.length < 100 && /^[\x20-\x7e]*$/.test(value))),
  ),
};

function requestCase(hostile: boolean): fc.Arbitrary<RawRequestCase> {
  const header = hostile
    ? fc.tuple(headerName, headerValue)
    : wellFormed.header.filter(([name, value]) => !FRAMING_HEADERS.has(name.toLowerCase()) && !(name.toLowerCase() === 'connection' && value === 'close'));
  return fc.record({
    method: hostile ? method : wellFormed.method,
    path: hostile ? path : wellFormed.path,
    version: hostile ? version : wellFormed.version,
    headers: fc.array(header, { maxLength: 6 }),
    body,
    signing: fc.constantFrom('valid', 'valid', 'wrong', 'none'),
    timestampOffsetSeconds: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -100_000, max: 100_000 }) }),
    framing: hostile
      ? fc.constantFrom('content-length', 'content-length', 'chunked', 'short-length', 'long-length', 'none')
      : fc.constantFrom('content-length', 'chunked'),
  });
}

/**
 * A session: requests sent pipelined on one connection. The leading ones are well-formed HTTP
 * (any headers, bodies and signatures), so the server answers each and keeps the connection;
 * the last one is hostile at the HTTP level too (methods, paths, control characters in headers,
 * huge headers, wrong framing), so it may close the connection.
 */
export const rawSession: fc.Arbitrary<RawRequestCase[]> = fc
  .tuple(fc.array(requestCase(false), { maxLength: 7 }), requestCase(true))
  .map(([leading, last]) => [...leading, last]);

/** Renders one request to bytes; header values are written as Latin-1, one byte per character. */
export function renderRequest(request: RawRequestCase): Buffer {
  const timestamp = String(Math.floor(Date.now() / 1000) + request.timestampOffsetSeconds);
  const lines = [`${request.method} ${request.path} ${request.version}`.trimEnd(), 'Host: 127.0.0.1'];
  const bodyBytes = Buffer.from(request.body);
  if (request.signing !== 'none') {
    const signature = request.signing === 'valid' ? signDemo(timestamp, bodyBytes) : signDemo(timestamp, Buffer.concat([bodyBytes, Buffer.from('x')]));
    lines.push('Content-Type: application/json', `API-KEY: ${DEMO_API_KEY}`, `TIMESTAMP: ${timestamp}`, `SIGNATURE: ${signature}`);
  }
  lines.push(...request.headers.map(([name, value]) => `${name}: ${value}`));

  let payload: Buffer = bodyBytes;
  switch (request.framing) {
    case 'content-length':
      lines.push(`Content-Length: ${bodyBytes.length}`);
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      payload = chunked(bodyBytes, 97);
      break;
    case 'short-length':
      lines.push(`Content-Length: ${Math.floor(bodyBytes.length / 2)}`);
      break;
    case 'long-length':
      lines.push(`Content-Length: ${bodyBytes.length + 10}`);
      break;
    case 'none':
      break;
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

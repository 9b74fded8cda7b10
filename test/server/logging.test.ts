import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { Errno, RECLAIM_PATH } from '../../src/wire.ts';
import { exchangeRaw, jsonOf } from './helpers/raw-http.ts';
import { signDemo, signedRequestBytes } from './helpers/signed-request.ts';
import { type StartedServer, startServer } from './helpers/start-server.ts';

const timestamp = () => String(Math.floor(Date.now() / 1000));

/** Requests that carry a full signature or the secret somewhere; each gets one answer. */
function requestsWithSecrets(): { name: string; bytes: Buffer; signature?: string }[] {
  const accepted = signedRequestBytes('{"serial":"xxyyzz"}');
  const wrongBody = signedRequestBytes('{"serial":"other"}');
  const headerEnd = wrongBody.indexOf('\r\n\r\n');
  const mismatched = Buffer.concat([
    Buffer.from(wrongBody.subarray(0, headerEnd).toString('latin1').replace(/Content-Length: \d+/, 'Content-Length: 20')),
    Buffer.from('\r\n\r\n{"serial":"xxyyzz2"}'),
  ]);
  const now = timestamp();
  const raw = (headers: string[], body: string): Buffer =>
    Buffer.from(`POST ${RECLAIM_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const uppercase = signDemo(now, Buffer.from('{"serial":"x"}')).toUpperCase();
  return [
    { name: 'accepted', bytes: accepted, signature: /SIGNATURE: (\w+)/.exec(accepted.toString('latin1'))![1] },
    { name: 'replayed', bytes: accepted },
    { name: 'signature mismatch', bytes: mismatched, signature: /SIGNATURE: (\w+)/.exec(mismatched.toString('latin1'))![1] },
    { name: 'uppercase signature', bytes: raw([`API-KEY: ${DEMO_API_KEY}`, `TIMESTAMP: ${now}`, `SIGNATURE: ${uppercase}`], '{"serial":"x"}'), signature: uppercase },
    { name: 'secret as API key', bytes: raw([`API-KEY: ${DEMO_API_SECRET}`, `TIMESTAMP: ${now}`, `SIGNATURE: ${'a'.repeat(64)}`], '{"serial":"x"}') },
    { name: 'secret as serial', bytes: signedRequestBytes(`{"serial":"${DEMO_API_SECRET}"}`) },
    { name: 'secret in the path', bytes: Buffer.from(`GET /${DEMO_API_SECRET} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`) },
    { name: 'signature in the path', bytes: Buffer.from(`GET /${signDemo(now, Buffer.from('x'))} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`) },
  ];
}

describe.each([
  ['default mode', { explain: false }],
  ['explain mode', { explain: true }],
  ['strict explain mode', { explain: true, strict: true }],
])('request log in %s', (_name, options) => {
  let started: StartedServer;
  const sentSignatures: string[] = [];

  beforeAll(async () => {
    started = await startServer(options, 'debug');
    for (const request of requestsWithSecrets()) {
      if (request.signature !== undefined) {
        sentSignatures.push(request.signature);
      }
      const exchange = await exchangeRaw(started.port, request.bytes, { expectResponses: 1 });
      expect(exchange.responses, request.name).toHaveLength(1);
    }
    await started.reference.close();
  });

  it('never contains the secret', () => {
    expect(started.lines.join('\n')).not.toContain(DEMO_API_SECRET);
  });

  it('never contains a full signature', () => {
    const log = started.lines.join('\n');
    for (const signature of sentSignatures) {
      expect(log).not.toContain(signature);
      expect(log.toLowerCase()).not.toContain(signature.toLowerCase());
    }
    expect(log).not.toMatch(/[0-9a-fA-F]{64}/);
  });

  it('writes one line per request with method, path, errno, reason and duration', () => {
    const requestLines = started.lines.filter((line) => / info request /.test(line));

    expect(requestLines).toHaveLength(requestsWithSecrets().length);
    for (const line of requestLines) {
      expect(line).toMatch(/ method=(POST|GET) path=\S+ status=\d{3} errno=\d+ reason=\S.* ms=\d+\.\d requestId=[0-9a-f-]{36}$/);
    }
  });

  it('writes start and stop lines', () => {
    expect(started.lines[0]).toMatch(/ info listening url=http:\/\/127\.0\.0\.1:\d+ /);
    expect(started.lines.at(-2)).toMatch(/ info stopping graceMs=10000$/);
    expect(started.lines.at(-1)).toMatch(/ info stopped ms=\d+ cutConnections=false$/);
  });
});

describe('log levels', () => {
  it.each([
    ['debug', 3],
    ['info', 3],
    ['warn', 0],
    ['silent', 0],
  ] as const)('writes %s lines: %i of them for listen, request and stop', async (level, expected) => {
    const started = await startServer({}, level);
    await exchangeRaw(started.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', { expectResponses: 1 });
    await started.reference.close();

    expect(started.lines.filter((line) => / (listening|request|stopped) /.test(line))).toHaveLength(expected);
  });
});

describe('errors', () => {
  it('logs a failing diagnosis with its cause and still answers 40104', async () => {
    const started = await startServer({
      diagnose: () => {
        throw new Error('diagnosis failed', { cause: new Error('root cause: table missing') });
      },
    });
    try {
      const wrong = signedRequestBytes('{"serial":"a"}').toString('latin1').replace('{"serial":"a"}', '{"serial":"b"}');
      const exchange = await exchangeRaw(started.port, Buffer.from(wrong, 'latin1'), { expectResponses: 1 });

      expect(exchange.responses[0]!.status).toBe(401);
      expect(jsonOf(exchange.responses[0]!)).toEqual({ errno: Errno.SIGNATURE_MISMATCH, message: '签名错误' });
      const errorLine = started.lines.find((line) => / error signature diagnosis failed /.test(line));
      expect(errorLine).toContain('Error: diagnosis failed');
      expect(errorLine).toContain('caused by: Error: root cause: table missing');
      expect(errorLine).not.toContain('\n');
    } finally {
      await started.reference.close();
    }
  });
});

/**
 * The floor for the server benchmark: a bare `node:http` server that does only what a correct
 * reclaim endpoint cannot skip. It reads the body, checks the three auth headers, verifies the
 * HMAC-SHA256 by hand in constant time, parses the JSON and looks the serial up. It has no replay
 * cache, no logging, no request id, no duplicate-key check and no message negotiation. It does a
 * subset of the reference server's work per request, and the benchmark measures what the rest costs.
 *
 * Run alone: `node bench/floor-server.ts [--port N]` prints `Floor server listening on URL`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../src/demo-credentials.ts';
import { DEMO_SERIALS } from '../src/server/order-store.ts';
import { RECLAIM_PATH } from '../src/wire.ts';

const SERIALS = new Set(DEMO_SERIALS);
const MAX_BODY_BYTES = 64 * 1024;
const WINDOW_SECONDS = 300;

export function createFloorServer(): Server {
  return createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== RECLAIM_PATH) {
      answer(response, 404, 40401, 'unknown path');
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (length > MAX_BODY_BYTES) {
        answer(response, 413, 41301, 'body too large');
        return;
      }
      evaluate(request, response, Buffer.concat(chunks, length));
    });
  });
}

function evaluate(request: IncomingMessage, response: ServerResponse, body: Buffer): void {
  const apiKey = request.headers['api-key'];
  const timestamp = request.headers.timestamp;
  const signature = request.headers.signature;
  if (apiKey !== DEMO_API_KEY || typeof timestamp !== 'string' || typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) {
    answer(response, 401, 40101, 'unauthorized');
    return;
  }
  if (!/^[0-9]{1,16}$/.test(timestamp) || Math.abs(Number(timestamp) - Date.now() / 1000) > WINDOW_SECONDS) {
    answer(response, 401, 40105, 'timestamp outside the window');
    return;
  }
  const expected = createHmac('sha256', DEMO_API_SECRET).update(`${timestamp}&`).update(body).digest('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    answer(response, 401, 40104, 'signature mismatch');
    return;
  }
  let serial: unknown;
  try {
    serial = (JSON.parse(body.toString('utf8')) as { serial?: unknown } | null)?.serial;
  } catch {
    answer(response, 400, 40001, 'malformed JSON');
    return;
  }
  if (typeof serial !== 'string' || serial === '') {
    answer(response, 400, 40002, 'invalid body');
  } else if (SERIALS.has(serial)) {
    answer(response, 200, 0, 'request accept');
  } else {
    answer(response, 404, 404, 'order not found');
  }
}

function answer(response: ServerResponse, status: number, errno: number, message: string): void {
  const text = JSON.stringify({ errno, message });
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const server = createFloorServer();
  server.listen(Number(values.port), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`Floor server listening on http://127.0.0.1:${port}\n`);
  });
  const stop = (): void => {
    server.close();
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

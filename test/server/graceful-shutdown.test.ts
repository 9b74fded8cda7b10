import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Errno } from '../../src/wire.ts';
import { jsonOf, openSocket, parseResponses } from './helpers/raw-http.ts';
import { signedRequestBytes } from './helpers/signed-request.ts';
import { spawnServe } from './helpers/spawn-serve.ts';

const IN_FLIGHT = 20;

interface Pending {
  socket: Socket;
  rest: Buffer;
  /** Everything the server sent, once it closed the connection. */
  received: Promise<Buffer>;
}

/** Sends all of a request but its last bytes, so that the server holds it in flight. */
async function startRequest(port: number, index: number): Promise<Pending> {
  const request = signedRequestBytes(`{"serial":"in-flight-${index}"}`);
  const socket = await openSocket(port);
  const chunks: Buffer[] = [];
  const received = new Promise<Buffer>((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks))));
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  socket.write(request.subarray(0, request.length - 4));
  return { socket, rest: request.subarray(request.length - 4), received };
}

function connectionError(port: number): Promise<string | undefined> {
  return openSocket(port).then(
    (socket) => {
      socket.destroy();
      return undefined;
    },
    (error: NodeJS.ErrnoException) => error.code,
  );
}

describe('serve shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('finishes requests in flight on %s and exits 0', async (signal) => {
    const serve = await spawnServe(['--grace-ms', '10000']);
    const pending = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, index) => startRequest(serve.port, index)));
    await serve.waitForLog(/ info listening /);
    // Give the server time to parse every request's headers and start its handler.
    await new Promise((resolve) => setTimeout(resolve, 300));

    serve.child.kill(signal);
    await serve.waitForLog(/ info stopping graceMs=10000/);
    expect(await connectionError(serve.port)).toBe('ECONNREFUSED');
    for (const request of pending) {
      request.socket.write(request.rest);
    }

    for (const request of pending) {
      const { responses, trailing } = parseResponses(await request.received);
      expect(responses).toHaveLength(1);
      expect(responses[0]!.status).toBe(404);
      expect(jsonOf(responses[0]!)).toEqual({ errno: Errno.ORDER_NOT_FOUND, message: '找不到订单' });
      expect(responses[0]!.headers.connection).toBe('close');
      expect(trailing.length).toBe(0);
    }
    expect(await serve.exited).toBe(0);
    expect(serve.stderr()).toMatch(new RegExp(` info signal received signal=${signal}\n`));
    expect(serve.stderr()).toMatch(/ info stopped ms=\d+ cutConnections=false\n$/);
    expect(serve.stderr().match(/ info request method=POST .* errno=404 /g)).toHaveLength(IN_FLIGHT);
  }, 30_000);

  it('cuts a request still unfinished at the deadline and exits 0', async () => {
    const serve = await spawnServe(['--grace-ms', '500']);
    const stuck = await startRequest(serve.port, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();

    serve.child.kill('SIGTERM');

    expect(await serve.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(parseResponses(await stuck.received).responses).toEqual([]);
    expect(serve.stderr()).toMatch(/ warn grace period over, closing open connections graceMs=500\n/);
    expect(serve.stderr()).toMatch(/ info stopped ms=\d+ cutConnections=true\n$/);
  }, 30_000);

  it('closes idle keep-alive connections at once', async () => {
    const serve = await spawnServe();
    const idle = await openSocket(serve.port);
    const closed = new Promise((resolve) => idle.once('close', resolve));
    idle.on('error', () => {});
    idle.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise((resolve) => idle.once('data', resolve));
    const started = performance.now();

    serve.child.kill('SIGTERM');
    await closed;

    expect(await serve.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(3_000);
  }, 30_000);
});

import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Errno } from '../../src/wire.ts';
import { exchangeRaw, jsonOf } from './helpers/raw-http.ts';
import { signedRequestBytes } from './helpers/signed-request.ts';
import { type ServeProcess, spawnServe } from './helpers/spawn-serve.ts';

const now = () => Math.floor(Date.now() / 1000);

async function answerTo(serve: ServeProcess, request: Buffer): Promise<{ status: number; json: unknown }> {
  const exchange = await exchangeRaw(serve.port, request, { expectResponses: 1 });
  return { status: exchange.responses[0]!.status, json: jsonOf(exchange.responses[0]!) };
}

describe('serve configured by environment variables', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    const directory = await mkdtemp(join(tmpdir(), 'serve-config-'));
    const ordersFile = join(directory, 'orders.json');
    await writeFile(ordersFile, JSON.stringify({ orders: [{ serial: 'env-order-1' }] }));
    serve = await spawnServe([], {
      PORT: '0',
      HOST: '127.0.0.1',
      ORDER_RECLAIM_WINDOW: '60',
      ORDER_RECLAIM_ORDERS: ordersFile,
      ORDER_RECLAIM_STRICT: '1',
      ORDER_RECLAIM_EXPLAIN: 'true',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.exited;
  });

  it('listens on the HOST and PORT given', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.port).toBeGreaterThan(0);
  });

  it('loads the orders file', async () => {
    expect(await answerTo(serve, signedRequestBytes('{"serial":"env-order-1"}'))).toEqual({ status: 200, json: { errno: 0, message: 'request accept' } });
  });

  it('uses the window', async () => {
    const answer = await answerTo(serve, signedRequestBytes('{"serial":"env-order-1"}', { timestamp: now() - 120 }));

    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ errno: Errno.TIMESTAMP_OUT_OF_WINDOW, message: '时间戳超出允许范围（±60 秒），请校准时钟' });
  });

  it('runs in strict and explain mode', async () => {
    const answer = await answerTo(serve, signedRequestBytes('{ "serial": "env-order-1" }'));

    expect(answer.json).toMatchObject({ errno: Errno.NON_CANONICAL_BODY, detail: 'canonical form is {"serial":"env-order-1"}' });
  });

  it('logs at the level given', async () => {
    // Log lines reach standard error in batches at most 20 ms apart.
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(serve.stderr()).not.toMatch(/ info /);
  });
});

describe('serve flags and environment together', () => {
  it('lets a flag win over its environment variable', async () => {
    const serve = await spawnServe(['--window', '600', '--log-level', 'info'], { ORDER_RECLAIM_WINDOW: '60', LOG_LEVEL: 'silent' });
    try {
      const answer = await answerTo(serve, signedRequestBytes('{"serial":"flag-wins"}', { timestamp: now() - 120 }));

      expect(answer.json).toMatchObject({ errno: Errno.ORDER_NOT_FOUND });
      expect(await serve.waitForLog(/ info request method=POST /)).toBeTruthy();
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });

  it.each<[Record<string, string>, string]>([
    [{ ORDER_RECLAIM_STRICT: 'yes' }, 'Invalid ORDER_RECLAIM_STRICT "yes": expected 1, 0, true or false.'],
    [{ ORDER_RECLAIM_WINDOW: '5m' }, 'Invalid ORDER_RECLAIM_WINDOW "5m": expected a non-negative integer.'],
    [{ PORT: 'http' }, 'Invalid PORT "http": expected an integer from 0 to 65535.'],
    [{ PORT: '99999' }, 'Invalid PORT "99999": expected an integer from 0 to 65535.'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid --log-level "loud": expected one of debug, info, warn, error, silent.'],
  ])('exits 2 on an invalid environment value %o', async (env, message) => {
    const args = env.PORT === undefined ? ['--port', '0'] : [];
    const failure = await promisify(execFile)(process.execPath, ['src/cli/bin.ts', 'serve', ...args], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, ...env },
      timeout: 15_000,
    }).catch((error: { code: number; stderr: string }) => error);

    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(message);
  });
});

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

let server: ChildProcess;
let baseUrl = '';

beforeAll(async () => {
  server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout!.setEncoding('utf8');
  for await (const chunk of server.stdout!) {
    output += chunk as string;
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match !== null) {
      baseUrl = match[1]!;
      break;
    }
  }
  expect(baseUrl, `serve printed no URL: ${output}`).not.toBe('');
});

afterAll(async () => {
  server.kill('SIGTERM');
  const [code] = await once(server, 'exit');
  expect(code).toBe(0);
});

/** Runs the CLI and returns its exit code and output, whatever the exit code. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ORDER_RECLAIM_API_SECRET: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('CLI reclaim against the CLI server', () => {
  it('prints the accepted answer and exits 0', async () => {
    const result = await cli('reclaim', '1bcb40c612aababdcb166ac2cd7e3525', '--base-url', baseUrl, '--api-key', DEMO_API_KEY, '--api-secret', DEMO_API_SECRET);
    expect(result.stdout).toBe('{"errno":0,"message":"request accept"}\n');
    expect(result.code).toBe(0);
  });

  it('prints a not-found error for an unknown serial and exits 1', async () => {
    const result = await cli('reclaim', 'no-such-order', '--base-url', baseUrl, '--demo');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('{"errno":404,"message":"找不到订单"}\n');
    expect(result.stderr).toMatch(/^OrderNotFoundError \(ORDER_NOT_FOUND\): Order not found: serial "no-such-order"/);
  });

  it('prints an authentication error for a wrong secret', async () => {
    const result = await cli('reclaim', 'xxyyzz', '--base-url', baseUrl, '--api-key', DEMO_API_KEY, '--api-secret', 'wrong-secret-0123456789');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^AuthenticationError \(AUTHENTICATION_FAILED\): Authentication failed with errno 40104/);
    expect(result.stdout + result.stderr).not.toContain('wrong-secret-0123456789');
  });

  it('exits 2 with a usage hint when credentials are missing', async () => {
    const result = await cli('reclaim', 'xxyyzz', '--base-url', baseUrl);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing API key: pass --api-key or set ORDER_RECLAIM_API_KEY');
  });

  it('never prints the secret in debug output', async () => {
    const result = await cli('reclaim', 'xxyyzz', '--base-url', baseUrl, '--demo', '--debug');
    expect(result.stderr).toContain('[order-reclaim] body={"serial":"xxyyzz"}');
    expect(result.stdout + result.stderr).not.toContain(DEMO_API_SECRET);
  });
});

describe('CLI conformance', () => {
  it('passes every check against the built-in server', async () => {
    const result = await cli('conformance');
    expect(result.stdout).toContain('Conformance PASSED');
    expect(result.stdout).not.toMatch(/^(FAIL|ERROR) /m);
    expect(result.code).toBe(0);
  });
});

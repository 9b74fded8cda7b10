import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../conformance/runner/run-conformance.ts';
import { createReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { runCli } from './helpers/run-cli.ts';

const TIMEOUT_MS = 400;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) {
    await cleanups.pop()!();
  }
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  cleanups.push(async () => {
    for (const socket of sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Returns the URL of a port that was free a moment ago and has nothing listening now. */
async function closedPortUrl(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function conformanceAgainst(url: string, ...extra: string[]): ReturnType<typeof runCli> {
  return runCli(['conformance', '--base-url', url, '--demo', '--timeout-ms', String(TIMEOUT_MS), ...extra]);
}

describe('conformance against a target that is not usable', () => {
  it('stops with one line when the port is closed', async () => {
    const url = await closedPortUrl();
    const run = await conformanceAgainst(url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`Checking ${url}\n\n`);
    expect(run.stderr).toBe(
      `Conformance ABORTED against ${url}: Could not reach ${url}/api/v1/frontend/order/reclaim (ECONNREFUSED). Check --base-url and that the server is running.\n`,
    );
  });

  it('stops with one line when the target answers HTML', async () => {
    const server = createHttpServer((_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!DOCTYPE html>\n<html><body><h1>Welcome</h1></body></html>');
    });
    const url = await listen(server);
    const run = await conformanceAgainst(url);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toContain(`${url} does not look like the Order Reclaim API: a signed reclaim request was answered with HTTP 200 (text/html) "<!DOCTYPE html> <html><body><h1>Welcome</h1></body></html>", not a JSON object.`);
  });

  it('names the redirect target of a redirect', async () => {
    const server = createHttpServer((_request: IncomingMessage, response: ServerResponse) => {
      response.writeHead(301, { Location: 'https://example.invalid/login' });
      response.end();
    });
    const run = await conformanceAgainst(await listen(server));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered with HTTP 301 redirecting to https://example.invalid/login');
  });

  it('stops within its timeout when the target never answers', async () => {
    const url = await listen(createTcpServer(() => {}));
    const run = await conformanceAgainst(url);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Conformance ABORTED against ${url}: No answer from ${url}/api/v1/frontend/order/reclaim within ${TIMEOUT_MS} ms. Check that the server is up, or raise --timeout-ms.\n`,
    );
    expect(run.elapsedMs).toBeLessThan(TIMEOUT_MS + 2_000);
  });

  it('reports the abort in --json and --junit output', async () => {
    const url = await closedPortUrl();
    const junitFile = join(await mkdtemp(join(tmpdir(), 'conformance-abort-')), 'report.xml');
    cleanups.push(() => rm(dirname(junitFile), { recursive: true, force: true }));
    const run = await conformanceAgainst(url, '--json', '--junit', junitFile);
    const report = JSON.parse(run.stdout) as ConformanceReport;
    const xml = await readFile(junitFile, 'utf8');
    expect(run.code).toBe(1);
    expect(report.passed).toBe(false);
    expect(report.outcomes).toEqual([]);
    expect(report.aborted).toContain('ECONNREFUSED');
    expect(xml).toContain('tests="1" failures="1"');
    expect(xml).toMatch(/<testcase classname="conformance.run" name="the target answers like the Order Reclaim API" time="0.000"><failure message="Could not reach [^"]*ECONNREFUSED/);
  });

  it('stops when the target goes down during the run', async () => {
    const reference = createReferenceServer({ logger: createLogger({ level: 'silent' }) });
    let requests = 0;
    // Serves the probe and the first check, then stops listening.
    const server = createHttpServer((request, response) => {
      requests++;
      if (requests === 3) {
        server.close();
        server.closeAllConnections();
        return;
      }
      reference.server.emit('request', request, response);
    });
    const url = await listen(server as unknown as Server);
    const run = await conformanceAgainst(url);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^PASS  MUST   unknown-serial-not-found/m);
    expect(run.stdout).toMatch(/^ERROR MUST   non-ascii-serial-not-found/m);
    expect(run.stdout).toContain(`Conformance ABORTED against ${url}: the target stopped accepting connections during bad-signature-rejected`);
  });

  it('stops after two checks in a row time out', async () => {
    const reference = createReferenceServer({ logger: createLogger({ level: 'silent' }) });
    let requests = 0;
    // Serves the probe and the first check, then leaves every later request hanging.
    const server = createHttpServer((request, response) => {
      requests++;
      if (requests <= 2) {
        reference.server.emit('request', request, response);
      }
    });
    const url = await listen(server as unknown as Server);
    const run = await conformanceAgainst(url);
    expect(run.code).toBe(1);
    expect(run.stdout.match(/^ERROR /gm)).toHaveLength(2);
    expect(run.stdout).toContain(`2 checks in a row got no answer within ${TIMEOUT_MS} ms; the target looks hung.`);
    expect(run.elapsedMs).toBeLessThan(3 * TIMEOUT_MS + 2_000);
  });
});

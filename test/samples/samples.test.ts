/**
 * Runs every code sample of the docs against the reference server in strict mode, which also
 * rejects a body that is not in canonical form. Each sample gets its own server, so identical
 * requests of two samples signed in the same second are not rejected as replays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { createReferenceServer, type ReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { DEMO_SERIALS } from '../../src/server/order-store.ts';
import { requirePythonRequests, requireTool } from './require-tool.ts';
import { parseAnswer, runSample } from './run-sample.ts';
import { samplePath, SAMPLES } from './samples.ts';

/** A known order whose serial needs \u escapes for every non-ASCII character, astral included. */
const KNOWN_NON_ASCII_SERIAL = '订单-é-😀';

const CASES = [
  { name: 'accepts a demo order', serial: '1bcb40c612aababdcb166ac2cd7e3525', answer: { errno: 0, message: 'request accept' } },
  { name: 'reports an unknown order', serial: 'no-such-order', answer: { errno: 404, message: '找不到订单' } },
  { name: 'accepts a non-ASCII order', serial: KNOWN_NON_ASCII_SERIAL, answer: { errno: 0, message: 'request accept' } },
  { name: 'reports an unknown non-ASCII order', serial: '订单-é', answer: { errno: 404, message: '找不到订单' } },
];

const MIN_NODE_FOR_TYPESCRIPT = [22, 18];

describe.each(SAMPLES)('$language sample', (sample) => {
  let reference: ReferenceServer;
  let baseUrl: string;

  beforeAll(async () => {
    for (const tool of sample.tools) {
      requireTool(tool, sample.language);
    }
    if (sample.language === 'Python') {
      requirePythonRequests();
    }
    if (sample.language === 'TypeScript') {
      const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
      if (major < MIN_NODE_FOR_TYPESCRIPT[0]! || (major === MIN_NODE_FOR_TYPESCRIPT[0] && minor < MIN_NODE_FOR_TYPESCRIPT[1]!)) {
        throw new Error(`The TypeScript sample needs Node.js 22.18+ to run .ts files; this is ${process.version}. Run the tests through npm, which uses the project's Node 22.`);
      }
    }
    reference = createReferenceServer({
      strict: true,
      explain: true,
      serials: [...DEMO_SERIALS, KNOWN_NON_ASCII_SERIAL],
      logger: createLogger({ level: 'silent' }),
    });
    baseUrl = await reference.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await reference?.close({ graceMs: 1_000 });
  });

  it.each(CASES)('$name', async ({ serial, answer }) => {
    const env = {
      ...process.env,
      ...sample.env,
      BASE_URL: baseUrl,
      SERIAL: serial,
      API_KEY: DEMO_API_KEY,
      API_SECRET: DEMO_API_SECRET,
      // Java decodes environment variables and Python its output with the locale's charset.
      LC_ALL: 'C.UTF-8',
      NO_PROXY: '127.0.0.1',
      no_proxy: '127.0.0.1',
    };
    const run = await runSample(sample.command(samplePath(sample)), env, sample.timeoutMs);
    const report = `exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;

    expect(run.timedOut, `timed out after ${sample.timeoutMs} ms\n${report}`).toBe(false);
    expect(run.exitCode, report).toBe(0);
    expect(parseAnswer(run.stdout), report).toEqual(answer);
  }, sample.timeoutMs + 10_000);
});

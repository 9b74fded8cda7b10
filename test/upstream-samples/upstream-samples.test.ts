import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import type { Diagnosis } from '../../src/diagnosis/mistake.ts';
import { createReferenceServer, type ReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { runCli } from '../conformance/helpers/run-cli.ts';
import { requirePythonRequests, requireTool } from '../samples/require-tool.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES_DIR = join(REPO_ROOT, 'conformance/upstream-samples');
const PLACEHOLDER = 'https://{domain}';

/** SHA-256 of each sample as copied from the upstream page; a changed sample fails here. */
const SAMPLE_DIGESTS = {
  'python.py': '95aa7188bfb5a775fff466d70f5d4aefa845aad67c175e0c9c127523cc9fdc89',
  'node.cjs': '57d79a77d0e110e9ce69430f9eb3a34c35b5ea42cc56cd53d3d73f0b56f34b50',
  'shell.sh': '415ed5b086a5ae63f1d8c5584e884feedc50ae3acca593d9ba090788b561790b',
} as const;

type SampleFile = keyof typeof SAMPLE_DIGESTS;

/** Programs the three samples run with; a missing one fails the tests with the package to install. */
const REQUIRED_TOOLS = [
  { command: 'python3', debianPackage: 'python3' },
  { command: 'bash', debianPackage: 'bash' },
  { command: 'curl', debianPackage: 'curl' },
  { command: 'jq', debianPackage: 'jq' },
  { command: 'openssl', debianPackage: 'openssl' },
  { command: 'xxd', debianPackage: 'xxd' },
];

/** Proxy variables would send the samples' requests elsewhere than 127.0.0.1. */
function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', ...extra };
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) {
    delete env[name];
  }
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 20_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      let code = 0;
      if (error !== null) {
        code = typeof error.code === 'number' ? error.code : -1;
      }
      resolve({ stdout, stderr, code });
    });
  });
}

let workDir: string;
let reference: ReferenceServer;
let baseUrl: string;

/** Copies a sample to the work directory with only the placeholder URL replaced. */
async function prepareSample(file: SampleFile, url: string): Promise<string> {
  const original = await readFile(join(SAMPLES_DIR, file), 'utf8');
  expect(original).toContain(PLACEHOLDER);
  const path = join(workDir, `${url === baseUrl ? 'reference' : 'capture'}-${file}`);
  await writeFile(path, original.replaceAll(PLACEHOLDER, url));
  return path;
}

beforeAll(async () => {
  for (const tool of REQUIRED_TOOLS) {
    requireTool(tool, 'upstream');
  }
  requirePythonRequests();
  workDir = await mkdtemp(join(tmpdir(), 'upstream-samples-'));
  reference = createReferenceServer({ strict: true, logger: createLogger({ level: 'silent' }) });
  baseUrl = await reference.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await reference?.close({ graceMs: 500 });
  await rm(workDir, { recursive: true, force: true });
});

describe('upstream samples', () => {
  it.each(Object.entries(SAMPLE_DIGESTS))('%s is the upstream text unchanged', async (file, digest) => {
    const bytes = await readFile(join(SAMPLES_DIR, file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(digest);
  });

  it('Python sample gets errno 0 in strict mode', async () => {
    const script = await prepareSample('python.py', baseUrl);
    const result = await run('python3', [script], childEnvironment());
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe("{'errno': 0, 'message': 'request accept'}");
  });

  it('Node sample gets errno 0 in strict mode', async () => {
    const script = await prepareSample('node.cjs', baseUrl);
    // The sample does require('axios') from a temporary directory, so point NODE_PATH at ours.
    const result = await run(process.execPath, [script], childEnvironment({ NODE_PATH: join(REPO_ROOT, 'node_modules') }));
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe("{ errno: 0, message: 'request accept' }");
  });

  it('Shell sample is rejected as malformed HTTP', async () => {
    const script = await prepareSample('shell.sh', baseUrl);
    const result = await run('bash', [script], childEnvironment());
    // curl sends the line break that `xxd -p` puts into the signature; Node's HTTP parser then
    // rejects the header block (HPE_CR_EXPECTED), which the server answers with errno 40000.
    const answer = JSON.parse(result.stdout) as { errno: number };
    expect(answer.errno).toBe(40000);
  });

  describe('Shell sample request', () => {
    let wire: string;
    let curlArgs: string[];

    beforeAll(async () => {
      wire = await captureWithRawServer(await prepareSample('shell.sh', 'http://127.0.0.1:PORT'));
      curlArgs = await captureCurlArguments(await prepareSample('shell.sh', 'http://127.0.0.1:9'));
    });

    it('carries a bare line break inside SIGNATURE', () => {
      expect(wire).toMatch(/\r\nSIGNATURE: [0-9a-f]{60}\n[0-9a-f]{4}\r\n/);
    });

    it('verify names the line break from the curl command', async () => {
      const commandLine = ['curl', ...curlArgs].map(quoteForShell).join(' \\\n  ');
      const commandFile = join(workDir, 'shell-sample.curl');
      await writeFile(commandFile, commandLine);
      const { code, stdout } = await runCli(['verify', '--curl', commandFile, '--demo', '--json']);
      const diagnosis = JSON.parse(stdout) as Diagnosis;
      expect(code).toBe(1);
      expect(diagnosis.signatureValid).toBe(false);
      expect(diagnosis.mistakes.map((mistake) => mistake.id)).toEqual(['line-break-in-signature']);
      expect(diagnosis.mistakes[0]!.message).toContain('after 60 hex characters');
      expect(diagnosis.mistakes[0]!.message).toContain('With the line break removed the signature is correct.');
      expect(stdout).not.toContain(DEMO_API_SECRET);
    });

    it('verify names the line break from the wire capture', async () => {
      const dumpFile = join(workDir, 'shell-sample.http');
      await writeFile(dumpFile, wire);
      const { code, stdout } = await runCli(['verify', '--headers', dumpFile, '--demo', '--json']);
      const diagnosis = JSON.parse(stdout) as Diagnosis;
      expect(code).toBe(1);
      expect(diagnosis.mistakes.map((mistake) => mistake.id)).toEqual(['line-break-in-signature']);
    });
  });
});

/** Runs the sample against a TCP server that records the request bytes and answers errno 0. */
async function captureWithRawServer(scriptTemplate: string): Promise<string> {
  let captured = Buffer.alloc(0);
  const server: Server = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      captured = Buffer.concat([captured, chunk]);
      const headerEnd = captured.indexOf('\r\n\r\n');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(captured.toString('latin1'))?.[1] ?? 0);
      if (headerEnd !== -1 && captured.length >= headerEnd + 4 + length) {
        const body = '{"errno":0,"message":"captured"}';
        socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const script = scriptTemplate.replace(/\.sh$/, '-port.sh');
    await writeFile(script, (await readFile(scriptTemplate, 'utf8')).replace('http://127.0.0.1:PORT', `http://127.0.0.1:${port}`));
    const result = await run('bash', [script], childEnvironment());
    expect(result.stdout).toBe('{"errno":0,"message":"captured"}');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return captured.toString('utf8');
}

/** Runs the sample with a stand-in `curl` first on PATH that records its arguments, NUL-separated. */
async function captureCurlArguments(script: string): Promise<string[]> {
  const binDir = await mkdtemp(join(workDir, 'bin-'));
  const argsFile = join(binDir, 'args');
  await writeFile(join(binDir, 'curl'), `#!/bin/bash\nprintf '%s\\0' "$@" > ${quoteForShell(argsFile)}\n`);
  await chmod(join(binDir, 'curl'), 0o755);
  const result = await run('bash', [script], childEnvironment({ PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` }));
  expect(result.code).toBe(0);
  const recorded = await readFile(argsFile, 'utf8');
  return recorded.split('\0').slice(0, -1);
}

function quoteForShell(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

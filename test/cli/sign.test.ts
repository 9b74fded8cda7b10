import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readInputText, loadVectorFile, PROFILES } from '../../conformance/vectors/load-vectors.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { createReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { type CliRun, runCli } from '../conformance/helpers/run-cli.ts';

const UPSTREAM_BODY = '{"serial":"1bcb40c612aababdcb166ac2cd7e3525"}';
const UPSTREAM_SIGNATURE = '4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0';
const TIMESTAMP = '1700000000';

const file = loadVectorFile();
/** The parser of `sign` stops at 256 levels of nesting, so the 1000-level vectors cannot pass through it. */
const TOO_DEEP_FOR_SIGN = /^100[01] nested /;
const INTEGER_LITERAL = /^-?[0-9]+$/;

interface SignJson {
  profile: string;
  timestamp: string;
  body: string;
  bodyByteLength: number;
  message: string;
  signature: string;
  headers: Record<string, string>;
  curl: string;
}

/** Runs `order-reclaim sign ...args` in-process with `stdin` as standard input. */
function sign(args: string[], stdin = '', env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['sign', ...args], stdin, env);
}

async function signJson(args: string[], stdin = ''): Promise<SignJson> {
  const result = await sign([...args, '--json'], stdin);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as SignJson;
}

describe('sign command', () => {
  it('prints the upstream example as text', async () => {
    const result = await sign(['--demo', '--timestamp', TIMESTAMP], UPSTREAM_BODY);
    expect(result.stdout).toBe(`Canonical body (ascii profile, 45 bytes in UTF-8, no trailing newline):
${UPSTREAM_BODY}

Signed message (TIMESTAMP + "&" + body):
${TIMESTAMP}&${UPSTREAM_BODY}

Signature (lowercase hex HMAC-SHA256 of the message, keyed with the UTF-8 bytes of the secret):
${UPSTREAM_SIGNATURE}

Headers:
API-KEY: ${DEMO_API_KEY}
TIMESTAMP: ${TIMESTAMP}
SIGNATURE: ${UPSTREAM_SIGNATURE}
Content-Type: application/json

curl command:
curl -sS -X POST 'http://127.0.0.1:8080/api/v1/frontend/order/reclaim' \\
  -H 'API-KEY: ${DEMO_API_KEY}' \\
  -H 'TIMESTAMP: ${TIMESTAMP}' \\
  -H 'SIGNATURE: ${UPSTREAM_SIGNATURE}' \\
  -H 'Content-Type: application/json' \\
  --data-raw '${UPSTREAM_BODY}'

A server accepts this request once, while its clock is within the window around TIMESTAMP ${TIMESTAMP} (±300 s by default).
`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('prints the upstream example as JSON with keys in any order', async () => {
    const output = await signJson(['-', '--demo', '--timestamp', TIMESTAMP], ' {\n  "serial" : "1bcb40c612aababdcb166ac2cd7e3525"\n}\n');
    expect(output.body).toBe(UPSTREAM_BODY);
    expect(output.message).toBe(`${TIMESTAMP}&${UPSTREAM_BODY}`);
    expect(output.signature).toBe(UPSTREAM_SIGNATURE);
    expect(output.bodyByteLength).toBe(45);
  });

  it('takes credentials from the environment', async () => {
    const env = { ORDER_RECLAIM_API_KEY: DEMO_API_KEY, ORDER_RECLAIM_API_SECRET: DEMO_API_SECRET };
    const result = await sign(['--timestamp', TIMESTAMP, '--json'], UPSTREAM_BODY, env);
    expect((JSON.parse(result.stdout) as SignJson).signature).toBe(UPSTREAM_SIGNATURE);
  });

  it('never prints the secret', async () => {
    const secret = 'integration-secret-that-must-stay-hidden';
    for (const format of [[], ['--json']]) {
      const result = await sign(['--api-key', 'integration-key', '--api-secret', secret, '--timestamp', TIMESTAMP, ...format], UPSTREAM_BODY);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(secret);
      expect(result.stdout).toContain('integration-key');
    }
    const demo = await sign(['--demo', '--json'], UPSTREAM_BODY);
    expect(demo.stdout).not.toContain(DEMO_API_SECRET);
  });

  it('prints a curl command that the reference server accepts', async () => {
    const server = createReferenceServer({ clock: () => Number(TIMESTAMP) * 1000, logger: createLogger({ level: 'silent' }) });
    const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { curl } = await signJson(['--demo', '--timestamp', TIMESTAMP, '--base-url', baseUrl], UPSTREAM_BODY);
      const result = await promisify(execFile)('sh', ['-c', curl]).catch((error: { code: number; stderr: string }) => {
        throw new Error(`The curl command failed (exit ${error.code}); this test needs curl on PATH. ${error.stderr}`);
      });
      expect(JSON.parse(result.stdout)).toEqual({ errno: 0, message: 'request accept' });
    } finally {
      await server.close({ graceMs: 1_000 });
    }
  });

  it('reads the body from a file argument', async () => {
    const path = fileURLToPath(new URL('../../conformance/vectors/large-object.json', import.meta.url));
    const expected = file.vectors.find((vector) => 'file' in vector.input)!.ascii;
    const output = await signJson([path, '--demo', '--timestamp', TIMESTAMP]);
    expect(output.signature).toBe('signature' in expected ? expected.signature : 'the large vector has a signature');
    expect(output.curl).toMatch(/--data-binary @body\.json$/);
  });
});

describe('sign command reproduces the golden vectors', () => {
  it('uses the demo credentials and timestamp of the vectors', () => {
    expect(file.credentials).toEqual({ apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET });
    expect(file.timestamp).toBe(TIMESTAMP);
  });

  const readable = file.vectors.filter((vector) => !('js' in vector.input) && !TOO_DEEP_FOR_SIGN.test(vector.name));
  it.each(readable)('$name', async (vector) => {
    const input = readInputText(vector.input)!;
    for (const profile of PROFILES) {
      const expected = vector[profile];
      const result = await sign(['--demo', '--timestamp', TIMESTAMP, '--profile', profile, '--json'], input);
      if ('error' in expected) {
        expect(result.stderr).toContain(`order-reclaim sign failed: Cannot canonicalize ${expected.error.path}: `);
        expect(result.code).toBe(1);
        continue;
      }

      const output = JSON.parse(result.stdout) as SignJson;
      if ('body' in expected) {
        expect(output.body, `${profile} body`).toBe(expected.body);
        expect(output.message, `${profile} message`).toBe(expected.message);
      } else {
        expect(output.bodyByteLength, `${profile} body length`).toBe(expected.bodyByteLength);
        expect(createHash('sha256').update(output.body, 'utf8').digest('hex'), `${profile} body SHA-256`).toBe(expected.bodySha256);
      }
      expect(output.signature, `${profile} signature`).toBe(expected.signature);
      expect(output.headers, `${profile} headers`).toEqual(expected.headers);
    }
  });

  // `sign` reads integer literals exactly, as a bigint-aware parser in any language does, so an
  // integer beyond 2^53-1 that JSON.parse would round is written as its digits instead of rejected.
  const rejections = file.rejections.filter((rejection) => 'json' in rejection.input && !TOO_DEEP_FOR_SIGN.test(rejection.name));
  it.each(rejections)('rejection: $name', async (rejection) => {
    const input = readInputText(rejection.input)!;
    const result = await sign(['--demo', '--timestamp', TIMESTAMP, '--json'], input);
    if (INTEGER_LITERAL.test(input)) {
      expect((JSON.parse(result.stdout) as SignJson).body).toBe(input);
      expect(result.code).toBe(0);
      return;
    }
    expect(result.stderr).toContain(`order-reclaim sign failed: Cannot canonicalize ${rejection.error.path}: `);
    expect(result.code).toBe(1);
  });

  it('rejects the 1000-level vectors with the nesting limit of its parser', async () => {
    const deep = file.vectors.find((vector) => vector.name === '1000 nested objects')!;
    const result = await sign(['--demo', '--timestamp', TIMESTAMP], readInputText(deep.input)!);
    expect(result.stderr).toMatch(/^order-reclaim sign failed: Invalid JSON body in standard input: nesting deeper than 256 levels at position \d+\.\n$/);
    expect(result.code).toBe(1);
  });
});

describe('sign command errors', () => {
  it('rejects duplicate keys', async () => {
    const result = await sign(['--demo'], '{"a":1,"a":2}');
    expect(result.stderr).toBe(
      'order-reclaim sign failed: Invalid JSON body in standard input: duplicate key "a" at position 7. Keep one member per key, because the canonical form cannot contain both.\n',
    );
    expect(result.code).toBe(1);
  });

  it('rejects invalid JSON', async () => {
    const result = await sign(['--demo'], '{"serial":');
    expect(result.stderr).toMatch(/^order-reclaim sign failed: Invalid JSON body in standard input: unexpected end of input at position 10\.\n$/);
    expect(result.code).toBe(1);
  });

  it('reports a missing file', async () => {
    const result = await sign(['/nonexistent/body.json', '--demo']);
    expect(result.stderr).toMatch(/^order-reclaim sign failed: Failed to read "\/nonexistent\/body\.json": ENOENT/);
    expect(result.code).toBe(1);
  });

  it.each([
    { args: [], message: 'Missing API key: pass --api-key or set ORDER_RECLAIM_API_KEY' },
    { args: ['--api-key', 'k'], message: 'Missing API secret: pass --api-secret or set ORDER_RECLAIM_API_SECRET' },
    { args: ['--demo', '--timestamp', '1.7e9'], message: 'Invalid --timestamp "1.7e9": expected Unix time in whole seconds (digits only).' },
    { args: ['--demo', '--profile', 'latin1'], message: 'Invalid --profile "latin1": expected "ascii" or "utf8".' },
    { args: ['--demo', 'a.json', 'b.json'], message: 'Expected at most one FILE, received 2: "a.json" "b.json".' },
  ])('exits 2 on usage error: $message', async ({ args, message }) => {
    const result = await sign(args, UPSTREAM_BODY);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr).toContain('Usage: order-reclaim sign');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});

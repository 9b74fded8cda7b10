import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MistakeCase, MISTAKES_FILE, renderMistakeCases } from '../../conformance/vectors/generate-mistakes.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import type { Diagnosis } from '../../src/diagnosis/mistake.ts';
import { parseCurlCommand } from '../../src/diagnosis/parse-curl-command.ts';
import { parseHeaderLines } from '../../src/diagnosis/parse-header-lines.ts';
import { runCli } from '../conformance/helpers/run-cli.ts';

const NOW = 1_700_000_000;
const BODY = '{"serial":"xxyyzz"}';
const SIGNATURE = createHmac('sha256', DEMO_API_SECRET).update(`${NOW}&${BODY}`).digest('hex');

let workDir: string;
let fileCounter = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'verify-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writeTemp(content: string | Buffer): Promise<string> {
  const path = join(workDir, `input-${++fileCounter}`);
  await writeFile(path, content);
  return path;
}

const { cases } = JSON.parse(await readFile(MISTAKES_FILE, 'utf8')) as { cases: MistakeCase[] };

describe('verify on the mistake cases', () => {
  it('mistakes.json matches its generator', async () => {
    expect(await readFile(MISTAKES_FILE, 'utf8')).toBe(renderMistakeCases());
  });

  it.each(cases.map((mistakeCase) => [mistakeCase.name, mistakeCase] as const))('diagnoses %s', async (_name, mistakeCase) => {
    const headersFile = await writeTemp(JSON.stringify(mistakeCase.headers));
    const bodyFile = await writeTemp(mistakeCase.body);
    const run = await runCli(['verify', '--headers', headersFile, '--body', bodyFile, '--demo', '--now', String(mistakeCase.now), '--json']);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    const correctSignature = createHmac('sha256', DEMO_API_SECRET).update(`${mistakeCase.headers.TIMESTAMP}&${mistakeCase.body}`).digest('hex');

    expect(diagnosis.mistakes[0]?.id ?? null).toBe(mistakeCase.expected);
    expect(diagnosis.conforms).toBe(mistakeCase.expected === null);
    expect(run.code).toBe(mistakeCase.expected === null ? 0 : 1);
    expect(run.stdout).not.toContain(DEMO_API_SECRET);
    if (mistakeCase.headers.SIGNATURE !== correctSignature) {
      expect(run.stdout).not.toContain(correctSignature);
    }
  });

  it('covers every mistake a client makes in the list', () => {
    const expected = new Set(cases.map((mistakeCase) => mistakeCase.expected));
    for (const id of [
      'keys-unsorted', 'nested-keys-unsorted', 'non-ascii-raw', 'uppercase-unicode-escapes', 'escaped-slashes', 'html-escaped',
      'whitespace', 'trailing-newline', 'timestamp-milliseconds', 'timestamp-fraction', 'clock-skew', 'uppercase-signature',
      'line-break-in-signature', 'secret-hex-decoded', 'separator-missing', 'python-str-body', 'body-changed-after-signing',
    ]) {
      expect(expected).toContain(id);
    }
  });
});

describe('verify output', () => {
  it('explains a clock skew with its size', async () => {
    const headersFile = await writeTemp(`API-KEY: ${DEMO_API_KEY}\nTIMESTAMP: ${NOW}\nSIGNATURE: ${SIGNATURE}\n`);
    const bodyFile = await writeTemp(BODY);
    const run = await runCli(['verify', '--headers', headersFile, '--body', bodyFile, '--demo', '--now', String(NOW + 420)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        `Request: POST (no URL), 19-byte body, TIMESTAMP "${NOW}"`,
        'Signature: verifies over the body as sent.',
        'Mistakes:',
        `  1. [clock-skew] TIMESTAMP is 420 s behind the clock it was checked against (${NOW + 420}); the window is ±300 s. Sync the client clock (NTP), or correct the offset from the server's Date header.`,
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing is wrong', async () => {
    const command = `curl -X POST http://127.0.0.1:8080/api/v1/frontend/order/reclaim -H 'API-KEY: ${DEMO_API_KEY}' -H 'TIMESTAMP: ${NOW}' -H 'SIGNATURE: ${SIGNATURE}' --data-raw '${BODY}'`;
    const run = await runCli(['verify', '--curl', '-', '--demo', '--now', String(NOW)], command);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Request: POST http://127.0.0.1:8080/api/v1/frontend/order/reclaim, 19-byte body');
    expect(run.stdout).toContain('No mistakes found: the body is canonical and TIMESTAMP is inside the window.');
  });

  it('reports an API-KEY that does not belong to the secret', async () => {
    const headersFile = await writeTemp(JSON.stringify({ 'API-KEY': 'SOMEONE-ELSE-KEY', TIMESTAMP: String(NOW), SIGNATURE }));
    const bodyFile = await writeTemp(BODY);
    const run = await runCli(['verify', '--headers', headersFile, '--body', bodyFile, '--demo', '--now', String(NOW), '--json']);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.mistakes.map((mistake) => mistake.id)).toEqual(['unknown-api-key']);
  });

  it('reports a signature no hypothesis explains', async () => {
    const headersFile = await writeTemp(JSON.stringify({ 'API-KEY': DEMO_API_KEY, TIMESTAMP: String(NOW), SIGNATURE: 'ab'.repeat(32) }));
    const bodyFile = await writeTemp(BODY);
    const run = await runCli(['verify', '--headers', headersFile, '--body', bodyFile, '--api-secret', DEMO_API_SECRET, '--now', String(NOW), '--json']);
    const diagnosis = JSON.parse(run.stdout) as Diagnosis;
    expect(diagnosis.mistakes.map((mistake) => mistake.id)).toEqual(['signature-unexplained']);
    expect(run.stdout).not.toContain(SIGNATURE);
  });

  it('reads a whole HTTP request dump with --headers', async () => {
    const dump = `POST /api/v1/frontend/order/reclaim HTTP/1.1\r\nHost: 127.0.0.1\r\nAPI-KEY: ${DEMO_API_KEY}\r\nTIMESTAMP: ${NOW}\r\nSIGNATURE: ${SIGNATURE}\r\n\r\n${BODY}`;
    const run = await runCli(['verify', '--headers', await writeTemp(dump), '--demo', '--now', String(NOW)]);
    expect(run.code).toBe(0);
  });

  it.each([
    [['--headers', 'HEADERS_FILE'], 'Missing API secret: pass --api-secret or set ORDER_RECLAIM_API_SECRET'],
    [['--demo'], 'Missing input: pass --curl FILE (or - for stdin), or --headers FILE with --body FILE.'],
    [['--demo', '--curl', '-', '--body', 'HEADERS_FILE'], 'Pass either --curl or --headers/--body, not both.'],
    [['--demo', '--now', 'yesterday', '--curl', '-'], 'Invalid --now "yesterday": expected a non-negative integer.'],
  ])('rejects %j as a usage error', async (args, message) => {
    const headersFile = await writeTemp(`TIMESTAMP: ${NOW}\n`);
    const argv = ['verify', ...args.map((arg) => (arg === 'HEADERS_FILE' ? headersFile : arg))];
    const run = await runCli(argv, `curl http://127.0.0.1 -d '{}'`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('explains a curl command with a shell variable', async () => {
    const run = await runCli(['verify', '--curl', '-', '--demo'], 'curl -H "SIGNATURE: ${signature}" http://127.0.0.1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The curl command uses "${signature}", a shell expansion that cannot be evaluated offline.');
  });
});

describe('curl command parsing', () => {
  const expectedHeaders = { 'API-KEY': DEMO_API_KEY, TIMESTAMP: String(NOW), SIGNATURE };

  it.each([
    ['single quotes and continuations', `curl -sS -X POST 'http://h/p' \\\n  -H 'API-KEY: ${DEMO_API_KEY}' \\\n  -H 'TIMESTAMP: ${NOW}' \\\n  -H 'SIGNATURE: ${SIGNATURE}' \\\n  --data-raw '${BODY}'`],
    ['double quotes with escapes', `curl --location --request POST "http://h/p" --header "API-KEY: ${DEMO_API_KEY}" --header "TIMESTAMP: ${NOW}" --header "SIGNATURE: ${SIGNATURE}" --data-raw "{\\"serial\\":\\"xxyyzz\\"}"`],
    ['ANSI-C quotes', `curl 'http://h/p' -H $'API-KEY: ${DEMO_API_KEY}' -H $'TIMESTAMP: ${NOW}' -H $'SIGNATURE: ${SIGNATURE}' --data-binary $'{"serial":"xxyyzz"}'`],
    ['attached short options', `curl -sSL http://h/p -H'API-KEY: ${DEMO_API_KEY}' -HTIMESTAMP:${NOW} -sH 'SIGNATURE: ${SIGNATURE}' -d'${BODY}'`],
    ['CRLF continuations and a comment', `# captured request\r\ncurl http://h/p \\\r\n -H 'API-KEY: ${DEMO_API_KEY}' \\\r\n -H 'TIMESTAMP: ${NOW}' \\\r\n -H 'SIGNATURE: ${SIGNATURE}' \\\r\n -d '${BODY}'`],
  ])('reads %s', (_name, command) => {
    const request = parseCurlCommand(command.startsWith('#') ? command.slice(command.indexOf('curl')) : command);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://h/p');
    expect(request.headers).toEqual(expectedHeaders);
    expect(Buffer.from(request.body).toString('utf8')).toBe(BODY);
  });

  it('joins several -d values with & as curl does', () => {
    const request = parseCurlCommand(`curl http://h -d a=1 --data b=2`);
    expect(Buffer.from(request.body).toString('utf8')).toBe('a=1&b=2');
  });

  it('keeps a line break inside a quoted header value', () => {
    const request = parseCurlCommand(`curl http://h --header "SIGNATURE: ${SIGNATURE.slice(0, 60)}\n${SIGNATURE.slice(60)}"`);
    expect(request.headers.SIGNATURE).toBe(`${SIGNATURE.slice(0, 60)}\n${SIGNATURE.slice(60)}`);
  });

  it.each([
    ['curl http://h -d @body.json', 'reads the body from a file'],
    ['curl http://h -F a=b', 'The curl option -F is not supported'],
    ["curl http://h -H 'unterminated", 'Unterminated \' quote'],
    ['wget http://h', 'Expected a command line that starts with curl'],
  ])('rejects %j', (command, message) => {
    expect(() => parseCurlCommand(command)).toThrow(message);
  });
});

describe('header file parsing', () => {
  it('joins a line without a colon to the header before it', () => {
    const parsed = parseHeaderLines(`TIMESTAMP: ${NOW}\nSIGNATURE: ${SIGNATURE.slice(0, 60)}\n${SIGNATURE.slice(60)}\n`);
    expect(parsed.headers).toEqual({ TIMESTAMP: String(NOW), SIGNATURE: `${SIGNATURE.slice(0, 60)}\n${SIGNATURE.slice(60)}` });
  });

  it('rejects a JSON object with a non-string value', () => {
    expect(() => parseHeaderLines('{"TIMESTAMP": 1700000000}')).toThrow('Invalid JSON headers: the value of "TIMESTAMP" is number, expected a string.');
  });
});

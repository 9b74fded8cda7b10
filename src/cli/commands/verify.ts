import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../demo-credentials.ts';
import { type CapturedRequest, diagnoseRequest } from '../../diagnosis/diagnose-request.ts';
import type { Diagnosis } from '../../diagnosis/mistake.ts';
import { parseCurlCommand } from '../../diagnosis/parse-curl-command.ts';
import { parseHeaderLines } from '../../diagnosis/parse-header-lines.ts';
import { HEADER_TIMESTAMP, TIMESTAMP_WINDOW_SECONDS } from '../../wire.ts';
import { ExitCode, UsageError } from '../cli-error.ts';
import { ENV_API_KEY, ENV_API_SECRET } from '../credentials.ts';
import type { CliIo } from '../io.ts';
import { parseIntegerFlag } from '../parse-flags.ts';

export const verifyUsage = `Usage: order-reclaim verify (--curl FILE|- | --headers FILE [--body FILE]) [options]

Checks a request captured from a client: does its SIGNATURE verify with the secret, and if
not, which known mistake explains it (unsorted keys, escapes, whitespace, a line break in the
signature, a hex-decoded secret, a body re-serialized after signing, clock skew...). Also
reports a body that is not canonical, which the reference server rejects in strict mode.
The expected signature and the secret are never printed.
Exit code 0 when the request has no mistake, 1 when it has one.

Input (one of):
  --curl FILE|-         a curl command line (-H, -d/--data-raw/--data-binary, URL); - reads stdin
  --headers FILE        "Name: value" lines (an HTTP request dump works) or a JSON object
  --body FILE           the body bytes as sent (default: what follows the headers, or empty)

Options:
  --api-secret SECRET   API secret (env ${ENV_API_SECRET}); never printed
  --api-key KEY         the API key the secret belongs to, to report a different API-KEY (env ${ENV_API_KEY})
  --demo                use the public demo key and secret of the upstream page
  --now UNIX_SECONDS    the clock to judge TIMESTAMP against (default: this machine's clock)
  --window SECONDS      accepted clock difference, both directions (default ${TIMESTAMP_WINDOW_SECONDS})
  --json                print the diagnosis as JSON
`;

export async function runVerify(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      curl: { type: 'string' },
      headers: { type: 'string' },
      body: { type: 'string' },
      'api-secret': { type: 'string' },
      'api-key': { type: 'string' },
      demo: { type: 'boolean' },
      now: { type: 'string' },
      window: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });

  const request = await readCapturedRequest(values, io);
  const secret = values.demo === true ? DEMO_API_SECRET : (values['api-secret'] ?? io.env[ENV_API_SECRET]);
  if (secret === undefined || secret === '') {
    throw new UsageError(`Missing API secret: pass --api-secret or set ${ENV_API_SECRET} (or --demo for the public demo credentials).`);
  }
  const apiKey = values.demo === true ? DEMO_API_KEY : (values['api-key'] ?? io.env[ENV_API_KEY]);
  const nowSeconds = values.now === undefined ? Math.floor(Date.now() / 1000) : parseIntegerFlag(values.now, 'now', 0);
  const windowSeconds = parseIntegerFlag(values.window, 'window', TIMESTAMP_WINDOW_SECONDS);

  const diagnosis = diagnoseRequest(request, { secret, apiKey, nowSeconds, windowSeconds });
  if (values.json === true) {
    io.stdout(`${JSON.stringify(diagnosis, null, 2)}\n`);
  } else {
    io.stdout(formatDiagnosis(request, diagnosis, values.now === undefined));
  }
  return diagnosis.conforms ? ExitCode.OK : ExitCode.FAILED;
}

async function readCapturedRequest(values: { curl?: string; headers?: string; body?: string }, io: CliIo): Promise<CapturedRequest> {
  if (values.curl !== undefined) {
    if (values.headers !== undefined || values.body !== undefined) {
      throw new UsageError('Pass either --curl or --headers/--body, not both.');
    }
    const command = values.curl === '-' ? await io.readStdin() : await readText(values.curl, 'curl');
    try {
      return parseCurlCommand(command);
    } catch (error) {
      throw new UsageError(`Invalid --curl ${values.curl === '-' ? 'input' : values.curl}: ${(error as Error).message}`);
    }
  }
  if (values.headers === undefined) {
    throw new UsageError('Missing input: pass --curl FILE (or - for stdin), or --headers FILE with --body FILE.');
  }
  let parsed;
  try {
    parsed = parseHeaderLines(await readText(values.headers, 'headers'));
  } catch (error) {
    throw new UsageError(`Invalid --headers ${values.headers}: ${(error as Error).message}`);
  }
  const body = values.body === undefined ? Buffer.from(parsed.body ?? '', 'utf8') : await readBytes(values.body, 'body');
  return { headers: parsed.headers, body, method: parsed.method, url: parsed.url };
}

async function readText(path: string, flag: string): Promise<string> {
  return (await readBytes(path, flag)).toString('utf8');
}

async function readBytes(path: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`Failed to read --${flag} ${path}: ${(error as Error).message}`);
  }
}

function formatDiagnosis(request: CapturedRequest, diagnosis: Diagnosis, usedLocalClock: boolean): string {
  const timestamp = Object.entries(request.headers).find(([name]) => name.toLowerCase() === HEADER_TIMESTAMP.toLowerCase())?.[1];
  const lines = [
    `Request: ${request.method ?? 'POST'} ${request.url ?? '(no URL)'}, ${request.body.length}-byte body, TIMESTAMP ${timestamp === undefined ? '(missing)' : JSON.stringify(timestamp)}`,
    diagnosis.signatureValid ? 'Signature: verifies over the body as sent.' : 'Signature: does NOT verify over the body as sent.',
  ];
  if (diagnosis.conforms) {
    lines.push('No mistakes found: the body is canonical and TIMESTAMP is inside the window.');
  } else {
    lines.push(diagnosis.signatureValid ? 'Mistakes:' : 'Mistakes (the first one explains why the signature does not verify):');
    diagnosis.mistakes.forEach((mistake, index) => lines.push(`  ${index + 1}. [${mistake.id}] ${mistake.message}`));
  }
  if (usedLocalClock) {
    lines.push('TIMESTAMP was judged against this machine\'s clock; pass --now UNIX_SECONDS for a request captured earlier.');
  }
  return `${lines.join('\n')}\n`;
}

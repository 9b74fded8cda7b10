import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toCurlCommand } from '../../../conformance/runner/curl-command.ts';
import type { CanonicalProfile } from '../../canonical/canonicalize.ts';
import { DuplicateKeyError, JsonSyntaxError, parseJsonStrict } from '../../server/parse-json-strict.ts';
import { createSigner } from '../../signing/create-signer.ts';
import type { SignedBody } from '../../signing/sign-body.ts';
import { RECLAIM_PATH, TIMESTAMP_PATTERN, TIMESTAMP_WINDOW_SECONDS } from '../../wire.ts';
import { ExitCode, UsageError } from '../cli-error.ts';
import { ENV_API_KEY, ENV_API_SECRET, ENV_BASE_URL, resolveCredentials } from '../credentials.ts';
import type { CliIo } from '../io.ts';

export const signUsage = `Usage: order-reclaim sign [FILE|-] [options]

Reads a JSON body from FILE (standard input when FILE is "-" or absent) and prints what a
client sends for it: the canonical body, the signed message, the signature, the request
headers and a curl command. Nothing is sent, and the secret is never printed.

Numbers are read as the SDK writes them: integer literals stay exact (beyond 2^53-1 as big
integers), integer-valued decimals such as 1.0 or 1e2 are written as integers, and other
numbers as Python's repr(float). A body with duplicate keys is rejected.

Options:
  --api-key KEY         API key (env ${ENV_API_KEY})
  --api-secret SECRET   API secret (env ${ENV_API_SECRET}); never printed
  --demo                use the public demo key and secret of the upstream page
  --timestamp SECONDS   TIMESTAMP, Unix time in whole seconds (default: now)
  --profile PROFILE     canonical JSON profile: ascii (default, Python json.dumps) or utf8
                        (the same with ensure_ascii=False)
  --base-url URL        base URL of the curl command (default http://127.0.0.1:8080; env ${ENV_BASE_URL})
  --json                print one JSON object instead of text
`;

/**
 * Maximum body size in UTF-8 bytes that the curl command carries inline. Linux limits one
 * command-line argument to 128 KiB (MAX_ARG_STRLEN), so a longer body is read from a file.
 */
const MAX_INLINE_BODY_BYTES = 100_000;
const BODY_FILE = 'body.json';

export async function runSign(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      demo: { type: 'boolean' },
      timestamp: { type: 'string' },
      profile: { type: 'string' },
      'base-url': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 1) {
    throw new UsageError(`Expected at most one FILE, received ${positionals.length}: ${positionals.map((name) => JSON.stringify(name)).join(' ')}.`);
  }
  const profile = readProfile(values.profile);
  const timestamp = values.timestamp;
  if (timestamp !== undefined && !TIMESTAMP_PATTERN.test(timestamp)) {
    throw new UsageError(`Invalid --timestamp ${JSON.stringify(timestamp)}: expected Unix time in whole seconds (digits only).`);
  }
  const baseUrl = values['base-url'] ?? io.env[ENV_BASE_URL] ?? 'http://127.0.0.1:8080';
  const credentials = resolveCredentials(values, io.env);

  const source = positionals[0] ?? '-';
  const value = parseBody(await readSource(source, io), source);
  const signed = await createSigner(credentials).sign(value, { profile, timestamp });
  const curl = buildCurlCommand(baseUrl, signed);

  if (values.json === true) {
    const bodyByteLength = Buffer.byteLength(signed.body, 'utf8');
    const { body, message, signature, headers } = signed;
    io.stdout(`${JSON.stringify({ profile, timestamp: signed.timestamp, body, bodyByteLength, message, signature, headers, curl }, null, 2)}\n`);
  } else {
    io.stdout(formatText(profile, signed, curl));
  }
  return ExitCode.OK;
}

function readProfile(value: string | undefined): CanonicalProfile {
  if (value === undefined || value === 'ascii' || value === 'utf8') {
    return value ?? 'ascii';
  }
  throw new UsageError(`Invalid --profile ${JSON.stringify(value)}: expected "ascii" or "utf8".`);
}

async function readSource(source: string, io: CliIo): Promise<string> {
  if (source === '-') {
    return io.readStdin();
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (error) {
    throw new Error(`Failed to read ${JSON.stringify(source)}: ${(error as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`Failed to read ${JSON.stringify(source)}: the file is not valid UTF-8. Save it as UTF-8 and try again.`);
  }
}

function parseBody(text: string, source: string): unknown {
  const name = source === '-' ? 'standard input' : JSON.stringify(source);
  // TextDecoder already drops a UTF-8 byte order mark from files; standard input may still carry one.
  const json = text.startsWith('\ufeff') ? text.slice(1) : text;
  try {
    return parseJsonStrict(json);
  } catch (error) {
    if (error instanceof DuplicateKeyError) {
      throw new Error(`Invalid JSON body in ${name}: ${error.message}. Keep one member per key, because the canonical form cannot contain both.`);
    }
    if (error instanceof JsonSyntaxError) {
      throw new Error(`Invalid JSON body in ${name}: ${error.message}.`);
    }
    throw error;
  }
}

function buildCurlCommand(baseUrl: string, signed: SignedBody): string {
  const headers = { ...signed.headers };
  if (Buffer.byteLength(signed.body, 'utf8') <= MAX_INLINE_BODY_BYTES) {
    return toCurlCommand(baseUrl, { method: 'POST', path: RECLAIM_PATH, headers, body: signed.body });
  }
  const command = toCurlCommand(baseUrl, { method: 'POST', path: RECLAIM_PATH, headers, body: '' });
  return `${command} \\\n  --data-binary @${BODY_FILE}`;
}

function formatText(profile: CanonicalProfile, signed: SignedBody, curl: string): string {
  const bodyByteLength = Buffer.byteLength(signed.body, 'utf8');
  const lines = [
    `Canonical body (${profile} profile, ${bodyByteLength} bytes in UTF-8, no trailing newline):`,
    signed.body,
    '',
    'Signed message (TIMESTAMP + "&" + body):',
    signed.message,
    '',
    'Signature (lowercase hex HMAC-SHA256 of the message, keyed with the UTF-8 bytes of the secret):',
    signed.signature,
    '',
    'Headers:',
    ...Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`),
    '',
    'curl command:',
    curl,
  ];
  if (bodyByteLength > MAX_INLINE_BODY_BYTES) {
    lines.push(`(The body is too long for one command-line argument: save it to ${BODY_FILE} first, without a trailing newline.)`);
  }
  lines.push(
    '',
    `A server accepts this request once, while its clock is within the window around TIMESTAMP ${signed.timestamp} (±${TIMESTAMP_WINDOW_SECONDS} s by default).`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Writes conformance/vectors/mistakes.json: for each known client mistake, a request made that
 * wrong way (headers and body as sent, and the clock to judge it with) and the diagnosis id that
 * `order-reclaim verify` must print first. Each request is built here by hand with node:crypto,
 * independently of src/diagnosis, so the cases test the diagnosis instead of repeating it.
 *
 * Run: npm run generate:mistakes (the output is deterministic: fixed clock, demo credentials).
 */
import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';

export interface MistakeCase {
  name: string;
  description: string;
  /** The diagnosis id `verify` prints first, or null for a request without mistakes. */
  expected: string | null;
  /** Unix seconds to judge TIMESTAMP against (`verify --now`). */
  now: number;
  headers: Record<string, string>;
  /** The body as sent, as UTF-8 text. */
  body: string;
}

const NOW = 1_700_000_000;
const CANONICAL = '{"serial":"xxyyzz"}';

interface Recipe {
  name: string;
  description: string;
  expected: string | null;
  body: string;
  /** The text signed after TIMESTAMP and the separator; defaults to `body`. */
  signedBody?: string;
  timestamp?: string;
  separator?: string;
  /** Appended to the signed message, as `echo` without -n does. */
  messageSuffix?: string;
  key?: string | Buffer;
  /** Changes the correct signature into the one sent. */
  mangle?: (signature: string) => string;
}

const RECIPES: Recipe[] = [
  { name: 'correct-request', description: 'canonical body, correct signature: nothing to report', expected: null, body: CANONICAL },
  { name: 'keys-unsorted', description: 'top-level keys in insertion order (JSON.stringify of an object literal)', expected: 'keys-unsorted', body: '{"serial":"xxyyzz","amount":1}' },
  { name: 'nested-keys-unsorted', description: 'top level sorted, a nested object not (a replacer array sorts only one level)', expected: 'nested-keys-unsorted', body: '{"meta":{"source":"app","channel":"web"},"serial":"xxyyzz"}' },
  { name: 'non-ascii-raw', description: 'non-ASCII written raw (ensure_ascii=False, JSON.stringify, Gson)', expected: 'non-ascii-raw', body: '{"serial":"订单-001"}' },
  { name: 'uppercase-unicode-escapes', description: 'non-ASCII escaped with uppercase hex (some Java and C# writers)', expected: 'uppercase-unicode-escapes', body: '{"serial":"\\u8BA2\\u5355-001"}' },
  { name: 'escaped-slashes', description: 'PHP json_encode without JSON_UNESCAPED_SLASHES', expected: 'escaped-slashes', body: '{"serial":"2024\\/01\\/xxyyzz"}' },
  { name: 'html-escaped', description: 'Go encoding/json escapes <, > and &', expected: 'html-escaped', body: '{"serial":"a\\u0026b\\u003cc\\u003e"}' },
  { name: 'whitespace', description: "Python json.dumps with the default ', ' and ': ' separators", expected: 'whitespace', body: '{"serial": "xxyyzz"}' },
  { name: 'pretty-printed', description: 'pretty printed with an indent of 2', expected: 'whitespace', body: '{\n  "serial": "xxyyzz"\n}' },
  { name: 'trailing-newline-in-body', description: 'body file saved with a final newline, signed and sent with it', expected: 'trailing-newline', body: `${CANONICAL}\n` },
  { name: 'trailing-newline-in-message', description: 'message piped with echo (no -n), so the signed message ends with a newline', expected: 'trailing-newline', body: CANONICAL, messageSuffix: '\n' },
  { name: 'trailing-newline-not-signed', description: 'signed without the newline, sent with it (--data-binary @file)', expected: 'trailing-newline', body: `${CANONICAL}\n`, signedBody: CANONICAL },
  { name: 'timestamp-milliseconds', description: 'TIMESTAMP from Date.now() without dividing by 1000', expected: 'timestamp-milliseconds', body: CANONICAL, timestamp: `${NOW}123` },
  { name: 'timestamp-fraction', description: 'TIMESTAMP from str(time.time())', expected: 'timestamp-fraction', body: CANONICAL, timestamp: `${NOW}.123456` },
  { name: 'clock-skew-behind', description: 'client clock 400 s slow', expected: 'clock-skew', body: CANONICAL, timestamp: String(NOW - 400) },
  { name: 'clock-skew-ahead', description: 'client clock 900 s fast', expected: 'clock-skew', body: CANONICAL, timestamp: String(NOW + 900) },
  { name: 'uppercase-signature', description: 'signature written with uppercase hex (.upper(), %X)', expected: 'uppercase-signature', body: CANONICAL, mangle: (signature) => signature.toUpperCase() },
  { name: 'line-break-in-signature', description: 'xxd -p wraps after 60 hex characters, as in the upstream Shell sample', expected: 'line-break-in-signature', body: CANONICAL, mangle: (signature) => `${signature.slice(0, 60)}\n${signature.slice(60)}` },
  { name: 'secret-hex-decoded', description: 'HMAC key is bytes.fromhex(API_SECRET) instead of the secret text', expected: 'secret-hex-decoded', body: CANONICAL, key: Buffer.from(DEMO_API_SECRET, 'hex') },
  { name: 'separator-missing', description: 'message is TIMESTAMP + BODY without "&"', expected: 'separator-missing', body: CANONICAL, separator: '' },
  { name: 'python-str-signed', description: "message built with f'{timestamp}&{data}' from the dict, JSON sent", expected: 'python-str-body', body: CANONICAL, signedBody: "{'serial': 'xxyyzz'}" },
  { name: 'python-str-sent', description: 'body sent and signed as str(dict)', expected: 'python-str-body', body: "{'serial': 'xxyyzz', 'urgent': True, 'note': None}" },
  { name: 'body-changed-after-signing', description: "canonical body signed, then requests' json= sent it with spaces", expected: 'body-changed-after-signing', body: '{"serial": "xxyyzz"}', signedBody: CANONICAL },
  { name: 'body-changed-after-signing-non-ascii', description: 'canonical body signed, then an HTTP client re-serialized it with raw UTF-8', expected: 'body-changed-after-signing', body: '{"serial":"订单-001"}', signedBody: '{"serial":"\\u8ba2\\u5355-001"}' },
];

export function buildMistakeCases(): MistakeCase[] {
  return RECIPES.map((recipe) => {
    const timestamp = recipe.timestamp ?? String(NOW);
    const message = `${timestamp}${recipe.separator ?? '&'}${recipe.signedBody ?? recipe.body}${recipe.messageSuffix ?? ''}`;
    const signature = createHmac('sha256', recipe.key ?? DEMO_API_SECRET).update(message, 'utf8').digest('hex');
    return {
      name: recipe.name,
      description: recipe.description,
      expected: recipe.expected,
      now: NOW,
      headers: {
        'API-KEY': DEMO_API_KEY,
        TIMESTAMP: timestamp,
        SIGNATURE: recipe.mangle?.(signature) ?? signature,
        'Content-Type': 'application/json',
      },
      body: recipe.body,
    };
  });
}

export const MISTAKES_FILE = fileURLToPath(new URL('./mistakes.json', import.meta.url));

export function renderMistakeCases(): string {
  const header = { comment: 'Generated by conformance/vectors/generate-mistakes.ts; signed with the public demo credentials of the upstream API page.', apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET };
  return `${JSON.stringify({ ...header, cases: buildMistakeCases() }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(MISTAKES_FILE, renderMistakeCases());
  process.stdout.write(`Wrote ${buildMistakeCases().length} cases to ${MISTAKES_FILE}\n`);
}

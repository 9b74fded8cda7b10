import { canonicalize } from '../canonical/canonicalize.ts';
import { compareCodePoints } from '../canonical/compare-code-points.ts';
import { DuplicateKeyError, parseJsonStrict } from '../server/parse-json-strict.ts';
import type { Mistake } from './mistake.ts';
import { looksLikePythonRepr } from './python-repr.ts';

/** What the body analysis found: the mistakes in its form and, when it parsed, its value. */
export interface BodyForm {
  mistakes: Mistake[];
  /** The body decoded as UTF-8, or undefined when it is not valid UTF-8. */
  text?: string;
  /** The parsed body (without a trailing newline), or undefined when it is not JSON. */
  value?: unknown;
  /** The canonical `ascii` form of `value`, or undefined when it has none. */
  canonical?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_SHOWN = 200;

/** Compares the body as sent with its canonical form and names each way it differs. */
export function analyzeBodyForm(rawBody: Uint8Array): BodyForm {
  let text: string;
  try {
    text = UTF8.decode(rawBody);
  } catch {
    return { mistakes: [{ id: 'invalid-utf8', message: 'The body is not valid UTF-8. Encode the JSON text as UTF-8 before signing and sending it.' }] };
  }

  const mistakes: Mistake[] = [];
  const trimmed = text.replace(/\r?\n$/, '');
  if (trimmed !== text) {
    mistakes.push({
      id: 'trailing-newline',
      message: 'The body ends with a line break. The canonical body has none: strip it (`echo -n`, `printf`, `jq -j`) before signing and sending.',
    });
  }

  let value: unknown;
  try {
    value = parseJsonStrict(trimmed);
  } catch (error) {
    mistakes.push(describeParseFailure(trimmed, error));
    return { mistakes, text };
  }

  let canonical: string;
  try {
    canonical = canonicalize(value);
  } catch (error) {
    mistakes.push({ id: 'other-non-canonical', message: `The body has no canonical form: ${(error as Error).message}` });
    return { mistakes, text, value };
  }
  if (canonical !== trimmed) {
    const found = findFormDifferences(trimmed);
    mistakes.push(...found);
    if (found.length === 0) {
      mistakes.push({ id: 'other-non-canonical', message: `The body is not in canonical form, which is ${truncate(canonical)}.` });
    }
  }
  return { mistakes, text, value, canonical };
}

function describeParseFailure(text: string, error: unknown): Mistake {
  if (error instanceof DuplicateKeyError) {
    return { id: 'duplicate-keys', message: `The body has a ${error.message}. Send each key once; servers disagree on which duplicate wins.` };
  }
  if (looksLikePythonRepr(text)) {
    return {
      id: 'python-str-body',
      message: "The body is a Python dict written with str() (single quotes, True/None), not JSON. Use json.dumps(data, sort_keys=True, separators=(',', ':')).",
    };
  }
  return { id: 'invalid-json', message: `The body is not valid JSON: ${(error as Error).message}.` };
}

/**
 * Scans JSON text that is known to parse and names each canonical-form rule it breaks:
 * whitespace, key order (top level or nested), and the spelling of string escapes.
 */
function findFormDifferences(text: string): Mistake[] {
  const found = new Map<Mistake['id'], string>();
  const stack: Array<{ keys: string[] | undefined; expectKey: boolean }> = [];
  const STRING = /"(?:[^"\\]|\\.)*"/y;

  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') {
      STRING.lastIndex = index;
      const token = STRING.exec(text)![0];
      inspectString(token, found);
      const frame = stack.at(-1);
      if (frame?.keys !== undefined && frame.expectKey) {
        frame.keys.push(JSON.parse(token) as string);
        frame.expectKey = false;
      }
      index += token.length - 1;
    } else if (char === '{' || char === '[') {
      stack.push({ keys: char === '{' ? [] : undefined, expectKey: char === '{' });
    } else if (char === '}' || char === ']') {
      const frame = stack.pop()!;
      if (frame.keys !== undefined && !isSorted(frame.keys)) {
        const nested = stack.length > 0;
        found.set(nested ? 'nested-keys-unsorted' : 'keys-unsorted', describeOrder(frame.keys, nested));
      }
    } else if (char === ',') {
      const frame = stack.at(-1);
      if (frame?.keys !== undefined) {
        frame.expectKey = true;
      }
    } else if (/[ \t\r\n]/.test(char)) {
      found.set('whitespace', 'The body contains whitespace between tokens (spaces after , or :, or pretty printing). Use separators=(\',\', \':\') or an equivalent compact writer.');
    }
  }
  return [...found].map(([id, message]) => ({ id, message }));
}

function inspectString(token: string, found: Map<Mistake['id'], string>): void {
  if (/[^\u0000-\u007e]/.test(token)) {
    found.set('non-ascii-raw', 'The body has characters from U+007F up written raw. The canonical form escapes them as \\uXXXX with lowercase hex (ensure_ascii=True).');
  }
  for (const escape of token.matchAll(/\\(u[0-9a-fA-F]{4}|.)/g)) {
    const sequence = escape[1]!;
    if (sequence === '/') {
      found.set('escaped-slashes', 'The body escapes "/" as "\\/" (PHP json_encode does this by default). Write "/" unescaped, with JSON_UNESCAPED_SLASHES in PHP.');
    } else if (/^u00(?:3[cCeE]|26)$/.test(sequence)) {
      found.set('html-escaped', 'The body escapes <, > or & as \\u003c, \\u003e or \\u0026 (Go encoding/json and Gson do this by default). Write them raw: SetEscapeHTML(false), disableHtmlEscaping().');
    } else if (/^u.*[A-F]/.test(sequence)) {
      found.set('uppercase-unicode-escapes', `The body writes \\u escapes with uppercase hex (\\${sequence}). The canonical form uses lowercase hex digits.`);
    }
  }
}

function isSorted(keys: readonly string[]): boolean {
  return keys.every((key, index) => index === 0 || compareCodePoints(keys[index - 1]!, key) < 0);
}

function describeOrder(keys: readonly string[], nested: boolean): string {
  const sorted = [...keys].sort(compareCodePoints);
  const where = nested ? 'A nested object' : 'The top-level object';
  return `${where} has its keys in the order ${JSON.stringify(keys)}; sorted by code point it is ${JSON.stringify(sorted)}. Sort keys at every depth (sort_keys=True).`;
}

function truncate(value: string): string {
  return value.length <= MAX_SHOWN ? value : `${value.slice(0, MAX_SHOWN)}…`;
}

import { readFileSync } from 'node:fs';
import type { CanonicalProfile } from '../../src/canonical/canonicalize.ts';
import type { CanonicalizationReason } from '../../src/errors/canonicalization-error.ts';
import type { SignatureHeaders } from '../../src/signing/sign-body.ts';

/**
 * Reads `canonical.json` (the golden vectors generated with CPython by
 * scripts/generate-vectors.py) and builds the JavaScript value of every input form. The file's
 * `about` text defines the forms; this module is their JavaScript reading.
 */

export type VectorInput =
  | { json: string; bigint?: boolean }
  | { file: string }
  | { js: string };

export interface ExpectedError {
  code: CanonicalizationReason;
  path: string;
}

/** One profile of a vector: the exact body, or a digest for the large one, or an error. */
export type ExpectedProfile =
  | { body: string; message: string; signature: string; headers: SignatureHeaders }
  | { bodyByteLength: number; bodySha256: string; signature: string; headers: SignatureHeaders }
  | { error: ExpectedError };

export interface Vector {
  name: string;
  input: VectorInput;
  ascii: ExpectedProfile;
  utf8: ExpectedProfile;
}

export interface Rejection {
  name: string;
  input: VectorInput;
  error: ExpectedError;
}

export interface VectorFile {
  about: string;
  credentials: { apiKey: string; apiSecret: string };
  timestamp: string;
  vectors: Vector[];
  rejections: Rejection[];
}

export const PROFILES: readonly CanonicalProfile[] = ['ascii', 'utf8'];

const VECTOR_DIRECTORY = new URL('./', import.meta.url);

export function loadVectorFile(): VectorFile {
  return JSON.parse(readFileSync(new URL('canonical.json', VECTOR_DIRECTORY), 'utf8')) as VectorFile;
}

/** Returns the text behind a `json` or `file` input, or undefined for a `js` input. */
export function readInputText(input: VectorInput): string | undefined {
  if ('json' in input) {
    return input.json;
  }
  if ('file' in input) {
    return readFileSync(new URL(input.file, VECTOR_DIRECTORY), 'utf8');
  }
  return undefined;
}

/** Builds a fresh JavaScript value for an input form. */
export function buildInput(input: VectorInput): unknown {
  if ('js' in input) {
    const build = JS_VALUES[input.js];
    if (build === undefined) {
      throw new Error(`Unknown js input ${JSON.stringify(input.js)}: add its builder to JS_VALUES in load-vectors.ts.`);
    }
    return build();
  }
  const text = readInputText(input)!;
  return 'bigint' in input && input.bigint === true ? parseJsonWithBigints(text) : JSON.parse(text);
}

/**
 * Parses JSON like `JSON.parse`, except that an integer literal beyond ±(2^53-1) becomes an
 * exact `bigint`. It reads the literal from the reviver's `context.source`, which contains the
 * digits before they were rounded to a double (Node 22 passes it, Node 20 does not).
 */
export function parseJsonWithBigints(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value !== 'number' || Number.isSafeInteger(value)) {
      return value;
    }
    const source = context?.source;
    if (source === undefined) {
      throw new Error('JSON.parse gave the reviver no context.source: run the tests on Node 22 (npm exec -- node).');
    }
    return INTEGER_LITERAL.test(source) ? BigInt(source) : value;
  });
}

const INTEGER_LITERAL = /^-?(?:0|[1-9][0-9]*)$/;

class Point {
  x = 1;
}

/** Builders for the `{js: NAME}` inputs; the `about` text of canonical.json defines each one. */
const JS_VALUES: Record<string, () => unknown> = {
  NaN: () => Number.NaN,
  Infinity: () => ({ x: Number.POSITIVE_INFINITY }),
  '-Infinity': () => [Number.NEGATIVE_INFINITY],
  'undefined-member': () => ({ a: 1, b: undefined, c: [null] }),
  'undefined-in-array': () => [1, undefined],
  'undefined-root': () => undefined,
  'function-member': () => ({ f: function () {} }),
  'symbol-member': () => ({ s: Symbol('s') }),
  'symbol-key': () => ({ a: { [Symbol('k')]: 1 } }),
  cycle: () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    return { a };
  },
  'unsafe-integer-number': () => ({ n: 2 ** 53 + 2 }),
  date: () => ({ at: new Date(0) }),
  map: () => ({ m: new Map([['a', 1]]) }),
  set: () => ({ s: new Set([1]) }),
  'class-instance': () => ({ c: new Point() }),
  uint8array: () => ({ bytes: new Uint8Array([1, 2]) }),
  'boxed-string': () => ({ s: new String('x') }),
};

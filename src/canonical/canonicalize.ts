import { CanonicalizationError, type CanonicalizationReason } from '../errors/canonicalization-error.ts';
import { CanonicalOutput } from './canonical-output.ts';
import { isWellFormedUtf16 } from './escape-string.ts';
import { formatPythonFloat } from './python-float.ts';
import { sortKeys } from './sort-keys.ts';

/**
 * `ascii` writes what CPython's `json.dumps(v, sort_keys=True, separators=(',', ':'))` writes;
 * `utf8` is the same with `ensure_ascii=False` (characters from U+007F up stay raw).
 */
export type CanonicalProfile = 'ascii' | 'utf8';

export interface CanonicalizeOptions {
  /** Defaults to `ascii`, the form the upstream Python sample signs. */
  profile?: CanonicalProfile;
}

/** Values nested deeper than this are rejected, as CPython's recursion limit would. */
export const MAX_DEPTH = 1000;

const PROFILES: readonly CanonicalProfile[] = ['ascii', 'utf8'];

/**
 * Writes `value` as canonical JSON: members sorted by code point at every depth, no whitespace,
 * strings and numbers spelled as CPython spells them. Throws `CanonicalizationError` naming the
 * path of the first value that has no JSON form (NaN, functions, `Date`, cycles, ...).
 */
export function canonicalize(value: unknown, options: CanonicalizeOptions = {}): string {
  const profile = options.profile ?? 'ascii';
  if (!PROFILES.includes(profile)) {
    throw new TypeError(`Invalid \`profile\`: expected "ascii" or "utf8", received ${JSON.stringify(profile)}.`);
  }
  const writer = new CanonicalWriter(profile);
  try {
    writer.write(value);
    return writer.output.finish();
  } catch (error) {
    if (error instanceof PathedFailure) {
      throw error.toCanonicalizationError();
    }
    throw error;
  } finally {
    writer.output.release();
  }
}

type Segment = string | number;

/** Internal failure that collects its path while it unwinds, so the happy path builds none. */
class PathedFailure {
  readonly reason: CanonicalizationReason;
  readonly detail: string;
  readonly segments: Segment[] = [];

  constructor(reason: CanonicalizationReason, detail: string) {
    this.reason = reason;
    this.detail = detail;
  }

  toCanonicalizationError(): CanonicalizationError {
    const path = formatPath(this.segments);
    return new CanonicalizationError(this.reason, path, `Cannot canonicalize ${path}: ${this.detail}`);
  }
}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;

class CanonicalWriter {
  private readonly utf8: boolean;
  private readonly ancestors: object[] = [];
  readonly output = new CanonicalOutput();

  constructor(profile: CanonicalProfile) {
    this.utf8 = profile === 'utf8';
  }

  write(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.writeString(value);
        return;
      case 'number':
        this.output.appendAscii(writeNumber(value));
        return;
      case 'bigint':
        this.output.appendAscii(value.toString());
        return;
      case 'boolean':
        this.output.appendAscii(value ? 'true' : 'false');
        return;
      case 'undefined':
        throw new PathedFailure(
          'UNDEFINED_VALUE',
          'undefined has no JSON form here. Use null, or leave the member out of its object.',
        );
      case 'object':
        if (value === null) {
          this.output.appendAscii('null');
        } else {
          this.writeObject(value);
        }
        return;
      default:
        throw new PathedFailure(
          'UNSUPPORTED_TYPE',
          `a ${typeof value} is not a JSON value. Remove it or replace it with a string, number, boolean or null.`,
        );
    }
  }

  private writeString(value: string): void {
    if (!this.utf8) {
      this.output.appendQuotedAscii(value);
      return;
    }
    if (!isWellFormedUtf16(value)) {
      throw new PathedFailure(
        'LONE_SURROGATE',
        'the string holds a lone surrogate, which UTF-8 cannot encode. Use the ascii profile or remove it.',
      );
    }
    this.output.appendQuotedUtf8(value);
  }

  private writeObject(value: object): void {
    if (this.ancestors.includes(value)) {
      throw new PathedFailure('CIRCULAR_REFERENCE', 'the value contains itself. Break the cycle before sending.');
    }
    if (this.ancestors.length >= MAX_DEPTH) {
      throw new PathedFailure('MAX_DEPTH_EXCEEDED', `the value is nested deeper than ${MAX_DEPTH} levels.`);
    }

    this.ancestors.push(value);
    if (Array.isArray(value)) {
      this.writeArray(value);
    } else {
      this.writeMembers(value);
    }
    this.ancestors.pop();
  }

  private writeArray(items: readonly unknown[]): void {
    this.output.appendByte(OPEN_BRACKET);
    let index = 0;
    try {
      for (; index < items.length; index++) {
        if (index > 0) {
          this.output.appendByte(COMMA);
        }
        this.write(items[index]);
      }
    } catch (error) {
      throw prependSegment(error, index);
    }
    this.output.appendByte(CLOSE_BRACKET);
  }

  private writeMembers(value: object): void {
    assertPlainObject(value);
    const symbols = Object.getOwnPropertySymbols(value);
    if (symbols.length > 0 && symbols.some((symbol) => Object.prototype.propertyIsEnumerable.call(value, symbol))) {
      throw new PathedFailure('INVALID_KEY', 'a symbol-keyed property has no JSON form. Use a string key.');
    }

    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    sortKeys(keys);

    this.output.appendByte(OPEN_BRACE);
    let first = true;
    let key = '';
    try {
      for (key of keys) {
        const member = record[key];
        if (member === undefined) {
          continue;
        }
        if (!first) {
          this.output.appendByte(COMMA);
        }
        first = false;
        this.writeString(key);
        this.output.appendByte(COLON);
        this.write(member);
      }
    } catch (error) {
      throw prependSegment(error, key);
    }
    this.output.appendByte(CLOSE_BRACE);
  }
}

function writeNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new PathedFailure(
      'NON_FINITE_NUMBER',
      `${value} has no JSON form. Send null or a string instead.`,
    );
  }
  if (!Number.isInteger(value)) {
    return formatPythonFloat(value);
  }
  if (!Number.isSafeInteger(value)) {
    throw new PathedFailure(
      'UNSAFE_INTEGER',
      `${value} is an integer beyond ±(2^53-1), so it may already have lost digits. Pass it as a bigint.`,
    );
  }
  // String(-0) is "0", which is the canonical form of negative zero.
  return String(value);
}

function assertPlainObject(value: object): void {
  const prototype = Object.getPrototypeOf(value) as object | null;
  // The second test accepts plain objects from another realm (vm contexts, iframes).
  if (prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null) {
    return;
  }
  const typeName = describeType(value);
  const hint = value instanceof Date ? ' Convert it first, for example with date.toISOString().' : ' Convert it to a plain object, array or string first.';
  throw new PathedFailure('UNSUPPORTED_TYPE', `a ${typeName} is not a JSON value.${hint}`);
}

function describeType(value: object): string {
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === 'string' && constructorName !== '' ? constructorName : 'non-plain object';
}

function prependSegment(error: unknown, segment: Segment): unknown {
  if (error instanceof PathedFailure) {
    error.segments.unshift(segment);
  }
  return error;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatPath(segments: readonly Segment[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      path += `.${segment}`;
    } else {
      path += `[${JSON.stringify(segment)}]`;
    }
  }
  return path;
}

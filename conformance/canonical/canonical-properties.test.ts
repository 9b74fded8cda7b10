import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, type CanonicalProfile } from '../../src/canonical/canonicalize.ts';
import { CanonicalizationError } from '../../src/errors/canonicalization-error.ts';
import { jsonValueArbitrary } from '../arbitraries/json-value.ts';
import { objectKeyArbitrary } from '../arbitraries/object-key.ts';
import { utf16StringArbitrary } from '../arbitraries/utf16-string.ts';
import { parseJsonWithBigints, PROFILES } from '../vectors/load-vectors.ts';
import { propertySettings } from './property-settings.ts';
import { shuffleMembers } from './shuffle-members.ts';

const settings = propertySettings();

describe('canonical form properties', () => {
  it('canonical form does not depend on key insertion order, at any depth', () => {
    fc.assert(
      fc.property(jsonValueArbitrary(), fc.noShrink(fc.integer()), (value, seed) => {
        const shuffled = shuffleMembers(value, seed);
        for (const profile of PROFILES) {
          expect(canonicalOutcome(shuffled, profile)).toEqual(canonicalOutcome(value, profile));
        }
      }),
      settings,
    );
  });

  it('parsing the canonical form gives back the value under the number rule', () => {
    fc.assert(
      fc.property(jsonValueArbitrary(), (value) => {
        const expected = valueAfterRoundTrip(value);
        expect(parseJsonWithBigints(canonicalize(value, { profile: 'ascii' }))).toEqual(expected);
        if (containsLoneSurrogate(value)) {
          expect(canonicalOutcome(value, 'utf8')).toMatchObject({ reason: 'LONE_SURROGATE' });
        } else {
          expect(parseJsonWithBigints(canonicalize(value, { profile: 'utf8' }))).toEqual(expected);
        }
      }),
      settings,
    );
  });

  it('any UTF-16 string is escaped by the profile rules as a key and as a value', () => {
    fc.assert(
      fc.property(utf16StringArbitrary({ maxLength: 30 }), utf16StringArbitrary({ maxLength: 30 }), (key, text) => {
        const value = { [key]: [text] };
        expect(canonicalize(value, { profile: 'ascii' })).toBe(`{${quote(key, 'ascii')}:[${quote(text, 'ascii')}]}`);
        if (key.isWellFormed() && text.isWellFormed()) {
          expect(canonicalize(value, { profile: 'utf8' })).toBe(`{${quote(key, 'utf8')}:[${quote(text, 'utf8')}]}`);
        } else {
          expect(canonicalOutcome(value, 'utf8')).toMatchObject({ reason: 'LONE_SURROGATE' });
        }
      }),
      settings,
    );
  });

  it('members sort by code point, not by UTF-16 code unit or by integer value', () => {
    // Up to 127 keys, Array.prototype.sort orders them. From 128 keys on, a radix sort does.
    const keysArbitrary = fc.oneof(
      fc.uniqueArray(objectKeyArbitrary(), { maxLength: 12 }),
      fc.uniqueArray(objectKeyArbitrary(), { minLength: 128, maxLength: 300 }),
    );
    fc.assert(
      fc.property(keysArbitrary, (keys) => {
        const value = Object.fromEntries(keys.map((key, index) => [key, index]));
        const sorted = keys.map((key, index) => ({ key, index })).sort((a, b) => compareByCodePoint(a.key, b.key));
        const expected = `{${sorted.map(({ key, index }) => `${quote(key, 'ascii')}:${index}`).join(',')}}`;
        expect(canonicalize(value, { profile: 'ascii' })).toBe(expected);
      }),
      settings,
    );
  });

  it('a getter that canonicalizes during canonicalize leaves both outputs intact', () => {
    const inner = { z: 'é', a: [1, 2.5] };
    const outer = {
      b: '\u00fc'.repeat(2000),
      get a() {
        return canonicalize(inner);
      },
    };
    expect(canonicalize(outer)).toBe(`{"a":"{\\"a\\":[1,2.5],\\"z\\":\\"\\\\u00e9\\"}","b":"${'\\u00fc'.repeat(2000)}"}`);
    expect(canonicalize(inner)).toBe('{"a":[1,2.5],"z":"\\u00e9"}');
  });
});

type Outcome = { text: string } | { reason: string; path: string };

function canonicalOutcome(value: unknown, profile: CanonicalProfile): Outcome {
  try {
    return { text: canonicalize(value, { profile }) };
  } catch (error) {
    if (error instanceof CanonicalizationError) {
      return { reason: error.reason, path: error.path };
    }
    throw error;
  }
}

/**
 * Returns what a bigint-aware parser reads back: -0 becomes 0, a bigint inside ±(2^53-1)
 * becomes a number, and members whose value is undefined are gone.
 */
function valueAfterRoundTrip(value: unknown): unknown {
  if (typeof value === 'number') {
    return value === 0 ? 0 : value;
  }
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) {
    return value.map(valueAfterRoundTrip);
  }
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    return Object.fromEntries(members.map(([key, member]) => [key, valueAfterRoundTrip(member)]));
  }
  return value;
}

function containsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') {
    return !value.isWellFormed();
  }
  if (Array.isArray(value)) {
    return value.some(containsLoneSurrogate);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, member]) => member !== undefined && (!key.isWellFormed() || containsLoneSurrogate(member)));
  }
  return false;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Writes a string literal unit by unit from the rules of CPython's encoder, independently of
 * the implementation under test: short escapes, `\u00XX` below U+0020, and in the `ascii`
 * profile `\uXXXX` (lowercase) for every code unit from U+007F up.
 */
function quote(text: string, profile: CanonicalProfile): string {
  let literal = '"';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const unit = text.charCodeAt(index);
    if (Object.hasOwn(SHORT_ESCAPES, char)) {
      literal += SHORT_ESCAPES[char];
    } else if (unit < 0x20 || (profile === 'ascii' && unit >= 0x7f)) {
      literal += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else {
      literal += char;
    }
  }
  return `${literal}"`;
}

/** Orders strings as CPython does: by code point, a lone surrogate being its own code point. */
function compareByCodePoint(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0)!);
  const right = Array.from(b, (char) => char.codePointAt(0)!);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    if (left[index] !== right[index]) {
      return left[index]! - right[index]!;
    }
  }
  return left.length - right.length;
}

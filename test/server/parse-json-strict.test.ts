import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertySettings } from '../../conformance/canonical/property-settings.ts';
import { DuplicateKeyError, JsonSyntaxError, parseJsonStrict } from '../../src/server/parse-json-strict.ts';

const settings = propertySettings();

/** JSON values whose integers are all safe, so JSON.parse reads them exactly. */
const safeJson = fc.jsonValue({ maxDepth: 4 }).filter((value) => !JSON.stringify(value).match(/\d{16,}/));

describe('parseJsonStrict', () => {
  it('reads any JSON text without repeated keys as JSON.parse does', () => {
    fc.assert(
      fc.property(safeJson, fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseJsonStrict(text)).toEqual(JSON.parse(text));
      }),
      settings,
    );
  });

  it('reads a one-member string object as JSON.parse does, escapes and all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }), (key, value) => {
        const text = JSON.stringify({ [key]: value });
        const parsed = parseJsonStrict(text) as Record<string, unknown>;
        expect(Object.keys(parsed)).toEqual([key]);
        expect(parsed[key]).toBe(value);
        expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
      }),
      settings,
    );
  });

  it.each([
    ['{"a":1,"a":2}', 'duplicate key "a" at position 7'],
    ['{"serial":"x","\\u0073erial":"y"}', 'duplicate key "serial" at position 14'],
    ['[{"b":{"c":1,"c":1}}]', 'duplicate key "c" at position 13'],
  ])('rejects repeated keys in %s', (text, message) => {
    expect(() => parseJsonStrict(text)).toThrow(DuplicateKeyError);
    expect(() => parseJsonStrict(text)).toThrow(message);
  });

  it('keeps a __proto__ key as data', () => {
    const parsed = parseJsonStrict('{"__proto__":{"polluted":true},"serial":"x"}') as Record<string, unknown>;

    expect(Object.keys(parsed)).toEqual(['__proto__', 'serial']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps integers beyond 2^53 exact as bigint', () => {
    expect(parseJsonStrict('{"n":12345678901234567890}')).toEqual({ n: 12345678901234567890n });
  });

  it.each([['{"serial":'], ['{"serial":"x"} x'], ['{"serial":"\u0001"}'], [`${'['.repeat(300)}${']'.repeat(300)}`]])('rejects %s', (text) => {
    expect(() => parseJsonStrict(text)).toThrow(JsonSyntaxError);
  });
});

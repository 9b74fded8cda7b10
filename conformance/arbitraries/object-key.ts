import fc from 'fast-check';
import { utf16StringArbitrary } from './utf16-string.ts';

/**
 * Integer-like keys. A JavaScript object lists array-index keys (up to 2^32 - 2) first, in
 * numeric order, whatever the insertion order. The canonical form sorts them as strings.
 */
const integerLikeKeyArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 1000 }).map(String),
  fc.integer({ min: -100, max: -1 }).map(String),
  fc.constantFrom('01', '00', '-0', '1.5', '1e3', '4294967294', '4294967295', '9007199254740993'),
);

/** Short ASCII keys from a small alphabet, so that equal prefixes and near-collisions are common. */
const shortAsciiKeyArbitrary: fc.Arbitrary<string> = fc.string({ unit: fc.constantFrom('a', 'b', 'B', '_', '$', ' ', '~'), maxLength: 3 });

/** Generates object keys: integer-like, short ASCII, full UTF-16 (lone surrogates included) and special names. */
export function objectKeyArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: shortAsciiKeyArbitrary, weight: 3 },
    { arbitrary: integerLikeKeyArbitrary, weight: 2 },
    { arbitrary: utf16StringArbitrary({ maxLength: 6 }), weight: 4 },
    { arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'length', ''), weight: 1 },
  );
}

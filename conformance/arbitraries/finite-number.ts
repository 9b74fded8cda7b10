import fc from 'fast-check';

/** Doubles that Python writes in its own way, or that sit on a boundary of the number rule. */
const NOTABLE_NUMBERS = [
  0, -0, 0.1, 0.5, -0.5, 1e-4, 1e-5, 1e-7, 9.999e-5, 123456789.123, 5e-324, 2.2250738585072014e-308,
  0.30000000000000004, 1.0000000000000002, 4503599627370495.5, 1e15 + 0.5, 1.7976931348623157e-300,
  Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.EPSILON,
];

/**
 * Decimal mantissa and exponent pairs, so that values land on both sides of Python's switch
 * from fixed to exponent notation (decimal exponents -4 and 16).
 */
const decimalNumberArbitrary: fc.Arbitrary<number> = fc
  .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: -25, max: 20 }))
  .map(([mantissa, exponent]) => Number(`${mantissa}e${exponent}`));

/**
 * Generates JavaScript numbers that have a canonical form: safe integers and finite doubles
 * that are not integer-valued beyond ±(2^53-1). Such doubles are rejected (UNSAFE_INTEGER), so
 * they are left out here.
 */
export function finiteNumberArbitrary(): fc.Arbitrary<number> {
  return fc
    .oneof(
      { arbitrary: fc.integer(), weight: 2 },
      { arbitrary: fc.maxSafeInteger(), weight: 1 },
      { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, noInteger: true }), weight: 3 },
      { arbitrary: decimalNumberArbitrary, weight: 2 },
      { arbitrary: fc.constantFrom(...NOTABLE_NUMBERS), weight: 1 },
    )
    .filter((value) => !Number.isInteger(value) || Number.isSafeInteger(value));
}

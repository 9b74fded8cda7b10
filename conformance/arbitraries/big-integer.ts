import fc from 'fast-check';

const TWO_TO_53 = 2n ** 53n;

/**
 * Generates bigints: near ±2^53, where a `number` starts to lose integers, small ones (written
 * the same as the equal number), and values far beyond 64 bits.
 */
export function bigIntegerArbitrary(): fc.Arbitrary<bigint> {
  return fc.oneof(
    fc.bigInt({ min: TWO_TO_53 - 4n, max: TWO_TO_53 + 4n }),
    fc.bigInt({ min: -TWO_TO_53 - 4n, max: -TWO_TO_53 + 4n }),
    fc.bigInt({ min: -1000n, max: 1000n }),
    fc.bigInt({ min: -(2n ** 256n), max: 2n ** 256n }),
  );
}

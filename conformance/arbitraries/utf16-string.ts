import fc from 'fast-check';

/**
 * Single code units and code points, weighted so that every escaping rule of the canonical form
 * shows up often. The pieces are controls, `"` and `\`, characters that other encoders escape
 * (`/ < > &`), DEL, U+2028, BMP characters on both sides of the surrogate block, astral
 * characters, and lone surrogates.
 */
const unitArbitrary: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map(fromCodeUnit), weight: 6 },
  { arbitrary: fc.integer({ min: 0x00, max: 0x1f }).map(fromCodeUnit), weight: 2 },
  { arbitrary: fc.constantFrom('"', '\\', '/', '<', '>', '&', '\u007f', '\u0080', '\u00a0', '\u2028', '\u2029', '\ufeff', '\uffff'), weight: 2 },
  { arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }).map(fromCodeUnit), weight: 2 },
  { arbitrary: fc.integer({ min: 0xe000, max: 0xffff }).map(fromCodeUnit), weight: 2 },
  { arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)), weight: 2 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map(fromCodeUnit), weight: 1 },
);

function fromCodeUnit(unit: number): string {
  return String.fromCharCode(unit);
}

/**
 * Generates strings from the whole UTF-16 range, lone surrogates included. Lengths count the
 * generated pieces, so an astral character adds two code units.
 */
export function utf16StringArbitrary(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: unitArbitrary, minLength: constraints.minLength ?? 0, maxLength: constraints.maxLength ?? 12 });
}

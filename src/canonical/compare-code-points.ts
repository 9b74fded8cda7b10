/**
 * Compares two strings by Unicode code point, which equals UTF-8 byte order and CPython's
 * string order. JavaScript's `<` compares UTF-16 code units instead, which puts U+E000..U+FFFF
 * after astral characters. A lone surrogate counts as its own code point, as in CPython.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let index = 0;
  while (index < length && a.charCodeAt(index) === b.charCodeAt(index)) {
    index++;
  }
  if (index === length) {
    return a.length - b.length;
  }

  // When the strings differ inside a surrogate pair, compare whole code points from its start.
  const splitsPair =
    index > 0 &&
    isHighSurrogate(a.charCodeAt(index - 1)) &&
    (isLowSurrogate(a.charCodeAt(index)) || isLowSurrogate(b.charCodeAt(index)));
  if (splitsPair) {
    index--;
  }
  return (a.codePointAt(index) ?? 0) - (b.codePointAt(index) ?? 0);
}

/** Returns true when some key contains a code unit where UTF-16 order and code point order differ. */
export function needsCodePointSort(keys: readonly string[]): boolean {
  return keys.some((key) => SURROGATE_OR_ABOVE.test(key));
}

const SURROGATE_OR_ABOVE = /[\uD800-\uFFFF]/;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Writes a finite, non-integer number the way CPython's `repr(float)` does: the shortest digits
 * that round-trip (the same digits `String(x)` picks), fixed notation when the decimal exponent
 * is in [-4, 16), otherwise `d.ddde±XX` with at least two exponent digits.
 */
export function formatPythonFloat(x: number): string {
  const text = String(x);
  // A non-integer is below 2^52 < 1e16, and from 1e-4 up JavaScript also writes it in fixed
  // notation with the same shortest digits, so only smaller magnitudes need rewriting.
  if (Math.abs(x) >= 1e-4) {
    return text;
  }
  const negative = text.startsWith('-');
  const unsigned = negative ? text.slice(1) : text;

  const exponentIndex = unsigned.indexOf('e');
  const mantissa = exponentIndex < 0 ? unsigned : unsigned.slice(0, exponentIndex);
  const exponent = exponentIndex < 0 ? 0 : Number(unsigned.slice(exponentIndex + 1));
  const dotIndex = mantissa.indexOf('.');
  const integerDigits = dotIndex < 0 ? mantissa : mantissa.slice(0, dotIndex);
  const fractionDigits = dotIndex < 0 ? '' : mantissa.slice(dotIndex + 1);

  // value = 0.<digits> × 10^pointPosition once leading and trailing zeros are gone
  let digits = integerDigits + fractionDigits;
  let pointPosition = integerDigits.length + exponent;
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leadingZeros).replace(/0+$/, '');
  pointPosition -= leadingZeros;

  const decimalExponent = pointPosition - 1;
  const sign = negative ? '-' : '';
  if (decimalExponent >= -4 && decimalExponent < 16) {
    return sign + formatFixed(digits, pointPosition);
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const exponentSign = decimalExponent < 0 ? '-' : '+';
  const exponentDigits = String(Math.abs(decimalExponent)).padStart(2, '0');
  return `${sign}${digits[0]}${fraction}e${exponentSign}${exponentDigits}`;
}

function formatFixed(digits: string, pointPosition: number): string {
  if (pointPosition <= 0) {
    return `0.${'0'.repeat(-pointPosition)}${digits}`;
  }
  if (pointPosition >= digits.length) {
    return `${digits}${'0'.repeat(pointPosition - digits.length)}.0`;
  }
  return `${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

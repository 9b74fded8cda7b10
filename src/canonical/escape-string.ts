import { Utf8Buffer } from './utf8-buffer.ts';

/**
 * Writes a JSON string literal as CPython's `json.dumps` does. The `ascii` profile escapes every
 * UTF-16 code unit from U+007F up as `\uXXXX` in lowercase hex (so astral characters become
 * surrogate-pair escapes); the `utf8` profile leaves them raw, as `ensure_ascii=False` does.
 * Both escape `"`, `\` and controls below U+0020 (`\b \f \n \r \t`, others as `\u00XX`), and
 * neither escapes `/`, `<`, `>` or `&`.
 */

const NEEDS_ESCAPE_ASCII = /[\u0000-\u001f"\\\u007f-\uffff]/;
const NEEDS_ESCAPE_UTF8 = /[\u0000-\u001f"\\]/;

export function quoteAscii(value: string): string {
  if (!NEEDS_ESCAPE_ASCII.test(value)) {
    return `"${value}"`;
  }
  const buffer = new Utf8Buffer();
  buffer.appendQuotedAscii(value);
  return buffer.finish();
}

/** Writes the `utf8` profile literal; the caller rejects lone surrogates first. */
export function quoteUtf8(value: string): string {
  if (!NEEDS_ESCAPE_UTF8.test(value)) {
    return `"${value}"`;
  }
  return JSON.stringify(value);
}

/** Returns true when the string has no lone surrogate, so it can be encoded as UTF-8. */
export function isWellFormedUtf16(value: string): boolean {
  return typeof value.isWellFormed === 'function' ? value.isWellFormed() : !LONE_SURROGATE.test(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

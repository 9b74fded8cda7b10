/**
 * A growable UTF-8 byte buffer for long canonical output, decoded once at the end. Appending to
 * a string instead builds one rope node per piece. On a 1 MB body in bench/canonical.bench.ts,
 * string appends took about twice as long, most of the difference being garbage collection
 * (Node 22).
 *
 * String literals follow CPython's `json.dumps`: `"` and `\` are escaped, `\b \f \n \r \t` have
 * short escapes, other code units below U+0020 become `\u00XX`, and hex digits are lowercase.
 * The ascii profile also escapes every code unit from U+007F up; the utf8 profile writes those
 * as UTF-8. Neither escapes `/`, `<`, `>` or `&`.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
const HEX_DIGITS = new Uint8Array([0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66]);

/** The letter after the backslash of each short escape, by code unit; 0 where there is none. */
const SHORT_ESCAPE_LETTERS = new Uint8Array(0x80);
SHORT_ESCAPE_LETTERS[0x08] = 0x62; // \b
SHORT_ESCAPE_LETTERS[0x09] = 0x74; // \t
SHORT_ESCAPE_LETTERS[0x0a] = 0x6e; // \n
SHORT_ESCAPE_LETTERS[0x0c] = 0x66; // \f
SHORT_ESCAPE_LETTERS[0x0d] = 0x72; // \r
SHORT_ESCAPE_LETTERS[QUOTE] = QUOTE;
SHORT_ESCAPE_LETTERS[BACKSLASH] = BACKSLASH;

/** Maximum bytes one code unit takes: a `\uXXXX` escape. */
const MAX_BYTES_PER_UNIT = 6;

// ignoreBOM keeps a leading U+FEFF; canonical output never starts with one, but a decoder must not drop bytes.
const DECODER = new TextDecoder('utf-8', { ignoreBOM: true });
const ENCODER = new TextEncoder();

/**
 * Largest byte array kept for reuse between calls. Allocating a fresh array costs more than
 * writing a small body, so one array of up to this size stays allocated for the process.
 */
const MAX_REUSED_BYTES = 64 * 1024;
const INITIAL_CAPACITY = 1024;
const NO_BYTES = new Uint8Array(0);

/** The array free for reuse, or undefined while a buffer uses it (a getter may canonicalize inside a canonicalize call). */
let reusableBytes: Uint8Array | undefined;

export class Utf8Buffer {
  private bytes: Uint8Array;
  private length = 0;

  constructor() {
    this.bytes = reusableBytes ?? new Uint8Array(INITIAL_CAPACITY);
    reusableBytes = undefined;
  }

  appendByte(byte: number): void {
    this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  /** Appends text that is known to be ASCII, such as a number or `null`. */
  appendAscii(text: string): void {
    this.reserve(text.length);
    const bytes = this.bytes;
    let position = this.length;
    for (let index = 0; index < text.length; index++) {
      bytes[position++] = text.charCodeAt(index);
    }
    this.length = position;
  }

  /** Appends text without lone surrogates as UTF-8, unchanged. */
  appendWellFormed(text: string): void {
    // One UTF-16 code unit takes at most 3 bytes, and a surrogate pair 4.
    this.reserve(text.length * 3);
    this.length += ENCODER.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** Appends `value` as a string literal of the ascii profile. */
  appendQuotedAscii(value: string): void {
    this.reserve(value.length * MAX_BYTES_PER_UNIT + 2);
    const bytes = this.bytes;
    let position = this.length;
    bytes[position++] = QUOTE;
    for (let index = 0; index < value.length; index++) {
      const unit = value.charCodeAt(index);
      if (unit >= 0x20 && unit < 0x7f && unit !== QUOTE && unit !== BACKSLASH) {
        bytes[position++] = unit;
      } else {
        position = writeEscape(bytes, position, unit);
      }
    }
    bytes[position++] = QUOTE;
    this.length = position;
  }

  /**
   * Appends `value` as a string literal of the utf8 profile: the escapes of `quoteUtf8`
   * (`JSON.stringify`), everything else as UTF-8. The caller rejects lone surrogates first,
   * because UTF-8 cannot encode them; this method throws a TypeError if one slips through.
   */
  appendQuotedUtf8(value: string): void {
    this.reserve(value.length * MAX_BYTES_PER_UNIT + 2);
    const bytes = this.bytes;
    let position = this.length;
    bytes[position++] = QUOTE;
    for (let index = 0; index < value.length; index++) {
      const unit = value.charCodeAt(index);
      if (unit < 0x80) {
        if (unit >= 0x20 && unit !== QUOTE && unit !== BACKSLASH) {
          bytes[position++] = unit;
        } else {
          position = writeEscape(bytes, position, unit);
        }
      } else if (unit < 0x800) {
        bytes[position++] = 0xc0 | (unit >> 6);
        bytes[position++] = 0x80 | (unit & 0x3f);
      } else if (unit < 0xd800 || unit > 0xdfff) {
        bytes[position++] = 0xe0 | (unit >> 12);
        bytes[position++] = 0x80 | ((unit >> 6) & 0x3f);
        bytes[position++] = 0x80 | (unit & 0x3f);
      } else {
        const low = value.charCodeAt(index + 1);
        if (unit > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
          throw new TypeError(`Cannot encode a lone surrogate U+${unit.toString(16).toUpperCase()} as UTF-8.`);
        }
        const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        bytes[position++] = 0xf0 | (codePoint >> 18);
        bytes[position++] = 0x80 | ((codePoint >> 12) & 0x3f);
        bytes[position++] = 0x80 | ((codePoint >> 6) & 0x3f);
        bytes[position++] = 0x80 | (codePoint & 0x3f);
        index++;
      }
    }
    bytes[position++] = QUOTE;
    this.length = position;
  }

  /** Decodes the bytes written so far and releases the buffer, which must not be used afterwards. */
  finish(): string {
    const text = DECODER.decode(this.bytes.subarray(0, this.length));
    this.release();
    return text;
  }

  /** Hands the byte array back for reuse. Calling it again, or after `finish`, does nothing. */
  release(): void {
    if (this.bytes.length <= MAX_REUSED_BYTES && this.bytes !== NO_BYTES) {
      reusableBytes = this.bytes;
    }
    this.bytes = NO_BYTES;
    this.length = 0;
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) {
      return;
    }
    let capacity = Math.max(this.bytes.length * 2, INITIAL_CAPACITY);
    while (capacity < needed) {
      capacity *= 2;
    }
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/** Writes the escape of one code unit (a short escape where CPython has one) and returns the new position. */
function writeEscape(bytes: Uint8Array, start: number, unit: number): number {
  let position = start;
  bytes[position++] = BACKSLASH;
  const letter = unit < 0x80 ? SHORT_ESCAPE_LETTERS[unit]! : 0;
  if (letter !== 0) {
    bytes[position++] = letter;
    return position;
  }
  bytes[position++] = LETTER_U;
  bytes[position++] = HEX_DIGITS[unit >> 12]!;
  bytes[position++] = HEX_DIGITS[(unit >> 8) & 0x0f]!;
  bytes[position++] = HEX_DIGITS[(unit >> 4) & 0x0f]!;
  bytes[position++] = HEX_DIGITS[unit & 0x0f]!;
  return position;
}

import { quoteAscii, quoteUtf8 } from './escape-string.ts';
import { Utf8Buffer } from './utf8-buffer.ts';

/**
 * Output length, in UTF-16 code units, at which the output moves from a string to a byte
 * buffer. Short output is fastest as a string, because a byte buffer costs a decode call (a
 * reclaim body takes about 0.2 µs as a string, 0.3 µs through bytes). Long output is about twice
 * as fast through bytes (Node 22, bench/canonical.bench.ts).
 * NOTE: 16 KiB is a choice between those two measured ends, not a measured break-even point.
 */
export const BYTE_OUTPUT_THRESHOLD = 16 * 1024;

const ASCII_CHARACTERS: readonly string[] = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code));

/**
 * The canonical writer's output: a string while it is short, then a UTF-8 byte buffer. Both
 * forms must write the same text. Ascii literals go through Utf8Buffer in both. Utf8 literals
 * are `quoteUtf8` (`JSON.stringify`) in a string and Utf8Buffer's own encoder in bytes, which is
 * faster than encoding `JSON.stringify` output (Node 22). The CPython differential test in
 * conformance/canonical/ runs values through both forms.
 */
export class CanonicalOutput {
  private text = '';
  private buffer: Utf8Buffer | undefined;

  appendByte(byte: number): void {
    if (this.buffer === undefined) {
      this.text += ASCII_CHARACTERS[byte]!;
    } else {
      this.buffer.appendByte(byte);
    }
  }

  /** Appends text that is known to be ASCII, such as a number or `null`. */
  appendAscii(text: string): void {
    if (this.buffer === undefined) {
      this.text += text;
    } else {
      this.buffer.appendAscii(text);
    }
  }

  appendQuotedAscii(value: string): void {
    if (this.buffer !== undefined) {
      this.buffer.appendQuotedAscii(value);
      return;
    }
    this.text += quoteAscii(value);
    this.moveToBytesWhenLong();
  }

  /** Appends a utf8 profile literal; the caller rejects lone surrogates first. */
  appendQuotedUtf8(value: string): void {
    if (this.buffer !== undefined) {
      this.buffer.appendQuotedUtf8(value);
      return;
    }
    this.text += quoteUtf8(value);
    this.moveToBytesWhenLong();
  }

  finish(): string {
    return this.buffer === undefined ? this.text : this.buffer.finish();
  }

  /** Hands a byte buffer back for reuse; see Utf8Buffer.release. */
  release(): void {
    this.buffer?.release();
  }

  private moveToBytesWhenLong(): void {
    if (this.text.length < BYTE_OUTPUT_THRESHOLD) {
      return;
    }
    // The text so far has no lone surrogate: ascii literals escape them, utf8 literals reject them.
    const buffer = new Utf8Buffer();
    buffer.appendWellFormed(this.text);
    this.buffer = buffer;
    this.text = '';
  }
}

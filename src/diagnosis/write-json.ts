import { canonicalize } from '../canonical/canonicalize.ts';
import { compareCodePoints } from '../canonical/compare-code-points.ts';
import { quoteAscii, quoteUtf8 } from '../canonical/escape-string.ts';

/** The knobs in which common JSON writers differ from the canonical form. */
export interface JsonStyle {
  sortKeys: boolean;
  /** Escape everything from U+007F up (Python's ensure_ascii=True), or write it raw. */
  ascii: boolean;
  /** Between members and items: `,` or Python's default `, `. */
  itemSeparator: string;
  /** Between a key and its value: `:` or Python's default `: `. */
  keySeparator: string;
}

/**
 * Writes a parsed JSON value in `style`, to rebuild the text another writer would have signed
 * (`JSON.stringify`, `json.dumps` with default separators). Unsorted keys keep the parsed
 * object's order, which JavaScript changes for integer-like keys.
 */
export function writeJson(value: unknown, style: JsonStyle): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => writeJson(item, style)).join(style.itemSeparator)}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (style.sortKeys) {
      keys.sort(compareCodePoints);
    }
    const quote = style.ascii ? quoteAscii : quoteUtf8;
    return `{${keys.map((key) => `${quote(key)}${style.keySeparator}${writeJson(record[key], style)}`).join(style.itemSeparator)}}`;
  }
  if (typeof value === 'string') {
    return style.ascii ? quoteAscii(value) : quoteUtf8(value);
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) {
    // canonicalize rejects integer-valued numbers beyond 2^53; a writer that produced them
    // wrote JavaScript's spelling (1e+21), so a hypothesis compares against that.
    return JSON.stringify(value);
  }
  return canonicalize(value);
}

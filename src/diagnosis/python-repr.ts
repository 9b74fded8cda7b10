import { compareCodePoints } from '../canonical/compare-code-points.ts';

/**
 * Writes a parsed JSON value the way Python's `str()` writes the equivalent dict, as a client
 * does when it formats `f'{timestamp}&{data}'` with the dict instead of its JSON text:
 * `{'serial': 'x', 'ok': True, 'note': None}`. `sortKeys` gives the order of a dict built
 * from sorted keys. Only the cases JSON values produce are covered.
 */
export function toPythonRepr(value: unknown, sortKeys: boolean): string {
  if (value === null) {
    return 'None';
  }
  if (value === true) {
    return 'True';
  }
  if (value === false) {
    return 'False';
  }
  if (typeof value === 'string') {
    return quotePythonString(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => toPythonRepr(item, sortKeys)).join(', ')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (sortKeys) {
    keys.sort(compareCodePoints);
  }
  return `{${keys.map((key) => `${quotePythonString(key)}: ${toPythonRepr(record[key], sortKeys)}`).join(', ')}}`;
}

/** Python's string repr: single quotes unless the text holds a single quote and no double quote. */
function quotePythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') {
      result += `\\${char}`;
    } else if (char === '\n') {
      result += '\\n';
    } else if (char === '\r') {
      result += '\\r';
    } else if (char === '\t') {
      result += '\\t';
    } else if (code < 0x20 || code === 0x7f) {
      result += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      result += char;
    }
  }
  return result + quote;
}

/** Returns true when `text` looks like a Python dict literal rather than JSON. */
export function looksLikePythonRepr(text: string): boolean {
  const trimmed = text.trim();
  return /^[{[]/.test(trimmed) && (/[{,[]\s*'/.test(trimmed) || /[:,[]\s*(?:True|False|None)\s*[,}\]]/.test(trimmed));
}

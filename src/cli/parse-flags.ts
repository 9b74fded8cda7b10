import { UsageError } from './cli-error.ts';

/**
 * Parses an optional integer flag within [min, max]; the error names the flag, the value
 * received and the range.
 */
export function parseIntegerFlag(value: string | undefined, name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  if (value === undefined) {
    return fallback;
  }
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    let expected = `an integer from ${min} to ${max}`;
    if (max === Number.MAX_SAFE_INTEGER) {
      expected = min === 0 ? 'a non-negative integer' : `an integer of at least ${min}`;
    }
    throw new UsageError(`Invalid --${name} ${JSON.stringify(value)}: expected ${expected}.`);
  }
  return parsed;
}

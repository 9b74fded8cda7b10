import { UsageError } from './cli-error.ts';

/** Parses an optional integer flag; the error names the flag and the value received. */
export function parseIntegerFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw new UsageError(`Invalid --${name} ${JSON.stringify(value)}: expected a non-negative integer.`);
  }
  return parsed;
}

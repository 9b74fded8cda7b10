import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BYTE_OUTPUT_THRESHOLD } from '../../src/canonical/canonical-output.ts';
import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { CanonicalizationError } from '../../src/errors/canonicalization-error.ts';
import { jsonValueArbitrary } from '../arbitraries/json-value.ts';
import { objectKeyArbitrary } from '../arbitraries/object-key.ts';
import { type PropertySettings, propertySettings } from './property-settings.ts';
import { encodeForPython, type PythonDump, type PythonReference, startPythonReference } from './python-reference.ts';

const BATCH_SIZE = 500;

let python: PythonReference;
let singleRoundTrips = 0;
/** CPython's output for each value of the runs, fetched in batches before the runs start. */
const batchedDumps = new Map<string, PythonDump>();

/** Any JSON value, mostly small: the output stays a string. */
const valueArbitrary = jsonValueArbitrary();
const valueSettings = propertySettings('FC_DIFFERENTIAL_RUNS', 5000);

/**
 * Arrays of 150 to 300 values, mostly 16 to 40 KB, so the output moves to bytes part way through,
 * and objects of 128 to 200 members, which the canonicalizer sorts with a radix sort.
 */
const longValueArbitrary = fc.oneof(
  fc.array(jsonValueArbitrary(), { minLength: 150, maxLength: 300 }),
  fc
    .uniqueArray(fc.tuple(objectKeyArbitrary(), jsonValueArbitrary({ maxDepth: 2 })), { selector: ([key]) => key, minLength: 128, maxLength: 200 })
    .map((entries) => Object.fromEntries(entries)),
);
const longValueSettings = propertySettings('FC_DIFFERENTIAL_LONG_RUNS', 200);

beforeAll(async () => {
  python = await startPythonReference();
  // fc.sample with the same seed and run count draws exactly the values fc.assert draws, so the
  // runs themselves need no round trip. Values met only while shrinking are sent one at a time.
  // (Sampling the property instead of the arbitrary draws different values in fast-check 4.11.)
  await fetchInBatches(fc.sample(valueArbitrary, valueSettings));
  await fetchInBatches(fc.sample(longValueArbitrary, longValueSettings));
}, 60_000);

afterAll(async () => {
  await python?.close();
});

describe('CPython differential', () => {
  it('canonical form equals CPython json.dumps in both profiles (ensure_ascii True and False)', async () => {
    await assertSameAsCpython(valueArbitrary, valueSettings);
  }, 60_000);

  it('long and wide values equal CPython json.dumps (byte output, radix key sort)', async () => {
    let switched = 0;
    await assertSameAsCpython(longValueArbitrary, longValueSettings, (text) => {
      switched += text.length >= BYTE_OUTPUT_THRESHOLD ? 1 : 0;
    });
    expect(switched, 'runs whose output reached the byte buffer').toBeGreaterThan(longValueSettings.numRuns / 4);
  }, 60_000);
});

async function assertSameAsCpython(arbitrary: fc.Arbitrary<unknown>, settings: PropertySettings, onAscii?: (text: string) => void): Promise<void> {
  const property = fc.asyncProperty(arbitrary, async (value) => {
    const reference = batchedDumps.get(cacheKey(value)) ?? (await fetchOne(value));

    const ascii = canonicalize(value, { profile: 'ascii' });
    expect(ascii).toBe(reference.ascii);
    onAscii?.(ascii);
    if (reference.utf8 === null) {
      expect(() => canonicalize(value, { profile: 'utf8' })).toThrow(
        expect.objectContaining({ name: CanonicalizationError.name, reason: 'LONE_SURROGATE' }),
      );
    } else {
      expect(canonicalize(value, { profile: 'utf8' })).toBe(reference.utf8);
    }
  });
  await fc.assert(property, settings);
  expect(singleRoundTrips, 'values sent one at a time instead of in batches').toBe(0);
}

async function fetchInBatches(values: readonly unknown[]): Promise<void> {
  for (let start = 0; start < values.length; start += BATCH_SIZE) {
    const batch = values.slice(start, start + BATCH_SIZE);
    const dumps = await python.dump(batch);
    batch.forEach((value, index) => batchedDumps.set(cacheKey(value), dumps[index]!));
  }
}

async function fetchOne(value: unknown): Promise<PythonDump> {
  singleRoundTrips++;
  const [dump] = await python.dump([value]);
  return dump!;
}

function cacheKey(value: unknown): string {
  return JSON.stringify(encodeForPython(value));
}

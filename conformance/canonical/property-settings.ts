/**
 * Run settings of the property tests. Every property runs with a fixed seed, so a failure in CI
 * reproduces locally: fast-check's report names the seed, the path and the shrunk
 * counterexample, and `FC_SEED=<seed>` replays the same values.
 *
 *   FC_SEED               seed of every property (default 424242)
 *   FC_NUM_RUNS           runs per property (default 1000)
 *   FC_DIFFERENTIAL_RUNS  values compared with CPython (default 5000)
 *   FC_DIFFERENTIAL_LONG_RUNS  values of 16 to 40 KB compared with CPython (default 200)
 */

export const DEFAULT_SEED = 424242;

export interface PropertySettings {
  seed: number;
  numRuns: number;
}

/** Returns the seed and run count for one property; `runsVariable` names the env variable of its count. */
export function propertySettings(runsVariable = 'FC_NUM_RUNS', defaultRuns = 1000): PropertySettings {
  return {
    seed: readInteger('FC_SEED', DEFAULT_SEED, Number.MIN_SAFE_INTEGER),
    numRuns: readInteger(runsVariable, defaultRuns, 1),
  };
}

function readInteger(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`Invalid ${name}=${JSON.stringify(text)}: expected an integer of at least ${min}.`);
  }
  return value;
}

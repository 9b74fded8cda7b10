/**
 * Returns a deep copy of `value` whose objects, at every depth, got their members inserted in
 * a pseudo-random order drawn from `seed`. Integer-like keys still come first in a JavaScript
 * object, whatever the insertion order; every other key follows the new order.
 */
export function shuffleMembers(value: unknown, seed: number): unknown {
  return copyShuffled(value, mulberry32(seed));
}

function copyShuffled(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => copyShuffled(item, random));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const entries = Object.entries(value).map(([key, member]): [string, unknown] => [key, copyShuffled(member, random)]);
  // Fisher-Yates
  for (let index = entries.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [entries[index], entries[other]] = [entries[other]!, entries[index]!];
  }
  return Object.fromEntries(entries);
}

/** Small seeded generator (Mulberry32), so a failing seed reproduces the same order. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

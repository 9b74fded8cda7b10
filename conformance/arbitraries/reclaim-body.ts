import fc from 'fast-check';
import type { ReclaimOrderInput } from '../../src/client/create-reclaim-client.ts';
import { jsonValueArbitrary } from './json-value.ts';
import { objectKeyArbitrary } from './object-key.ts';
import { utf16StringArbitrary } from './utf16-string.ts';

/**
 * Generates reclaim bodies: a non-empty `serial` from the whole UTF-16 range, plus up to four
 * extra members of any JSON value. `serial` lands at a random place in insertion order.
 */
export function reclaimBodyArbitrary(): fc.Arbitrary<ReclaimOrderInput> {
  const extraMembers = fc.uniqueArray(fc.tuple(objectKeyArbitrary().filter((key) => key !== 'serial'), jsonValueArbitrary({ maxDepth: 3, maxLength: 3 })), {
    selector: ([key]) => key,
    maxLength: 4,
  });
  return fc
    .record({ serial: utf16StringArbitrary({ minLength: 1, maxLength: 40 }), extra: extraMembers, position: fc.nat({ max: 4 }) })
    .map(({ serial, extra, position }) => {
      const entries: Array<[string, unknown]> = [...extra];
      entries.splice(Math.min(position, entries.length), 0, ['serial', serial]);
      return Object.fromEntries(entries) as ReclaimOrderInput;
    });
}

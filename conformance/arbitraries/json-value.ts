import fc from 'fast-check';
import { bigIntegerArbitrary } from './big-integer.ts';
import { finiteNumberArbitrary } from './finite-number.ts';
import { objectKeyArbitrary } from './object-key.ts';
import { utf16StringArbitrary } from './utf16-string.ts';

export interface JsonValueConstraints {
  /** Levels of arrays and objects; the root container is level 1. Default 4. */
  maxDepth?: number;
  /** Members and elements per container. Default 5. */
  maxLength?: number;
}

/**
 * Generates every kind of value the canonicalizer accepts: null, booleans, UTF-16 strings,
 * numbers with a canonical form, bigints, arrays, and objects whose keys include integer-like
 * and lone-surrogate keys. Some object members are `undefined`, which the canonical form leaves out.
 * Objects are built in generation order, which is rarely sorted order.
 */
export function jsonValueArbitrary(constraints: JsonValueConstraints = {}): fc.Arbitrary<unknown> {
  const maxLength = constraints.maxLength ?? 5;
  const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof(
      { maxDepth: constraints.maxDepth ?? 4, depthSize: 'small', withCrossShrink: true },
      leafArbitrary(),
      tie('array'),
      tie('object'),
    ),
    array: fc.array(tie('value'), { maxLength }),
    object: fc
      .uniqueArray(fc.tuple(objectKeyArbitrary(), fc.option(tie('value'), { nil: undefined, freq: 8 })), {
        selector: ([key]) => key,
        maxLength,
      })
      .map((entries) => Object.fromEntries(entries)),
  }));
  return value;
}

function leafArbitrary(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    utf16StringArbitrary(),
    finiteNumberArbitrary(),
    bigIntegerArbitrary(),
  );
}

import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/diagnosis/write-json.ts';

const COMPACT_SORTED = { sortKeys: true, ascii: true, itemSeparator: ',', keySeparator: ':' };

describe('writeJson', () => {
  it('writes integers beyond 2^53 as JavaScript does', () => {
    expect(writeJson(JSON.parse('{"b":[2e300],"a":1e21}'), COMPACT_SORTED)).toBe('{"a":1e+21,"b":[2e+300]}');
  });

  it('writes Python default separators', () => {
    expect(writeJson({ b: 1, a: [true, null] }, { ...COMPACT_SORTED, itemSeparator: ', ', keySeparator: ': ' })).toBe('{"a": [true, null], "b": 1}');
  });
});

import { describe, expect, test } from 'vitest';
import { pdist } from '../../src/core/cluster';
import { toMask, toMatrix } from '../../src/core/matrix';
import { finiteStats } from '../../src/core/stats';
import { bandRows, tileLayout } from '../../src/core/tiles';

describe('toMatrix', () => {
  test('nested arrays become a Float64Array copy; null is NaN', () => {
    const data = [
      [1, 2, 3],
      [4, null, 6],
    ];
    const m = toMatrix(data);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.values)).toEqual([1, 2, 3, 4, Number.NaN, 6]);
    expect(data[1]).toEqual([4, null, 6]);
  });
  test('flat values are used as they are (no copy, never mutated)', () => {
    for (const values of [new Float32Array(6), new Int16Array(6), new Uint8Array(6), [1, 2, 3, 4, 5, 6], new Float64Array(6)]) {
      const m = toMatrix({ values, rows: 2, cols: 3 });
      expect(m.values).toBe(values);
    }
  });
  test('null / undefined in a flat plain array is NaN everywhere, as in nested arrays (issue 16.4)', () => {
    const user = [1, null, 3, 4, undefined, 6] as unknown as number[];
    const m = toMatrix({ values: user, rows: 2, cols: 3 });
    const nested = toMatrix([
      [1, null, 3],
      [4, null, 6],
    ]);
    expect(Array.from(m.values)).toEqual(Array.from(nested.values));
    expect(user).toEqual([1, null, 3, 4, undefined, 6]);
    // Colour limits skip the holes (they were 0 before, giving vmin 0 instead of 1).
    expect(finiteStats(m.values)).toMatchObject({ min: 1, max: 6, count: 4 });
    // Clustering sees NaN, exactly as for the nested input (and refuses it like scipy), not 0.
    expect(() => pdist({ values: user, rows: 2, cols: 3 })).toThrow(/data contains NaN at row 0, col 1/);
  });
  test('labels are checked against the shape', () => {
    const m = toMatrix({ values: [1, 2], rows: 1, cols: 2, rowLabels: ['a'], colLabels: ['x', 'y'] });
    expect(m.colLabels).toEqual(['x', 'y']);
    expect(() => toMatrix({ values: [1, 2], rows: 1, cols: 2, colLabels: ['x'] })).toThrow(/colLabels has 1 entries but the matrix has 2/);
  });
  test.each([
    [[[1, 2], [3]], /ragged rows: data\[1\] has 1 values but data\[0\] has 2/],
    [[], /zero rows/],
    [[[]], /zero columns/],
    [[[1, 'x']], /data\[0\]\[1\] is "x"; expected a number or null/],
    [[1, 2], /data\[0\] is number 1; expected an array/],
    [{ values: [1, 2, 3], rows: 2, cols: 2 }, /data.values has length 3 but rows\*cols = 2\*2 = 4/],
    [{ values: [], rows: 0, cols: 3 }, /data.rows must be a positive integer, got number 0/],
    [{ values: [1], rows: 1.5, cols: 1 }, /data.rows must be a positive integer/],
    [{ values: 'abc', rows: 1, cols: 3 }, /data.values must be an array or typed array/],
    [{ values: [1, '2'], rows: 1, cols: 2 }, /data.values\[1\] \(row 0, col 1\) is "2"/],
    [null, /data must be a number\[\]\[\] or \{ values, rows, cols \}, got null/],
    [{ values: new BigInt64Array(2), rows: 1, cols: 2 }, /BigInt64Array/],
  ])('bad input %#', (input, message) => {
    expect(() => toMatrix(input as never)).toThrow(message);
  });
});

describe('toMask', () => {
  test('nested and flat masks, any truthy value masks', () => {
    expect(Array.from(toMask([[true, false], [0, 1]], 2, 2) ?? [])).toEqual([1, 0, 0, 1]);
    expect(Array.from(toMask(Uint8Array.from([0, 2, 0, 0]), 2, 2) ?? [])).toEqual([0, 1, 0, 0]);
    expect(toMask(undefined, 2, 2)).toBeUndefined();
  });
  test.each([
    [[[true, false]], /mask has 1 rows but the data has 2 \(expected a 2×2 mask\)/],
    [[[true], [false]], /mask row 0 has 1 entries but the data has 2 columns/],
    [[true, false, true], /mask has length 3 but the data has rows\*cols = 4 cells/],
    ['mask', /mask must be a boolean\[\]\[\] or a flat array/],
  ])('wrong shape %#', (mask, message) => {
    expect(() => toMask(mask as never, 2, 2)).toThrow(message);
  });
});

describe('tiles', () => {
  test('cover the matrix exactly once', () => {
    const tiles = tileLayout(10000, 10000, 8192);
    expect(tiles.map((t) => [t.row0, t.col0, t.rows, t.cols])).toEqual([
      [0, 0, 8192, 8192],
      [0, 8192, 8192, 1808],
      [8192, 0, 1808, 8192],
      [8192, 8192, 1808, 1808],
    ]);
    const small = tileLayout(37, 50, 16);
    expect(small.reduce((s, t) => s + t.rows * t.cols, 0)).toBe(37 * 50);
    expect(small.length).toBe(3 * 4);
  });
  test('bands hold about a million cells', () => {
    expect(bandRows(8192)).toBe(128);
    expect(bandRows(3_000_000)).toBe(1);
  });
});

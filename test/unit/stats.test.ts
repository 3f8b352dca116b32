import { describe, expect, test } from 'vitest';
import { FiniteStatsAccumulator, finiteStats, percentiles } from '../../src/core/stats';
import { percentileCases } from '../fixtures/load';

describe('percentiles match np.nanpercentile (fixtures from numpy)', () => {
  for (const c of percentileCases()) {
    test(c.name, () => {
      const values = Float64Array.from(c.data, (v) => (v === null ? Number.NaN : v));
      const [p2, p98] = percentiles(values, [2, 98]);
      expect(p2).toBe(c.p2);
      expect(p98).toBe(c.p98);
      const s = finiteStats(values);
      expect(s.min).toBe(c.min);
      expect(s.max).toBe(c.max);
    });
  }
});

describe('finite statistics', () => {
  test('ignore NaN, ±Infinity and masked cells', () => {
    const values = [5, Number.NaN, -Infinity, 2, Infinity, 9, -3];
    const mask = Uint8Array.from([0, 0, 0, 0, 0, 1, 0]);
    expect(finiteStats(values, mask)).toEqual({ count: 3, min: -3, max: 5, minPositive: 2 });
  });
  test('no finite value gives NaN limits, count 0', () => {
    expect(finiteStats([Number.NaN, Infinity])).toEqual({ count: 0, min: Number.NaN, max: Number.NaN, minPositive: Number.NaN });
    expect(percentiles([Number.NaN], [2, 98])).toEqual([Number.NaN, Number.NaN]);
  });
  test('percentiles do not reorder the caller’s data', () => {
    const values = Float32Array.from([9, 1, 8, 2, 7, 3]);
    const copy = values.slice();
    percentiles(values, [2, 50, 98]);
    expect(values).toEqual(copy);
  });
  test('selection on large sorted, reversed and constant inputs', () => {
    const n = 100_001;
    const sorted = Float64Array.from({ length: n }, (_, i) => i);
    expect(percentiles(sorted, [2, 98])).toEqual([2000, 98000]);
    expect(percentiles(sorted.slice().reverse(), [2, 98])).toEqual([2000, 98000]);
    expect(percentiles(new Float64Array(n).fill(4), [2, 98])).toEqual([4, 4]);
  });
  test('out-of-range percentile is an error', () => {
    expect(() => percentiles([1, 2], [101])).toThrow(/within \[0, 100\]/);
  });
});

test('finiteStats takes the same values from a Float32Array (its own loop) as from a plain array', () => {
  const plain = [3.5, Number.NaN, -2, Number.POSITIVE_INFINITY, 0, 0.25, Number.NEGATIVE_INFINITY, 7, -0.5];
  const f32 = Float32Array.from(plain);
  expect(finiteStats(f32)).toEqual(finiteStats(plain));
  expect(finiteStats(f32)).toEqual({ count: 6, min: -2, max: 7, minPositive: 0.25 });
  // A mask takes the general loop.
  expect(finiteStats(f32, Uint8Array.from([0, 0, 0, 0, 0, 1, 0, 1, 0]))).toEqual({ count: 4, min: -2, max: 3.5, minPositive: 3.5 });
});

test('FiniteStatsAccumulator: ranges added in pieces give finiteStats of the whole; the smallest positive value is found when first read', () => {
  const n = 3000;
  const values = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) * 4 + 0.001 * (i % 13));
  values[1234] = 0.0001; // the smallest positive, in a range with both signs
  const pieces: [number, number][] = [
    [0, 1000], // both signs
    [2000, 3000],
    [1000, 2000],
  ];
  const acc = new FiniteStatsAccumulator();
  for (const [a, b] of pieces) acc.add(values, undefined, a, b);
  const got = acc.result();
  const want = finiteStats(values);
  expect([got.count, got.min, got.max]).toEqual([want.count, want.min, want.max]);
  // minPositive is a getter: its value is the whole array's, read twice the same.
  expect(Object.getOwnPropertyDescriptor(got, 'minPositive')?.get).toBeTypeOf('function');
  expect(got.minPositive).toBe(want.minPositive);
  expect(got.minPositive).toBe(Math.fround(0.0001));
  // All positive ranges and a range with NaN (the careful loop) count at once; no positive value at all is NaN.
  const pos = new FiniteStatsAccumulator();
  pos.add(Float32Array.from([5, 2, 9]), undefined, 0, 3);
  pos.add(Float32Array.from([Number.NaN, 3, -1]), undefined, 0, 3);
  expect(pos.result().minPositive).toBe(2);
  const neg = new FiniteStatsAccumulator();
  neg.add(Float32Array.from([-5, -2, 0]), undefined, 0, 3);
  expect(neg.result().minPositive).toBeNaN();
});

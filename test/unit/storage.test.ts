// Storage maths: float16 bits against numpy, quantisation error bounds, pyramid sizes and memory, level choice.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { dataLimits, resolveScale } from '../../src/core/scale';
import { estimateGpuBytes, FLOAT32_MAX, float32Spacing, fromHalf, levelSizes, pickLevel, pyramidBytes, quantizer, toHalf } from '../../src/core/storage';

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/storage/half.json'), 'utf8')) as { numpy: string; float32: number[]; bits: number[]; back: (number | string)[] };

describe('float16 like numpy', () => {
  test(`toHalf gives numpy ${fixture.numpy}'s float32 → float16 bits for ${fixture.float32.length} values`, () => {
    const bad: string[] = [];
    fixture.float32.forEach((v, i) => {
      const got = toHalf(v);
      if (got !== fixture.bits[i]) bad.push(`${v}: ${got.toString(16)} vs ${(fixture.bits[i] as number).toString(16)}`);
    });
    expect(bad).toEqual([]);
  });
  test('fromHalf reads the bits back to numpy’s values', () => {
    fixture.bits.forEach((b, i) => {
      const want = fixture.back[i];
      expect(fromHalf(b)).toBe(typeof want === 'string' ? Number(want) : want);
    });
  });
  test('NaN stays NaN, infinities stay infinite', () => {
    expect(Number.isNaN(fromHalf(toHalf(Number.NaN)))).toBe(true);
    expect(fromHalf(toHalf(Number.POSITIVE_INFINITY))).toBe(Number.POSITIVE_INFINITY);
    expect(fromHalf(toHalf(Number.NEGATIVE_INFINITY))).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('quantisation', () => {
  for (const storage of ['uint8', 'uint16'] as const) {
    test(`${storage}: every value in [lo, hi] is drawn within step / 2 of itself; outside clips; codes stay below the bad code`, () => {
      const q = quantizer(storage, -3.5, 12.25);
      expect(q.qmax).toBe(storage === 'uint8' ? 254 : 65534);
      expect(q.maxError).toBeCloseTo((12.25 + 3.5) / (storage === 'uint8' ? 508 : 131068), 15);
      let worst = 0;
      // One expect per bound over all values (200 k expect calls took over 5 s on a loaded 2-core machine).
      let lowest = Number.POSITIVE_INFINITY;
      let highest = Number.NEGATIVE_INFINITY;
      for (let i = 0; i <= 100000; i++) {
        const v = -3.5 + (15.75 * i) / 100000;
        const code = q.encode(v);
        lowest = Math.min(lowest, code);
        highest = Math.max(highest, code);
        worst = Math.max(worst, Math.abs(q.decode(code) - v));
      }
      expect(lowest).toBeGreaterThanOrEqual(0);
      expect(highest).toBeLessThanOrEqual(q.qmax);
      expect(worst).toBeLessThanOrEqual(q.maxError * (1 + 1e-9));
      expect(worst).toBeGreaterThan(q.maxError * 0.9);
      expect(q.decode(q.encode(-100))).toBe(-3.5);
      expect(q.decode(q.encode(100))).toBeCloseTo(12.25, 12);
    });
  }
  test('limits near ±1.8e308 quantise without overflow (issue 16.3: one colour and an error of 0)', () => {
    const q = quantizer('uint8', -1.7e308, 1.7e308);
    expect(q.step / (1.7e308 / 127)).toBeCloseTo(1, 12);
    expect(q.maxError).toBeGreaterThan(0);
    expect([q.encode(-1.7e308), q.encode(0), q.encode(1.7e308)]).toEqual([0, 127, 254]);
    expect(q.decode(254)).toBe(1.7e308);
    expect(Math.abs(q.decode(q.encode(1e308)) - 1e308)).toBeLessThanOrEqual(q.maxError);
  });
  test('a constant range quantises everything to lo', () => {
    const q = quantizer('uint8', 2, 2);
    expect(q.decode(q.encode(2))).toBe(2);
    expect(q.decode(q.encode(5))).toBe(2);
  });
});

describe('pyramid', () => {
  test('levels shrink 4× per side down to 1 × 1', () => {
    expect(levelSizes(8192, 8192)).toEqual([
      [2048, 2048],
      [512, 512],
      [128, 128],
      [32, 32],
      [8, 8],
      [2, 2],
      [1, 1],
    ]);
    expect(levelSizes(10, 3)).toEqual([
      [3, 1],
      [1, 1],
    ]);
    expect(levelSizes(1, 1)).toEqual([]);
  });
  test('pyramid memory is at most 1/3 of the base for every storage', () => {
    for (const [storage, perCell] of [
      ['float32', 4],
      ['float16', 2],
      ['uint16', 2],
      ['uint8', 1],
    ] as const) {
      for (const [c, r] of [
        [8192, 8192],
        [4096, 1000],
        [1000, 1000],
        [10000, 100],
      ] as const) {
        expect(pyramidBytes(c, r, storage) / (c * r * perCell)).toBeLessThanOrEqual(1 / 3);
      }
    }
  });
  test('estimateGpuBytes sums tiles, halos and levels', () => {
    const e = estimateGpuBytes(10000, 10000, 8192, 0, 'float32', 'mean');
    expect(e.baseBytes).toBe(4e8);
    expect(e.levelBytes).toBe(pyramidBytes(8192, 8192, 'float32') + 2 * pyramidBytes(1808, 8192, 'float32') + pyramidBytes(1808, 1808, 'float32'));
    expect(estimateGpuBytes(100, 100, 8192, 2, 'uint8', 'nearest')).toEqual({ baseBytes: 104 * 104, levelBytes: 0, total: 104 * 104 });
  });
  test('level choice: max/min take the first level with texels ≥ a pixel, mean the nearest in log4', () => {
    expect(pickLevel(16, 'max', 7)).toBe(2);
    expect(pickLevel(16.01, 'max', 7)).toBe(3);
    expect(pickLevel(4.5, 'min', 7)).toBe(2);
    expect(pickLevel(1, 'max', 7)).toBe(0);
    expect(pickLevel(1.9, 'mean', 7)).toBe(0);
    expect(pickLevel(2.1, 'mean', 7)).toBe(1);
    expect(pickLevel(16, 'mean', 7)).toBe(2);
    expect(pickLevel(1e9, 'mean', 7)).toBe(7);
    expect(pickLevel(100, 'nearest', 7)).toBe(0);
    expect(pickLevel(100, 'max', 0)).toBe(0);
  });
});

describe('what float32 cannot draw is refused (issue 16.3)', () => {
  test.each([
    ['values past float32', () => resolveScale(dataLimits([1, 3.4e38, 1e39], undefined, false), {}), /1e\+39 is beyond ±3.4e38/],
    ['a ±3e38 range', () => resolveScale(dataLimits([-3e38, 0, 3e38], undefined, false), {}), /colour range \[-3e\+38, 3e\+38\] is wider than float32 holds/],
    ['epoch milliseconds', () => resolveScale(dataLimits([1.7e12, 1.7e12 + 500, 1.7e12 + 1000], undefined, false), {}), /too narrow for its magnitude: float32.*steps by 131072.*subtract an offset/],
    ['a vmax past float32', () => resolveScale(dataLimits([1, 2], undefined, false), { vmax: 1e39 }), /beyond ±3.4e38/],
    ['a log norm over 1e39', () => resolveScale(dataLimits([1, 1e39], undefined, false), { norm: 'log' }), /beyond ±3.4e38/],
    // No offset can serve a non-linear norm: epoch milliseconds under a log or power norm are refused, not drawn in one colour.
    ['epoch milliseconds, log norm', () => resolveScale(dataLimits([1.7e12, 1.7e12 + 500, 1.7e12 + 1000], undefined, false), { norm: 'log' }, true), /too narrow for its magnitude: float32.*steps by 131072.*use the linear norm/],
    ['epoch milliseconds, power norm', () => resolveScale(dataLimits([1.7e12, 1.7e12 + 1000], undefined, false), { norm: { type: 'power', gamma: 0.5 } }, true), /too narrow for its magnitude/],
  ])('%s', (_, run, message) => {
    expect(run).toThrow(HeatglError);
    expect(run).toThrow(message);
  });
  test('ordinary data, constant data, offsets float32 still resolves and huge finite magnitudes within range pass', () => {
    expect(() => resolveScale(dataLimits([1, 2, 3], undefined, false), {})).not.toThrow();
    expect(() => resolveScale(dataLimits([1.7e12, 1.7e12], undefined, false), {})).not.toThrow();
    expect(() => resolveScale(dataLimits([1.7e9, 1.7e9 + 1e5], undefined, false), {})).not.toThrow();
    expect(() => resolveScale(dataLimits([-1e38, 1e38], undefined, false), {})).not.toThrow();
    expect(() => resolveScale(dataLimits([1e-3, 1e6], undefined, false), { norm: 'log' })).not.toThrow();
    expect(() => resolveScale(dataLimits([1.7e9, 1.7e9 + 1e5], undefined, false), { norm: 'log' })).not.toThrow();
    expect(float32Spacing(1.7e12)).toBe(131072);
    expect(float32Spacing(1)).toBe(2 ** -23);
    expect(FLOAT32_MAX).toBe(new Float32Array([3.4028234663852886e38])[0]);
  });
});

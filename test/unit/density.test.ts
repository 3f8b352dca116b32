// src/core/density.ts in Node: the kernels integrate to 1, the reference density follows its formula, packing keeps
// precision far from 0 and skips non-finite points (counted), columns are checked, Scott's rule equals scipy's.
import { describe, expect, test } from 'vitest';
import {
  checkDensityOptions,
  type DensityFrame,
  defaultExtent,
  densityAtPixel,
  GAUSSIAN_TRUNCATION,
  kernelConstant,
  kernelSupport,
  kernelValue,
  packPoints,
  pixelCentre,
  pointColumns,
  scottBandwidth,
} from '../../src/core/density';
import { HeatglError } from '../../src/core/errors';

describe('kernels', () => {
  for (const kernel of ['gaussian', 'epanechnikov', 'box'] as const) {
    test(`${kernel} integrates to 1 over the plane and is 0 beyond its support`, () => {
      // Midpoint rule in polar coordinates: ∫ K(u) 2πu du.
      const R = kernelSupport(kernel);
      const n = 200_000;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const u = ((i + 0.5) / n) * R;
        total += kernelValue(kernel, u * u) * 2 * Math.PI * u * (R / n);
      }
      expect(total).toBeCloseTo(1, kernel === 'box' ? 4 : 8);
      expect(kernelValue(kernel, R * R)).toBe(0);
      expect(kernelValue(kernel, R * R * 1.01)).toBe(0);
      expect(kernelValue(kernel, 0)).toBe(kernelConstant(kernel));
    });
  }
  test('the gaussian is cut at 4σ and renormalised', () => {
    expect(GAUSSIAN_TRUNCATION).toBe(4);
    expect(kernelConstant('gaussian')).toBeCloseTo(1 / (2 * Math.PI * (1 - Math.exp(-8))), 15);
    expect(kernelValue('gaussian', 15.99)).toBeGreaterThan(0);
    expect(kernelValue('gaussian', 1)).toBeCloseTo(Math.exp(-0.5) * kernelConstant('gaussian'), 15);
    expect(kernelValue('epanechnikov', 0.25)).toBeCloseTo((2 / Math.PI) * 0.75, 15);
  });
});

const frame = (over: Partial<DensityFrame> = {}): DensityFrame => ({
  view: { x0: 0, x1: 10, y0: 0, y1: 5 },
  widthPx: 10,
  heightPx: 5,
  yDown: false,
  pixelRatio: 1,
  kernel: 'gaussian',
  aggregation: 'sum',
  bandwidth: [1, 1],
  radiusPixels: undefined,
  ...over,
});

describe('the CPU reference', () => {
  test('pixel centres: row 0 at the top, y up unless yDown', () => {
    expect(pixelCentre(frame(), 0, 0)).toEqual([0.5, 4.5]);
    expect(pixelCentre(frame({ yDown: true }), 0, 0)).toEqual([0.5, 0.5]);
    expect(pixelCentre(frame(), 9, 4)).toEqual([9.5, 0.5]);
  });
  test('one point: D = w K(d / h) / (hx hy) with d at the pixel centre', () => {
    const cols = pointColumns({ x: [2.5], y: [3.5], weight: [3] }, {});
    const f = frame({ bandwidth: [2, 0.5] });
    // Pixel (3, 1): centre (3.5, 3.5); u² = (1/2)² + 0.
    expect(densityAtPixel(cols, f, 3, 1).value).toBeCloseTo((3 * kernelValue('gaussian', 0.25)) / (2 * 0.5), 14);
    // Mean of one point's weight is that weight wherever its kernel reaches, NaN elsewhere.
    expect(densityAtPixel(cols, { ...f, aggregation: 'mean' }, 3, 1).value).toBeCloseTo(3, 14);
    expect(densityAtPixel(cols, { ...f, aggregation: 'mean', kernel: 'box' }, 9, 4).value).toBeNaN();
  });
  test('radiusPixels: distances in CSS pixels, D per CSS px²; the pixel ratio does not change the density', () => {
    const cols = pointColumns([[0.5, 4.5]], {});
    const f = frame({ bandwidth: undefined, radiusPixels: 2, kernel: 'epanechnikov' });
    // Pixel (1, 0) is 1 CSS px away: u = 1/2.
    expect(densityAtPixel(cols, f, 1, 0).value).toBeCloseTo(kernelValue('epanechnikov', 0.25) / 4, 14);
    // At pixel ratio 2 on a 20×10 grid the same place is pixel (2..3, 0..1); pixel (3, 1) centre = (1.75, 4.25) data.
    const f2 = { ...f, widthPx: 20, heightPx: 10, pixelRatio: 2 };
    const u2 = (1.25 ** 2 + 0.25 ** 2) / 4;
    expect(densityAtPixel(cols, f2, 3, 1).value).toBeCloseTo(kernelValue('epanechnikov', u2) / 4, 14);
  });
  test('mean = Σ w K / Σ K', () => {
    const cols = pointColumns({ x: [1, 2], y: [1, 1], weight: [10, 20] }, {});
    const f = frame({ aggregation: 'mean' });
    const [cx, cy] = pixelCentre(f, 1, 3);
    const k1 = kernelValue('gaussian', (cx - 1) ** 2 + (cy - 1) ** 2);
    const k2 = kernelValue('gaussian', (cx - 2) ** 2 + (cy - 1) ** 2);
    expect(densityAtPixel(cols, f, 1, 3).value).toBeCloseTo((10 * k1 + 20 * k2) / (k1 + k2), 12);
  });
});

describe('points', () => {
  test('accessors: columns, field names, functions, [x, y] tuples and { x, y } objects by default', () => {
    const objs = [{ a: 1, b: 2, x: 5, y: 6 }, { a: 3, b: 4, x: 7, y: 8 }];
    const read = (c: ReturnType<typeof pointColumns>) => Array.from({ length: c.length }, (_, i) => [c.x(i), c.y(i), c.weight ? c.weight(i) : 1]);
    expect(read(pointColumns(objs, { x: 'a', y: (d) => d.b * 10, weight: [0.5, 2] }))).toEqual([[1, 20, 0.5], [3, 40, 2]]);
    expect(read(pointColumns(objs, {}))).toEqual([[5, 6, 1], [7, 8, 1]]);
    expect(read(pointColumns([[1, 2], [3, 4]], {}))).toEqual([[1, 2, 1], [3, 4, 1]]);
    expect(read(pointColumns(null, { x: new Float32Array([1, 2]), y: [3, 4] }))).toEqual([[1, 3, 1], [2, 4, 1]]);
  });
  test('unequal column lengths are an error naming both', () => {
    expect(() => pointColumns({ x: [1, 2, 3], y: [1, 2] }, {})).toThrow(/y has 2 values but x has 3/);
    expect(() => pointColumns({ x: [1, 2], y: [1, 2], weight: [1] }, {})).toThrow(/weight has 1 values but x has 2/);
    expect(() => pointColumns([1, 2, 3], { x: [1, 2] })).toThrow(/x has 2 values but points has 3/);
    expect(() => pointColumns(null, { x: (d: unknown) => Number(d) })).toThrow(HeatglError);
    expect(() => pointColumns('abc' as never, {})).toThrow(/points must be/);
  });
  test('packing: offsets from the centre in float64 before float32, so longitudes keep their precision', () => {
    const x = [10_000_000.125, 10_000_000.375];
    const p = packPoints(pointColumns({ x, y: [0, 1] }, {}));
    expect(p.origin).toEqual([10_000_000.25, 0.5]);
    expect(Array.from(p.data)).toEqual([-0.125, -0.5, 0.125, 0.5]);
    // Converting first would lose it: float32 spacing at 1e7 is 1.
    expect(Math.fround(10_000_000.125) - Math.fround(10_000_000.25)).toBe(0);
  });
  test('NaN and infinite coordinates or weights are skipped and counted; the input is never written', () => {
    const x = new Float64Array([0, Number.NaN, 2, 3, 4]);
    const y = [0, 1, Number.POSITIVE_INFINITY, 3, 4];
    const w = [1, 1, 1, Number.NaN, 2];
    const before = [Array.from(x), [...y], [...w]];
    const p = packPoints(pointColumns({ x, y, weight: w }, {}));
    expect([p.count, p.skipped, p.stride]).toEqual([2, 3, 3]);
    expect(Array.from(p.data)).toEqual([-2, -2, 1, 2, 2, 2]);
    expect([Array.from(x), y, w]).toEqual(before);
    expect(p.bounds).toEqual([0, 4, 0, 4]);
  });
  test("Scott's rule equals scipy.stats.gaussian_kde's factor times each axis' standard deviation", () => {
    // scipy: n = 5, factor = 5 ** (-1/6); np.std(x, ddof=1) for unit weights.
    const x = [1, 2, 4, 7, 11];
    const y = [0, 0, 1, 1, 3];
    const [hx, hy] = scottBandwidth(packPoints(pointColumns({ x, y }, {})));
    const sd = (v: number[]) => {
      const m = v.reduce((a, b) => a + b) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    expect(hx).toBeCloseTo(sd(x) * 5 ** (-1 / 6), 12);
    expect(hy).toBeCloseTo(sd(y) * 5 ** (-1 / 6), 12);
    // Weighted: n_eff = (Σw)² / Σw²; integer weights equal repeated points' mean, with scipy's aweights variance.
    const [wx] = scottBandwidth(packPoints(pointColumns({ x: [0, 1], y: [0, 1], weight: [1, 3] }, {})));
    const neff = 16 / 10;
    const varW = (1 * 0.75 ** 2 + 3 * 0.25 ** 2) / 4 / (1 - 10 / 16);
    expect(wx).toBeCloseTo(Math.sqrt(varW) * neff ** (-1 / 6), 12);
  });
  test('default extent: bounds padded by the support, flat axes widened by ±0.5', () => {
    expect(defaultExtent([0, 10, 5, 5], [1, 2])).toEqual([-1, 11, 2.5, 7.5]);
    expect(defaultExtent([0, 10, 0, 20], undefined)).toEqual([-0.5, 10.5, -1, 21]);
    expect(defaultExtent([Number.NaN, Number.NaN, Number.NaN, Number.NaN], undefined)).toEqual([0, 1, 0, 1]);
  });
});

describe('options', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ kernel: 'triangle' }, /unknown kernel "triangle"; expected one of 'gaussian', 'epanechnikov', 'box'/],
    [{ aggregation: 'max' }, /unknown aggregation "max"/],
    [{ bandwidth: -1 }, /bandwidth must be a positive finite number, got number -1/],
    [{ bandwidth: 0 }, /bandwidth must be a positive/],
    [{ bandwidth: [1, Number.NaN] }, /bandwidth\[1\] must be a positive/],
    [{ bandwidth: [1, 2, 3] }, /bandwidth must be a positive number or \[hx, hy\]/],
    [{ radiusPixels: -3 }, /radiusPixels must be a positive/],
    [{ bandwidth: 1, radiusPixels: 3 }, /either bandwidth .* or radiusPixels/],
    [{ extent: [0, 1, 2] }, /extent must be \[xmin, xmax, ymin, ymax\]/],
    [{ extent: [1, 0, 0, 1] }, /xmin < xmax/],
  ];
  for (const [o, re] of bad) test(`${JSON.stringify(o)} → ${re}`, () => expect(() => checkDensityOptions(o as never)).toThrow(re));
  test('good options pass', () => {
    expect(() => checkDensityOptions({ kernel: 'box', aggregation: 'mean', bandwidth: [1, 2], extent: [0, 1, 0, 1] })).not.toThrow();
  });
});

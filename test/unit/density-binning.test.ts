// The binned density's pure parts in Node: cubic binning weights, the grid and its margin, the per-point error bound
// against the CPU reference of src/core/density.ts (the convolution done here in float64, as the GPU does it in
// float32), the spatial index that re-binning after a pan/zoom uses, and the rule of method 'auto'.
import { describe, expect, test } from 'vitest';
import { type DensityFrame, densityAtPixel, frameKernel, kernelValue, packPoints, pointColumns } from '../../src/core/density';
import { BIN_NODES_PER_H, BIN_TOLERANCE, type BinGrid, binGrid, binnedErrorBound, binPoints, chooseMethod, cubicWeights, gridRect, nodeTransform } from '../../src/core/density-binning';
import { convolveGrid } from '../../src/core/density-convolve';
import { indexPoints, runsInRect } from '../../src/core/density-index';
import { checkDensityOptions } from '../../src/core/density';
import { rng } from '../support/random';

function frame(over: Partial<DensityFrame> = {}): DensityFrame {
  return { view: { x0: 0, x1: 40, y0: 0, y1: 30 }, widthPx: 40, heightPx: 30, yDown: false, pixelRatio: 1, kernel: 'gaussian', aggregation: 'sum', bandwidth: undefined, radiusPixels: 2, ...over };
}

/** The binned density at pixel (col, row) (row 0 at the top), the way the GPU passes compute it, in float64. */
function convolveAt(f: DensityFrame, g: BinGrid, values: Float32Array, weighted: boolean, col: number, row: number): { sum: number; kernelSum: number } {
  const k = frameKernel(f);
  const px = col + 0.5;
  const py = f.heightPx - row - 0.5; // GL rows: bottom first
  let sum = 0;
  let kernelSum = 0;
  // Only the nodes within the support (4h for the gaussian, h otherwise) can weigh.
  const R = f.kernel === 'gaussian' ? 4 : 1;
  const range = (p: number, o: number, d: number, h: number, n: number) => [Math.max(0, Math.floor((p - R * h - o) / d)), Math.min(n - 1, Math.ceil((p + R * h - o) / d))];
  const [i0, i1] = range(px, g.x0, g.dx, g.hxPx, g.width) as [number, number];
  const [j0, j1] = range(py, g.y0, g.dy, g.hyPx, g.height) as [number, number];
  for (let j = j0; j <= j1; j++) {
    const dy = (py - (g.y0 + j * g.dy)) / g.hyPx;
    for (let i = i0; i <= i1; i++) {
      const dx = (px - (g.x0 + i * g.dx)) / g.hxPx;
      const u2 = dx * dx + dy * dy;
      // The separable passes cut the gaussian at the square |u_x|, |u_y| < 4, not at the disc.
      const kv = f.kernel === 'gaussian' ? (Math.abs(dx) < 4 && Math.abs(dy) < 4 ? kernelValue(f.kernel, 0) * Math.exp(-0.5 * u2) : 0) : kernelValue(f.kernel, u2);
      if (kv === 0) continue;
      const n = j * g.width + i;
      const s = weighted ? (values[2 * n] as number) : (values[n] as number);
      const l = weighted ? (values[2 * n + 1] as number) : s;
      sum += s * kv;
      kernelSum += l * kv;
    }
  }
  // kernelValue includes c; frameKernel's norm is c / (hx·hy) (or c / r²).
  const scale = k.norm / kernelValue(f.kernel, 0);
  return { sum: sum * scale, kernelSum: kernelSum * scale };
}

test('cubic weights sum to 1 and reproduce cubic polynomials', () => {
  for (const t of [0, 0.1, 0.37, 0.5, 0.99]) {
    const w = cubicWeights(t);
    const nodes = [-1, 0, 1, 2];
    for (const p of [(_x: number) => 1, (x: number) => x, (x: number) => x * x, (x: number) => x ** 3 - 2 * x]) {
      const interp = nodes.reduce((s, x, i) => s + (w[i] as number) * p(x), 0);
      expect(interp).toBeCloseTo(p(t), 12);
    }
  }
});

test('the error model: 4 nodes per h keep the bound under 1e-3; fewer do not', () => {
  expect(BIN_TOLERANCE).toBe(1e-3);
  expect(BIN_NODES_PER_H).toBe(4);
  expect(binnedErrorBound(4)).toBeCloseTo(8.2e-4, 5);
  expect(binnedErrorBound(3.5)).toBeGreaterThan(1e-3);
  expect(binnedErrorBound(8)).toBeLessThan(binnedErrorBound(4));
});

test('the grid: spacing h / q, the kernel support plus a guard beyond the view, taps bounded whatever the width', () => {
  const g = binGrid(frame(), 8192) as BinGrid;
  expect(g.dx).toBeCloseTo(2 / BIN_NODES_PER_H, 12);
  expect(g.tapsX).toBe(2 * Math.ceil(4 * BIN_NODES_PER_H) + 2);
  // Node 0 lies at least the support (8 px) plus 3 nodes left of the first pixel centre.
  expect(0.5 - g.x0).toBeGreaterThanOrEqual(8 + 3 * g.dx - 1e-9);
  expect(g.x0 + (g.width - 1) * g.dx).toBeGreaterThanOrEqual(39.5 + 8 + 2 * g.dx);
  // A kernel 100× wider costs the same taps per pixel, and a grid 100× coarser.
  const wide = binGrid(frame({ radiusPixels: 200 }), 8192) as BinGrid;
  expect(wide.tapsX).toBe(g.tapsX);
  expect(wide.width).toBeLessThan(g.width);
  // Too many nodes: null (the caller splats).
  expect(binGrid(frame({ radiusPixels: 0.01 }), 8192)).toBeNull();
  expect(binGrid(frame(), 100)).toBeNull();
});

describe('per point, the binned kernel differs from the exact one by at most ε · K(0) at every pixel', () => {
  const cases: [string, Partial<DensityFrame>][] = [
    ['gaussian radiusPixels 2, y up', {}],
    ['gaussian radiusPixels 3.3, y down', { radiusPixels: 3.3, yDown: true }],
    ['gaussian anisotropic bandwidth', { radiusPixels: undefined, bandwidth: [2.5, 1.7] }],
    ['gaussian wide kernel', { radiusPixels: 9 }],
  ];
  for (const [name, over] of cases) {
    test(name, () => {
      const f = frame(over);
      const r = rng(name.length);
      const g = binGrid(f, 8192) as BinGrid;
      let worst = 0;
      for (let trial = 0; trial < 12; trial++) {
        // One point at an arbitrary sub-node position, sometimes outside the view (its kernel still reaches in).
        const x = -3 + r() * 46;
        const y = -3 + r() * 36;
        const cols = pointColumns({ x: [x], y: [y] }, {});
        const p = packPoints(cols, [20, 15]);
        const t = nodeTransform(f, p.origin, g);
        const { values, binned } = binPoints({ data: p.data, stride: p.stride }, g, t);
        expect(binned).toBe(1);
        const peak = frameKernel(f).norm;
        for (let row = 0; row < f.heightPx; row += 1) {
          for (let col = 0; col < f.widthPx; col += 1) {
            const want = densityAtPixel(cols, f, col, row).value;
            const got = convolveAt(f, g, values, false, col, row).sum;
            worst = Math.max(worst, Math.abs(got - want) / peak);
          }
        }
      }
      console.log(`${name}: max per-point error ${worst.toExponential(2)} of K(0)`);
      expect(worst).toBeLessThanOrEqual(binnedErrorBound(BIN_NODES_PER_H));
      // The bound is not vacuous: the binned kernel is not the exact one.
      expect(worst).toBeGreaterThan(1e-6);
    });
  }
});

test('weighted points: Σ w·L and Σ L, so that the mean is Σ w·K / Σ K', () => {
  const f = frame({ aggregation: 'mean' });
  const g = binGrid(f, 8192) as BinGrid;
  const r = rng(3);
  const n = 200;
  const x = Array.from({ length: n }, () => 5 + r() * 30);
  const y = Array.from({ length: n }, () => 5 + r() * 20);
  const w = Array.from({ length: n }, () => 0.5 + r() * 1.5);
  const cols = pointColumns({ x, y, weight: w }, {});
  const p = packPoints(cols, [20, 15]);
  const { values } = binPoints({ data: p.data, stride: 3 }, g, nodeTransform(f, p.origin, g));
  expect(values.length).toBe(g.width * g.height * 2);
  const total = values.reduce((s, v, i) => (i % 2 === 1 ? s + v : s), 0);
  expect(total).toBeCloseTo(n, 3);
  let worst = 0;
  for (const [col, row] of [[10, 10], [20, 15], [25, 8], [33, 22]] as const) {
    const want = densityAtPixel(cols, f, col, row);
    const got = convolveAt(f, g, values, true, col, row);
    worst = Math.max(worst, Math.abs(got.sum / got.kernelSum - want.value) / want.value);
    expect(got.kernelSum).toBeCloseTo(want.kernelSum, 2);
  }
  expect(worst).toBeLessThan(1e-3);
});

test('the index sorts points by cell; the runs of a rectangle hold every point inside it', () => {
  const r = rng(9);
  const n = 50_000;
  const x = Float64Array.from({ length: n }, () => r() * 1000);
  const y = Float64Array.from({ length: n }, () => (r() * r()) * 700);
  const p = packPoints(pointColumns({ x, y }, {}));
  const ix = indexPoints(p);
  expect(ix.count).toBe(n);
  expect(ix.cellsX).toBeGreaterThan(4);
  // A permutation of the packed points.
  const key = (d: Float32Array) => Array.from({ length: n }, (_, i) => `${d[2 * i]},${d[2 * i + 1]}`).sort();
  expect(key(ix.data)).toEqual(key(p.data));
  const [ox, oy] = p.origin;
  const rect = [100 - ox, 350 - ox, 50 - oy, 200 - oy] as const;
  const runs = runsInRect(ix, ...rect);
  const inRuns = new Set<number>();
  let visited = 0;
  for (const [a, b] of runs) for (let i = a; i < b; i++, visited++) inRuns.add(i);
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const px = ix.data[2 * i] as number;
    const py = ix.data[2 * i + 1] as number;
    if (px >= rect[0] && px <= rect[1] && py >= rect[2] && py <= rect[3]) {
      inside++;
      expect(inRuns.has(i)).toBe(true);
    }
  }
  // Re-binning visits the rectangle's cells only: a small share of all points.
  expect(inside).toBeGreaterThan(1000);
  expect(visited).toBeLessThan(n * 0.25);
  expect(runsInRect(ix, 5000, 6000, 0, 1)).toEqual([]);
});

test('re-binning with the index equals binning every point', () => {
  const r = rng(5);
  const n = 20_000;
  const x = Float64Array.from({ length: n }, () => r() * 400);
  const y = Float64Array.from({ length: n }, () => r() * 300);
  const p = packPoints(pointColumns({ x, y }, {}));
  const ix = indexPoints(p);
  const f = frame({ view: { x0: 100, x1: 140, y0: 200, y1: 230 }, radiusPixels: 2.5 });
  const g = binGrid(f, 8192) as BinGrid;
  const t = nodeTransform(f, p.origin, g);
  const all = binPoints({ data: ix.data, stride: 2 }, g, t);
  const some = binPoints({ data: ix.data, stride: 2, runs: runsInRect(ix, ...gridRect(g, t)) }, g, t);
  expect(some.binned).toBe(all.binned);
  expect(Array.from(some.values)).toEqual(Array.from(all.values));
});

test("method 'auto': binned for the gaussian when its work is smaller; never for epanechnikov or box", () => {
  const big = frame({ view: { x0: 0, x1: 800, y0: 0, y1: 600 }, widthPx: 800, heightPx: 600 });
  const g = binGrid(big, 8192);
  expect(chooseMethod('auto', 'gaussian', 1_000_000, big, g).method).toBe('binned');
  expect(chooseMethod('auto', 'gaussian', 1000, big, g).method).toBe('exact');
  expect(chooseMethod('exact', 'gaussian', 1_000_000, big, g).method).toBe('exact');
  expect(chooseMethod('binned', 'gaussian', 10, big, g).method).toBe('binned');
  const epa = { ...big, kernel: 'epanechnikov' as const };
  expect(chooseMethod('auto', 'epanechnikov', 10_000_000, epa, binGrid(epa, 8192)).method).toBe('exact');
  expect(chooseMethod('binned', 'epanechnikov', 10, epa, binGrid(epa, 8192)).method).toBe('binned');
  // No grid (kernel too narrow for the limits): splat even when binned was asked for.
  expect(chooseMethod('binned', 'gaussian', 10, big, null).method).toBe('exact');
  // A wider kernel makes splatting dearer, not binning.
  const wide = { ...big, radiusPixels: 8 };
  const a = chooseMethod('auto', 'gaussian', 100_000, big, g);
  const b = chooseMethod('auto', 'gaussian', 100_000, wide, binGrid(wide, 8192));
  expect(b.exactCost).toBeGreaterThan(a.exactCost * 10);
  expect(b.binnedCost).toBeLessThan(a.binnedCost);
});

test("method 'auto' where the density is computed by JS loops: the exact sum for few points, binned for many", () => {
  const big = frame({ view: { x0: 0, x1: 800, y0: 0, y1: 600 }, widthPx: 800, heightPx: 600 });
  const g = binGrid(big, 8192);
  expect(chooseMethod('auto', 'gaussian', 10_000, big, g, true).method).toBe('exact');
  expect(chooseMethod('auto', 'gaussian', 1_000_000, big, g, true).method).toBe('binned');
  // The JS exact sum costs less per point than the emulated GPU's sprites, so it stays the choice a little longer.
  const cpu = chooseMethod('auto', 'gaussian', 30_000, big, g, true);
  const gpu = chooseMethod('auto', 'gaussian', 30_000, big, g, false);
  expect(cpu.exactCost).toBeLessThan(gpu.exactCost);
  expect(chooseMethod('exact', 'gaussian', 1_000_000, big, g, true).method).toBe('exact');
});

test('the method option is checked', () => {
  expect(() => checkDensityOptions({ method: 'fast' as never })).toThrow(/unknown method "fast".*'exact', 'binned' or 'auto'/);
  expect(() => checkDensityOptions({ method: 'binned' })).not.toThrow();
});

test('convolveGrid (the CPU passes) equals the float64 convolution of the grid, weighted or not', () => {
  for (const [weighted, over] of [[false, { radiusPixels: 2 }], [true, { radiusPixels: undefined, bandwidth: [3.1, 1.4] as [number, number], yDown: true }]] as const) {
    const f = frame(over);
    const g = binGrid(f, 8192) as BinGrid;
    const r = rng(weighted ? 2 : 1);
    const n = 300;
    const x = Array.from({ length: n }, () => -5 + r() * 50);
    const y = Array.from({ length: n }, () => -5 + r() * 40);
    const w = Array.from({ length: n }, () => 0.5 + r());
    const p = packPoints(pointColumns({ x, y, weight: weighted ? w : undefined }, {}), [20, 15]);
    const { values } = binPoints({ data: p.data, stride: p.stride }, g, nodeTransform(f, p.origin, g));
    const rgba = convolveGrid(g, values, weighted, f);
    expect(rgba.length).toBe(f.widthPx * f.heightPx * 4);
    let peak = 0;
    let worst = 0;
    for (let row = 0; row < f.heightPx; row++) {
      for (let col = 0; col < f.widthPx; col++) {
        const want = convolveAt(f, g, values, weighted, col, row);
        const i = ((f.heightPx - 1 - row) * f.widthPx + col) * 4;
        peak = Math.max(peak, Math.abs(want.sum));
        worst = Math.max(worst, Math.abs((rgba[i] as number) - want.sum), Math.abs((rgba[i + 1] as number) - want.kernelSum));
      }
    }
    expect(peak).toBeGreaterThan(0);
    expect(worst / peak).toBeLessThan(1e-6);
  }
});

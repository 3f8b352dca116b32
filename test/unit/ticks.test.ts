import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  AUTO_LOCATOR_STEPS,
  autoTickCount,
  autoTickEvery,
  colorbarAxis,
  colorbarTicks,
  formatTicks,
  heatmapLabelRotation,
  labelsOverlap,
  maxNLocatorTicks,
  nonsingular,
  selectTicks,
  tickSpace,
  visibleTicks,
} from '../../src/core/ticks';
import { HeatglError } from '../../src/core/errors';

// Fixtures from real seaborn 0.12.2 / matplotlib 3.6.3: /usr/bin/python3 test/fixtures/gen_ticks.py
interface AxisTicks {
  n: number;
  indices: number[];
  labels: string[];
  axisLengthPt?: number;
  fontSize?: number;
  tickEvery?: number;
  maxTicks?: number;
  positions?: number[];
}
interface HeatmapCase {
  name: string;
  nRows: number;
  nCols: number;
  spec?: 'auto' | boolean | number | string[];
  rowLabels?: string[];
  colLabels?: string[];
  x: AxisTicks;
  y: AxisTicks;
}
interface RotationCase {
  name: string;
  xBoxes: { start: number; end: number }[];
  yBoxes: { start: number; end: number }[];
  xOverlap: boolean;
  yOverlap: boolean;
  xRotation: number | null;
  yRotation: number | null;
  xLabels: string[];
  yLabels: string[];
}
interface ColorbarCase {
  config: string;
  vmin: number;
  vmax: number;
  orientation: 'vertical' | 'horizontal';
  axisLengthPt: number;
  fontSize: number;
  tickSpace: number;
  view: [number, number];
  allLocs: number[];
  allLabels: string[];
  ticks: number[];
  labels: string[];
  offset: string;
}
interface MaxNCase {
  vmin: number;
  vmax: number;
  nbins: number;
  steps?: number[];
  integer?: boolean;
  minNTicks?: number;
  ticks: number[];
}
interface FormatCase {
  locs: number[];
  view: [number, number];
  labels: string[];
  offset: string;
}
interface TicksFixture {
  heatmapAuto: HeatmapCase[];
  heatmapSpec: HeatmapCase[];
  rotation: RotationCase[];
  colorbar: ColorbarCase[];
  maxN: MaxNCase[];
  format: FormatCase[];
}

const fx = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/ticks.json'), 'utf8')) as TicksFixture;

/** Equal to 1e-12 relative (of the larger magnitude, or of the tick spacing for ticks near zero). */
function expectTicks(got: number[], want: number[], what: string): void {
  expect(got.length, `${what}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`).toBe(want.length);
  const spacing = want.length > 1 ? Math.abs((want[1] as number) - (want[0] as number)) : 0;
  got.forEach((g, i) => {
    const w = want[i] as number;
    const tol = 1e-12 * Math.max(Math.abs(w), Math.abs(g), spacing);
    expect(Math.abs(g - w) <= tol, `${what}[${i}]: ${g} vs ${w}`).toBe(true);
  });
}

describe('seaborn heatmap tick labels: auto thinning (real seaborn.heatmap)', () => {
  expect(fx.heatmapAuto.length).toBeGreaterThan(0);
  for (const c of fx.heatmapAuto) {
    test(c.name, () => {
      for (const ax of [c.x, c.y]) {
        const len = ax.axisLengthPt as number;
        const font = ax.fontSize as number;
        expect(autoTickEvery(ax.n, len, font)).toBe(ax.tickEvery);
        const sel = selectTicks(ax.n, 'auto', len, font);
        expect(sel.indices).toEqual(ax.indices);
        expect(sel.labels).toEqual(ax.labels);
        expect(sel.indices.map((i) => i + 0.5)).toEqual(ax.positions);
      }
    });
  }
});

describe('seaborn heatmap tick labels: int / bool / list specs (real seaborn.heatmap)', () => {
  for (const c of fx.heatmapSpec) {
    test(c.name, () => {
      const spec = c.spec as 'auto' | boolean | number | string[];
      for (const [ax, names] of [
        [c.x, c.colLabels],
        [c.y, c.rowLabels],
      ] as const) {
        const run = () => selectTicks(ax.n, spec, ax.axisLengthPt ?? 0, ax.fontSize ?? 10, names);
        const longList = Array.isArray(spec) && spec.length > ax.n;
        const negative = typeof spec === 'number' && spec < 0;
        if (longList || negative) {
          // seaborn: a negative step shows nothing; a longer list labels cells 0..len-1 and widens the axis with
          // empty cells. heatgl rejects both with a clear error (a shorter list labels the first cells, as seaborn).
          if (negative) expect(ax.indices).toEqual([]);
          else expect(ax.indices).toEqual(Array.from({ length: (spec as string[]).length }, (_, i) => i));
          expect(run).toThrow(HeatglError);
        } else {
          const sel = run();
          expect(sel.indices).toEqual(ax.indices);
          expect(sel.labels).toEqual(ax.labels);
        }
      }
    });
  }
});

describe('seaborn tick label rotation (axis_ticklabels_overlap)', () => {
  for (const c of fx.rotation) {
    test(c.name, () => {
      expect(labelsOverlap(c.xBoxes)).toBe(c.xOverlap);
      expect(labelsOverlap(c.yBoxes)).toBe(c.yOverlap);
      if (c.xRotation !== null) expect(heatmapLabelRotation('x', c.xOverlap)).toBe(c.xRotation);
      else expect(c.xLabels).toEqual([]);
      if (c.yRotation !== null) expect(heatmapLabelRotation('y', c.yOverlap)).toBe(c.yRotation);
      else expect(c.yLabels).toEqual([]);
    });
  }
});

describe('matplotlib colorbar ticks, labels and offset text (real colorbars)', () => {
  for (const c of fx.colorbar) {
    test(`${c.config} [${c.vmin}, ${c.vmax}]`, () => {
      expect(tickSpace(c.axisLengthPt, c.fontSize, c.orientation)).toBe(c.tickSpace);
      const got = colorbarAxis(c.vmin, c.vmax, c.axisLengthPt, c.fontSize, c.orientation);
      expect(got.view).toEqual(c.view);
      expect(got.nbins).toBe(Math.min(9, Math.max(1, c.tickSpace)));
      expect(got.nbins).toBe(autoTickCount(c.axisLengthPt, c.fontSize, c.orientation));
      expectTicks(got.ticks, c.ticks, 'ticks');
      expect(got.labels).toEqual(c.labels);
      expect(got.offset).toBe(c.offset);
      expectTicks(colorbarTicks(c.vmin, c.vmax, c.axisLengthPt, c.fontSize, c.orientation), c.ticks, 'colorbarTicks');
      // All of the locator's ticks (including those beyond the ends) and the formatter's labels for all of them.
      expectTicks(maxNLocatorTicks(c.view[0], c.view[1], got.nbins, { steps: AUTO_LOCATOR_STEPS }), c.allLocs, 'allLocs');
      const all = formatTicks(c.allLocs, c.view);
      expect(all.labels).toEqual(c.allLabels);
      expect(all.offset).toBe(c.offset);
    });
  }
});

describe('matplotlib MaxNLocator.tick_values', () => {
  test(`${fx.maxN.length} cases`, () => {
    let exact = 0;
    for (const c of fx.maxN) {
      const opts = {
        ...(c.steps !== undefined ? { steps: c.steps } : {}),
        ...(c.integer !== undefined ? { integer: c.integer } : {}),
        ...(c.minNTicks !== undefined ? { minNTicks: c.minNTicks } : {}),
      };
      const got = maxNLocatorTicks(c.vmin, c.vmax, c.nbins, opts);
      expectTicks(got, c.ticks, `MaxNLocator(${c.nbins}, ${JSON.stringify(opts)}).tick_values(${c.vmin}, ${c.vmax})`);
      if (got.every((g, i) => g === c.ticks[i])) exact++;
    }
    // Bit-for-bit equal in practice; the 1e-12 tolerance above is the contract.
    expect(exact).toBe(fx.maxN.length);
  });
});

describe('matplotlib ScalarFormatter', () => {
  test(`${fx.format.length} cases`, () => {
    for (const c of fx.format) {
      const got = formatTicks(c.locs, c.view);
      expect(got, `locs ${JSON.stringify(c.locs)} view ${JSON.stringify(c.view)}`).toEqual({ labels: c.labels, offset: c.offset });
    }
  });

  test('unicode minus, offset and multiplier texts', () => {
    expect(formatTicks([-1, -0.5, 0, 0.5, 1]).labels).toEqual(['\u22121.0', '\u22120.5', '0.0', '0.5', '1.0']);
    expect(formatTicks([1e6, 1e6 + 10, 1e6 + 20], [1e6, 1e6 + 20])).toEqual({ labels: ['0', '10', '20'], offset: '+1e6' });
    expect(formatTicks([1e-7, 2e-7, 3e-7]).offset).toBe('1e\u22127');
    expect(formatTicks([])).toEqual({ labels: [], offset: '' });
  });
});

describe('edge cases and errors', () => {
  test('autoTickEvery', () => {
    expect(autoTickEvery(100, 9, 10)).toBe(0); // not one label fits
    expect(autoTickEvery(10, 100, 10)).toBe(2); // 10 fit exactly, seaborn still skips every other
    expect(autoTickEvery(9, 100, 10)).toBe(1);
    expect(() => autoTickEvery(10, 100, 0)).toThrow(HeatglError);
    expect(() => autoTickEvery(-1, 100, 10)).toThrow(HeatglError);
  });

  test('selectTicks', () => {
    expect(selectTicks(5, true, 0, 10)).toEqual({ indices: [0, 1, 2, 3, 4], labels: ['0', '1', '2', '3', '4'] });
    expect(selectTicks(5, false, 0, 10)).toEqual({ indices: [], labels: [] });
    expect(selectTicks(5, 0, 0, 10)).toEqual({ indices: [], labels: [] });
    expect(selectTicks(5, 2, 0, 10, ['a', 'b', 'c', 'd', 'e'])).toEqual({ indices: [0, 2, 4], labels: ['a', 'c', 'e'] });
    expect(selectTicks(3, ['x', 'y', 'z'], 0, 10)).toEqual({ indices: [0, 1, 2], labels: ['x', 'y', 'z'] });
    expect(selectTicks(0, 'auto', 100, 10)).toEqual({ indices: [], labels: [] });
    expect(selectTicks(50, 'auto', 5, 10)).toEqual({ indices: [], labels: [] });
    expect(() => selectTicks(5, -1, 0, 10)).toThrow(/non-negative integer/);
    expect(() => selectTicks(5, 1.5, 0, 10)).toThrow(HeatglError);
    expect(() => selectTicks(2, ['a', 'b', 'c'], 0, 10)).toThrow(/3 tick labels given for an axis of 2 cells/);
    expect(() => selectTicks(2, true, 0, 10, ['a'])).toThrow(HeatglError);
  });

  test('visibleTicks', () => {
    expect(visibleTicks(0, 10, 3)).toEqual([0, 3, 6, 9]);
    expect(visibleTicks(4, 10, 3)).toEqual([6, 9]);
    expect(visibleTicks(4.5, 12, 4)).toEqual([8, 12]);
    expect(visibleTicks(-2.5, 1, 2)).toEqual([-2, 0]);
    expect(visibleTicks(7, 5, 1)).toEqual([]);
    expect(visibleTicks(0, 5, 0)).toEqual([]);
    expect(Object.is(visibleTicks(-0.5, 3, 2)[0], -0)).toBe(false);
    expect(() => visibleTicks(0, 5, 1.5)).toThrow(HeatglError);
  });

  test('labelsOverlap', () => {
    expect(labelsOverlap([])).toBe(false);
    expect(labelsOverlap([{ start: 0, end: 5 }])).toBe(false);
    expect(labelsOverlap([{ start: 0, end: 5 }, { start: 5, end: 9 }])).toBe(false); // touching
    expect(labelsOverlap([{ start: 0, end: 5 }, { start: 4.9, end: 9 }])).toBe(true);
    expect(labelsOverlap([{ start: 5, end: 0 }, { start: 9, end: 4.9 }])).toBe(true); // reversed boxes
    expect(labelsOverlap([{ start: 2, end: 2 }, { start: 2, end: 2 }])).toBe(false); // empty labels
    expect(labelsOverlap([{ start: 2, end: 2 }, { start: 0, end: 4 }])).toBe(true);
  });

  test('MaxNLocator options and errors', () => {
    expect(maxNLocatorTicks(0, 1, 5, { steps: [1, 2, 2.5, 5, 10] })).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(maxNLocatorTicks(1, 0, 5, { steps: [1, 2, 2.5, 5, 10] })).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(maxNLocatorTicks(0, 10, 3, { integer: true })).toEqual([0, 4, 8, 12]);
    expect(() => maxNLocatorTicks(0, 1, 0)).toThrow(HeatglError);
    expect(() => maxNLocatorTicks(0, 1, 5, { steps: [2, 1] })).toThrow(/increasing/);
    expect(() => maxNLocatorTicks(0, 1, 5, { steps: [0.5, 1] })).toThrow(HeatglError);
    expect(() => maxNLocatorTicks(Number.NaN, 1, 5)).toThrow(HeatglError);
    expect(nonsingular(5, 5, 0.1)).toEqual([4.5, 5.5]);
    expect(nonsingular(0, 0, 0.1)).toEqual([-0.1, 0.1]);
    expect(nonsingular(3, 1)).toEqual([1, 3]);
  });

  test('colorbar ticks', () => {
    // seaborn.heatmap's default colourbar: 266.1 pt long, 10 pt labels -> 13 labels fit -> nbins 9.
    expect(autoTickCount(266.112, 10, 'vertical')).toBe(9);
    expect(autoTickCount(139.5, 10, 'horizontal')).toBe(4);
    expect(autoTickCount(5, 10, 'vertical')).toBe(1);
    const cb = colorbarAxis(0, 97, 266.112, 10, 'vertical');
    expect(cb.ticks).toEqual([0, 20, 40, 60, 80]); // 100 is beyond vmax: not drawn
    expect(cb.labels).toEqual(['0', '20', '40', '60', '80']);
    expect(colorbarAxis(0, 0, 266.112, 10, 'vertical').view).toEqual([-0.1, 0.1]);
    expect(() => colorbarAxis(2, 1, 266, 10, 'vertical')).toThrow(/must not exceed/);
    expect(() => colorbarAxis(0, Number.POSITIVE_INFINITY, 266, 10, 'vertical')).toThrow(HeatglError);
  });
});

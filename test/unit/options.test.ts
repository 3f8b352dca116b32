// heatmap() options resolved once, and the change rules of update(), checked in Node (no browser, no GPU).
import { describe, expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { toMatrix } from '../../src/core/matrix';
import type { HeatmapOptions } from '../../src/heatmap-options';
import { limitsTiming, needsRequantize, planChanges } from '../../src/options/changes';
import { CREATION_ONLY, resolveOptions } from '../../src/options/resolve';
import { quantizer } from '../../src/core/storage';

const m = toMatrix({ values: Float64Array.from({ length: 12 }, (_, i) => i), rows: 3, cols: 4 });
const big = { values: new Float32Array(0), rows: 5000, cols: 4000, rowLabels: undefined, colLabels: undefined };

describe('resolveOptions: every default in one place', () => {
  test('no options: seaborn heatmap defaults', () => {
    const o = resolveOptions({}, m);
    expect(o).toMatchObject({
      grid: undefined,
      interpolation: 0,
      halo: 0,
      storage: 'float32',
      reduce: 'mean',
      tileSize: undefined,
      maxGpuBytes: 2 * 2 ** 30,
      progressive: false,
      autoLimits: true,
      robust: false,
      linearNorm: true,
      lineWidth: 0,
      lineColor: [1, 1, 1, 1],
      pixelRatio: undefined,
      fmt: '.2g',
      tooltip: true,
      xlog: false,
      ylog: false,
      interactive: true,
      fallback: 'none',
      sharedContext: 'auto',
      preserveDrawingBuffer: false,
      mask: undefined,
      annot: undefined,
    });
    expect(o.space).toMatchObject({ x0: 0, x1: 4, y0: 0, y1: 3, xFlip: false, yDown: true });
    expect(o.figure.fontSize).toBe(12);
    expect(o.figure.cbar).toBe(true);
  });

  test('given options come through resolved', () => {
    const o = resolveOptions({ interpolation: 'bicubic', storage: 'uint8', reduce: 'max', linewidths: 2, linecolor: 'red', vmin: 0, vmax: 1, mask: [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]], annot: true, fmt: '.1f', interactive: false }, m);
    expect(o.interpolation).toBe(2);
    expect(o.halo).toBe(2);
    expect(o.storage).toBe('uint8');
    expect(o.reduce).toBe('max');
    expect(o.lineWidth).toBe(2);
    expect(o.lineColor).toEqual([1, 0, 0, 1]);
    expect(o.autoLimits).toBe(false);
    expect(Array.from(o.mask ?? [])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(o.annot).toBe(m.values);
    expect(o.fmt).toBe('.1f');
    expect(o.interactive).toBe(false);
  });

  test("gouraud shading interpolates bilinearly; robust, a non-linear norm or a missing limit make the limits automatic", () => {
    expect(resolveOptions({ shading: 'gouraud', xEdges: [0, 1, 2, 3, 4], yEdges: [0, 1, 2, 3] }, m).interpolation).toBe(1);
    expect(resolveOptions({ vmin: 0, vmax: 1, robust: true }, m).autoLimits).toBe(true);
    expect(resolveOptions({ vmin: 1, vmax: 10, norm: 'log' }, m).autoLimits).toBe(true);
    expect(resolveOptions({ vmin: 0 }, m).autoLimits).toBe(true);
    expect(resolveOptions({ vmin: 0, vmax: null }, m).autoLimits).toBe(true);
  });

  test("progressive: 'auto' above 2^24 cells, true / false as given", () => {
    const bigM = { ...big, values: new Float32Array(big.rows * big.cols) };
    expect(resolveOptions({}, bigM).progressive).toBe(true);
    expect(resolveOptions({ progressive: false }, bigM).progressive).toBe(false);
    expect(resolveOptions({ progressive: true }, m).progressive).toBe(true);
  });

  test('a grid gives the data space; log axes live in log10 units', () => {
    const o = resolveOptions({ xEdges: [1, 10, 100, 1000, 10000], yEdges: [0, 1, 2, 3], xscale: 'log' }, m);
    expect(o.xlog).toBe(true);
    expect(o.space.x0).toBeCloseTo(0);
    expect(o.space.x1).toBeCloseTo(4);
    expect(o.space.yDown).toBe(false);
  });

  test('bad options: a HeatglError naming the option', () => {
    expect(() => resolveOptions({ storage: 'int4' } as never, m)).toThrow(/storage must be one of/);
    expect(() => resolveOptions({ linecolor: 'nocolour' }, m)).toThrow(HeatglError);
    expect(() => resolveOptions({ mask: [[1]] }, m)).toThrow(HeatglError);
  });

  test('merged over the previous options; an unchanged mask is taken over, a given one read again', () => {
    const prev = resolveOptions({ cmap: 'viridis', mask: [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]] }, m);
    const next = resolveOptions({ vmin: 2 }, m, prev);
    expect(next.user.cmap).toBe('viridis');
    expect(next.user.vmin).toBe(2);
    expect(next.mask).toBe(prev.mask);
    const again = resolveOptions({ mask: prev.user.mask }, m, prev);
    expect(again.mask).not.toBe(prev.mask);
    expect(Array.from(again.mask ?? [])).toEqual(Array.from(prev.mask ?? []));
  });

  test.each(CREATION_ONLY)('%s: a new value in update() or setData() is an error that says so; the same value is fine', (key) => {
    const first: Record<(typeof CREATION_ONLY)[number], HeatmapOptions> = {
      interactive: { interactive: true },
      fallback: { fallback: 'none' },
      sharedContext: { sharedContext: 'auto' },
      preserveDrawingBuffer: { preserveDrawingBuffer: false },
    };
    const changed: Record<(typeof CREATION_ONLY)[number], HeatmapOptions> = {
      interactive: { interactive: false },
      fallback: { fallback: 'canvas2d' },
      sharedContext: { sharedContext: true },
      preserveDrawingBuffer: { preserveDrawingBuffer: true },
    };
    const prev = resolveOptions(first[key], m);
    expect(() => resolveOptions(changed[key], m, prev)).toThrow(new RegExp(`${key} is fixed when a heatmap is created`));
    expect(() => resolveOptions(changed[key], m, prev)).toThrow(HeatglError);
    expect(() => resolveOptions(first[key], m, prev)).not.toThrow();
    // Without a previous state (creation) every value is taken.
    expect(() => resolveOptions(changed[key], m)).not.toThrow();
  });
});

describe('planChanges: what an option change requires', () => {
  const base: HeatmapOptions = { cmap: 'rocket' };
  const plan = (from: HeatmapOptions, to: HeatmapOptions, maskGiven = false, havePercentiles = false) => {
    const prev = resolveOptions(from, m);
    return planChanges(prev, resolveOptions(to, m, prev), maskGiven, havePercentiles);
  };
  const colourOnly: [string, HeatmapOptions][] = [
    ['cmap', { cmap: 'viridis' }],
    ['vmin / vmax', { vmin: 1, vmax: 5 }],
    ['center', { center: 3 }],
    ['norm', { norm: 'log' }],
    ['badColor', { badColor: 'red' }],
    ['underColor / overColor', { underColor: 'blue', overColor: 'green' }],
    ['levels', { levels: 5 }],
    ['linewidths / linecolor', { linewidths: 1, linecolor: 'black' }],
    ['annot / fmt', { annot: true, fmt: '.1f' }],
    ['title and labels', { title: 't', xlabel: 'x', ylabel: 'y' }],
    ['cbar', { cbar: false }],
    ['reduce between pyramids', { reduce: 'max' }],
    ['interpolation within the halo', { interpolation: 'none' }],
  ];
  test.each(colourOnly)('%s: no re-upload, no new limits, same view', (_name, change) => {
    expect(plan(base, change)).toEqual({ limits: false, reupload: false, resetView: false });
  });

  const reupload: [string, HeatmapOptions, HeatmapOptions][] = [
    ['tileSize', base, { tileSize: 2 }],
    ['interpolation needs a halo', base, { interpolation: 'bilinear' }],
    ['interpolation drops the halo', { interpolation: 'bicubic' }, { interpolation: 'nearest' }],
    ['shading gouraud needs a halo', { xEdges: [0, 1, 2, 3, 4], yEdges: [0, 1, 2, 3] }, { shading: 'gouraud' }],
    ['storage', base, { storage: 'float16' }],
    ["reduce 'nearest' drops the pyramid", base, { reduce: 'nearest' }],
    ["reduce from 'nearest' makes one", { reduce: 'nearest' }, { reduce: 'min' }],
  ];
  test.each(reupload)('%s: re-upload', (_name, from, to) => {
    const p = plan(from, to);
    expect(p.reupload).toBe(true);
    expect(p.limits).toBe(false);
  });

  test('a mask given (new, or the same array edited in place): new limits and a re-upload', () => {
    expect(plan(base, { mask: [[0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]] }, true)).toEqual({ limits: true, reupload: true, resetView: false });
    expect(plan(base, { mask: null }, true)).toEqual({ limits: true, reupload: true, resetView: false });
  });

  test('robust recomputes the limits once, only when the percentiles are missing', () => {
    expect(plan(base, { robust: true }, false, false)).toEqual({ limits: true, reupload: false, resetView: false });
    expect(plan(base, { robust: true }, false, true)).toEqual({ limits: false, reupload: false, resetView: false });
  });

  test('a new data space (grid, extent, origin) resets the view; the same space keeps it', () => {
    expect(plan(base, { extent: [0, 8, 0, 6] }).resetView).toBe(true);
    expect(plan(base, { origin: 'lower' }).resetView).toBe(true);
    expect(plan({ extent: [0, 8, 0, 6] }, { extent: [0, 8, 0, 6] }).resetView).toBe(false);
    expect(plan(base, { xscale: 'linear' }).resetView).toBe(false);
  });

  test('quantised storage re-uploads when the colour range moves, float storage never', () => {
    const q = quantizer('uint8', 0, 10);
    expect(needsRequantize(q, 0, 10)).toBe(false);
    expect(needsRequantize(q, 0, 11)).toBe(true);
    expect(needsRequantize(q, -1, 10)).toBe(true);
    expect(needsRequantize(undefined, -1, 10)).toBe(false);
  });
});

describe('every option is type-checked (issue 16.8) and bounded (16.7)', () => {
  const bad: [string, HeatmapOptions, RegExp][] = [
    ['cbar', { cbar: 'no' as never }, /cbar must be true or false/],
    ['interactive', { interactive: 'no' as never }, /interactive must be true or false/],
    ['robust', { robust: 1 as never }, /robust must be true or false/],
    ['square', { square: 'yes' as never }, /square must be true or false/],
    ['preserveDrawingBuffer', { preserveDrawingBuffer: 1 as never }, /preserveDrawingBuffer must be true or false/],
    ['fontFamily', { fontFamily: 12 as never }, /fontFamily must be a string/],
    ['textColor', { textColor: [0, 0, 0] as never }, /textColor must be a string/],
    ['annotKws', { annotKws: 'big' as never }, /annotKws must be an object/],
    ['cbarKws', { cbarKws: [] as never }, /cbarKws must be an object/],
    ['fontSize', { fontSize: '12px' as never }, /fontSize must be a positive number/],
    ['sharedContext', { sharedContext: 'yes' as never }, /sharedContext must be true, false or 'auto'/],
    ['tooltip', { tooltip: 'row' as never }, /tooltip must be true, false or a function/],
    ['origin', { origin: 'top' as never }, /origin must be 'upper' or 'lower'/],
    ['levels above one texture row', { levels: 1e7 }, /levels must be at most 4096/],
    ['cmap constructor', { cmap: 'constructor' }, /unknown colormap "constructor"/],
    ['cmap __proto__', { cmap: '__proto__' }, /unknown colormap "__proto__"/],
    ['cmap toString', { cmap: 'toString' }, /unknown colormap "toString"/],
    ['cmap hasOwnProperty_r', { cmap: 'hasOwnProperty_r' }, /unknown colormap/],
  ];
  test.each(bad)('%s: a HeatglError saying what was expected', (_name, o, message) => {
    expect(() => resolveOptions(o, m)).toThrow(message);
    expect(() => resolveOptions(o, m)).toThrow(HeatglError);
  });
  test('levels up to 4096 are taken', () => {
    expect(() => resolveOptions({ levels: 4096 }, m)).not.toThrow();
  });
});

describe('limitsTiming: when a memory upload computes its colour limits', () => {
  const timing = (o: HeatmapOptions, first = true) => limitsTiming(resolveOptions(o, m), first);
  test('a first upload at once of float32 values: with the upload, unless a colour bar waits on the limits', () => {
    expect(timing({ cbar: false })).toBe('bands');
    expect(timing({ vmin: 0, vmax: 5 })).toBe('bands');
    expect(timing({})).toBe('first');
    expect(timing({ vmin: 0 })).toBe('first');
    expect(timing({ cbar: false }, false)).toBe('first');
    expect(timing({ cbar: false, storage: 'uint8' })).toBe('first');
  });
  test('progressive: in slices; robust and non-linear norms: before the upload', () => {
    expect(timing({ progressive: true })).toBe('slices');
    expect(timing({ progressive: true }, false)).toBe('slices');
    expect(timing({ progressive: true, robust: true })).toBe('first');
    expect(timing({ cbar: false, robust: true })).toBe('first');
    expect(timing({ cbar: false, norm: 'log' })).toBe('first');
  });
});

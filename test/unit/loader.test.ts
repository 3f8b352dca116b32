// The loader's upload at once with the colour limits still to compute: the limits are scanned a band ahead of the
// upload (each band checked just before it goes up), and come out the same as a scan of everything first.
import { describe, expect, test } from 'vitest';
import { type DataLimits, dataLimits } from '../../src/core/scale';
import type { BandCheck, ValueTextures } from '../../src/gl/value-textures';
import { ProgressiveLoader } from '../../src/render/loader';

interface Band {
  start: number;
  rows: number;
  cols: number;
  stride: number;
  ask: boolean;
}

/** A store that "uploads" `bands` (blocks of `values`, in this order) asking `check` about each, as
 * src/gl/value-textures.ts does; `ask: false` bands are not asked (as a block the source answered with another array). */
function fakeStore(values: Float32Array, bands: Band[], answers: boolean[], checksBands = true): ValueTextures {
  let done = false;
  const store = {
    checksBands,
    get done() {
      return done;
    },
    uploadSome(_budget: number, _max?: number, check?: BandCheck) {
      for (const b of bands) answers.push(b.ask && check ? check(values, b.start, b.rows, b.cols, b.stride) : false);
      done = true;
      return true;
    },
  };
  return store as unknown as ValueTextures;
}

function run(values: Float32Array, mask: Uint8Array | undefined, bands: Band[], checksBands = true) {
  const answers: boolean[] = [];
  let limits: DataLimits | undefined;
  let limitsBeforeUpload = false;
  const loader = new ProgressiveLoader({ limits: (l) => (limits = l), progress: () => undefined, redraw: () => undefined });
  const store = fakeStore(values, bands, answers, checksBands);
  const upload = store.uploadSome.bind(store);
  store.uploadSome = (...args) => {
    limitsBeforeUpload = limits !== undefined;
    return upload(...args);
  };
  loader.start(store, false, { values, mask });
  return { answers, limits: limits as DataLimits | undefined, limitsBeforeUpload };
}

const field = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 5 + (i % 7));
/** Whole rows [start, end) of a matrix 100 columns wide. */
const band = (start: number, end: number, ask = true): Band => ({ start, rows: (end - start) / 100, cols: 100, stride: 100, ask });

describe('limits scanned a band ahead of an upload at once', () => {
  test('finite bands: each one reported finite, the limits equal a scan of everything, and they come after the upload', () => {
    const values = field(1000);
    const r = run(values, undefined, [band(0, 300), band(300, 500), band(500, 800), band(800, 1000)]);
    expect(r.answers).toEqual([true, true, true, true]);
    expect(r.limitsBeforeUpload).toBe(false);
    const want = dataLimits(values, undefined, false);
    expect([r.limits?.min, r.limits?.max, r.limits?.count]).toEqual([want.min, want.max, want.count]);
    expect(r.limits?.minPositive).toBe(want.minPositive);
  });

  test('a band holding NaN or ±Infinity is reported not finite (it goes up encoded); the others still go up as they are', () => {
    const values = field(1000);
    values[350] = Number.NaN;
    values[900] = Number.NEGATIVE_INFINITY;
    const r = run(values, undefined, [band(0, 300), band(300, 500), band(500, 800), band(800, 1000)]);
    expect(r.answers).toEqual([true, false, true, false]);
    const want = dataLimits(values, undefined, false);
    expect([r.limits?.min, r.limits?.max, r.limits?.count]).toEqual([want.min, want.max, 998]);
    expect(want.count).toBe(998);
  });

  test('a masked cell makes its band not finite; masked values stay out of the limits', () => {
    const values = field(600);
    values[450] = 1e6;
    const mask = new Uint8Array(600);
    mask[450] = 1;
    const r = run(values, mask, [band(0, 300), band(300, 600)]);
    expect(r.answers).toEqual([true, false]);
    const want = dataLimits(values, mask, false);
    expect([r.limits?.max, r.limits?.count]).toEqual([want.max, 599]);
    expect(r.limits?.max).toBeLessThan(1e6);
  });

  test('tile columns: blocks of part of the rows, each cell checked once, the limits those of the whole matrix', () => {
    // 10 rows × 100 columns in two tile columns (60 + 40), bands of 5 rows.
    const values = field(1000);
    values[3 * 100 + 70] = Number.NaN; // right tile, first band
    values[8 * 100 + 10] = -50;
    values[9 * 100 + 99] = 77;
    const block = (row: number, col: number, cols: number): Band => ({ start: row * 100 + col, rows: 5, cols, stride: 100, ask: true });
    const r = run(values, undefined, [block(0, 0, 60), block(5, 0, 60), block(0, 60, 40), block(5, 60, 40)]);
    expect(r.answers).toEqual([true, true, false, true]);
    expect([r.limits?.min, r.limits?.max, r.limits?.count]).toEqual([-50, 77, 999]);
  });

  test('bands not checked, or one checked twice: the limits come from a whole scan afresh, every cell once', () => {
    const values = field(1000);
    values[100] = -50; // in a band that is not checked
    values[950] = 77;
    const missing = run(values, undefined, [band(0, 200, false), band(200, 400), band(400, 1000)]);
    expect(missing.answers).toEqual([false, true, true]);
    expect([missing.limits?.min, missing.limits?.max, missing.limits?.count]).toEqual([-50, 77, 1000]);
    const twice = run(values, undefined, [band(0, 400), band(200, 400), band(400, 1000)]);
    // A band checked again is still answered for what it holds; its cells are not counted twice.
    expect(twice.answers).toEqual([true, true, true]);
    expect([twice.limits?.min, twice.limits?.max, twice.limits?.count]).toEqual([-50, 77, 1000]);
  });

  test('a store that cannot check its bands (halos, quantised storage) gets the limits before the upload', () => {
    const values = field(1000);
    const r = run(values, undefined, [band(0, 500), band(500, 1000)], false);
    expect(r.limitsBeforeUpload).toBe(true);
    expect(r.answers).toEqual([false, false]);
    expect(r.limits?.count).toBe(1000);
  });

  test('another array than the pending one is never reported finite', () => {
    const values = field(100);
    const answers: boolean[] = [];
    const loader = new ProgressiveLoader({ limits: () => undefined, progress: () => undefined, redraw: () => undefined });
    const other = field(100);
    const store = {
      done: true,
      checksBands: true,
      uploadSome(_b: number, _m?: number, check?: BandCheck) {
        answers.push(check?.(other, 0, 1, 100, 100) ?? false);
        return true;
      },
    };
    loader.start(store as unknown as ValueTextures, false, { values, mask: undefined });
    expect(answers).toEqual([false]);
  });
});

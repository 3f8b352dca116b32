// The loader's upload at once with the colour limits still to compute: the limits are scanned a band ahead of the
// upload (each band checked just before it goes up), and come out the same as a scan of everything first.
import { describe, expect, test } from 'vitest';
import { type DataLimits, dataLimits } from '../../src/core/scale';
import type { BandCheck, ValueTextures } from '../../src/gl/value-textures';
import { ProgressiveLoader } from '../../src/render/loader';

/** A store that "uploads" `bands` (cell ranges of `values`, in this order) asking `check` about each, as
 * src/gl/value-textures.ts does for bands of whole matrix rows; `ask: false` bands are not asked (a tile of part of
 * the rows' columns, a halo: they go up encoded). */
function fakeStore(values: Float32Array, bands: { start: number; end: number; ask: boolean }[], answers: boolean[], rowBands = true): ValueTextures {
  let done = false;
  const store = {
    rowBands,
    get done() {
      return done;
    },
    uploadSome(_budget: number, _max?: number, check?: BandCheck) {
      for (const b of bands) answers.push(b.ask && check ? check(values, b.start, b.end) : false);
      done = true;
      return true;
    },
  };
  return store as unknown as ValueTextures;
}

function run(values: Float32Array, mask: Uint8Array | undefined, bands: { start: number; end: number; ask: boolean }[], rowBands = true) {
  const answers: boolean[] = [];
  let limits: DataLimits | undefined;
  let limitsBeforeUpload = false;
  const loader = new ProgressiveLoader({ limits: (l) => (limits = l), progress: () => undefined, redraw: () => undefined });
  const store = fakeStore(values, bands, answers, rowBands);
  const upload = store.uploadSome.bind(store);
  store.uploadSome = (...args) => {
    limitsBeforeUpload = limits !== undefined;
    return upload(...args);
  };
  loader.start(store, false, { values, mask });
  return { answers, limits: limits as DataLimits | undefined, limitsBeforeUpload };
}

const field = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 5 + (i % 7));
const band = (start: number, end: number, ask = true) => ({ start, end, ask });

describe('limits scanned a band ahead of an upload at once', () => {
  test('finite bands: each one reported finite, the limits equal a scan of everything, and they come after the upload', () => {
    const values = field(1000);
    const r = run(values, undefined, [band(0, 250), band(250, 500), band(500, 750), band(750, 1000)]);
    expect(r.answers).toEqual([true, true, true, true]);
    expect(r.limitsBeforeUpload).toBe(false);
    const want = dataLimits(values, undefined, false);
    expect([r.limits?.min, r.limits?.max, r.limits?.count]).toEqual([want.min, want.max, want.count]);
    expect(r.limits?.minPositive).toBe(want.minPositive);
  });

  test('a band holding NaN or ±Infinity is reported not finite (it goes up encoded); the others still go up as they are', () => {
    const values = field(1000);
    values[300] = Number.NaN;
    values[900] = Number.NEGATIVE_INFINITY;
    const r = run(values, undefined, [band(0, 250), band(250, 500), band(500, 750), band(750, 1000)]);
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

  test('bands not asked, skipped ranges and a band asked twice: every cell counted exactly once', () => {
    const values = field(1000);
    values[100] = -50; // in a band that is not asked: scanned with the next asked band's gap
    values[950] = 77; // after the last asked band: scanned when the upload ends
    const r = run(values, undefined, [band(0, 200, false), band(200, 400), band(400, 600), band(200, 400), band(600, 900), band(900, 1000, false)]);
    // The repeated band cannot be told apart from cells already counted: not finite (encoded), and not counted again.
    expect(r.answers).toEqual([false, true, true, false, true, false]);
    const want = dataLimits(values, undefined, false);
    expect([r.limits?.min, r.limits?.max, r.limits?.count]).toEqual([-50, 77, 1000]);
    expect([want.min, want.max]).toEqual([-50, 77]);
  });

  test('a store whose bands are not whole rows (tile columns, halos) gets the limits before the upload', () => {
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
      rowBands: true,
      uploadSome(_b: number, _m?: number, check?: BandCheck) {
        answers.push(check?.(other, 0, 100) ?? false);
        return true;
      },
    };
    loader.start(store as unknown as ValueTextures, false, { values, mask: undefined });
    expect(answers).toEqual([false]);
  });
});

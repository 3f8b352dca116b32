// matplotlib norms on the GPU equal the CPU reference (src/core/norms.ts, itself tested against matplotlib) at every
// cell centre: log (with zeros and negatives drawn as bad), symlog, power, boundary, twoslope, centered, under/over.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { toMask, toMatrix } from '../../src/core/matrix';
import { colorOf, dataLimits, resolveScale, type ScaleOptions } from '../../src/core/scale';
import { encodeValues, expectColors, type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

const ROWS = 19;
const COLS = 27;
let seed = 99;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
// Spans decades, crosses zero, has exact boundary hits and a few NaNs.
const values = Array.from({ length: ROWS * COLS }, (_, i) =>
  i % 31 === 0 ? Number.NaN : i % 13 === 0 ? 0 : i % 17 === 0 ? 2 : (rand() < 0.2 ? -1 : 1) * 10 ** (rand() * 5 - 2),
);

function cpu(opts: ScaleOptions): number[] {
  const m = toMatrix({ values, rows: ROWS, cols: COLS });
  const scale = resolveScale(dataLimits(m.values, toMask(undefined, ROWS, COLS), opts.robust === true), opts);
  const out: number[] = [];
  const c = [0, 0, 0, 0];
  for (const v of values) {
    colorOf(v, false, scale, c);
    const a = (c[3] as number) / 255;
    out.push((c[0] as number) * a, (c[1] as number) * a, (c[2] as number) * a, c[3] as number);
  }
  return out;
}

const cases: [string, ScaleOptions][] = [
  ['log (autoscaled on positive values; <= 0 is bad)', { norm: 'log', cmap: 'viridis' }],
  ['log with vmin/vmax, under/over colours', { norm: { type: 'log' }, vmin: 0.1, vmax: 100, cmap: 'magma', underColor: 'blue', overColor: 'red', badColor: 'grey' }],
  ['symlog', { norm: { type: 'symlog', linthresh: 0.1, linscale: 0.5 }, cmap: 'RdBu_r' }],
  ['symlog base e', { norm: { type: 'symlog', linthresh: 1, base: Math.E }, cmap: 'coolwarm' }],
  ['power gamma 0.3', { norm: { type: 'power', gamma: 0.3 }, vmin: 0, vmax: 50, cmap: 'plasma' }],
  ['boundary, 5 bins on a 7-colour list', { norm: { type: 'boundary', boundaries: [-1, 0, 0.5, 2, 10, 100], ncolors: 7 }, cmap: ['#440154', '#443983', '#31688e', '#21918c', '#35b779', '#90d743', '#fde725'] }],
  ['boundary with extend both', { norm: { type: 'boundary', boundaries: [0, 1, 2, 5, 20], ncolors: 256, extend: 'both' }, cmap: 'viridis' }],
  ['twoslope', { norm: { type: 'twoslope', vcenter: 1 }, vmin: -1, vmax: 300, cmap: 'vlag' }],
  ['centered', { norm: { type: 'centered', vcenter: 0.5 }, cmap: 'icefire' }],
  ['linear with under/over colours (matplotlib set_under / set_over)', { vmin: 0.5, vmax: 20, cmap: 'viridis', underColor: 'blue', overColor: 'red' }],
  ['levels: 6 discrete steps', { levels: 6, cmap: 'viridis', vmin: -1, vmax: 20 }],
];

describe('GPU norms equal the CPU reference at every cell centre', () => {
  for (const [name, opts] of cases) {
    test(name, async () => {
      const want = cpu(opts);
      const got = await h.page.evaluate(
        (values, rows, cols, opts) => {
          const w = window as any;
          w.clearBoxes();
          const hm = w.heatgl.heatmap(w.makeBox(cols * 12, rows * 10), { values: Float64Array.from(values, Number), rows, cols }, { ...w.PLAIN, ...opts, pixelRatio: 1, interactive: false });
          const out = w.probeFull(hm, rows, cols);
          hm.destroy();
          return out as number[];
        },
        encodeValues(values),
        ROWS,
        COLS,
        opts as Record<string, unknown>,
      );
      expectColors(got, want, COLS, 2, name);
    });
  }
});

// GPU picture vs the CPU reference (src/core/scale.ts colorOf) for several option sets, tiling, and a real
// 10000 × 10000 matrix split over MAX_TEXTURE_SIZE textures.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toMask, toMatrix } from '../../src/core/matrix';
import { colorOf, dataLimits, resolveScale, type ScaleOptions } from '../../src/core/scale';
import { encodeValues, expectColors, type HarnessPage, openPage } from './page';
import { rng } from '../support/random';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

/** Expected straight-alpha colours, premultiplied as the drawing buffer holds them. */
function cpuReference(values: ArrayLike<number>, rows: number, cols: number, opts: ScaleOptions & { mask?: unknown }): number[] {
  const m = toMatrix({ values, rows, cols });
  const mask = toMask(opts.mask as never, rows, cols);
  const scale = resolveScale(dataLimits(m.values, mask, opts.robust === true), opts);
  const out: number[] = [];
  const c = [0, 0, 0, 0];
  for (let i = 0; i < rows * cols; i++) {
    colorOf(values[i] as number, mask?.[i] === 1, scale, c);
    const a = (c[3] as number) / 255;
    out.push((c[0] as number) * a, (c[1] as number) * a, (c[2] as number) * a, c[3] as number);
  }
  return out;
}

async function gpu(values: ArrayLike<number>, rows: number, cols: number, opts: Record<string, unknown>, type = 'Float64Array') {
  return h.page.evaluate(
    (values, rows, cols, opts, type) => {
      const w = window as any;
      w.clearBoxes();
      const el = w.makeBox(Math.max(cols * 9, 200), Math.max(rows * 7, 150));
      const data = { values: (globalThis as any)[type].from(values, Number), rows, cols };
      const hm = w.heatgl.heatmap(el, data, { ...opts, pixelRatio: 1, interactive: false });
      const out = w.probeFull(hm, rows, cols);
      hm.destroy();
      return out as number[];
    },
    encodeValues(values),
    rows,
    cols,
    opts,
    type,
  );
}

describe('GPU equals the CPU reference at every cell centre', () => {
  const rand = rng(7);
  const rows = 23;
  const cols = 31;
  const normal = Array.from({ length: rows * cols }, () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()));
  const withNaN = normal.map((v, i) => (i % 17 === 3 ? Number.NaN : i % 29 === 5 ? Infinity : v));
  const ints = normal.map((v) => Math.round(v * 100));
  const mask = Uint8Array.from({ length: rows * cols }, (_, i) => (i % 13 === 0 ? 1 : 0));
  const cases: [string, number[], Record<string, unknown>, string?][] = [
    ['defaults (rocket, data range)', normal, {}],
    ['vmin/vmax with viridis', normal, { vmin: -1, vmax: 1, cmap: 'viridis' }],
    ['center with a reversed map', normal, { center: 0.5, cmap: 'RdBu_r' }],
    ['robust with magma', normal, { robust: true, cmap: 'magma' }],
    ['Int16Array data, flat mask, badColor', ints, { mask: Array.from(mask), badColor: 'steelblue', cmap: 'YlGnBu' }, 'Int16Array'],
    ['Float32Array with NaN and Infinity', withNaN, { cmap: 'turbo' }, 'Float32Array'],
    ['semi-transparent badColor', withNaN, { cmap: 'mako', badColor: 'rgba(255, 0, 0, 0.5)' }],
    ['list of colours (hard steps)', normal, { cmap: ['#000', 'white', 'rgb(255, 0, 0)', 'darkorange'] }],
    ['a colormap-package name', normal, { cmap: 'portland' }],
    ['Uint8Array data', ints.map((v) => Math.abs(v) % 256), { cmap: 'Greys_r' }, 'Uint8Array'],
  ];
  for (const [name, values, opts, type] of cases) {
    test(name, async () => {
      const typed = type === 'Int16Array' ? Int16Array.from(values) : type === 'Uint8Array' ? Uint8Array.from(values) : type === 'Float32Array' ? Float32Array.from(values) : Float64Array.from(values);
      const want = cpuReference(typed, rows, cols, opts);
      const got = await gpu(typed, rows, cols, opts, type ?? 'Float64Array');
      expectColors(got, want, cols, 2, name);
    });
  }
  test('NaN and masked cells are transparent by default', async () => {
    const got = await gpu(withNaN, rows, cols, { mask: Array.from(mask) });
    for (let i = 0; i < rows * cols; i++) {
      const bad = !Number.isFinite(withNaN[i] as number) || mask[i] === 1;
      expect(got[i * 4 + 3], `cell ${i}`).toBe(bad ? 0 : 255);
    }
  });
});

describe('tiling', () => {
  test('a forced small tile size draws the same picture as one texture, also zoomed', async () => {
    const res = await h.page.evaluate(() => {
      const w = window as any;
      const rows = 37;
      const cols = 50;
      const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.011) + (i % 7 === 0 ? Number.NaN : 0));
      const views = [
        [0, cols, 0, rows],
        [6.3, 19.1, 4.2, 13.7],
      ];
      const pictures: { textures: number; px: { width: number; height: number; data: Uint8Array }[] }[] = [];
      for (const tileSize of [undefined, 8, 5]) {
        w.clearBoxes();
        const hm = w.heatgl.heatmap(w.makeBox(503, 311), { values, rows, cols }, { tileSize, pixelRatio: 1, cmap: 'viridis' });
        const px = [];
        for (const [x0, x1, y0, y1] of views) {
          hm.setView({ x: [x0, x1], y: [y0, y1] });
          px.push(hm.readPixels());
        }
        pictures.push({ textures: hm.stats().valueTextures, px });
        hm.destroy();
      }
      // Every pixel equal, except where the pixel's centre lies within 1/8 px of a cell edge: there the shader's
      // interpolated position (off by up to ~0.03 px on SwiftShader, differently in each tile's quad) may pick either cell.
      const near = (v: number[], x: number, y: number, p: { width: number; height: number }) => {
        const cx = (v[1]! - v[0]!) / p.width;
        const cy = (v[3]! - v[2]!) / p.height;
        const dx = v[0]! + (x + 0.5) * cx;
        const dy = v[2]! + (y + 0.5) * cy;
        return Math.abs(dx - Math.round(dx)) / cx < 1 / 8 || Math.abs(dy - Math.round(dy)) / cy < 1 / 8;
      };
      return pictures.map((p) => {
        let differ = 0;
        let skipped = 0;
        p.px.forEach((pic, k) => {
          const ref = pictures[0]!.px[k]!;
          for (let y = 0; y < pic.height; y++) {
            for (let x = 0; x < pic.width; x++) {
              const i = (y * pic.width + x) * 4;
              if ([0, 1, 2, 3].every((c) => pic.data[i + c] === ref.data[i + c])) continue;
              if (near(views[k]!, x, y, pic)) skipped++;
              else differ++;
            }
          }
        });
        return { textures: p.textures, differ, skipped };
      });
    });
    expect(res.map((r) => r.textures)).toEqual([1, 5 * 7, 8 * 10]);
    expect(res.map((r) => r.differ)).toEqual([0, 0, 0]);
    // Only the odd pixel a hair from a cell edge may differ.
    console.log(`tiles of 8 / 5: ${res[1]?.skipped} / ${res[2]?.skipped} pixels a hair from a cell edge differ from one texture`);
    for (const r of res) expect(r.skipped).toBeLessThan(600);
  });

  test('a real 10000 × 10000 matrix spans several MAX_TEXTURE_SIZE tiles; cells across the seams are right', async () => {
    const res = await h.page.evaluate(async () => {
      const w = window as any;
      const n = 10000;
      const values = new Float32Array(n * n);
      // A value that changes every cell, so an off-by-one at a tile seam changes the colour.
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) values[r * n + c] = ((r * 7 + c * 13) % 256) / 255;
      w.clearBoxes();
      const t0 = performance.now();
      // 100 M cells upload progressively by default: wait for the last band.
      const hm = w.heatgl.heatmap(w.makeBox(400, 400), { values, rows: n, cols: n }, { ...w.PLAIN, pixelRatio: 1, cmap: 'turbo', interactive: false, vmin: 0, vmax: 1 });
      await hm.loaded();
      hm.render();
      const firstMs = performance.now() - t0;
      const stats = hm.stats();
      const seam = stats.maxTextureSize;
      // 20 × 20 cells straddling the seams of the 4 tiles: each cell is 20 × 20 px.
      hm.setView({ x: [seam - 10, seam + 10], y: [seam - 10, seam + 10] });
      const px = hm.readPixels();
      const scale = hm.getScale();
      let bad = 0;
      const samples: string[] = [];
      for (let r = 0; r < 20; r++) {
        for (let c = 0; c < 20; c++) {
          const row = seam - 10 + r;
          const col = seam - 10 + c;
          const want = w.heatgl.colorOf(values[row * n + col], false, scale);
          const i = ((r * 20 + 10) * px.width + c * 20 + 10) * 4;
          const got = Array.from(px.data.slice(i, i + 4)) as number[];
          if (got.some((v, k) => Math.abs(v - want[k]) > 2)) {
            bad++;
            if (samples.length < 5) samples.push(`${row},${col}: ${got} vs ${want}`);
          }
        }
      }
      hm.destroy();
      return { bad, samples, textures: stats.valueTextures, maxTextureSize: stats.maxTextureSize, firstMs };
    });
    console.log(`10000² first frame ${res.firstMs.toFixed(0)} ms, ${res.textures} value textures of at most ${res.maxTextureSize}²`);
    expect(res.textures).toBe(Math.ceil(10000 / res.maxTextureSize) ** 2);
    expect(res.textures).toBeGreaterThan(1);
    expect(res.samples).toEqual([]);
    expect(res.bad).toBe(0);
  });
});

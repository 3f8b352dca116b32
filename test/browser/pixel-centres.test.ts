// Which cell a pixel shows, pixel by pixel, where it is decided by a hair: plain cells come from the interpolated data
// position or texture coordinate (src/gl/heatmap-layer.ts: each tile's quad on whole pixels, positions TIE_PX ahead), and
// several tiles split the pixels between them on the CPU. At 2 and 4 cells a pixel every pixel centre lies exactly on a
// cell edge (at 1/2 ... 1/16 every 2nd ... 16th), and the pixel must show the cell after it, as floor() of the exact
// position does — in one texture and across tile seams.
// Also: the variants that leave the bad-colour select out (every value finite) give way when NaN arrives.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
});
afterAll(async () => h.close());

const COLS = 1024;
const ROWS = 768;
// A 256 × 192 px box over the 1024 × 768 matrix: 4 cells a pixel in the full view, 2 in the zoomed ones, then 1, 1/2
// ... 1/16 (the last four starting half a pixel early, so that every 2nd ... 16th pixel centre lies exactly on a cell edge).
// Up to SAMPLER_TEXEL_PX = 8 px a cell the NEAREST sampler picks the cell (HEATGL_SNAP 2), above it the shader.
const VIEWS: [number, number, number, number][] = [
  [0, COLS, 0, ROWS],
  [256, 768, 192, 576],
  [100, 612, 0, 384],
  [0, 256, 0, 192],
  [383.75, 511.75, 95.75, 191.75],
  [383.875, 447.875, 95.875, 143.875],
  [383.9375, 415.9375, 95.9375, 119.9375],
  [383.96875, 399.96875, 95.96875, 107.96875],
];

describe('a pixel centre on a cell edge shows the cell after it', () => {
  for (const tileSize of [undefined, 300]) {
    test(`${tileSize === undefined ? 'one texture' : `tiles of ${tileSize} (pixels split between tiles at the seams)`}: every pixel of 8 views at 4 ... 1/16 cells a pixel`, async () => {
      const res = await h.page.evaluate(
        (cols, rows, views, tileSize) => {
          const w = window as any;
          w.clearBoxes();
          // value = (col mod 16) × 16 + (row mod 16): with vmin 0, vmax 256 each value is its own viridis LUT entry.
          const values = new Float32Array(rows * cols);
          for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = (c % 16) * 16 + (r % 16);
          const hm = w.heatgl.heatmap(w.makeBox(256, 192), { values, rows, cols }, { ...w.PLAIN, pixelRatio: 1, interactive: false, cmap: 'viridis', vmin: 0, vmax: 256, reduce: 'nearest', tileSize });
          const lut: number[] = Array.from(hm.getScale().lut.rgba);
          const out: { view: number[]; textures: number; wrong: number; first: string[] }[] = [];
          for (const [x0, x1, y0, y1] of views) {
            hm.setView({ x: [x0, x1], y: [y0, y1] });
            const px = hm.readPixels();
            const cppX = (x1 - x0) / px.width;
            const cppY = (y1 - y0) / px.height;
            let wrong = 0;
            const first: string[] = [];
            for (let y = 0; y < px.height; y++) {
              // Float64 and dyadic: exact. readPixels is top row first.
              const row = Math.floor(y0 + (y + 0.5) * cppY);
              for (let x = 0; x < px.width; x++) {
                const col = Math.floor(x0 + (x + 0.5) * cppX);
                const v = (col % 16) * 16 + (row % 16);
                const i = (y * px.width + x) * 4;
                const ok = [0, 1, 2].every((k) => Math.abs(px.data[i + k] - lut[v * 4 + k]) <= 1);
                if (!ok) {
                  wrong++;
                  if (first.length < 4) first.push(`pixel (${x}, ${y}) should show cell (${row}, ${col})`);
                }
              }
            }
            out.push({ view: [x0, x1, y0, y1], textures: hm.stats().valueTextures, wrong, first });
          }
          hm.destroy();
          return out;
        },
        COLS,
        ROWS,
        VIEWS,
        tileSize,
      );
      for (const r of res) {
        expect(r.textures).toBe(tileSize === undefined ? 1 : 12);
        expect(r.first, `view ${r.view}: ${r.wrong} pixels show another cell`).toEqual([]);
      }
    });
  }
});

test('NaN written into an all-finite matrix is drawn in the bad colour (the variant without that select gives way)', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const values = Float32Array.from({ length: 16 }, (_, i) => i);
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), { values, rows: 4, cols: 4 }, { ...w.PLAIN, pixelRatio: 1, interactive: false, cmap: 'viridis', badColor: 'red' });
    const before = w.probeFull(hm, 4, 4).slice(20, 24);
    hm.updateRegion(1, 1, { values: [Number.NaN], rows: 1, cols: 1 });
    const after = w.probeFull(hm, 4, 4).slice(20, 24);
    hm.destroy();
    return { before, after };
  });
  expect(res.before).not.toEqual([255, 0, 0, 255]);
  expect(res.after).toEqual([255, 0, 0, 255]);
});

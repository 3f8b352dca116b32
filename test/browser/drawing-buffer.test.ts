// Canvases larger than the browser's drawing buffer (issue 16.5). Chromium clamps a WebGL buffer past its limits
// (SwiftShader: 8192 a side and about 33 M pixels) without a word, keeping the canvas size: the picture was cut and
// scaled. The screen canvas is now drawn at a lower pixel ratio (reported by stats()), exports past the buffer are
// drawn in tiles, and an export past EXPORT_PIXELS is refused before anything is allocated.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectColors, type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

const ROWS = 7;
const COLS = 9;
const VALUES = Array.from({ length: ROWS * COLS }, (_, i) => (i * 37) % (ROWS * COLS));

test('a 2600 × 2000 container at pixelRatio 3 is drawn at a ratio the buffer holds, every cell right', async () => {
  const res = await h.page.evaluate(
    (values, rows, cols) => {
      const w = window as any;
      w.clearBoxes();
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
      try {
        const hm = w.heatgl.heatmap(w.makeBox(2600, 2000), { values, rows, cols }, { ...w.PLAIN, pixelRatio: 3 });
        hm.render();
        hm.render();
        const got = w.probeFull(hm, rows, cols);
        const scale = hm.getScale();
        const want = values.flatMap((v: number) => w.heatgl.colorOf(v, false, scale));
        const s = hm.stats();
        const size = [hm.canvas.width, hm.canvas.height];
        hm.destroy();
        return { got, want, ratio: s.pixelRatio, asked: s.pixelRatioAsked, size, warnings };
      } finally {
        console.warn = warn;
      }
    },
    VALUES,
    ROWS,
    COLS,
  );
  expectColors(res.got, res.want, COLS, 2, 'screen at a lowered ratio');
  expect(res.asked).toBe(3);
  expect(res.ratio).toBeLessThan(3);
  expect(res.ratio).toBeGreaterThan(1);
  expect(res.size[0]).toBe(Math.round(2600 * res.ratio));
  expect(res.warnings.length).toBe(1);
  expect(res.warnings[0]).toMatch(/pixel ratio 3 lowered/);
});

test('toCanvas({ scale: 10 }) of an 800 × 600 figure is drawn in tiles: every cell and the tile seams right', async () => {
  // At scale 10 the browser would clamp the buffer (8000 × 6000 is past SwiftShader's 33 M pixels); at 6 (4800 × 3600)
  // it would not, but the tiles still are 4096 wide: the flipped grid checks where each tile's view lies.
  for (const [scale, extra] of [[10, {}], [6, { extent: [0, COLS, 0, ROWS], origin: 'lower' }]] as const) {
    const res = await h.page.evaluate(
      (values, rows, cols, scale, extra) => {
        const w = window as any;
        w.clearBoxes();
        const hm = w.heatgl.heatmap(w.makeBox(800, 600), { values, rows, cols }, { ...w.PLAIN, pixelRatio: 1, ...extra });
        const out: HTMLCanvasElement = hm.toCanvas({ scale });
        const ctx = out.getContext('2d') as CanvasRenderingContext2D;
        const colors = hm.getScale();
        const lower = (extra as { origin?: string }).origin === 'lower';
        const got: number[] = [];
        const want: number[] = [];
        const probe = (x: number, y: number) => {
          got.push(...ctx.getImageData(x, y, 1, 1).data);
          const c = Math.floor((x / out.width) * cols);
          const r0 = Math.floor((y / out.height) * rows);
          const r = lower ? rows - 1 - r0 : r0;
          want.push(...w.heatgl.colorOf(values[r * cols + c], false, colors));
        };
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) probe(Math.floor(((c + 0.5) / cols) * out.width), Math.floor(((r + 0.5) / rows) * out.height));
        // Both sides of the tile seams (4096 device pixels), away from cell edges.
        for (const x of [4095, 4096]) for (const y of [100, 3000, 3500, 4095, 4096, 5900]) if (y < out.height) probe(x, y);
        const screen = hm.stats().pixelRatio;
        const back = [hm.canvas.width, hm.canvas.height];
        hm.destroy();
        return { got, want, size: [out.width, out.height], screen, back };
      },
      VALUES,
      ROWS,
      COLS,
      scale,
      extra as Record<string, unknown>,
    );
    expect(res.size).toEqual([800 * scale, 600 * scale]);
    expectColors(res.got, res.want, COLS, 2, `export at scale ${scale} ${JSON.stringify(extra)}`);
    // The screen canvas is drawn at its own ratio again afterwards.
    expect(res.screen).toBe(1);
    expect(res.back).toEqual([800, 600]);
  }
});

test('an export past EXPORT_PIXELS is refused with a HeatglError before anything is drawn; the picture stays', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(800, 600), [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    hm.render();
    const before = Array.from(hm.readPixels().data).join();
    let frames = 0;
    hm.on('render', () => frames++);
    let error = '';
    try {
      hm.toCanvas({ scale: 100 });
    } catch (e) {
      error = `${e instanceof w.heatgl.HeatglError ? 'HeatglError' : (e as Error).constructor.name}: ${(e as Error).message}`;
    }
    const after = Array.from(hm.readPixels().data).join();
    hm.destroy();
    return { error, frames, same: before === after };
  });
  expect(res.error).toMatch(/^HeatglError: an export of this 800 × 600 figure at scale 100 would have 4800000000 pixels, over the limit of 134217728/);
  // readPixels() draws once; the refused export drew nothing.
  expect(res.frames).toBe(1);
  expect(res.same).toBe(true);
});

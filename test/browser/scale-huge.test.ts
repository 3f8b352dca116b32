// 400 M cells: a 20000 × 20000 matrix with quantised storage loads progressively, draws and pans, and the cells read
// back equal the CPU colours of the stored (quantised) values. Too heavy for `npm test` on a 2-core machine: it runs
// in `npm run test:scale` (HEATGL_HUGE=1), which .ci/run also calls.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

const huge = process.env.HEATGL_HUGE === '1';
let h: HarnessPage;
beforeAll(async () => {
  if (huge) h = await openPage(900, 700);
});
afterAll(async () => {
  if (huge) await h.close();
});

test.runIf(huge)("20000 × 20000 (400 M cells) with storage 'uint8': progressive load, draw, pan; cells equal the quantised CPU colours", { timeout: 600_000 }, async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    const hg = w.heatgl;
    w.clearBoxes();
    const n = 20000;
    const t0 = performance.now();
    // 1.6 GB of float32 input in the page; the GPU holds 1 byte a cell.
    const values = new Float32Array(n * n);
    for (let r = 0; r < n; r++) {
      const a = Math.sin(r * 0.0007);
      for (let c = 0; c < n; c++) values[r * n + c] = a * Math.cos(c * 0.0011) + ((r * 31 + c * 17) % 64) / 256;
    }
    const genMs = performance.now() - t0;
    const t1 = performance.now();
    const hm = hg.heatmap(w.makeBox(800, 600), { values, rows: n, cols: n }, { ...w.PLAIN, pixelRatio: 1, interactive: false, storage: 'uint8', vmin: -1, vmax: 1.25, cmap: 'viridis' });
    let events = 0;
    hm.on('progress', () => events++);
    await hm.loaded();
    hm.readPixels();
    const loadMs = performance.now() - t1;
    const stats = hm.stats();
    // Pans and zooms: full view, then 12 views of 40 × 30 cells all over the matrix, each checked cell by cell.
    const q = hg.quantizer('uint8', -1, 1.25);
    const scale = hm.getScale();
    const redraws: number[] = [];
    let bad = 0;
    const samples: string[] = [];
    for (let k = 0; k < 12; k++) {
      const x0 = Math.floor(((k * 7919) % 97) / 97 * (n - 40));
      const y0 = Math.floor(((k * 104729) % 89) / 89 * (n - 30));
      hm.setView({ x: [x0, x0 + 40], y: [y0, y0 + 30] });
      const ta = performance.now();
      const px = hm.readPixels();
      redraws.push(performance.now() - ta);
      for (let r = 0; r < 30; r++) {
        for (let c = 0; c < 40; c++) {
          const v = values[(y0 + r) * n + x0 + c] as number;
          const want = hg.colorOf(q.decode(q.encode(v)), false, scale);
          const i = ((Math.floor((r + 0.5) * (px.height / 30)) * px.width) + Math.floor((c + 0.5) * (px.width / 40))) * 4;
          if ([0, 1, 2, 3].some((j) => Math.abs((px.data[i + j] as number) - want[j]) > 1)) {
            bad++;
            if (samples.length < 4) samples.push(`(${y0 + r}, ${x0 + c}) ${Array.from(px.data.slice(i, i + 4))} vs ${want}`);
          }
        }
      }
    }
    hm.resetView();
    const ta = performance.now();
    hm.readPixels();
    const fullRedraw = performance.now() - ta;
    hm.destroy();
    w.clearBoxes();
    return { genMs, loadMs, events, stats, redraws, fullRedraw, bad, samples };
  });
  const med = [...res.redraws].sort((a, b) => a - b)[6] as number;
  console.log(
    `20000² uint8: data made in ${(res.genMs / 1000).toFixed(1)} s; loaded and drawn in ${(res.loadMs / 1000).toFixed(1)} s over ${res.events} slices; ` +
      `${res.stats.valueTextures} tiles, ${(res.stats.gpuBytes / 2 ** 20).toFixed(0)} MiB on the GPU (pyramid ${(res.stats.levelBytes / 2 ** 20).toFixed(0)} MiB); ` +
      `zoomed redraw + readback median ${med.toFixed(0)} ms, full view ${res.fullRedraw.toFixed(0)} ms`,
  );
  expect(res.samples).toEqual([]);
  expect(res.bad).toBe(0);
  expect(res.stats.valueTextures).toBe(9);
  expect(res.stats.storage).toBe('uint8');
  expect(res.stats.gpuBytes).toBeLessThan(20000 * 20000 * 1.3);
  expect(res.events).toBeGreaterThan(100);
});

// 10 M points load and draw as a density: the whole mass arrives (Σ density × pixel area = Σ weights for kernels that
// lie inside the view). Heavy on SwiftShader (about 20 s): it runs in `npm run test:scale` (HEATGL_HUGE=1).
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

test.runIf(huge)('10 M points load and draw; the density integrates to the number of points', { timeout: 600_000 }, async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 10_000_000;
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    let s = 7;
    const rnd = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
    // Clusters and uniform noise, all at least 10 % of the extent away from its border.
    for (let i = 0; i < n; i++) {
      const c = i % 5;
      const u = rnd();
      const v = rnd();
      x[i] = c === 4 ? 0.1 + 0.8 * u : 0.2 + 0.15 * c + 0.05 * (u - 0.5);
      y[i] = c === 4 ? 0.1 + 0.8 * v : 0.3 + 0.1 * c + 0.05 * (v - 0.5);
    }
    const t0 = performance.now();
    const dm = w.heatgl.densitymap(w.makeBox(600, 450), { x, y }, { radiusPixels: 1, pixelRatio: 1, interactive: false, extent: [0, 1, 0, 1], cmap: 'magma' });
    const grid = dm.readDensity();
    const ms = performance.now() - t0;
    // radiusPixels: density per CSS px² (pixelRatio 1: one pixel = 1 px²), so the pixels sum to the points' count.
    let total = 0;
    for (let i = 0; i < grid.data.length; i++) total += grid.data[i] as number;
    const stats = dm.stats();
    dm.destroy();
    w.clearBoxes();
    return { ms, total, n, stats };
  });
  console.log(`10 M points: loaded, aggregated ('${res.stats.aggregation.method}') and read back in ${(res.ms / 1000).toFixed(1)} s; Σ density = ${res.total.toFixed(0)} (${((res.total / res.n - 1) * 100).toFixed(4)} % off)`);
  expect(Math.abs(res.total / res.n - 1)).toBeLessThan(1e-3);
});

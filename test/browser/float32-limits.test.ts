// Values the GPU's float32 cannot draw faithfully are refused with a HeatglError, and a refused setData keeps the
// previous picture (issue 16.3): epoch-millisecond data drew in one colour, 3.4e38 / 1e39 cells transparent.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
});
afterAll(async () => h.close());

test('heatmap() and setData refuse what float32 cannot draw; the previous picture stays', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const attempt = (run: () => unknown) => {
      try {
        run();
        return 'ok';
      } catch (e) {
        return `${e instanceof w.heatgl.HeatglError ? 'HeatglError' : (e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    const epochMs = { values: [0, 250, 500, 750].map((v) => 1.7e12 + v), rows: 2, cols: 2 };
    const created = attempt(() => w.heatgl.heatmap(w.makeBox(200, 200), epochMs, { ...w.PLAIN, pixelRatio: 1 }));
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    const before = Array.from(hm.readPixels().data).join();
    const huge = attempt(() => hm.setData({ values: [1, 2, 3.4e38, 1e39], rows: 2, cols: 2 }));
    const wide = attempt(() => hm.setData({ values: [-3e38, 0, 1, 3e38], rows: 2, cols: 2 }));
    const ms = attempt(() => hm.setData(epochMs));
    hm.render();
    const after = Array.from(hm.readPixels().data).join();
    hm.destroy();
    return { created, huge, wide, ms, same: before === after };
  });
  expect(res.created).toMatch(/^HeatglError: .*too narrow for its magnitude/);
  expect(res.huge).toMatch(/^HeatglError: .*1e\+39 is beyond ±3.4e38/);
  expect(res.wide).toMatch(/^HeatglError: .*wider than float32 holds/);
  expect(res.ms).toMatch(/^HeatglError: .*subtract an offset/);
  expect(res.same).toBe(true);
});

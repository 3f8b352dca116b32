// Leak-free lifecycle: many create/destroy cycles of a 1000 × 1000 heatmap leave the JS heap flat, delete every GL
// object they created, and leave no DOM node or listener behind.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(600, 400);
});
afterAll(async () => h.close());

// npm test runs 150 cycles; the scale run (npm run test:scale, also in .ci/run) runs the 1000.
const CYCLES = Number(process.env.HEATGL_LEAK_CYCLES ?? 150);

test(`${CYCLES} create/destroy cycles of a 1000 × 1000 heatmap: GL objects all deleted, heap flat, DOM clean`, { timeout: 900_000 }, async () => {
  const cdp = await h.page.createCDPSession();
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await h.page.metrics();
    return m.JSHeapUsedSize ?? 0;
  };
  await h.page.evaluate(() => {
    const w = window as any;
    // Count live GL objects: every create* minus every delete*, across all contexts.
    const live: Record<string, number> = {};
    w.glLive = live;
    const proto = WebGLRenderingContext.prototype as any;
    for (const kind of ['Texture', 'Buffer', 'Framebuffer', 'Renderbuffer', 'Program', 'Shader']) {
      const create = proto[`create${kind}`];
      const del = proto[`delete${kind}`];
      live[kind] = 0;
      proto[`create${kind}`] = function (this: unknown, ...args: unknown[]) {
        const o = create.apply(this, args);
        if (o) live[kind] = (live[kind] as number) + 1;
        return o;
      };
      proto[`delete${kind}`] = function (this: unknown, o: unknown) {
        if (o) live[kind] = (live[kind] as number) - 1;
        return del.call(this, o);
      };
    }
    w.values = Float32Array.from({ length: 1000 * 1000 }, (_, i) => Math.sin(i * 0.001));
    w.cycle = (n: number) => {
      for (let i = 0; i < n; i++) {
        w.clearBoxes();
        const hm = w.heatgl.heatmap(w.makeBox(300, 200), { values: w.values, rows: 1000, cols: 1000 }, { pixelRatio: 1, annot: false });
        hm.on('render', () => undefined);
        hm.render();
        hm.destroy();
      }
    };
  });
  await h.page.evaluate(() => (window as any).cycle(10));
  const before = await heap();
  await h.page.evaluate((n) => (window as any).cycle(n), CYCLES);
  const after = await heap();
  const state = await h.page.evaluate(() => ({
    live: (window as any).glLive,
    nodes: document.querySelectorAll('.heatgl, .heatgl canvas, .heatgl-tooltip').length,
  }));
  console.log(`heap before ${(before / 2 ** 20).toFixed(1)} MiB, after ${CYCLES} cycles ${(after / 2 ** 20).toFixed(1)} MiB; live GL objects ${JSON.stringify(state.live)}`);
  for (const [kind, n] of Object.entries(state.live)) expect(n, `live ${kind} objects`).toBe(0);
  expect(state.nodes).toBe(0);
  // A leak of even 1% of one matrix (40 KB) per cycle would add 6 MB over 150 cycles (40 MB over 1000).
  expect(after - before).toBeLessThan(4 * 2 ** 20);
});

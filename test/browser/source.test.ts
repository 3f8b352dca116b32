// The data-source seam: a source whose blocks arrive later (a promise per getTile, out of order) fills the value
// textures band by band and ends with exactly the picture of the same matrix held in memory.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(500, 400);
});
afterAll(async () => h.close());

test('an asynchronous source (blocks arriving out of order) draws the same pixels as the in-memory matrix', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    // Modules the public API does not export, straight from the dev server (a dynamic import the bundler leaves alone).
    const load = new Function('path', 'return import(path)') as (path: string) => Promise<any>;
    const { createRenderer } = await load('/src/render/renderer.ts');
    const { createMemorySource } = await load('/src/source/memory-source.ts');
    const { resolveScale, dataLimits } = w.heatgl;
    const { fullView, cellSpace } = await load('/src/core/camera.ts');
    const rows = 40;
    const cols = 30;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.cos(i * 0.21) + (i % 17 === 0 ? Number.NaN : 0));
    const matrix = w.heatgl.toMatrix({ values, rows, cols });
    const scale = resolveScale(dataLimits(values, undefined, false), { cmap: 'viridis' });
    const draw = async (asynchronous: boolean) => {
      const canvas = document.createElement('canvas');
      canvas.width = 60;
      canvas.height = 80;
      w.makeBox(60, 80).appendChild(canvas);
      const memory = createMemorySource(matrix, undefined, false);
      const pending: (() => void)[] = [];
      let requests = 0;
      const source = asynchronous
        ? {
            ...memory,
            rows,
            cols,
            ringOffset: 0,
            allFinite: false,
            matrix,
            mask: undefined,
            getTile(req: any) {
              requests++;
              const block = memory.getTile(req);
              return new Promise((resolve) => pending.push(() => resolve(block)));
            },
          }
        : memory;
      let arrivals = 0;
      const renderer = createRenderer(canvas, { sharedContext: false, preserveDrawingBuffer: false, fallback: 'none' }, { lost() {}, restored() {} });
      const plan = { tileSize: 16, halo: 0, storage: 'float32', reduce: 'mean', maxGpuBytes: 2 ** 30, maxAbs: () => 0, vmin: scale.vmin, vmax: scale.vmax };
      const store = renderer.createValues(source, plan, () => arrivals++);
      // A few cells per slice: one tile (one band) per call, as a progressive upload over several frames.
      for (let i = 0; i < 10; i++) store.uploadSome(Number.POSITIVE_INFINITY, 64);
      const doneBefore = store.done;
      // Answer in reverse order: the textures must still fill every band.
      while (pending.length > 0) {
        pending.pop()?.();
        await Promise.resolve();
      }
      await new Promise((r) => setTimeout(r, 0));
      const space = cellSpace(rows, cols);
      const scene = { source, values: store, scale, view: fullView(space), space, grid: undefined, interpolation: 0, lineWidthPx: 0, lineColor: [0, 0, 0, 0], reduce: 'mean', widthPx: 60, heightPx: 80 };
      renderer.draw(scene);
      const pixels = Array.from(renderer.readPixels(60, 80)).join();
      const out = { pixels, doneBefore, doneAfter: store.done, loaded: store.loadedRows / store.totalRows, requests, arrivals };
      store.destroy();
      renderer.destroy();
      return out;
    };
    const sync = await draw(false);
    const asyncDraw = await draw(true);
    return { same: sync.pixels === asyncDraw.pixels, nonEmpty: sync.pixels.split(',').some((v) => v !== '0'), sync: { ...sync, pixels: undefined }, async: { ...asyncDraw, pixels: undefined } };
  });
  expect(res.nonEmpty).toBe(true);
  expect(res.sync.doneBefore).toBe(true);
  expect(res.async.doneBefore).toBe(false);
  expect(res.async.requests).toBeGreaterThan(4);
  expect(res.async.arrivals).toBe(res.async.requests);
  expect(res.async.doneAfter).toBe(true);
  expect(res.async.loaded).toBe(1);
  expect(res.same).toBe(true);
});

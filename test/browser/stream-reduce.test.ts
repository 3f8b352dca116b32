// A store without a pyramid (one plain 2-D array) zoomed out: its tiles are reduced on the GPU into synthetic
// coarser levels. Pixels equal the CPU colour of the block mean (NaN ignored), each chunk is fetched once, reduced
// tiles are drawn again from the GPU cache without refetching, the caches stay within their bounds, and a view that
// needs more tiles than `maxViewTiles` loads only those and reports the rest as skipped.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectColors, type HarnessPage, openPage } from './page';
import { startStoreServer, type StoreServer } from '../stream/server';
import { baseField } from '../stream/stores';
import { type Files, writeArrayV3 } from '../stream/zarr-writer';

let server: StoreServer;
let hp: HarnessPage;
const files: Files = new Map();
const R = 512;
const C = 768;
const T = 64;
const field = baseField(R, C);
// NaN cells: a scattered pattern and one whole 4 × 4 block (a reduced cell with no valid value is bad).
for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) if ((r * 31 + c * 17) % 23 === 0) field[r * C + c] = Number.NaN;
for (let r = 100; r < 104; r++) for (let c = 200; c < 204; c++) field[r * C + c] = Number.NaN;

/** Mean of the f × f block (row i, col j) of the field ignoring NaN; NaN when the block has no valid cell. */
function blockMean(i: number, j: number, f: number): number {
  let s = 0;
  let n = 0;
  for (let r = i * f; r < Math.min(R, (i + 1) * f); r++) {
    for (let c = j * f; c < Math.min(C, (j + 1) * f); c++) {
      const v = field[r * C + c] as number;
      if (!Number.isNaN(v)) {
        s += v;
        n++;
      }
    }
  }
  return n ? s / n : Number.NaN;
}

beforeAll(async () => {
  await writeArrayV3(files, 'flat', { values: field, shape: [R, C], chunks: [T, T], compression: 'raw', fillValue: 'NaN', dimensionNames: ['y', 'x'] });
  server = await startStoreServer({ root: resolve(import.meta.dirname, '../fixtures/zarr'), mounts: { '/s/': (p) => files.get(p) } });
  hp = await openPage(800, 600);
});
afterAll(async () => {
  await hp?.close();
  await server?.close();
});

/** Opens the store in a w×h box (canvas = box: no colour bar or ticks) and waits for the view to load. */
async function open(w: number, h: number, stream: Record<string, unknown>) {
  await hp.page.evaluate(
    async (url, w, h, stream) => {
      const g = window as unknown as Record<string, any>;
      g.clearBoxes();
      g.hm?.destroy();
      const src = await g.heatgl.openZarr(url);
      g.progress = [];
      g.hm = g.heatgl.heatmap(g.makeBox(w, h), src, { ...g.PLAIN, vmin: 0, vmax: 600, stream });
      g.hm.on('progress', (p: unknown) => g.progress.push(p));
      await g.hm.loaded();
    },
    `${server.url}/s/flat`, w, h, stream,
  );
}

async function stats() {
  return hp.page.evaluate(() => (window as any).hm.stats());
}

async function setView(x: [number, number], y: [number, number]) {
  await hp.page.evaluate(async (x, y) => {
    const hm = (window as any).hm;
    hm.setView({ x, y });
    hm.render();
    await hm.loaded();
  }, x, y);
}

/** Every pixel of the canvas against the colour of its f × f block mean (the canvas shows the whole matrix, one block per pixel). */
async function expectBlockMeans(f: number, label: string) {
  const got = await hp.page.evaluate(() => {
    const px = (window as any).hm.readPixels();
    return { w: px.width, h: px.height, data: Array.from(px.data as Uint8Array) };
  });
  expect([got.w, got.h]).toEqual([C / f, R / f]);
  const means: number[] = [];
  for (let i = 0; i < got.h; i++) for (let j = 0; j < got.w; j++) means.push(Math.fround(blockMean(i, j, f)));
  const want = await hp.page.evaluate(
    (v: (number | null)[]) => v.flatMap((x) => (window as any).heatgl.colorOf(x ?? Number.NaN, false, (window as any).hm.getScale())),
    means.map((m) => (Number.isNaN(m) ? null : m)),
  );
  expectColors(got.data, want, got.w, 2, label);
  return means;
}

describe('streamed store without a pyramid: GPU reduction', () => {
  it('zoomed out 4× and 16×: every pixel is the colour of its block mean (NaN ignored); each chunk fetched once', async () => {
    await open(C / 4, R / 4, {});
    let st = await stats();
    expect(st.reducedLevels).toBe(3); // 64-cell tiles: factors 4, 16, 64
    expect(st.level).toBe(1);
    expect(st.reductions).toBe((R / T) * (C / T));
    expect(st.requests).toBe((R / T) * (C / T));
    const means = await expectBlockMeans(4, '4×4 means');
    expect(means.filter(Number.isNaN).length).toBeGreaterThan(0); // the all-NaN block is drawn bad
    await hp.page.evaluate(() => {
      const g = window as any;
      const box = document.querySelector('.box') as HTMLElement;
      box.style.width = '48px';
      box.style.height = '32px';
      g.hm.resize();
      g.hm.render();
      return g.hm.loaded();
    });
    st = await stats();
    expect(st.level).toBe(2);
    expect(st.requests).toBe((R / T) * (C / T)); // level 2 reduces level 1 on the GPU: nothing fetched
    await expectBlockMeans(16, '16×16 means (reduced from 4×4 means, weighted by their counts)');
  });

  it('progressive within small caches: reduced tiles stay on the GPU and are redrawn without refetching', async () => {
    const tileBytes = T * T * 4 + 64;
    const cpu = 20 * tileBytes; // 20 stored tiles; the view needs 96: fetched in batches of 10
    const gpu = 2 ** 20;
    await open(C / 4, R / 4, { cpuCacheBytes: cpu, gpuCacheBytes: gpu });
    let st = await stats();
    expect(st.requests).toBe(96);
    expect(st.cpuCacheBytes).toBeLessThanOrEqual(cpu);
    expect(st.gpuCacheBytes).toBeLessThanOrEqual(gpu);
    await expectBlockMeans(4, 'small caches');
    // Zoom into a corner (level 0, new fetches), then out again: the reduced tiles are still on the GPU.
    await setView([0, 96], [0, 64]);
    st = await stats();
    expect(st.level).toBe(0);
    const before = st.requests;
    await setView([0, C], [0, R]);
    st = await stats();
    expect(st.level).toBe(1);
    expect(st.requests).toBe(before);
    expect(st.cpuCacheBytes).toBeLessThanOrEqual(cpu);
    expect(st.gpuCacheBytes).toBeLessThanOrEqual(gpu);
    await expectBlockMeans(4, 'redrawn from the GPU cache');
  });

  it('a view needing more than maxViewTiles loads the centre ones only and reports the rest as skipped', async () => {
    await open(C / 4, R / 4, { maxViewTiles: 40 });
    const st = await stats();
    expect(st.requests).toBe(40);
    expect(st.skippedTiles).toBe(96 - 40);
    const last = await hp.page.evaluate(() => (window as any).progress.at(-1));
    expect(last.skipped).toBe(56);
    expect(last.loaded).toBe(40);
    // The centre tile is drawn (its pixels are the block means); a corner tile is not (transparent).
    const px = await hp.page.evaluate(() => {
      const p = (window as any).hm.readPixels();
      const at = (x: number, y: number) => Array.from((p.data as Uint8Array).slice((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));
      return { centre: at(p.width / 2, p.height / 2), corner: at(0, 0) };
    });
    expect(px.centre[3]).toBe(255);
    expect(px.corner).toEqual([0, 0, 0, 0]);
  });
});

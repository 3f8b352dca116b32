// Streamed stores in headless Chromium: heatmap(el, await openZarr(url)) against the in-repo store server. Probed
// cells equal the store's values, pixels equal the CPU colour of those values, tile borders match a single-texture
// render, fast panning aborts requests, caches stay within their bounds, and failed tiles are retried, not cached.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectColors, type HarnessPage, openPage } from './page';
import { startStoreServer, type StoreServer } from '../stream/server';
import { baseField, pyramid, writeOme } from '../stream/stores';
import { virtualStoreFile, virtualValue } from '../stream/virtual-store';
import { type Files, writeArrayV2 } from '../stream/zarr-writer';

let server: StoreServer;
let hp: HarnessPage;
const files: Files = new Map();
const R = 300;
const C = 400;
const field = baseField(R, C);

beforeAll(async () => {
  await writeArrayV2(files, 'flat', { values: field, shape: [R, C], chunks: [64, 64], compression: 'blosc-lz4' });
  await writeOme(files, 'ome', '0.5', pyramid(field, R, C, 4, 'mean'), { chunks: [64, 64], shards: [128, 128], compression: 'zstd' });
  server = await startStoreServer({ root: resolve(import.meta.dirname, '../fixtures/zarr'), mounts: { '/s/': (p) => files.get(p), '/virtual/': virtualStoreFile } });
  hp = await openPage(800, 600);
});
afterAll(async () => {
  await hp?.close();
  await server?.close();
});

/** In the page: makes a streamed heatmap in a w×h box and waits for its view to load. */
async function open(url: string, w: number, h: number, options: Record<string, unknown>, view?: { x: [number, number]; y: [number, number] }) {
  await hp.page.evaluate(
    async (url, w, h, options, view) => {
      const g = window as unknown as Record<string, any>;
      g.clearBoxes();
      g.hm?.destroy();
      const src = await g.heatgl.openZarr(url);
      g.hm = g.heatgl.heatmap(g.makeBox(w, h), src, { ...g.PLAIN, ...options });
      await g.hm.loaded();
      if (view) {
        g.hm.setView(view);
        g.hm.render();
        await g.hm.loaded();
      }
    },
    url, w, h, options, view ?? null,
  );
}

/** Pixels (device px = CSS px here) at the centres of cells in the current view, with the cell values the heatmap reports. */
async function probe(cells: [number, number][]) {
  return hp.page.evaluate((cells) => {
    const g = window as unknown as Record<string, any>;
    const hm = g.hm;
    const px = hm.readPixels();
    const v = hm.getView();
    const scale = hm.getScale();
    const out = { rgba: [] as number[], want: [] as number[], values: [] as number[], exact: [] as boolean[] };
    for (const [r, c] of cells) {
      const x = Math.floor(((c + 0.5 - v.x[0]) / (v.x[1] - v.x[0])) * px.width);
      const y = Math.floor(((r + 0.5 - v.y[0]) / (v.y[1] - v.y[0])) * px.height);
      for (let k = 0; k < 4; k++) out.rgba.push(px.data[(y * px.width + x) * 4 + k]);
      const cell = hm.cell(r, c);
      out.values.push(cell.value);
      out.exact.push(cell.exact);
      out.want.push(...g.heatgl.colorOf(cell.value, false, scale));
    }
    return out;
  }, cells);
}

describe('streamed heatmap', () => {
  it('a Zarr v2 blosc store (codecs load under vite): every probed cell equals the store, every pixel its CPU colour', async () => {
    await open(`${server.url}/s/flat`, 400, 300, { vmin: 0, vmax: 600 });
    const cells: [number, number][] = [];
    for (let r = 3; r < R; r += 37) for (let c = 5; c < C; c += 41) cells.push([r, c]);
    const p = await probe(cells);
    expect(p.exact.every(Boolean)).toBe(true);
    expect(p.values).toEqual(cells.map(([r, c]) => Math.fround(field[r * C + c] as number)));
    expectColors(p.rgba, p.want, cells.length, 1, 'flat store');
    const st = await hp.page.evaluate(() => (window as any).hm.stats());
    expect(st.level).toBe(0);
    expect(st.missingTiles).toBe(0);
  });

  it('no seam: pixels across tile borders equal a single-texture in-memory render of the same view', async () => {
    // 1 cell ≈ 5.3 px around the tile corner (128, 128) of an OME-Zarr 0.5 sharded zstd store.
    const view = { x: [100, 175] as [number, number], y: [110, 166.25] as [number, number] };
    await open(`${server.url}/s/ome`, 400, 300, { vmin: 0, vmax: 600, linewidths: 1 }, view);
    const streamed = await hp.page.evaluate(() => Array.from((window as any).hm.readPixels().data as Uint8Array));
    const memory = await hp.page.evaluate(
      (values, R, C, view) => {
        const g = window as unknown as Record<string, any>;
        g.hm.destroy();
        g.hm = undefined;
        g.clearBoxes();
        const hm = g.heatgl.heatmap(g.makeBox(400, 300), { values: Float32Array.from(values), rows: R, cols: C }, { ...g.PLAIN, vmin: 0, vmax: 600, linewidths: 1, progressive: false });
        hm.setView(view);
        const px = Array.from(hm.readPixels().data as Uint8Array);
        hm.destroy();
        return px;
      },
      Array.from(field), R, C, view,
    );
    expect(streamed.length).toBe(memory.length);
    let bad = 0;
    for (let i = 0; i < memory.length; i++) if (Math.abs((streamed[i] as number) - (memory[i] as number)) > 1) bad++;
    expect(bad).toBe(0);
  });

  it('zoomed out, an OME-Zarr level is drawn: pixels equal the colour of the level mean', async () => {
    await open(`${server.url}/s/ome`, 50, 38, { vmin: 0, vmax: 600 });
    const st = await hp.page.evaluate(() => (window as any).hm.stats());
    expect(st.level).toBe(3);
    const l3 = pyramid(field, R, C, 4, 'mean')[3]!;
    const got = await hp.page.evaluate(() => {
      const g = window as any;
      const px = g.hm.readPixels();
      return { w: px.width, h: px.height, data: Array.from(px.data as Uint8Array) };
    });
    const want = await hp.page.evaluate((v: number[]) => v.flatMap((x) => (window as any).heatgl.colorOf(x, false, (window as any).hm.getScale())), Array.from(l3.values));
    // Pixel (x, y) covers base cells x·8…, y·7.9…: compare pixels whose centre lies inside one level-3 cell.
    const rgba: number[] = [];
    const exp: number[] = [];
    for (let y = 0; y < got.h; y += 3) {
      for (let x = 0; x < got.w; x += 3) {
        const bx = ((x + 0.5) / got.w) * C;
        const by = ((y + 0.5) / got.h) * R;
        const i = Math.floor(by / 8) * l3.cols + Math.floor(bx / 8);
        for (let k = 0; k < 4; k++) {
          rgba.push(got.data[(y * got.w + x) * 4 + k] as number);
          exp.push(want[i * 4 + k] as number);
        }
      }
    }
    expectColors(rgba, exp, rgba.length / 4, 1, 'level 3');
  });

  it('a 10^12-cell virtual store: coarse picture first, then exact cells at full resolution deep inside', async () => {
    const t0 = Date.now();
    await open(`${server.url}/virtual/`, 500, 400, { vmin: -2, vmax: 2 });
    const first = await hp.page.evaluate(() => (window as any).hm.stats());
    // 500 px across 10⁶ columns: 2000 cells a pixel, level 11 (2048 cells a cell); level 12 is fetched first.
    expect(first.level).toBe(11);
    expect(first.firstPictureMs).toBeLessThanOrEqual(first.completeMs);
    const view = { x: [987_654, 987_704] as [number, number], y: [123_456, 123_496] as [number, number] };
    await hp.page.evaluate(async (view) => {
      const hm = (window as any).hm;
      hm.setView(view);
      hm.render();
      await hm.loaded();
    }, view);
    const cells: [number, number][] = [];
    for (let r = 123_456; r < 123_496; r += 7) for (let c = 987_654; c < 987_704; c += 9) cells.push([r, c]);
    const p = await probe(cells);
    expect(p.exact.every(Boolean)).toBe(true);
    expect(p.values).toEqual(cells.map(([r, c]) => Math.fround(virtualValue(0, r, c))));
    expectColors(p.rgba, p.want, cells.length, 1, 'virtual level 0');
    const st = await hp.page.evaluate(() => (window as any).hm.stats());
    expect(st.level).toBe(0);
    expect(st.requests).toBeLessThan(40);
    expect(Date.now() - t0).toBeLessThan(60_000);
  });

  it('fast panning aborts requests for tiles that left the view; caches stay within their bounds', async () => {
    server.set({ latencyMs: 60 });
    const before = server.log.length;
    const result = await hp.page.evaluate(
      async (url) => {
        const g = window as any;
        g.clearBoxes();
        g.hm?.destroy();
        const src = await g.heatgl.openZarr(url);
        const mib = 2 ** 20;
        g.hm = g.heatgl.heatmap(g.makeBox(500, 400), src, { ...g.PLAIN, vmin: -2, vmax: 2, stream: { cpuCacheBytes: 6 * mib, gpuCacheBytes: 6 * mib } });
        await g.hm.loaded();
        // Fast pan at full resolution: a new view every frame, 30 frames.
        let x = 500_000;
        for (let i = 0; i < 30; i++) {
          x += 400;
          g.hm.setView({ x: [x, x + 500], y: [400_000, 400_400] });
          g.hm.render();
          await new Promise((r) => requestAnimationFrame(r));
        }
        await g.hm.loaded();
        const pan = g.hm.stats();
        // Browse well past the caches: 12 separate full-resolution views, each loaded.
        for (let i = 0; i < 12; i++) {
          g.hm.setView({ x: [i * 70_000, i * 70_000 + 500], y: [i * 50_000, i * 50_000 + 400] });
          g.hm.render();
          await g.hm.loaded();
        }
        return { pan, end: g.hm.stats() };
      },
      `${server.url}/virtual/`,
    );
    server.set({ latencyMs: 0 });
    const log = server.log.slice(before);
    expect(result.pan.aborted).toBeGreaterThan(0);
    expect(log.some((e) => e.aborted)).toBe(true);
    const tileBytes = 256 * 256 * 4;
    // Fetched far more than the caches hold, yet they stay within their bounds (plus the tiles of one view).
    expect(result.end.requests * tileBytes).toBeGreaterThan(10 * 6 * 2 ** 20 * 0.9);
    expect(result.end.cpuCacheBytes).toBeLessThanOrEqual(6 * 2 ** 20 * 1.1);
    expect(result.end.gpuCacheBytes).toBeLessThanOrEqual(6 * 2 ** 20 * 1.1);
  });

  it('a failing tile raises an error event naming the chunk, is retried, and loads once the server recovers', async () => {
    let failing = true;
    server.set({ fault: (p) => (failing && p.endsWith('/12/c/0/0') ? { status: 500 } : undefined) });
    const errors = await hp.page.evaluate(async (url) => {
      const g = window as any;
      g.clearBoxes();
      g.hm?.destroy();
      const src = await g.heatgl.openZarr(url);
      g.hm = g.heatgl.heatmap(g.makeBox(200, 160), src, { ...g.PLAIN, vmin: -2, vmax: 2, stream: { retries: 1, retryDelayMs: 20 } });
      g.errors = [];
      g.hm.on('error', (e: Error & { chunk: string; status: number }) => g.errors.push({ message: e.message, chunk: e.chunk, status: e.status, name: e.name }));
      await new Promise((r) => setTimeout(r, 600));
      return g.errors;
    }, `${server.url}/virtual/`);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toMatchObject({ chunk: 'c/0/0', status: 500, name: 'HeatglError' });
    expect(errors[0].message).toMatch(/HTTP 500.*virtual/);
    failing = false;
    const ok = await hp.page.evaluate(async () => {
      const g = window as any;
      g.hm.setView({ x: [0, 999_999], y: [0, 999_999] });
      g.hm.render();
      await new Promise((r) => setTimeout(r, 5500));
      g.hm.render();
      await g.hm.loaded();
      return g.hm.stats();
    });
    server.set({ fault: undefined });
    expect(ok.missingTiles).toBe(0);
  });

  it('stores written by zarr-python (v2, Blosc-lz4, OME-Zarr 0.4, float16 with a missing chunk, int64): cells equal numpy', async () => {
    const exp = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/zarr/expected.json'), 'utf8'));
    await open(`${server.url}/py-ome04`, 320, 240, { vmin: exp.min, vmax: exp.max });
    const cells = exp.level0.map(([r, c]: number[]) => [r, c]) as [number, number][];
    const p = await probe(cells);
    expect(p.exact.every(Boolean)).toBe(true);
    expect(p.values.map((v) => (Number.isNaN(v) ? null : v))).toEqual(exp.level0.map((e: number[]) => e[2]));
    expectColors(p.rgba, p.want, cells.length, 1, 'python store');
    // Zoomed out to level 1 only: the values are numpy's 2 × 2 means, marked as not the stored cell.
    const lvl = await hp.page.evaluate(
      async (url, cells) => {
        const g = window as any;
        g.clearBoxes();
        g.hm?.destroy();
        g.hm = g.heatgl.heatmap(g.makeBox(160, 120), await g.heatgl.openZarr(url), { ...g.PLAIN });
        await g.hm.loaded();
        return { stats: g.hm.stats(), cells: cells.map(([r, c]: number[]) => g.hm.cell(2 * r, 2 * c)) };
      },
      `${server.url}/py-ome04/`,
      exp.level1.map((e: number[]) => [e[0], e[1]]),
    );
    expect(lvl.stats.level).toBe(1);
    expect(lvl.cells.map((c: { value: number }) => c.value)).toEqual(exp.level1.map((e: number[]) => e[2]));
    expect(lvl.cells.every((c: { level: number; exact: boolean }) => c.level === 1 && !c.exact)).toBe(true);
    for (const [name, key] of [['py-f16', 'f16'], ['py-i64', 'i64']] as const) {
      const got = await hp.page.evaluate(
        async (url, cells) => {
          const g = window as any;
          g.clearBoxes();
          g.hm?.destroy();
          g.hm = g.heatgl.heatmap(g.makeBox(100, 100), await g.heatgl.openZarr(url), { ...g.PLAIN });
          await g.hm.loaded();
          return cells.map(([r, c]: number[]) => g.hm.cell(r, c).value);
        },
        `${server.url}/${name}`,
        exp[key].map((e: number[]) => [e[0], e[1]]),
      );
      expect(got, name).toEqual(exp[key].map((e: number[]) => Math.fround(e[2] as number)));
    }
  });
});

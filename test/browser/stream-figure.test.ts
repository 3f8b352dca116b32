// The figure of a streamed heatmap in headless Chromium: tick labels from an xarray-written store equal numpy's str
// of its coordinates (and its axis labels seaborn's), an OME-Zarr's translation gives numpy's physical cell centres and
// places its coarse level right, colour limits equal numpy's over the coarsest level / the visible tiles, cellAt says
// which values are exact, the keyboard moves the view and the focused cell, export draws what is on screen, and
// annotations show stored values only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectColors, type HarnessPage, openPage } from './page';
import { startStoreServer, type StoreServer } from '../stream/server';
import { virtualStoreFile, virtualValue } from '../stream/virtual-store';

const FIX = resolve(import.meta.dirname, '../fixtures/zarr');
const exp = JSON.parse(readFileSync(resolve(FIX, 'coords-expected.json'), 'utf8'));
const SHOTS = process.env.HEATGL_SHOTS;
let server: StoreServer;
let hp: HarnessPage;

beforeAll(async () => {
  server = await startStoreServer({ root: FIX, mounts: { '/virtual/': virtualStoreFile } });
  hp = await openPage(800, 600);
  // Every text the overlays draw, to find axis labels.
  await hp.page.evaluate(() => {
    const w = window as any;
    const fill = CanvasRenderingContext2D.prototype.fillText;
    w.texts = new Set<string>();
    CanvasRenderingContext2D.prototype.fillText = function (t: string, x: number, y: number, m?: number) {
      w.texts.add(String(t));
      return m === undefined ? fill.call(this, t, x, y) : fill.call(this, t, x, y, m);
    };
  });
});
afterAll(async () => {
  await hp?.close();
  await server?.close();
});

type View = { x: [number, number]; y: [number, number] };

/** In the page: a streamed heatmap of `url` (openZarr options `open`) in a w×h box, loaded, optionally at `view`. */
async function show(url: string, open: Record<string, unknown>, w: number, h: number, options: Record<string, unknown>, view?: View) {
  await hp.page.evaluate(
    async (url, open, w, h, options, view) => {
      const g = window as any;
      g.clearBoxes();
      g.hm?.destroy();
      g.texts.clear();
      g.hm = g.heatgl.heatmap(g.makeBox(w, h), await g.heatgl.openZarr(url, open), options);
      await g.hm.loaded();
      if (view) {
        g.hm.setView(view);
        g.hm.render();
        await g.hm.loaded();
      }
    },
    url, open, w, h, options, view ?? null,
  );
}

const ticks = () =>
  hp.page.evaluate(() => (window as any).hm.drawnText().tickLabels.map((l: { axis: string; index: number; text: string }) => [l.axis, l.index, l.text])) as Promise<[string, number, string][]>;
const texts = () => hp.page.evaluate(() => [...(window as any).texts]) as Promise<string[]>;

function shot(name: string) {
  if (!SHOTS) return Promise.resolve();
  return hp.page.evaluate(() => (window as any).hm.toDataURL()).then((url: string) => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(resolve(SHOTS, name), Buffer.from(url.split(',')[1] as string, 'base64'));
  });
}

describe('tick labels from coordinates', () => {
  it("an xarray store: every tick label is numpy's str of its coordinate; axis labels are seaborn's (the dimension names)", async () => {
    for (const name of ['temp', 'expr', 'obs']) {
      const e = exp.xarray[name];
      await show(`${server.url}/py-xarray`, { path: name }, 700, 500, { cbar: false });
      const t = await ticks();
      const xs = t.filter(([a]) => a === 'x');
      const ys = t.filter(([a]) => a === 'y');
      expect(xs.length, name).toBeGreaterThan(4);
      expect(ys.length, name).toBeGreaterThan(4);
      expect(xs.map(([, , s]) => s), name).toEqual(xs.map(([, i]) => e.xNumpy[i]));
      expect(ys.map(([, , s]) => s), name).toEqual(ys.map(([, i]) => e.yNumpy[i]));
      expect(await texts(), name).toEqual(expect.arrayContaining([e.xlabel, e.ylabel]));
      if (name === 'obs') await shot('stream-xarray-obs.png');
    }
    // Zoomed in, the visible cells' coordinates (other chunks of the longitude array).
    await show(`${server.url}/py-xarray`, { path: 'temp' }, 700, 500, { cbar: false, xlabel: 'longitude' }, { x: [150, 170], y: [100, 110] });
    const t = await ticks();
    const xs = t.filter(([a]) => a === 'x');
    expect(xs.every(([, i]) => i >= 150 && i < 170)).toBe(true);
    expect(xs.map(([, , s]) => s)).toEqual(xs.map(([, i]) => exp.xarray.temp.xNumpy[i]));
    expect(await texts()).toContain('longitude');
    expect(await texts()).not.toContain('lon');
  });

  it('an OME-Zarr with translation: ticks at physical cell centres, the coarse level in place, cells equal numpy', async () => {
    const e = exp.ome;
    await show(`${server.url}/py-ome-translate`, {}, 700, 500, {});
    const t = await ticks();
    for (const axis of ['x', 'y'] as const) {
      const got = t.filter(([a]) => a === axis);
      expect(got.length).toBeGreaterThan(3);
      expect(got.map(([, , s]) => s)).toEqual(got.map(([, i]) => e[axis][i]));
    }
    expect(await texts()).toEqual(expect.arrayContaining(['x [micrometer]', 'y [micrometer]']));
    await shot('stream-ome-translate.png');
    // 48 × 64 device pixels for 96 × 128 cells: level 1 (a translated 2 × 2 mean). Every pixel equals its level-1
    // cell's colour with the level aligned to the base (a half-cell shift would move every edge).
    const got = await hp.page.evaluate(async (cells: number[][], url: string) => {
      const g = window as any;
      g.clearBoxes();
      g.hm.destroy();
      // No axis labels either (they default to the coordinates' names): the canvas is the whole box.
      g.hm = g.heatgl.heatmap(g.makeBox(64, 48), await g.heatgl.openZarr(url), { ...g.PLAIN, xlabel: '', ylabel: '' });
      await g.hm.loaded();
      const px = g.hm.readPixels();
      const scale = g.hm.getScale();
      const rgba: number[] = [];
      const want: number[] = [];
      for (const [r, c, v] of cells) {
        const i = ((r as number) * px.width + (c as number)) * 4;
        rgba.push(...px.data.slice(i, i + 4));
        want.push(...g.heatgl.colorOf(v, false, scale));
      }
      return { level: g.hm.stats().level, rgba, want, cells: cells.map(([r, c]) => g.hm.cell(2 * (r as number) + 1, 2 * (c as number))) };
    }, e.level1, `${server.url}/py-ome-translate`);
    expect(got.level).toBe(1);
    expectColors(got.rgba, got.want, e.level1.length, 1, 'level 1');
    expect(got.cells.map((c: { value: number }) => c.value)).toEqual(e.level1.map((x: number[]) => x[2]));
    expect(got.cells.every((c: { exact: boolean; level: number }) => !c.exact && c.level === 1)).toBe(true);
  });
});

describe('colour limits and values', () => {
  it("limits from the coarsest level (min/max; robust: numpy's 2nd/98th percentiles) and, with limits 'visible', from the visible tiles", async () => {
    const e = exp.ome;
    const url = `${server.url}/py-ome-translate`;
    const scale = () => hp.page.evaluate(() => (window as any).hm.getScale()) as Promise<{ vmin: number; vmax: number }>;
    await show(url, {}, 700, 500, {});
    expect(await scale()).toMatchObject({ vmin: e.min1, vmax: e.max1 });
    await show(url, {}, 700, 500, { robust: true });
    const r = await scale();
    expect(r.vmin).toBeCloseTo(e.p2_1, 5);
    expect(r.vmax).toBeCloseTo(e.p98_1, 5);
    await show(url, {}, 700, 500, { stream: { limits: 'visible' } }, e.visible.view);
    expect(await scale()).toMatchObject({ vmin: e.visible.min, vmax: e.visible.max });
    await show(url, {}, 700, 500, { robust: true, stream: { limits: 'visible' } }, e.visible.view);
    const v = await scale();
    expect(v.vmin).toBeCloseTo(e.visible.p2, 5);
    expect(v.vmax).toBeCloseTo(e.visible.p98, 5);
  });

  it('cellAt gives the stored value once its tile is loaded, otherwise the level value marked exact: false', async () => {
    const e = exp.ome;
    const url = `${server.url}/py-ome-translate`;
    // 64 × 48 px for 128 × 96 cells draws level 1; zoomed to 40 × 30 cells it wants level 0, held back 1.5 s.
    await show(url, {}, 64, 48, { cbar: false, xticklabels: false, yticklabels: false, xlabel: '', ylabel: '' });
    server.set({ fault: (p) => (/\/py-ome-translate\/0\/\d/.test(p) ? { delayMs: 1500 } : undefined) });
    const at = (cells: number[][]) =>
      hp.page.evaluate((cells: number[][]) => {
        const hm = (window as any).hm;
        return cells.map(([r, c]) => {
          const b = hm.cellToClient(r, c);
          const v = hm.cellAt(b.x + b.width / 2, b.y + b.height / 2);
          return [v.row, v.col, v.value, v.exact, v.level];
        });
      }, cells);
    await hp.page.evaluate(() => {
      const hm = (window as any).hm;
      hm.setView({ x: [0, 40], y: [0, 30] });
      hm.render();
    });
    const coarse = e.level1.filter(([r, c]: number[]) => 2 * r + 1 < 30 && 2 * c < 40);
    expect(coarse.length).toBeGreaterThan(4);
    expect(await at(coarse.map(([r, c]: number[]) => [2 * r + 1, 2 * c]))).toEqual(coarse.map(([r, c, v]: number[]) => [2 * r + 1, 2 * c, v, false, 1]));
    await hp.page.evaluate(() => (window as any).hm.loaded());
    server.set({ fault: undefined });
    const fine = e.level0.filter(([r, c]: number[]) => r < 30 && c < 40);
    expect(fine.length).toBeGreaterThan(4);
    expect(await at(fine)).toEqual(fine.map(([r, c, v]: number[]) => [r, c, v, true, 0]));
  });
});

describe('keyboard, export and annotations', () => {
  it('the keyboard pans and zooms the streamed view; Shift+arrows focus cells, whose tooltip names their coordinates', async () => {
    await show(`${server.url}/py-xarray`, { path: 'temp' }, 600, 400, { cbar: false });
    await hp.page.evaluate(() => {
      const g = window as any;
      g.events = [];
      g.hm.on('hover', (h: any) => g.events.push(h && ['hover', h.row, h.col, h.rowLabel, h.colLabel, h.value, h.exact]));
      g.hm.on('click', (h: any) => g.events.push(['click', h.row, h.col]));
      g.hm.canvas.focus();
    });
    const view = () => hp.page.evaluate(() => (window as any).hm.getView()) as Promise<View>;
    const v0 = await view();
    await hp.page.keyboard.press('=');
    const v2 = await view();
    expect((v0.x[1] - v0.x[0]) / (v2.x[1] - v2.x[0])).toBeCloseTo(1.5, 6);
    await hp.page.keyboard.press('ArrowRight');
    const v3 = await view();
    // 10% of the element's width, converted through the canvas's whole-pixel size.
    expect(v3.x[0] - v2.x[0]).toBeCloseTo(0.1 * (v2.x[1] - v2.x[0]), 2);
    await hp.page.keyboard.down('Shift');
    await hp.page.keyboard.press('ArrowRight');
    await hp.page.keyboard.press('ArrowRight');
    await hp.page.keyboard.press('ArrowDown');
    await hp.page.keyboard.up('Shift');
    await hp.page.keyboard.press('Enter');
    const got = await hp.page.evaluate(() => ({ events: (window as any).events, tip: (document.querySelector('.heatgl-tooltip') as HTMLElement).textContent }));
    const first = got.events[0];
    const [r, c] = [first[1], first[2]];
    const t = exp.xarray.temp;
    expect(got.events.map((h: unknown[]) => h.slice(0, 5))).toEqual([
      ['hover', r, c, t.yNumpy[r], t.xNumpy[c]],
      ['hover', r, c + 1, t.yNumpy[r], t.xNumpy[c + 1]],
      ['hover', r + 1, c + 1, t.yNumpy[r + 1], t.xNumpy[c + 1]],
      ['click', r + 1, c + 1],
    ]);
    expect(got.events[2][6]).toBe(true);
    expect(got.tip).toContain(`${t.yNumpy[r + 1]}, ${t.xNumpy[c + 1]}`);
    expect(await hp.page.evaluate(() => (window as any).hm.canvas.getAttribute('aria-label'))).toMatch(/^Heatmap, 150 rows × 200 columns, values from /);
  });

  it('export draws the current view as on screen (after loaded()), at the asked scale, as PNG too', async () => {
    const view = { x: [987_654, 987_674] as [number, number], y: [123_456, 123_471] as [number, number] };
    await show(`${server.url}/virtual/`, {}, 500, 400, { vmin: -2, vmax: 2, cmap: 'vlag', title: 'exported' }, view);
    const res = await hp.page.evaluate(async () => {
      const g = window as any;
      const hm = g.hm;
      const cells: number[][] = [];
      for (let r = 123_457; r < 123_471; r += 4) for (let c = 987_655; c < 987_674; c += 5) cells.push([r, c]);
      const out: { scale: number; w: number; h: number; rgba: number[]; want: number[] }[] = [];
      for (const scale of [1, 2]) {
        const canvas = hm.toCanvas({ scale });
        const ctx = canvas.getContext('2d');
        const fig = hm.element.getBoundingClientRect();
        const rgba: number[] = [];
        const want: number[] = [];
        for (const [r, c] of cells) {
          const b = hm.cellToClient(r, c);
          const x = Math.floor((b.x - fig.left + b.width / 2) * scale);
          const y = Math.floor((b.y - fig.top + b.height / 2) * scale);
          rgba.push(...ctx.getImageData(x, y, 1, 1).data);
          want.push(...g.heatgl.colorOf(hm.cell(r, c).value, false, hm.getScale()));
        }
        out.push({ scale, w: canvas.width, h: canvas.height, rgba, want });
      }
      const blob: Blob = await hm.toBlob();
      return { out, url: hm.toDataURL().slice(0, 22), blob: [blob.type, blob.size], cells, values: cells.map(([r, c]) => hm.cell(r, c)) };
    });
    expect(res.values.every((c: { exact: boolean }) => c.exact)).toBe(true);
    expect(res.values.map((c: { value: number }) => c.value)).toEqual(res.cells.map(([r, c]: number[]) => Math.fround(virtualValue(0, r as number, c as number))));
    for (const o of res.out) {
      expect([o.w, o.h]).toEqual([500 * o.scale, 400 * o.scale]);
      expectColors(o.rgba, o.want, o.rgba.length / 4, 1, `export at ${o.scale}`);
    }
    expect(res.url).toBe('data:image/png;base64,');
    expect(res.blob[0]).toBe('image/png');
    expect(res.blob[1]).toBeGreaterThan(1000);
    await shot('stream-export.png');
  });

  it("annotations write the stored values at full resolution, and nothing over cells still drawn from a coarser level", async () => {
    const view = { x: [500_000, 500_012] as [number, number], y: [700_000, 700_008] as [number, number] };
    await show(`${server.url}/virtual/`, {}, 600, 400, { vmin: -2, vmax: 2, annot: true, fmt: '.2f' }, view);
    const full = await hp.page.evaluate(() => (window as any).hm.drawnText().annotations.map((a: { row: number; col: number; text: string }) => [a.row, a.col, a.text]));
    expect(full.length).toBe(12 * 8);
    const want = await hp.page.evaluate((cells: number[][]) => cells.map(([, , v]) => (window as any).heatgl.formatNumber(v, '.2f')), full.map(([r, c]: number[]) => [r, c, Math.fround(virtualValue(0, r as number, c as number))]));
    expect(full.map(([, , t]: string[]) => t)).toEqual(want);
    await shot('stream-annot.png');
    // Somewhere new, with level-0 tiles held back: the view is drawn from coarser levels and has no annotations.
    server.set({ fault: (p) => (/\/virtual\/0\//.test(p) ? { delayMs: 1500 } : undefined) });
    const during = await hp.page.evaluate(async () => {
      const hm = (window as any).hm;
      hm.setView({ x: [300_000, 300_012], y: [200_000, 200_008] });
      hm.render();
      await new Promise((r) => setTimeout(r, 300));
      hm.render();
      const c = hm.cell(200_001, 300_001);
      return { level: c.level, exact: c.exact, annotations: hm.drawnText().annotations.length, tiles: hm.stats().missingTiles };
    });
    server.set({ fault: undefined });
    expect(during.exact).toBe(false);
    expect(during.level).toBeGreaterThan(0);
    expect(during.tiles).toBeGreaterThan(0);
    expect(during.annotations).toBe(0);
    const after = await hp.page.evaluate(async () => {
      const hm = (window as any).hm;
      await hm.loaded();
      return hm.drawnText().annotations.length;
    });
    expect(after).toBe(12 * 8);
  });
});

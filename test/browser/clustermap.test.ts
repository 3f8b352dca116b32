// clustermap in the browser: the clustered order equals scipy's (via the pure functions tested against scipy), the
// dendrogram's leaves sit on the cell centres after zooming, colour bars follow the reordering, branches select.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { leafOrder, linkage } from '../../src/core/cluster';
import { type HarnessPage, openPage } from './page';
import { lcg } from '../support/random';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(1000, 800);
});
afterAll(async () => h.close());

/** Three planted groups of rows and two of columns, plus noise. */
function planted(rows: number, cols: number): number[] {
  const r = lcg(42);
  const out: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.push(((i * 7) % 3) * 2 + ((j * 5) % 2) * 3 + r() * 0.8);
  return out;
}

const ROWS = 30;
const COLS = 12;

test('clusters like scipy, leaves on cell centres after zooming, colour bars reordered, branches select rows', async () => {
  const values = planted(ROWS, COLS);
  const rowColors = Array.from({ length: ROWS }, (_, i) => ['#ff0000', '#00ff00', '#0000ff'][(i * 7) % 3] as string);
  const res = await h.page.evaluate(
    async (values, rows, cols, rowColors) => {
      const w = window as any;
      w.clearBoxes();
      const cm = w.heatgl.clustermap(w.makeBox(800, 700), { values, rows, cols }, { pixelRatio: 1, rowColors, method: 'average' });
      await cm.ready;
      cm.heatmap.setView({ x: [2, 8], y: [5, 20] });
      cm.heatmap.render();
      const overlay = cm.element.querySelector(':scope > canvas') as HTMLCanvasElement;
      const ctx = overlay.getContext('2d') as CanvasRenderingContext2D;
      const fig = cm.element.getBoundingClientRect();
      const axes = cm.heatmap.figureLayout().axes;
      const ax = { x: axes.x - fig.left, y: axes.y - fig.top, width: axes.width, height: axes.height };
      const px = (x: number, y: number) => Array.from(ctx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data);
      // Column dendrogram: the row of pixels just above the heatmap's top edge (no column colour bars here).
      const stemY = ax.y - 4;
      const stems: { centre: number[]; between: number[] }[] = [];
      for (let c = 2; c < 8; c++) {
        const cx = ax.x + ((c + 0.5 - 2) / 6) * ax.width;
        const bx = ax.x + ((c + 1 - 2) / 6) * ax.width;
        stems.push({ centre: px(cx, stemY), between: px(bx, stemY) });
      }
      // Row colour bar: the band just left of the axes.
      const bars: number[][] = [];
      for (let r = 5; r < 20; r++) bars.push(px(ax.x - 6, ax.y + ((r + 0.5 - 5) / 15) * ax.height));
      cm.select('row', cm.rowLinkage.length / 4 - 2);
      const selection = cm.selection();
      const out = { rowOrder: cm.rowOrder, colOrder: cm.colOrder, rowZ: Array.from(cm.rowLinkage), stems, bars, selection };
      cm.destroy();
      return out;
    },
    values,
    ROWS,
    COLS,
    rowColors,
  );
  const Z = linkage({ values, rows: ROWS, cols: COLS }, { method: 'average', metric: 'euclidean' });
  expect(res.rowOrder).toEqual(leafOrder(Z));
  expect(res.rowZ).toEqual(Array.from(Z));
  for (const s of res.stems) {
    expect(s.centre[3], 'a leaf stem at every visible cell centre').toBeGreaterThan(128);
    expect(s.between[3], 'nothing between two leaves').toBeLessThan(64);
  }
  res.bars.forEach((rgba, k) => {
    const want = rowColors[res.rowOrder[k + 5] as number] as string;
    const hex = `#${rgba.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(hex, `colour bar at drawn row ${k + 5}`).toBe(want);
  });
  // The branch just below the root holds a contiguous run of drawn rows.
  expect(res.selection.axis).toBe('row');
  expect(res.selection.indices).toEqual(res.rowOrder.slice(res.selection.range[0], res.selection.range[1] + 1));
  expect(res.selection.indices.length).toBeGreaterThan(1);
  expect(res.selection.indices.length).toBeLessThan(ROWS);
});

test('NaN in the clustering input is an error unless fillNaN is given', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    let message = '';
    try {
      w.heatgl.clustermap(w.makeBox(300, 300), [[1, 2], [Number.NaN, 4], [5, 6]]);
    } catch (e) {
      message = (e as Error).message;
    }
    const cm = w.heatgl.clustermap(w.makeBox(300, 300), [[1, 2], [Number.NaN, 4], [5, 6]], { fillNaN: 0 });
    await cm.ready;
    const order = cm.rowOrder;
    cm.destroy();
    return { message, order };
  });
  expect(res.message).toMatch(/non-finite value \(NaN\) at row 1, column 0.*fillNaN/);
  expect([...res.order].sort()).toEqual([0, 1, 2]);
});

test('clustering runs in a worker: progress events fire and the page keeps drawing frames meanwhile', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const rows = 1500;
    const cols = 200;
    const values = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.37) + ((i / cols) % 7));
    let frames = 0;
    let longest = 0;
    let last = performance.now();
    let running = true;
    const tick = () => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      frames++;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const progress: number[] = [];
    const t0 = performance.now();
    const cm = w.heatgl.clustermap(w.makeBox(400, 400), { values, rows, cols }, { pixelRatio: 1 });
    cm.on('progress', (p: { fraction: number }) => progress.push(p.fraction));
    await cm.ready;
    const ms = performance.now() - t0;
    running = false;
    const out = { frames, longest, ms, progress: progress.length, last: progress[progress.length - 1] };
    cm.destroy();
    return out;
  });
  console.log(`clustered 1500 × 200 in ${res.ms.toFixed(0)} ms; ${res.frames} frames meanwhile, longest gap ${res.longest.toFixed(0)} ms`);
  expect(res.progress).toBeGreaterThan(2);
  expect(res.frames).toBeGreaterThan(5);
});

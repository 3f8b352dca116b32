// pcolormesh / imshow geometry on the GPU: the pixel at a data coordinate shows the cell matplotlib's edges put there
// (cellAtData, tested against matplotlib), cellAt and cellToClient agree, and a tiled grid draws the same picture.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

test('non-uniform, log-spaced and decreasing edges: every probed pixel shows the cell its data coordinate is in', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    const out: string[] = [];
    const rows = 13;
    const cols = 17;
    const values = Float64Array.from({ length: rows * cols }, (_, i) => (i * 37) % 101);
    const layouts = [
      { xEdges: Array.from({ length: cols + 1 }, (_, j) => j * j * 0.5), yEdges: Array.from({ length: rows + 1 }, (_, i) => 10 ** (i / 4)) },
      { xEdges: Array.from({ length: cols + 1 }, (_, j) => 100 - j * j), yEdges: Array.from({ length: rows + 1 }, (_, i) => -i * 3 - (i % 2)) },
      { origin: 'lower', extent: [-3, 3, 10, 20] },
      { extent: [5, -5, 0, 8] },
    ];
    const pictures: string[] = [];
    for (const [k, layout] of layouts.entries()) {
      for (const tileSize of [undefined, 5]) {
        w.clearBoxes();
        const hm = w.heatgl.heatmap(w.makeBox(500, 400), { values, rows, cols }, { ...w.PLAIN, ...layout, tileSize, pixelRatio: 1, cmap: 'turbo', linewidths: 0 });
        const px = hm.readPixels();
        const scale = hm.getScale();
        const r = hm.canvas.getBoundingClientRect();
        let checked = 0;
        for (let y = 3; y < px.height; y += 7) {
          for (let x = 2; x < px.width; x += 7) {
            const cell = hm.cellAt(r.left + x + 0.5, r.top + y + 0.5);
            const i = (y * px.width + x) * 4;
            const got = Array.from(px.data.slice(i, i + 4)) as number[];
            const want = cell ? w.heatgl.colorOf(cell.value, false, scale) : [0, 0, 0, 0];
            // Pixels within a pixel of a cell edge may fall either side; compare the rest exactly.
            if (cell) {
              const c = hm.cellToClient(cell.row, cell.col);
              const cx = r.left + x + 0.5;
              const cy = r.top + y + 0.5;
              if (cx - c.x < 1 || c.x + c.width - cx < 1 || cy - c.y < 1 || c.y + c.height - cy < 1) continue;
            }
            checked++;
            if (got.some((v: number, j: number) => Math.abs(v - want[j]) > 2)) out.push(`layout ${k} tile ${tileSize}: px ${x},${y} cell ${JSON.stringify(cell)} got ${got} want ${want}`);
          }
        }
        if (checked < 1000) out.push(`layout ${k}: only ${checked} pixels checked`);
        pictures.push(Array.from(px.data).join());
        hm.destroy();
      }
    }
    const tiledSame = [0, 2, 4, 6].every((i) => pictures[i] === pictures[i + 1]);
    return { out: out.slice(0, 10), tiledSame };
  });
  expect(res.out).toEqual([]);
  expect(res.tiledSame).toBe(true);
});

test('pcolormesh puts row 0 at the bottom and the y axis grows upwards; imshow origin upper keeps it at the top', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const data = [[0, 0], [1, 1]];
    const mesh = w.heatgl.heatmap(w.makeBox(200, 200), data, { ...w.PLAIN, pixelRatio: 1, xEdges: [0, 1, 2], yEdges: [0, 1, 2] });
    const top = mesh.cellAt(mesh.canvas.getBoundingClientRect().left + 50, mesh.canvas.getBoundingClientRect().top + 50);
    mesh.destroy();
    const img = w.heatgl.heatmap(w.makeBox(200, 200), data, { ...w.PLAIN, pixelRatio: 1, origin: 'upper' });
    const top2 = img.cellAt(img.canvas.getBoundingClientRect().left + 50, img.canvas.getBoundingClientRect().top + 50);
    const view = img.getView();
    img.destroy();
    return { top, top2, view };
  });
  expect(res.top.row).toBe(1);
  expect(res.top2.row).toBe(0);
  expect(res.view).toEqual({ x: [-0.5, 1.5], y: [-0.5, 1.5] });
});

test('non-uniform edges put the cell boundaries at the right pixels (±1 px)', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const xEdges = [0, 1, 3, 7, 15, 31, 63];
    const hm = w.heatgl.heatmap(w.makeBox(630, 100), { values: [0, 1, 0, 1, 0, 1], rows: 1, cols: 6 }, { ...w.PLAIN, pixelRatio: 1, xEdges, yEdges: [0, 1], cmap: ['black', 'white'] });
    const px = hm.readPixels();
    const row = 50;
    const white = (x: number) => (px.data[(row * px.width + x) * 4] as number) > 128;
    // Where the colour flips along the row, in pixels.
    const flips: number[] = [];
    for (let x = 1; x < px.width; x++) if (white(x) !== white(x - 1)) flips.push(x);
    hm.destroy();
    return { flips, want: xEdges.slice(1, -1).map((e) => (e / 63) * 630) };
  });
  expect(res.flips.length).toBe(res.want.length);
  for (const [i, x] of (res.flips as number[]).entries()) expect(Math.abs(x - (res.want[i] as number))).toBeLessThanOrEqual(1);
});

test("xscale / yscale 'log': log-spaced edges become equal on screen, ticks are matplotlib's log ticks, the view stays in data units", async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const yEdges = [1, 10, 100, 1000, 10000];
    const hm = w.heatgl.heatmap(w.makeBox(400, 400), { values: [0, 1, 2, 3], rows: 4, cols: 1 }, { pixelRatio: 1, xEdges: [0, 1], yEdges, yscale: 'log', cbar: false });
    hm.render();
    const heights = [0, 1, 2, 3].map((r) => hm.cellToClient(r, 0).height);
    const labels = hm.drawnText().tickLabels.filter((l: { axis: string }) => l.axis === 'y').map((l: { text: string }) => l.text);
    const view = hm.getView();
    const bottom = hm.cellAt(hm.canvas.getBoundingClientRect().left + 5, hm.canvas.getBoundingClientRect().bottom - 5);
    let error = '';
    try {
      w.heatgl.heatmap(w.makeBox(100, 100), [[1]], { yEdges: [0, 1], xEdges: [0, 1], yscale: 'log' });
    } catch (e) {
      error = (e as Error).message;
    }
    hm.destroy();
    return { heights, labels, view, bottom, error };
  });
  for (const hgt of res.heights) expect(hgt).toBeCloseTo(res.heights[0], 3);
  expect(res.labels).toEqual(['10⁰', '10¹', '10²', '10³', '10⁴']);
  expect(res.view.y[0]).toBeCloseTo(1, 9);
  expect(res.view.y[1]).toBeCloseTo(10000, 6);
  expect(res.bottom.row).toBe(0);
  expect(res.error).toMatch(/yscale 'log' needs positive y edges, but edge 0 is 0/);
});

test('hist2d draws numpy histogram2d counts on the bin edges, y upwards', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const x = [0.1, 0.2, 0.2, 1.5, 2.9, 3, 0.5];
    const y = [0, 0.1, 0.9, 1.2, 2.5, 3, 2.9];
    const hm = w.heatgl.hist2d(w.makeBox(300, 300), { x, y }, { ...w.PLAIN, pixelRatio: 1, bins: [3, 3] });
    const { counts, xEdges, yEdges } = hm.histogram;
    const r = hm.canvas.getBoundingClientRect();
    // The cell under the middle of x bin 0 / y bin 0 (bottom-left on screen) holds H[0, 0].
    const bottomLeft = hm.cellAt(r.left + 10, r.bottom - 10);
    const topRight = hm.cellAt(r.right - 10, r.top + 10);
    hm.destroy();
    return { counts: Array.from(counts as Float64Array), xEdges: Array.from(xEdges as Float64Array), yEdges: Array.from(yEdges as Float64Array), bottomLeft, topRight };
  });
  expect(res.xEdges[0]).toBe(0.1);
  expect(res.counts.reduce((a: number, b: number) => a + b, 0)).toBe(7);
  expect(res.bottomLeft.value).toBe(res.counts[0]);
  expect(res.topRight.value).toBe(res.counts[8]);
  // numpy.histogram2d gives [[3, 0, 1], [0, 1, 0], [0, 0, 2]].
  expect(res.counts).toEqual([3, 0, 1, 0, 1, 0, 0, 0, 2]);
});

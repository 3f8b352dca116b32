// Pan, zoom, reset, coordinate mapping, events, redraw coalescing, device pixel ratio and resizing, driven by real
// input events in headless Chromium.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

const ROWS = 40;
const COLS = 60;

beforeEach(async () => {
  await h.page.evaluate(
    (rows, cols) => {
      const w = window as any;
      w.hm?.destroy();
      w.clearBoxes();
      const values = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.7) + (i % cols) / cols);
      w.hm = w.heatgl.heatmap(w.makeBox(600, 400), { values, rows, cols }, { ...w.PLAIN, pixelRatio: 1, cmap: 'viridis' });
      w.views = [];
      w.hm.on('view', (v: unknown) => w.views.push(v));
      w.hm.render();
    },
    ROWS,
    COLS,
  );
});

const cellAt = (x: number, y: number) => h.page.evaluate((x, y) => (window as any).hm.cellAt(x, y), x, y);
const view = () => h.page.evaluate(() => (window as any).hm.getView() as { x: [number, number]; y: [number, number] });
/** The colour drawn at a client point and the CPU colour of the cell cellAt() reports there. */
const colourCheck = (x: number, y: number) =>
  h.page.evaluate(
    (x, y) => {
      const w = window as any;
      const px = w.hm.readPixels();
      const i = (Math.floor(y) * px.width + Math.floor(x)) * 4;
      const cell = w.hm.cellAt(x, y);
      return { drawn: Array.from(px.data.slice(i, i + 4)), cell, want: w.heatgl.colorOf(cell.value, cell.masked, w.hm.getScale()) };
    },
    x,
    y,
  );

test('wheel zooms about the cursor: the same cell stays under it and is drawn there', async () => {
  const before = await cellAt(213.5, 157.5);
  await h.page.mouse.move(213.5, 157.5);
  await h.page.mouse.wheel({ deltaY: -500 });
  await h.page.waitForFunction(() => (window as any).views.length > 0);
  const v = await view();
  expect(v.x[1] - v.x[0]).toBeCloseTo(COLS / 2, 6);
  expect(v.y[1] - v.y[0]).toBeCloseTo(ROWS / 2, 6);
  expect(await cellAt(213.5, 157.5)).toEqual(before);
  const c = await colourCheck(213.5, 157.5);
  expect(c.drawn).toEqual(c.want);
  const events = await h.page.evaluate(() => (window as any).views.length);
  expect(events).toBeGreaterThan(0);
});

test('dragging pans by the dragged distance; double-click resets', async () => {
  await h.page.evaluate(() => (window as any).hm.setView({ x: [10, 40], y: [5, 25] }));
  const start = await cellAt(300, 200);
  await h.page.mouse.move(300, 200);
  await h.page.mouse.down();
  await h.page.mouse.move(360, 240, { steps: 4 });
  await h.page.mouse.up();
  // 600 px show 30 columns (20 px each), 400 px show 20 rows (20 px each): 60 px right = 3 columns, 40 px down = 2 rows.
  const v = await view();
  expect(v.x[0]).toBeCloseTo(7, 6);
  expect(v.y[0]).toBeCloseTo(3, 6);
  // The content moved with the pointer: the cell that was under (300, 200) is now under (360, 240).
  expect(await cellAt(360, 240)).toEqual(start);
  const c = await colourCheck(365, 245);
  expect(c.drawn).toEqual(c.want);
  await h.page.mouse.click(100, 100, { clickCount: 2 });
  expect(await view()).toEqual({ x: [0, COLS], y: [0, ROWS] });
});

test('the view is clamped to the matrix', async () => {
  await h.page.evaluate(() => (window as any).hm.setView({ x: [-20, 10], y: [35, 55] }));
  expect(await view()).toEqual({ x: [0, 30], y: [20, 40] });
  await h.page.mouse.move(300, 200);
  for (let i = 0; i < 5; i++) await h.page.mouse.wheel({ deltaY: 2000 });
  await h.page.evaluate(() => new Promise(requestAnimationFrame));
  expect(await view()).toEqual({ x: [0, COLS], y: [0, ROWS] });
});

test('cellAt and cellToClient invert each other in a zoomed view', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.hm.setView({ x: [12.25, 31.5], y: [3.75, 17] });
    const out: string[] = [];
    for (let row = 4; row < 17; row += 3) {
      for (let col = 13; col < 31; col += 4) {
        const r = w.hm.cellToClient(row, col);
        const hit = w.hm.cellAt(r.x + r.width / 2, r.y + r.height / 2);
        if (!hit || hit.row !== row || hit.col !== col) out.push(`${row},${col} -> ${JSON.stringify(hit)}`);
      }
    }
    const outside = w.hm.cellAt(700, 100);
    return { out, outside, size: w.hm.cellToClient(0, 0) };
  });
  expect(res.out).toEqual([]);
  expect(res.outside).toBeNull();
  expect(res.size.width).toBeCloseTo(600 / 19.25, 6);
});

test('many changes in one task draw once, on the next animation frame; nothing draws when idle', async () => {
  const frames = await h.page.evaluate(async () => {
    const w = window as any;
    const raf = () => new Promise(requestAnimationFrame);
    await raf();
    const before = w.hm.stats().frames;
    w.hm.update({ cmap: 'magma' });
    w.hm.update({ vmin: 0 });
    w.hm.setView({ x: [0, 20], y: [0, 20] });
    w.hm.update({ center: 0.5 });
    const sync = w.hm.stats().frames;
    await raf();
    await raf();
    const after = w.hm.stats().frames;
    for (let i = 0; i < 5; i++) await raf();
    return { before, sync, after, idle: w.hm.stats().frames, uploads: w.hm.stats().uploads };
  });
  expect(frames.sync).toBe(frames.before);
  expect(frames.after).toBe(frames.before + 1);
  expect(frames.idle).toBe(frames.after);
  // vmin/vmax/center/cmap changes never re-upload the values.
  expect(frames.uploads).toBe(1);
});

test('devicePixelRatio 2 doubles the drawing buffer and keeps cells right', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.hm.update({ pixelRatio: 2 });
    const px = w.hm.readPixels();
    const cell = w.hm.cellAt(333, 222);
    const i = (222 * 2 * px.width + 333 * 2) * 4;
    return { width: px.width, height: px.height, drawn: Array.from(px.data.slice(i, i + 4)), want: w.heatgl.colorOf(cell.value, false, w.hm.getScale()) };
  });
  expect([res.width, res.height]).toEqual([1200, 800]);
  expect(res.drawn).toEqual(res.want);
});

test('a change of devicePixelRatio (another screen, browser zoom) resizes the drawing buffer', async () => {
  await h.page.evaluate(() => {
    const w = window as any;
    w.hm.destroy();
    w.clearBoxes();
    w.hm = w.heatgl.heatmap(w.makeBox(200, 100), [[1, 2], [3, 4]], w.PLAIN);
  });
  const before = await h.page.evaluate(() => [(window as any).hm.canvas.width, (window as any).hm.canvas.height]);
  await h.page.setViewport({ width: 800, height: 600, deviceScaleFactor: 2 });
  // Emulated DPR changes fire no media-query 'change' event in headless Chromium; the next frame still re-measures.
  await h.page.evaluate(() => (window as any).hm.update({}));
  await h.page.waitForFunction(() => (window as any).hm.canvas.width === 400, { timeout: 10_000 }).catch(() => undefined);
  const after = await h.page.evaluate(() => [(window as any).hm.canvas.width, (window as any).hm.canvas.height]);
  await h.page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  expect(before).toEqual([200, 100]);
  expect(after).toEqual([400, 200]);
});

test('the canvas follows its container (ResizeObserver)', async () => {
  const size = await h.page.evaluate(async () => {
    const w = window as any;
    const box = document.querySelector('.box') as HTMLElement;
    box.style.width = '300px';
    box.style.height = '120px';
    for (let i = 0; i < 4; i++) await new Promise(requestAnimationFrame);
    return [w.hm.canvas.width, w.hm.canvas.height];
  });
  expect(size).toEqual([300, 120]);
});

test('destroy removes the canvas and releases the context; further calls are errors', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    const canvas = w.hm.canvas;
    const figure = w.hm.element;
    const gl = canvas.getContext('webgl');
    w.hm.readPixels();
    const glError = gl.getError();
    w.hm.destroy();
    let message = '';
    try {
      w.hm.render();
    } catch (e) {
      message = String(e);
    }
    const out = { glError, attached: canvas.isConnected || figure.isConnected, lost: gl.isContextLost(), message };
    w.hm = undefined;
    return out;
  });
  expect(res).toEqual({ glError: 0, attached: false, lost: true, message: 'HeatglError: this heatmap was destroyed' });
});

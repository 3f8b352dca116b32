// The host and the state of a heatmap across calls: data replaced after an all-finite picture (issue 16.1), update()
// all or nothing (16.6), every method after destroy() (16.17), the figure following its container's size both ways
// (15.1), and a second heatmap() on the same container (15.7).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(700, 500);
});
afterAll(async () => h.close());

test('setData after an all-finite picture draws NaN and ±Infinity as bad and honours a new mask, as a fresh heatmap', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const o = { ...w.PLAIN, pixelRatio: 1, vmin: 0, vmax: 4 };
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), [[1, 2], [3, 4]], o);
    hm.readPixels();
    const values = new Float32Array([1, Number.NaN, Number.NEGATIVE_INFINITY, 4]);
    hm.setData({ values, rows: 2, cols: 2 });
    const got = w.probeFull(hm, 2, 2);
    const fresh = w.heatgl.heatmap(w.makeBox(200, 200), { values, rows: 2, cols: 2 }, o);
    const want = w.probeFull(fresh, 2, 2);
    hm.setData([[1, 2], [3, 4]], { mask: [[0, 1], [0, 0]] });
    const masked = w.probeFull(hm, 2, 2);
    hm.destroy();
    fresh.destroy();
    return { got, want, masked };
  });
  expect(res.got).toEqual(res.want);
  // NaN (cell 1) and -Infinity (cell 2) are transparent, the default bad colour.
  expect(res.got.slice(4, 12)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  expect(res.masked.slice(4, 8)).toEqual([0, 0, 0, 0]);
  expect(res.masked.slice(0, 4)).not.toEqual([0, 0, 0, 0]);
});

test('an update() that fails during the upload changes nothing, and later updates work', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), [[1, 2], [3, 1e6]], { ...w.PLAIN, pixelRatio: 1, vmin: 0, vmax: 4 });
    const before = Array.from(hm.readPixels().data).join();
    let error = '';
    try {
      hm.update({ storage: 'float16', linewidths: 3, linecolor: 'red', cmap: 'viridis' });
    } catch (e) {
      error = `${(e as Error).name}: ${(e as Error).message}`;
    }
    const after = Array.from(hm.readPixels().data).join();
    const storage = hm.stats().storage;
    let later = 'ok';
    try {
      hm.update({ cmap: 'magma' });
    } catch (e) {
      later = String(e);
    }
    hm.destroy();
    return { error, same: before === after, storage, later };
  });
  expect(res.error).toMatch(/^HeatglError: storage 'float16' holds finite values up to/);
  expect(res.same).toBe(true);
  expect(res.storage).toBe('float32');
  expect(res.later).toBe('ok');
});

test('after destroy() every method but destroy() throws the same clear error', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    hm.destroy();
    hm.destroy();
    const calls: Record<string, () => unknown> = {
      toCanvas: () => hm.toCanvas(),
      toSVG: () => hm.toSVG(),
      toBlob: () => hm.toBlob(),
      toDataURL: () => hm.toDataURL(),
      drawnText: () => hm.drawnText(),
      figureLayout: () => hm.figureLayout(),
      setData: () => hm.setData([[1]]),
      update: () => hm.update({}),
      setView: () => hm.setView({}),
      getView: () => hm.getView(),
      resetView: () => hm.resetView(),
      cellAt: () => hm.cellAt(0, 0),
      cellToClient: () => hm.cellToClient(0, 0),
      readPixels: () => hm.readPixels(),
      render: () => hm.render(),
      resize: () => hm.resize(),
      getScale: () => hm.getScale(),
      stats: () => hm.stats(),
      loaded: () => hm.loaded(),
      updateRegion: () => hm.updateRegion(0, 0, [[1]]),
      appendRows: () => hm.appendRows([[1, 2]]),
      on: () => hm.on('render', () => undefined),
    };
    return w.tryEach(calls) as Record<string, string>;
  });
  for (const [name, got] of Object.entries(res)) expect(got, name).toBe('HeatglError: this heatmap was destroyed');
  expect(Object.keys(res).length).toBe(22);
});

test('after destroy() every densitymap method but destroy() throws the same clear error (16.17)', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const d = w.heatgl.densitymap(w.makeBox(200, 200), { x: [0, 1, 2], y: [0, 1, 2] }, { pixelRatio: 1 });
    d.destroy();
    d.destroy();
    const calls: Record<string, () => unknown> = {
      setPoints: () => d.setPoints({ x: [0], y: [0] }),
      update: () => d.update({}),
      setView: () => d.setView({}),
      getView: () => d.getView(),
      resetView: () => d.resetView(),
      clientToData: () => d.clientToData(0, 0),
      resize: () => d.resize(),
      render: () => d.render(),
      readDensity: () => d.readDensity(),
      valueAt: () => d.valueAt(0, 0),
      readPixels: () => d.readPixels(),
      getScale: () => d.getScale(),
      stats: () => d.stats(),
      on: () => d.on('render', () => undefined),
    };
    return w.tryEach(calls) as Record<string, string>;
  });
  for (const [name, got] of Object.entries(res)) expect(got, name).toBe('HeatglError: this density map was destroyed');
  expect(Object.keys(res).length).toBe(14);
});

test('the figure follows its container both ways; a container without height draws nothing until it has one', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const box = w.makeBox(300, 200);
    const hm = w.heatgl.heatmap(box, [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    await frame();
    const first = hm.element.getBoundingClientRect().height;
    box.style.height = '120px';
    await frame();
    const shrunk = hm.element.getBoundingClientRect().height;
    box.style.height = '260px';
    await frame();
    const grown = hm.element.getBoundingClientRect().height;
    const styleHeight = hm.element.style.height;
    hm.destroy();
    // A container of no height: no frame until it is given one.
    const empty = w.makeBox(300, 0);
    const hm2 = w.heatgl.heatmap(empty, [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    let frames = 0;
    hm2.on('render', () => frames++);
    await frame();
    const framesWhileEmpty = frames;
    const heightWhileEmpty = hm2.element.getBoundingClientRect().height;
    empty.style.height = '150px';
    await frame();
    await frame();
    const framesAfter = frames;
    const axes = hm2.figureLayout().axes;
    hm2.destroy();
    return { first, shrunk, grown, styleHeight, framesWhileEmpty, heightWhileEmpty, framesAfter, axesHeight: axes.height };
  });
  expect(res.first).toBe(200);
  expect(res.shrunk).toBe(120);
  expect(res.grown).toBe(260);
  expect(res.styleHeight).toBe('100%');
  expect(res.framesWhileEmpty).toBe(0);
  expect(res.heightWhileEmpty).toBe(0);
  expect(res.framesAfter).toBeGreaterThan(0);
  expect(res.axesHeight).toBeGreaterThan(100);
});

test('a second heatmap() on the same container replaces the first (destroyed); a densitymap beside it stays', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const box = w.makeBox(200, 200);
    const a = w.heatgl.heatmap(box, [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    let failed = '';
    try {
      w.heatgl.heatmap(box, [[1, 2]], { storage: 'bad' });
    } catch (e) {
      failed = (e as Error).message;
    }
    const aliveAfterFailure = (() => {
      try {
        a.getView();
        return true;
      } catch {
        return false;
      }
    })();
    const b = w.heatgl.heatmap(box, [[5, 6], [7, 8]], { ...w.PLAIN, pixelRatio: 1 });
    let aError = '';
    try {
      a.render();
    } catch (e) {
      aError = (e as Error).message;
    }
    const figures = box.querySelectorAll('.heatgl').length;
    const d = w.heatgl.densitymap(box, { x: [0, 1], y: [0, 1] }, { pixelRatio: 1 });
    const afterDensity = box.querySelectorAll('.heatgl').length + box.querySelectorAll('.heatgl-density').length;
    b.render();
    b.destroy();
    d.destroy();
    return { failed: failed.length > 0, aliveAfterFailure, aError, figures, afterDensity };
  });
  expect(res).toEqual({ failed: true, aliveAfterFailure: true, aError: 'this heatmap was destroyed', figures: 1, afterDensity: 2 });
});

// Context loss on a crowded page: 12 heatmaps (the first 8 with contexts of their own, the rest sharing one) lose the
// shared context and get it back; every heatmap then shows the same pixels as before, and those that share hear
// `contextlost` and `contextrestored`. The same for a density map and its own context.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(1000, 700);
});
afterAll(async () => h.close());

test('12 heatmaps: the shared context is lost and restored, every heatmap shows the same pixels again', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    // Record the WebGL contexts made from now on: the shared one is the one whose canvas is not in the document.
    const proto = HTMLCanvasElement.prototype as any;
    const original = proto.getContext;
    const made: { canvas: HTMLCanvasElement; gl: WebGLRenderingContext }[] = [];
    proto.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = original.call(this, type, ...rest);
      if (type === 'webgl' && ctx && !made.some((m) => m.gl === ctx)) made.push({ canvas: this, gl: ctx });
      return ctx;
    };
    const maps: any[] = [];
    const events: string[] = [];
    try {
      for (let k = 0; k < 12; k++) {
        const el = document.createElement('div');
        el.className = 'box';
        el.style.cssText = `position:absolute;left:${(k % 6) * 160}px;top:${Math.floor(k / 6) * 170}px;width:150px;height:160px`;
        document.body.appendChild(el);
        const values = Float32Array.from({ length: 9 * 11 }, (_, i) => Math.sin(i * 0.37 + k) + (i % 13 === k ? Number.NaN : 0));
        const hm = w.heatgl.heatmap(el, { values, rows: 9, cols: 11 }, { ...w.PLAIN, pixelRatio: 1, cmap: k % 2 ? 'viridis' : 'rocket', linewidths: k % 3 === 0 ? 1 : 0 });
        hm.on('contextlost', () => events.push(`lost ${k}`));
        hm.on('contextrestored', () => events.push(`restored ${k}`));
        maps.push(hm);
      }
    } finally {
      proto.getContext = original;
    }
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    const sharedGl = made.find((m) => !m.canvas.isConnected);
    // What each heatmap's own canvas shows (the copies of the shared frames included).
    const onScreen = (hm: any) => Array.from(hm.toCanvas({ scale: 1, background: 'transparent' }).getContext('2d').getImageData(0, 0, 150, 160).data).join();
    const before = maps.map((hm) => Array.from(hm.readPixels().data).join());
    const screenBefore = maps.map(onScreen);
    const ext = sharedGl?.gl.getExtension('WEBGL_lose_context');
    ext?.loseContext();
    await new Promise((r) => setTimeout(r, 50));
    const lostRender = (() => {
      try {
        for (const hm of maps) hm.render();
        return 'ok';
      } catch (e) {
        return String(e);
      }
    })();
    const eventsWhileLost = events.slice();
    ext?.restoreContext();
    const t0 = performance.now();
    while (events.filter((e) => e.startsWith('restored')).length < 4 && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    const after = maps.map((hm) => Array.from(hm.readPixels().data).join());
    const screenAfter = maps.map(onScreen);
    const nonEmpty = before.every((p) => p.split(',').some((v) => v !== '0'));
    for (const hm of maps) hm.destroy();
    return {
      haveShared: sharedGl !== undefined,
      lostRender,
      eventsWhileLost,
      events,
      same: before.map((b, i) => b === after[i]),
      sameScreen: screenBefore.map((b, i) => b === screenAfter[i]),
      nonEmpty,
    };
  });
  expect(res.haveShared).toBe(true);
  expect(res.nonEmpty).toBe(true);
  expect(res.lostRender).toBe('ok');
  // Heatmaps 8..11 draw in the shared context: they, and only they, hear of its loss and its return.
  expect(res.eventsWhileLost.sort()).toEqual(['lost 10', 'lost 11', 'lost 8', 'lost 9']);
  expect(res.events.filter((e: string) => e.startsWith('restored')).sort()).toEqual(['restored 10', 'restored 11', 'restored 8', 'restored 9']);
  expect(res.same).toEqual(Array(12).fill(true));
  expect(res.sameScreen).toEqual(Array(12).fill(true));
});

test('a density map loses its context and restores it: same pixels and densities, events tell the application', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const n = 3000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 3 + Math.cos(i * 0.3));
    const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 2.3) * 2 + Math.sin(i * 0.11));
    const dm = w.heatgl.densitymap(w.makeBox(300, 220), { x, y }, { pixelRatio: 1, cmap: 'magma' });
    dm.setView({ x: [-3, 3], y: [-2, 2.5] });
    const before = Array.from(dm.readPixels().data).join();
    const densityBefore = Array.from(dm.readDensity().data).join();
    const events: string[] = [];
    dm.on('contextlost', () => events.push('lost'));
    dm.on('contextrestored', () => events.push('restored'));
    const ext = dm.canvas.getContext('webgl').getExtension('WEBGL_lose_context');
    ext.loseContext();
    await new Promise((r) => setTimeout(r, 50));
    ext.restoreContext();
    const t0 = performance.now();
    while (!events.includes('restored') && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    const after = Array.from(dm.readPixels().data).join();
    const densityAfter = Array.from(dm.readDensity().data).join();
    const view = dm.getView();
    dm.destroy();
    return { events, same: before === after, sameDensity: densityBefore === densityAfter, view, nonEmpty: before.split(',').some((v) => v !== '0') };
  });
  expect(res.nonEmpty).toBe(true);
  expect(res.events).toEqual(['lost', 'restored']);
  expect(res.view).toEqual({ x: [-3, 3], y: [-2, 2.5] });
  expect(res.sameDensity).toBe(true);
  expect(res.same).toBe(true);
});

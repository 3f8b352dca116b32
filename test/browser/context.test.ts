// WebGL context loss and restore: the picture comes back by itself with the same data, options and view.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(600, 400);
});
afterAll(async () => h.close());

test('after WEBGL_lose_context the heatmap restores itself: same pixels, events tell the application', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const values = Float32Array.from({ length: 60 * 40 }, (_, i) => Math.sin(i * 0.1) + (i % 7 === 0 ? Number.NaN : 0));
    const hm = w.heatgl.heatmap(w.makeBox(500, 350), { values, rows: 40, cols: 60 }, { ...w.PLAIN, pixelRatio: 1, cmap: 'magma', linewidths: 1, mask: Array.from({ length: 2400 }, (_, i) => i % 11 === 0) });
    hm.setView({ x: [10, 30], y: [5, 20] });
    const before = Array.from(hm.readPixels().data).join();
    const events: string[] = [];
    hm.on('contextlost', () => events.push('lost'));
    hm.on('contextrestored', () => events.push('restored'));
    const ext = hm.canvas.getContext('webgl').getExtension('WEBGL_lose_context');
    ext.loseContext();
    await new Promise((r) => setTimeout(r, 50));
    const lostRenders = (() => {
      try {
        hm.render();
        return 'ok';
      } catch (e) {
        return String(e);
      }
    })();
    ext.restoreContext();
    await new Promise<void>((resolve) => {
      const off = hm.on('contextrestored', () => {
        off();
        resolve();
      });
      setTimeout(resolve, 3000);
    });
    const after = Array.from(hm.readPixels().data).join();
    const view = hm.getView();
    hm.destroy();
    return { same: before === after, events, lostRenders, view, nonEmpty: before.split(',').some((v: string) => v !== '0') };
  });
  expect(res.nonEmpty).toBe(true);
  expect(res.events).toEqual(['lost', 'restored']);
  expect(res.lostRenders).toBe('ok');
  expect(res.view).toEqual({ x: [10, 30], y: [5, 20] });
  expect(res.same).toBe(true);
});

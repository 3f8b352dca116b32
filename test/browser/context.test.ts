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

test('without WebGL: a clear error, or with fallback canvas2d the same colours drawn on the CPU', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const proto = HTMLCanvasElement.prototype as any;
    const original = proto.getContext;
    proto.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return type === 'webgl' || type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
    try {
      const data = Array.from({ length: 5 }, (_, r) => Array.from({ length: 6 }, (_2, c) => (r === 2 && c === 3 ? Number.NaN : Math.cos(r * 6 + c))));
      let error = '';
      try {
        w.heatgl.heatmap(w.makeBox(240, 200), data);
      } catch (e) {
        error = (e as Error).message;
      }
      const hm = w.heatgl.heatmap(w.makeBox(240, 200), data, { ...w.PLAIN, pixelRatio: 1, fallback: 'canvas2d', cmap: 'vlag', badColor: 'rgba(0, 0, 0, 0.5)' });
      const got = w.probeFull(hm, 5, 6);
      const scale = hm.getScale();
      const want: number[] = [];
      for (const v of data.flat()) {
        const c = w.heatgl.colorOf(v, false, scale);
        const a = c[3] / 255;
        want.push(c[0] * a, c[1] * a, c[2] * a, c[3]);
      }
      const renderer = hm.stats().renderer;
      const url = hm.toDataURL().slice(0, 22);
      hm.destroy();
      return { error, got, want, renderer, url };
    } finally {
      proto.getContext = original;
    }
  });
  expect(res.error).toMatch(/WebGL is not available/);
  expect(res.renderer).toBe('Canvas2D fallback (CPU)');
  expect(res.url).toBe('data:image/png;base64,');
  res.want.forEach((v: number, i: number) => {
    expect(Math.abs((res.got[i] as number) - v), `channel ${i}`).toBeLessThanOrEqual(2);
  });
});

// Figures whose element left the document without destroy() (issue 16.16): 10 heatmaps (8 with contexts of their
// own, 2 sharing one) and a density map whose containers are removed release their WebGL contexts after the grace
// period (DETACHED_GRACE_MS), methods then throw the "destroyed" HeatglError, and the next heatmap gets a context of
// its own again. A figure moved to another parent within the grace period keeps working.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(1000, 700);
});
afterAll(async () => h.close());

test('removed containers: contexts released after the grace period, later heatmaps own a context again', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const { DETACHED_GRACE_MS } = await (new Function('u', 'return import(u)') as (u: string) => Promise<any>)('/src/host/host.ts');
    const glModule = await (new Function('u', 'return import(u)') as (u: string) => Promise<any>)('/src/gl/context.ts');
    const proto = HTMLCanvasElement.prototype as any;
    const original = proto.getContext;
    const made: WebGLRenderingContext[] = [];
    proto.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = original.call(this, type, ...rest);
      if (type === 'webgl' && ctx && !made.includes(ctx)) made.push(ctx);
      return ctx;
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      const maps: any[] = [];
      for (let k = 0; k < 10; k++) {
        const el = w.makeBox(150, 120);
        el.style.left = `${(k % 6) * 160}px`;
        el.style.top = `${Math.floor(k / 6) * 130}px`;
        maps.push(w.heatgl.heatmap(el, [[1, 2], [3, k]], { ...w.PLAIN, pixelRatio: 1 }));
      }
      const dens = w.heatgl.densitymap(w.makeBox(150, 120), { x: [0, 1, 2], y: [0, 1, 2] }, { pixelRatio: 1 });
      await sleep(50);
      const before = { dedicated: glModule.dedicatedContexts(), shared: !!glModule.sharedCanvas(), live: made.filter((g) => !g.isContextLost()).length };
      w.clearBoxes();
      await sleep(DETACHED_GRACE_MS / 2);
      const during = { dedicated: glModule.dedicatedContexts(), stats: maps[0].stats().textures > 0 };
      await sleep(DETACHED_GRACE_MS / 2 + 500);
      const after = { dedicated: glModule.dedicatedContexts(), shared: !!glModule.sharedCanvas(), live: made.filter((g) => !g.isContextLost()).length };
      const errors = [...maps, dens].map((m) => {
        try {
          m.render();
          return 'no error';
        } catch (e) {
          return `${e instanceof w.heatgl.HeatglError ? 'HeatglError' : 'other'}: ${(e as Error).message}`;
        }
      });
      maps[0].destroy();
      const fresh = w.heatgl.heatmap(w.makeBox(150, 120), [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
      const own = fresh.canvas.getContext('webgl') !== null;
      fresh.destroy();
      return { before, during, after, errors, own, grace: DETACHED_GRACE_MS };
    } finally {
      proto.getContext = original;
    }
  });
  expect(res.grace).toBe(3000);
  // 8 heatmaps with contexts of their own, the density map's, and the shared one.
  expect(res.before).toEqual({ dedicated: 9, shared: true, live: 10 });
  expect(res.during).toEqual({ dedicated: 9, stats: true });
  expect(res.after).toEqual({ dedicated: 0, shared: false, live: 0 });
  for (const e of res.errors) expect(e).toMatch(/^HeatglError: this (heatmap|density map) was destroyed: its element left the document for more than 3000 ms/);
  expect(res.own).toBe(true);
});

test('a heatmap moved to another parent within the grace period keeps its context and picture', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const { DETACHED_GRACE_MS } = await (new Function('u', 'return import(u)') as (u: string) => Promise<any>)('/src/host/host.ts');
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const box = w.makeBox(150, 120);
    const hm = w.heatgl.heatmap(box, [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    const before = Array.from(hm.readPixels().data).join();
    box.remove();
    await sleep(DETACHED_GRACE_MS / 2);
    const other = w.makeBox(300, 300);
    other.appendChild(box);
    await sleep(DETACHED_GRACE_MS + 500);
    const after = Array.from(hm.readPixels().data).join();
    const lost = (hm.canvas.getContext('webgl') as WebGLRenderingContext).isContextLost();
    // A container never put in the document is left alone, however long.
    const loose = document.createElement('div');
    const hm2 = w.heatgl.heatmap(loose, [[1]], { ...w.PLAIN, pixelRatio: 1 });
    await sleep(DETACHED_GRACE_MS + 500);
    const looseAlive = hm2.getView() !== undefined;
    hm.destroy();
    hm2.destroy();
    return { same: before === after, lost, looseAlive };
  });
  expect(res.same).toBe(true);
  expect(res.lost).toBe(false);
  expect(res.looseAlive).toBe(true);
});

// Many heatmaps on one page: a facet grid of 48 stays within Chromium's limit of 16 live WebGL contexts (heatmaps
// past the 8th share one context) and every one of them keeps drawing its own, correct pixels.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(1200, 900);
});
afterAll(async () => h.close());

test('48 heatmaps in a grid: no context is lost and each shows its own data at every cell centre', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const lost: number[] = [];
    const maps: any[] = [];
    for (let k = 0; k < 48; k++) {
      const el = document.createElement('div');
      el.className = 'box';
      el.style.cssText = `position:absolute;left:${(k % 8) * 140}px;top:${Math.floor(k / 8) * 140}px;width:130px;height:130px`;
      document.body.appendChild(el);
      const data = Array.from({ length: 4 }, (_, r) => Array.from({ length: 5 }, (_2, c) => ((r * 5 + c) * (k + 3)) % 17));
      const hm = w.heatgl.heatmap(el, data, { ...w.PLAIN, pixelRatio: 1, cmap: k % 2 ? 'viridis' : 'magma', vmin: 0, vmax: 16 });
      hm.on('contextlost', () => lost.push(k));
      maps.push({ hm, data });
    }
    // Let every heatmap draw its own frames, then redraw them all again in reverse order.
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    const bad: string[] = [];
    for (const [k, { hm, data }] of [...maps.entries()].reverse()) {
      const got = w.probeFull(hm, 4, 5);
      const scale = hm.getScale();
      for (let i = 0; i < 20; i++) {
        const want = w.heatgl.colorOf(data[Math.floor(i / 5)][i % 5], false, scale);
        const g = got.slice(i * 4, i * 4 + 4);
        if (g.some((v: number, c: number) => Math.abs(v - want[c]) > 2)) bad.push(`heatmap ${k} cell ${i}: ${g} vs ${want}`);
      }
    }
    // What is on screen (the canvases themselves, not only readPixels) is right too: the copy of a shared frame.
    const last = maps[47].hm;
    const url = last.toDataURL({ scale: 1 });
    const canvasesLost = maps.filter(({ hm }) => hm.canvas.getContext('webgl')?.isContextLost?.()).length;
    for (const { hm } of maps) hm.destroy();
    return { bad: bad.slice(0, 5), lost, url: url.slice(0, 22), canvasesLost };
  });
  expect(res.lost).toEqual([]);
  expect(res.canvasesLost).toBe(0);
  expect(res.bad).toEqual([]);
  expect(res.url).toBe('data:image/png;base64,');
});

test('a shared-context heatmap shows the same picture on its canvas as a dedicated one', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const data = Array.from({ length: 6 }, (_, r) => Array.from({ length: 7 }, (_2, c) => Math.sin(r * 7 + c)));
    const pictures: string[] = [];
    for (const sharedContext of [false, true]) {
      const hm = w.heatgl.heatmap(w.makeBox(210, 180), data, { pixelRatio: 1, sharedContext, annot: true, linewidths: 1 });
      pictures.push(hm.toDataURL({ scale: 1 }));
      hm.destroy();
    }
    return pictures[0] === pictures[1];
  });
  expect(res).toBe(true);
});

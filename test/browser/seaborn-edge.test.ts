// Issue 18's seaborn edge cases drawn by the GPU: a constant matrix with and without the colour bar (fixtures from
// seaborn), a shorter tick-label list, annotKws.color given the matplotlib way, Normalize(clip=True), and hist2d
// taking one edge array for both axes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { histogram2d } from '../../src/core/histogram2d';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

const edge = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/edge/edge.json'), 'utf8')) as {
  constant: { value: number; cbar: boolean; kwargs: { cmap?: string }; rgba: number[] }[];
  clusterConstant: { value: number; vmin: number; vmax: number; rgba: number[] }[];
};

test('a constant matrix in a clustermap: widened by its corner colour bar, as seaborn.clustermap draws it', async () => {
  const got = await h.page.evaluate(async (cases) => {
    const w = window as any;
    const out = [];
    for (const c of cases) {
      w.clearBoxes();
      const cm = w.heatgl.clustermap(w.makeBox(400, 400), Array.from({ length: 4 }, () => new Array(3).fill(c.value)), { rowCluster: false, colCluster: false, pixelRatio: 1, interactive: false, worker: false });
      await cm.ready;
      cm.heatmap.render();
      const s = cm.heatmap.getScale();
      const px = cm.heatmap.readPixels();
      const mid = (Math.floor(px.height / 2) * px.width + Math.floor(px.width / 2)) * 4;
      out.push({ vmin: s.vmin, vmax: s.vmax, rgba: Array.from(px.data.slice(mid, mid + 4)) });
      cm.destroy();
    }
    return out;
  }, edge.clusterConstant);
  edge.clusterConstant.forEach((c, i) => {
    const g = got[i] as { vmin: number; vmax: number; rgba: number[] };
    expect([g.vmin, g.vmax]).toEqual([c.vmin, c.vmax]);
    const want = c.rgba.map((v) => Math.round(v * 255));
    expect(g.rgba.every((v, k) => Math.abs(v - (want[k] as number)) <= 1), `${c.value}: got ${g.rgba}, seaborn ${want}`).toBe(true);
  });
});

test('a constant matrix: the middle colour with the colour bar, the first without (as seaborn draws it)', async () => {
  const cases = edge.constant.filter((c) => c.value === 5 || c.value === 0);
  const got = await h.page.evaluate((cases) => {
    const w = window as any;
    return cases.map((c) => {
      w.clearBoxes();
      const hm = w.heatgl.heatmap(w.makeBox(300, 200), Array.from({ length: 3 }, () => new Array(4).fill(c.value)), { ...c.kwargs, cbar: c.cbar, pixelRatio: 1, interactive: false });
      const px = hm.readPixels();
      const mid = (Math.floor(px.height / 2) * px.width + Math.floor(px.width / 2)) * 4;
      const out = Array.from(px.data.slice(mid, mid + 4));
      hm.destroy();
      return out;
    });
  }, cases);
  cases.forEach((c, i) => {
    const want = c.rgba.map((v) => Math.round(v * 255));
    const g = got[i] as number[];
    expect(g.every((v, k) => Math.abs(v - (want[k] as number)) <= 1), `${c.value} cbar ${c.cbar}: got ${g}, seaborn ${want}`).toBe(true);
  });
});

test("shorter tick labels label the first cells; annotKws.color '0.3' is grey; clip: true uses the end colours", async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(400, 300), [[0, 1, 2, 3], [4, 5, 6, 7]], {
      xticklabels: ['a', 'b'],
      yticklabels: ['r0'],
      annot: true,
      annotKws: { color: '0.3' },
      pixelRatio: 1,
      interactive: false,
    });
    hm.render();
    const labels = hm.drawnText().tickLabels.map((l: any) => `${l.axis}${l.index}:${l.text}`);
    const fills = [...hm.toSVG().matchAll(/<text [^>]*fill="([^"]+)"[^>]*>\d<\/text>/g)].map((m) => m[1]);
    hm.destroy();
    w.clearBoxes();
    // clip: values outside [2, 5] take the colormap's end colours even with under/over colours set.
    const clipped = w.heatgl.heatmap(w.makeBox(400, 100), [[0, 3, 9]], { ...w.PLAIN, vmin: 2, vmax: 5, norm: { type: 'linear', clip: true }, underColor: 'C2', overColor: 'C3', cmap: 'viridis', pixelRatio: 1 });
    const probe = w.probeFull(clipped, 1, 3);
    clipped.destroy();
    w.clearBoxes();
    const unclipped = w.heatgl.heatmap(w.makeBox(400, 100), [[0, 3, 9]], { ...w.PLAIN, vmin: 2, vmax: 5, underColor: 'C2', overColor: 'C3', cmap: 'viridis', pixelRatio: 1 });
    const probe2 = w.probeFull(unclipped, 1, 3);
    unclipped.destroy();
    let error = '';
    try {
      w.heatgl.heatmap(w.makeBox(100, 100), [[1, 2]], { norm: { type: 'linear', clp: true } });
    } catch (e) {
      error = String(e);
    }
    w.clearBoxes();
    const hist = w.heatgl.hist2d(w.makeBox(300, 200), { x: [0.5, 1.5, 1.6, 3.9], y: [0.1, 2.5, 2.6, 3.5] }, { bins: [0, 1, 2, 4], cbar: false, pixelRatio: 1 });
    const counts = Array.from(hist.histogram.counts);
    const edges = [Array.from(hist.histogram.xEdges), Array.from(hist.histogram.yEdges)];
    hist.destroy();
    return { labels, fills, probe, probe2, error, counts, edges };
  });
  expect(res.labels).toEqual(['x0:a', 'x1:b', 'y0:r0']);
  // The 8 annotations in seaborn's grey (0.3 → 77/255); the colour bar's tick labels keep the text colour.
  expect(res.fills.filter((f: string) => f === 'rgba(77, 77, 77, 1)').length).toBe(8);
  expect(res.fills.filter((f: string) => f !== 'rgba(77, 77, 77, 1)').every((f: string) => f === '#000')).toBe(true);
  // viridis ends: #440154 and #fde725; C2 = #2ca02c, C3 = #d62728.
  expect(res.probe.slice(0, 3)).toEqual([0x44, 0x01, 0x54]);
  expect(res.probe.slice(8, 11)).toEqual([0xfd, 0xe7, 0x25]);
  expect(res.probe2.slice(0, 3)).toEqual([0x2c, 0xa0, 0x2c]);
  expect(res.probe2.slice(8, 11)).toEqual([0xd6, 0x27, 0x28]);
  expect(res.error).toMatch(/linear norm: unknown key 'clp'/);
  // hist2d hands one edge array to both axes, as the numpy-tested histogram2d reads it.
  const want = histogram2d([0.5, 1.5, 1.6, 3.9], [0.1, 2.5, 2.6, 3.5], { bins: [0, 1, 2, 4] });
  expect(res.edges).toEqual([Array.from(want.xEdges), Array.from(want.yEdges)]);
  expect(res.counts).toEqual(Array.from(want.counts));
});

test('named column strips are labelled right of the strips (seaborn: yticklabels of ax_col_colors, on the right), inside the figure', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const values = Array.from({ length: 5 }, (_, r) => Array.from({ length: 4 }, (_, c) => r * 1.3 - c * 0.7 + (r * c) % 3));
    const cm = w.heatgl.clustermap(w.makeBox(420, 380), values, { pixelRatio: 1, interactive: false, worker: false, colColors: { 'a long strip name': ['r', 'g', 'b', 'k'] } });
    await cm.ready;
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    const svg: string = cm.toSVG({ scale: 1 });
    const fig = cm.element.getBoundingClientRect();
    const axes = cm.heatmap.figureLayout().axes;
    const m = /<text x="([\d.]+)" y="([\d.]+)"[^>]*>a long strip name</.exec(svg);
    const probe = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    probe.font = '12px "DejaVu Sans", "Bitstream Vera Sans", Verdana, "Helvetica Neue", Arial, sans-serif';
    const out = { png: cm.toDataURL({ scale: 1 }), x: m ? Number(m[1]) : -1, y: m ? Number(m[2]) : -1, width: probe.measureText('a long strip name').width, fig: [fig.width, fig.height], axesRight: axes.x - fig.left + axes.width, axesTop: axes.y - fig.top };
    cm.destroy();
    return out;
  });
  if (process.env.HEATGL_SHOTS) {
    mkdirSync(process.env.HEATGL_SHOTS, { recursive: true });
    writeFileSync(resolve(process.env.HEATGL_SHOTS, 'clustermap-col-names.png'), Buffer.from(res.png.split(',')[1] as string, 'base64'));
  }
  expect(res.x).toBeGreaterThan(res.axesRight);
  expect(res.y).toBeLessThan(res.axesTop);
  expect(res.x + res.width).toBeLessThanOrEqual(res.fig[0]);
});

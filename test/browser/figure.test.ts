// The seaborn figure in the browser: tick labels that never overlap, annotations inside their cells, grid lines in
// the pixels, a colour bar that is the LUT, export at 2×, tooltips that are text, hover and click events.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getColormap } from '../../src/core/colormaps';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(1000, 800);
});
afterAll(async () => h.close());

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Label {
  axis: string;
  text: string;
  box: Box;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("tick labels chosen by 'auto' never overlap", () => {
  for (const [rows, w, h2] of [
    [10, 500, 400],
    [50, 500, 400],
    [200, 500, 400],
    [1000, 500, 400],
    [10, 900, 700],
    [1000, 900, 700],
  ] as const) {
    test(`${rows} rows × ${rows} columns in ${w}×${h2}`, async () => {
      const res = await h.page.evaluate(
        (rows, w, h2) => {
          const win = window as any;
          win.clearBoxes();
          const values = Float32Array.from({ length: rows * rows }, (_, i) => Math.sin(i));
          const colLabels = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? `column ${i}` : `c${i}`));
          const hm = win.heatgl.heatmap(win.makeBox(w, h2), { values, rows, cols: rows, colLabels }, { pixelRatio: 1 });
          hm.render();
          const full = hm.drawnText().tickLabels;
          hm.setView({ x: [rows * 0.3, rows * 0.6], y: [rows * 0.1, rows * 0.5] });
          hm.render();
          const zoomed = hm.drawnText().tickLabels;
          const fig = hm.element.getBoundingClientRect();
          hm.destroy();
          return { full: full as Label[], zoomed: zoomed as Label[], fig: { x: fig.left, y: fig.top, width: fig.width, height: fig.height } };
        },
        rows,
        w,
        h2,
      );
      for (const labels of [res.full, res.zoomed]) {
        expect(labels.filter((l: Label) => l.axis === 'x').length).toBeGreaterThan(0);
        expect(labels.filter((l: Label) => l.axis === 'y').length).toBeGreaterThan(0);
        for (const axis of ['x', 'y']) {
          const ls = labels.filter((l: Label) => l.axis === axis);
          for (let i = 1; i < ls.length; i++) {
            expect(overlaps(ls[i - 1]!.box, ls[i]!.box), `${axis} labels ${ls[i - 1]!.text} and ${ls[i]!.text} overlap`).toBe(false);
          }
        }
        // Never clipped by the container.
        for (const l of labels) {
          expect(l.box.x).toBeGreaterThanOrEqual(res.fig.x - 0.5);
          expect(l.box.y).toBeGreaterThanOrEqual(res.fig.y - 0.5);
          expect(l.box.x + l.box.width).toBeLessThanOrEqual(res.fig.x + res.fig.width + 0.5);
          expect(l.box.y + l.box.height).toBeLessThanOrEqual(res.fig.y + res.fig.height + 0.5);
        }
      }
    });
  }
});

test('annotations sit inside their cells and follow the zoom; a zoomed-out 10000² matrix shows none', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 10000;
    const values = new Float32Array(n * n);
    for (let i = 0; i < values.length; i += 997) values[i] = (i % 101) / 10;
    const hm = w.heatgl.heatmap(w.makeBox(700, 600), { values, rows: n, cols: n }, { pixelRatio: 1, annot: true, fmt: '.1f', progressive: false });
    hm.render();
    const out = hm.drawnText().annotations.length;
    const t0 = performance.now();
    hm.setView({ x: [5000, 5020], y: [3000, 3020] });
    hm.render();
    const ms = performance.now() - t0;
    const zoomed = hm.drawnText().annotations;
    hm.destroy();
    return { out, zoomed, ms };
  });
  expect(res.out).toBe(0);
  expect(res.zoomed.length).toBe(400);
  for (const a of res.zoomed) {
    expect(a.box.x).toBeGreaterThanOrEqual(a.cell.x);
    expect(a.box.y).toBeGreaterThanOrEqual(a.cell.y - 0.01);
    expect(a.box.x + a.box.width).toBeLessThanOrEqual(a.cell.x + a.cell.width);
    expect(a.box.y + a.box.height).toBeLessThanOrEqual(a.cell.y + a.cell.height + 0.01);
  }
  console.log(`annotated 20×20 view of a 10000² matrix in ${res.ms.toFixed(1)} ms`);
});

test('grid lines are drawn at cell boundaries, cells keep their colour inside', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(400, 400), [[0, 1, 2, 3], [3, 2, 1, 0], [1, 1, 1, 1], [0, 3, 0, 3]], { ...w.PLAIN, pixelRatio: 1, linewidths: 2, linecolor: 'red', cmap: 'viridis' });
    const px = hm.readPixels();
    const at = (x: number, y: number) => Array.from(px.data.slice((y * px.width + x) * 4, (y * px.width + x) * 4 + 4));
    const out = { boundaryV: at(100, 50), boundaryV2: at(99, 50), boundaryH: at(50, 200), centre: at(50, 50), inside: at(96, 50), want: w.heatgl.colorOf(0, false, hm.getScale()) };
    hm.update({ linewidths: 0 });
    out.boundaryV = [...out.boundaryV, ...Array.from(hm.readPixels().data.slice((50 * 400 + 100) * 4, (50 * 400 + 100) * 4 + 4))];
    hm.destroy();
    return out;
  });
  // A 2 px red line straddles the boundary at x = 100 (pixels 99 and 100), and the horizontal one at y = 200.
  expect(res.boundaryV.slice(0, 4)).toEqual([255, 0, 0, 255]);
  expect(res.boundaryV2).toEqual([255, 0, 0, 255]);
  expect(res.boundaryH).toEqual([255, 0, 0, 255]);
  expect(res.centre).toEqual(res.want);
  expect(res.inside).toEqual(res.want);
  // Without lines the boundary pixel is a cell colour again.
  expect(res.boundaryV.slice(4)).not.toEqual([255, 0, 0, 255]);
});

test('grid lines fade out when cells get smaller than the lines', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 400;
    const hm = w.heatgl.heatmap(w.makeBox(400, 400), { values: new Float32Array(n * n), rows: n, cols: n }, { ...w.PLAIN, pixelRatio: 1, linewidths: 1, linecolor: 'red', vmin: 0, vmax: 1 });
    const px = hm.readPixels();
    let red = 0;
    for (let i = 0; i < px.data.length; i += 4) if (px.data[i] === 255 && px.data[i + 1] === 0) red++;
    hm.destroy();
    return red;
  });
  expect(res).toBe(0);
});

test('the colour bar shows the LUT in use, vmin at the bottom', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(500, 400), [[0, 1], [2, 3]], { pixelRatio: 1, cmap: 'viridis' });
    hm.render();
    const layout = hm.figureLayout();
    const fig = hm.element.getBoundingClientRect();
    const canvas = hm.toCanvas({ scale: 1 });
    const ctx = canvas.getContext('2d');
    const bar = layout.colorbar;
    const samples: { f: number; rgba: number[] }[] = [];
    for (let k = 0; k < 20; k++) {
      const f = (k + 0.5) / 20;
      const x = Math.floor(bar.x - fig.left + bar.width / 2);
      const y = Math.floor(bar.y - fig.top + bar.height * (1 - f));
      samples.push({ f, rgba: Array.from(ctx.getImageData(x, y, 1, 1).data) });
    }
    hm.destroy();
    return { samples, bar };
  });
  expect(res.bar.height).toBeGreaterThan(100);
  const lut = getColormap('viridis');
  for (const { f, rgba } of res.samples) {
    // The pixel row covers a range of f of 1/height; accept the LUT entries that range touches.
    const span = 1 / res.bar.height;
    const ks = [Math.floor((f - span) * 256), Math.floor(f * 256), Math.floor((f + span) * 256)].map((k) => Math.min(255, Math.max(0, k)));
    const close = ks.some((k) => [0, 1, 2].every((c) => Math.abs((rgba[c] as number) - (lut.rgba[k * 4 + c] as number)) <= 2));
    expect(close, `colour bar at ${f.toFixed(3)}: ${rgba}`).toBe(true);
  }
});

test('export at scale 2 has twice the pixels of scale 1 and the same content', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(420, 300), [[1, 2, 3], [4, 5, 6]], { pixelRatio: 1, annot: true, title: 'Export', linewidths: 1 });
    const one = hm.toCanvas({ scale: 1 });
    const two = hm.toCanvas({ scale: 2 });
    const blob = await hm.toBlob({ scale: 2 });
    const url = hm.toDataURL();
    const layout = hm.figureLayout();
    const fig = hm.element.getBoundingClientRect();
    const a = layout.axes;
    const probes: [number[], number[]][] = [];
    const c1 = one.getContext('2d');
    const c2 = two.getContext('2d');
    // Cell centres, a quarter cell off-centre so annotation glyphs are avoided.
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 3; c++) {
        const x = a.x - fig.left + ((c + 0.25) / 3) * a.width;
        const y = a.y - fig.top + ((r + 0.25) / 2) * a.height;
        probes.push([Array.from(c1.getImageData(Math.floor(x), Math.floor(y), 1, 1).data), Array.from(c2.getImageData(Math.floor(2 * x), Math.floor(2 * y), 1, 1).data)]);
      }
    }
    const size = { one: [one.width, one.height], two: [two.width, two.height], blob: blob.size, type: blob.type, url: url.slice(0, 22) };
    hm.destroy();
    return { size, probes };
  });
  expect(res.size.two).toEqual(res.size.one.map((x: number) => x * 2));
  expect(res.size.one).toEqual([420, 300]);
  expect(res.size.type).toBe('image/png');
  expect(res.size.blob).toBeGreaterThan(1000);
  expect(res.size.url).toBe('data:image/png;base64,');
  for (const [a, b] of res.probes) for (let c = 0; c < 4; c++) expect(Math.abs((a[c] as number) - (b[c] as number))).toBeLessThanOrEqual(2);
});

test('labels and tooltips are text, never HTML; hover and click report the cell with its labels', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const evil = '<img src=x onerror="window.hacked=1">';
    const hm = w.heatgl.heatmap(
      w.makeBox(500, 400),
      { values: [1, 2, 3, 4], rows: 2, cols: 2, rowLabels: [evil, 'b'], colLabels: ['x', '<b>bold</b>'] },
      { pixelRatio: 1, title: evil, fmt: '.3f' },
    );
    hm.render();
    const hovers: unknown[] = [];
    const clicks: unknown[] = [];
    hm.on('hover', (e: unknown) => hovers.push(e));
    hm.on('click', (e: unknown) => clicks.push(e));
    const r = hm.cellToClient(0, 1);
    const x = r.x + r.width / 2;
    const y = r.y + r.height / 2;
    const opts = { bubbles: true, clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', button: 0 };
    hm.canvas.dispatchEvent(new PointerEvent('pointermove', opts));
    const tip = hm.element.querySelector('.heatgl-tooltip');
    const tipText = tip.textContent;
    const tipVisible = tip.style.display !== 'none';
    hm.canvas.dispatchEvent(new PointerEvent('pointerdown', opts));
    hm.canvas.dispatchEvent(new PointerEvent('pointerup', opts));
    await new Promise((r2) => setTimeout(r2, 50));
    const imgs = document.querySelectorAll('img').length + hm.element.querySelectorAll('b').length;
    const labels = hm.drawnText().tickLabels.map((l: { text: string }) => l.text);
    hm.destroy();
    return { tipText, tipVisible, imgs, hacked: (window as any).hacked ?? null, hovers, clicks, labels };
  });
  expect(res.imgs).toBe(0);
  expect(res.hacked).toBeNull();
  expect(res.tipVisible).toBe(true);
  expect(res.tipText).toBe('<img src=x onerror="window.hacked=1">, <b>bold</b>\n2.000');
  expect(res.labels).toContain('<img src=x onerror="window.hacked=1">');
  expect(res.hovers).toHaveLength(1);
  expect(res.hovers[0]).toMatchObject({ row: 0, col: 1, value: 2, rowLabel: '<img src=x onerror="window.hacked=1">', colLabel: '<b>bold</b>' });
  expect(res.clicks).toHaveLength(1);
  expect(res.clicks[0]).toMatchObject({ row: 0, col: 1 });
});

test('square cells stay square whatever the container; title and axis labels are drawn', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(700, 300), { values: Array.from({ length: 12 }, (_, i) => i), rows: 3, cols: 4 }, { pixelRatio: 1, square: true });
    hm.render();
    const a = hm.figureLayout().axes;
    const cell = hm.cellToClient(1, 1);
    hm.update({ square: false });
    hm.render();
    const b = hm.figureLayout().axes;
    hm.destroy();
    return { cell, a, b };
  });
  // Layout positions snap to 1/64 CSS px: square to within 0.01 px.
  expect(res.cell.width).toBeCloseTo(res.cell.height, 2);
  expect(res.a.width / res.a.height).toBeCloseTo(4 / 3, 3);
  expect(res.b.width / res.b.height).toBeGreaterThan(2);
});

test('a custom tooltip formatter replaces the default text', async () => {
  const text = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(300, 200), [[1.5, 2.5]], {
      pixelRatio: 1,
      tooltip: (info: { row: number; col: number; value: number }) => `cell ${info.row}/${info.col}: ${info.value * 2}`,
    });
    hm.render();
    const r = hm.cellToClient(0, 1);
    hm.canvas.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, pointerId: 1 }));
    const t = hm.element.querySelector('.heatgl-tooltip').textContent;
    hm.destroy();
    return t;
  });
  expect(text).toBe('cell 0/1: 5');
});

test("yticksPosition 'right' puts the y labels right of the cells, inside the container, left of the colour bar", async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const rows = 30;
    const rowLabels = Array.from({ length: rows }, (_, i) => `gene ${i}`);
    const hm = w.heatgl.heatmap(w.makeBox(500, 400), { values: Float32Array.from({ length: rows * 5 }, (_, i) => i), rows, cols: 5, rowLabels }, { pixelRatio: 1, yticksPosition: 'right', ylabel: 'genes' });
    hm.render();
    const labels = hm.drawnText().tickLabels.filter((l: { axis: string }) => l.axis === 'y');
    const layout = hm.figureLayout();
    const fig = hm.element.getBoundingClientRect();
    hm.destroy();
    return { labels, layout, fig: { right: fig.right } };
  });
  expect(res.labels.length).toBeGreaterThan(3);
  for (const l of res.labels) {
    expect(l.box.x).toBeGreaterThanOrEqual(res.layout.axes.x + res.layout.axes.width);
    expect(l.box.x + l.box.width).toBeLessThanOrEqual(res.layout.colorbar.x);
  }
  expect(res.layout.colorbar.x + res.layout.colorbar.width).toBeLessThanOrEqual(res.fig.right);
});

test('long labels: the rotation is decided on the final axes size (no overlaps at any box size)', async () => {
  const names = ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];
  const res = await h.page.evaluate((names) => {
    const w = window as any;
    const out: { size: string; pairs: string[] }[] = [];
    for (const [bw, bh] of [[620, 560], [600, 500], [500, 500], [800, 600], [700, 640], [660, 600]]) {
      w.clearBoxes();
      const values = names.flatMap((_: string, i: number) => names.map((_2: string, j: number) => (i === j ? 1 : Math.cos(i + j))));
      const hm = w.heatgl.heatmap(w.makeBox(bw, bh), { values, rows: 6, cols: 6, rowLabels: names, colLabels: names }, { pixelRatio: 1, annot: true, fmt: '.2f', square: true });
      hm.render();
      const labels = hm.drawnText().tickLabels;
      const pairs: string[] = [];
      for (const axis of ['x', 'y']) {
        const ls = labels.filter((l: { axis: string }) => l.axis === axis);
        for (let i = 1; i < ls.length; i++) {
          const a = ls[i - 1].box;
          const b = ls[i].box;
          if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs.push(`${ls[i - 1].text}/${ls[i].text}`);
        }
      }
      out.push({ size: `${bw}x${bh}`, pairs });
      hm.destroy();
    }
    return out;
  }, names);
  for (const r of res) expect(r.pairs, r.size).toEqual([]);
});

test('annotations are all or nothing: narrow cells show none rather than a scattered few', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const data = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_2, c) => ((r * 10 + c) * 37) % 99 + 1));
    const hm = w.heatgl.heatmap(w.makeBox(250, 600), data, { pixelRatio: 1, annot: true });
    hm.render();
    const narrow = hm.drawnText().annotations.length;
    hm.destroy();
    const wide = w.heatgl.heatmap(w.makeBox(600, 600), data, { pixelRatio: 1, annot: true });
    wide.render();
    const all = wide.drawnText().annotations.length;
    wide.destroy();
    return { narrow, all };
  });
  expect(res.narrow).toBe(0);
  expect(res.all).toBe(100);
});

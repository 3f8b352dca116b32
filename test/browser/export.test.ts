// Figure export in the browser: the heatmap's SVG (vectors, text as text, cells as one PNG) rendered by Chromium
// matches its PNG export pixel for pixel away from glyph edges; the clustermap exports its whole figure (trees,
// named strips, heatmap, colour bar) as PNG and SVG, equal to what the screen shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(900, 700);
  await h.page.evaluate(() => {
    const w = window as any;
    /** Decodes an image URL and draws it on a canvas of width × height device pixels. */
    w.rasterize = async (url: string, width: number, height: number) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = width;
      c.height = height;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0, width, height);
      return c;
    };
    /** Per-pixel comparison of two same-size canvases: max channel difference, share of pixels differing by more
     * than 16/255, the largest difference outside a 2-pixel neighbourhood of any text box, and a diff image. */
    w.compareCanvases = (a: HTMLCanvasElement, b: HTMLCanvasElement, textBoxes: { x: number; y: number; width: number; height: number }[], scale: number) => {
      const da = (a.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, a.width, a.height).data;
      const db = (b.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, b.width, b.height).data;
      const inText = new Uint8Array(a.width * a.height);
      for (const t of textBoxes) {
        const x0 = Math.max(0, Math.floor((t.x - 2) * scale));
        const y0 = Math.max(0, Math.floor((t.y - 2) * scale));
        const x1 = Math.min(a.width, Math.ceil((t.x + t.width + 2) * scale));
        const y1 = Math.min(a.height, Math.ceil((t.y + t.height + 2) * scale));
        for (let y = y0; y < y1; y++) inText.fill(1, y * a.width + x0, y * a.width + x1);
      }
      let max = 0;
      let maxOutside = 0;
      let worst = [-1, -1];
      let over = 0;
      const diff = document.createElement('canvas');
      diff.width = a.width;
      diff.height = a.height;
      const dctx = diff.getContext('2d') as CanvasRenderingContext2D;
      const img = dctx.createImageData(a.width, a.height);
      for (let i = 0; i < da.length; i += 4) {
        let d = 0;
        for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs((da[i + k] as number) - (db[i + k] as number)));
        max = Math.max(max, d);
        if (d > 16) over++;
        if (!inText[i / 4] && d > maxOutside) {
          maxOutside = d;
          worst = [(i / 4) % a.width, Math.floor(i / 4 / a.width)];
        }
        img.data[i] = 255;
        img.data[i + 1] = 255 - d;
        img.data[i + 2] = 255 - d;
        img.data[i + 3] = 255;
      }
      dctx.putImageData(img, 0, 0);
      const at = (d: Uint8ClampedArray, x: number, y: number) => Array.from(d.slice((y * a.width + x) * 4, (y * a.width + x) * 4 + 4));
      const around = [-2, -1, 0, 1, 2].map((k) => [at(da, (worst[0] as number) + k, worst[1] as number), at(db, (worst[0] as number) + k, worst[1] as number)]);
      return { max, maxOutside, worst, around, overFraction: over / (da.length / 4), diff: diff.toDataURL('image/png') };
    };
  });
});
afterAll(async () => h.close());

const SHOTS = process.env.HEATGL_SHOTS;
function save(name: string, dataUrl: string): void {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(resolve(SHOTS, name), Buffer.from(dataUrl.split(',')[1] as string, 'base64'));
}
function saveText(name: string, text: string): void {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(resolve(SHOTS, name), text);
}

test('heatmap toSVG: vectors and text, cells as one PNG at the scale; rendered it matches the PNG export', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const values: number[][] = [];
    for (let r = 0; r < 6; r++) values.push(Array.from({ length: 8 }, (_, c) => Math.sin(r * 0.9 + c * 0.5) * 3 + r));
    const hm = w.heatgl.heatmap(
      w.makeBox(640, 420),
      { values: values.flat(), rows: 6, cols: 8, rowLabels: ['a', 'b', 'c', 'd', 'e', 'f'], colLabels: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'] },
      { annot: true, fmt: '.1f', title: 'Title <&>', xlabel: 'columns', ylabel: 'rows', cbarKws: { label: 'value' }, linewidths: 1, center: 2, interactive: false, pixelRatio: 1 },
    );
    hm.render();
    const out: Record<string, unknown> = {};
    for (const scale of [1, 2]) {
      const png = hm.toCanvas({ scale });
      const svg: string = hm.toSVG({ scale });
      const fig = hm.element.getBoundingClientRect();
      const rendered = await w.rasterize(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, png.width, png.height);
      const t = hm.drawnText();
      const boxes = [...t.tickLabels.map((l: any) => l.box), ...t.annotations.map((a: any) => a.box)].map((b: any) => ({ ...b, x: b.x - fig.left, y: b.y - fig.top }));
      // Titles, axis labels and colour-bar labels: their whole bands (they are not in drawnText).
      const layout = hm.figureLayout();
      const ax = { x: layout.axes.x - fig.left, y: layout.axes.y - fig.top, width: layout.axes.width, height: layout.axes.height };
      boxes.push({ x: 0, y: 0, width: fig.width, height: ax.y - 1 });
      boxes.push({ x: 0, y: ax.y + ax.height + 1, width: fig.width, height: fig.height });
      boxes.push({ x: 0, y: 0, width: ax.x - 1, height: fig.height });
      const cb = layout.colorbar;
      boxes.push({ x: cb.x - fig.left + cb.width + 1, y: 0, width: fig.width, height: fig.height });
      const cmp = w.compareCanvases(png, rendered, boxes, scale);
      const images = (svg.match(/<image /g) ?? []).length;
      const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      const cellsPng = /<image href="data:image\/png;base64,([^"]+)"/.exec(svg);
      let cellsSize = null;
      if (cellsPng) {
        const img = new Image();
        img.src = `data:image/png;base64,${cellsPng[1]}`;
        await img.decode();
        cellsSize = [img.width, img.height];
      }
      out[scale] = { ...cmp, svg, png: png.toDataURL(), rendered: rendered.toDataURL(), images, texts, cellsSize, axes: [ax.width * scale, ax.height * scale], width: png.width, height: png.height };
    }
    hm.destroy();
    return out as Record<string, any>;
  });
  for (const scale of ['1', '2']) {
    const r = res[scale];
    save(`heatmap-svg-x${scale}.png`, r.rendered);
    save(`heatmap-png-x${scale}.png`, r.png);
    save(`heatmap-diff-x${scale}.png`, r.diff);
    saveText(`heatmap-x${scale}.svg`, r.svg);
    console.log(`heatmap SVG vs PNG at scale ${scale}: max diff ${r.max}, outside text ${r.maxOutside} (at ${r.worst}), ${(r.overFraction * 100).toFixed(3)} % of pixels over 16/255`);
    // Text is text: every tick label, annotation, title and label appears as a <text> element (escaped).
    expect(r.texts).toContain('Title &lt;&amp;&gt;');
    for (const t of ['columns', 'rows', 'value', 'three', 'a', 'f']) expect(r.texts).toContain(t);
    expect(r.texts.filter((t: string) => /^-?\d+\.\d$/.test(t)).length).toBeGreaterThanOrEqual(48);
    // The cells are the only image (the colour bar is a gradient of hard stops); the cells PNG has the export scale's resolution.
    expect(r.images).toBe(1);
    expect(r.cellsSize[0]).toBe(Math.round(r.axes[0]));
    expect(r.cellsSize[1]).toBe(Math.round(r.axes[1]));
    // Away from glyphs the pictures are identical (measured: 0); glyph edges differ by antialiasing only
    // (measured: max 65–68/255, 0.011 % / 0.059 % of pixels over 16/255 at scale 1 / 2).
    expect(r.maxOutside).toBeLessThanOrEqual(1);
    expect(r.max).toBeLessThanOrEqual(100);
    expect(r.overFraction).toBeLessThan(0.002);
  }
});

test('clustermap exports the whole figure: PNG equal to the screen, SVG equal to the PNG; named strips labelled, crisp trees, square ignored', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const rows = 14;
    const cols = 9;
    const values: number[] = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values.push(((r * 7) % 3) * 2 + ((c * 5) % 2) * 3 + Math.sin(r * 3.1 + c * 1.7) * 0.4);
    // A fractional box: the heatmap's axes get fractional sizes, where trees used to smear over two pixels.
    const box = w.makeBox(700.5, 560.25);
    let cm: any;
    try {
      cm = w.heatgl.clustermap(box, { values, rows, cols, rowLabels: Array.from({ length: rows }, (_, i) => `row ${i}`) }, {
        pixelRatio: 1,
        square: true,
        interactive: false,
        rowColors: { group: Array.from({ length: rows }, (_, i) => ['r', 'g', 'b'][i % 3]), batch: Array.from({ length: rows }, (_, i) => `C${i % 2}`) },
        colColors: Array.from({ length: cols }, (_, i) => [i / cols, 0.5, 1 - i / cols]),
        treeKws: { color: [1, 0, 0], linewidth: 2 },
        worker: false,
      });
    } finally {
      console.warn = warn;
    }
    await cm.ready;
    // Two frames: the heatmap makes room under the row strips for their names, then draws again.
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    const fig = cm.element.getBoundingClientRect();
    const png = cm.toCanvas({ scale: 1 });
    const png2 = cm.toCanvas({ scale: 2 });
    const svg: string = cm.toSVG({ scale: 2 });
    const rendered = await w.rasterize(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, png2.width, png2.height);
    // Text boxes: heatmap tick labels, and every band outside the heatmap's axes where text may be.
    const axes = cm.heatmap.figureLayout().axes;
    const ax = { x: axes.x - fig.left, y: axes.y - fig.top, width: axes.width, height: axes.height };
    const boxes = cm.heatmap.drawnText().tickLabels.map((l: any) => ({ ...l.box, x: l.box.x - fig.left, y: l.box.y - fig.top }));
    boxes.push({ x: ax.x + ax.width + 1, y: 0, width: fig.width, height: fig.height });
    boxes.push({ x: 0, y: ax.y + ax.height + 1, width: fig.width, height: fig.height });
    boxes.push({ x: 0, y: 0, width: 90, height: ax.y - 30 });
    const cmp = w.compareCanvases(png2, rendered, boxes, 2);
    // The row dendrogram in the export: only white and exactly the tree colour, lines 2 px wide.
    const ctx = png.getContext('2d') as CanvasRenderingContext2D;
    const treeW = Math.floor(ax.x - 60);
    const tree = ctx.getImageData(0, Math.ceil(ax.y), treeW, Math.floor(ax.height)).data;
    const kinds = new Set<string>();
    for (let i = 0; i < tree.length; i += 4) kinds.add(`${tree[i]},${tree[i + 1]},${tree[i + 2]},${tree[i + 3]}`);
    // The same at scale 2: snapped to the export's device pixels (4 px wide lines).
    const tree2 = (png2.getContext('2d') as CanvasRenderingContext2D).getImageData(0, Math.ceil(ax.y * 2), treeW * 2, Math.floor(ax.height * 2)).data;
    const kinds2 = new Set<string>();
    for (let i = 0; i < tree2.length; i += 4) kinds2.add(`${tree2[i]},${tree2[i + 1]},${tree2[i + 2]},${tree2[i + 3]}`);
    // Widths of the red runs along one row of pixels through the tree.
    const runs: number[] = [];
    const mid = Math.round(ax.y + ax.height / 2);
    const line = ctx.getImageData(0, mid, treeW, 1).data;
    let run = 0;
    for (let x = 0; x < treeW; x++) {
      const red = line[x * 4] === 255 && line[x * 4 + 1] === 0;
      if (red) run++;
      else if (run > 0) {
        runs.push(run);
        run = 0;
      }
    }
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const probe = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    probe.font = '12px "DejaVu Sans", sans-serif';
    const groupAt = /matrix\(0 -1 1 0 [\d.]+ ([\d.]+)\)">group</.exec(svg);
    const nameBottom = groupAt ? Number(groupAt[1]) + probe.measureText('group').width : Infinity;
    const out = {
      nameBottom,
      warnings,
      cellsSquare: Math.abs(ax.width / cols - ax.height / rows) < 0.5,
      size: [png.width, png.height, png2.width, png2.height],
      fig: [fig.width, fig.height],
      max: cmp.max,
      maxOutside: cmp.maxOutside,
      overFraction: cmp.overFraction,
      kinds: [...kinds],
      kinds2: [...kinds2],
      // seaborn rotates the row strips' names by 90° (rotation=90: reading upwards).
      groupMatrix: /<text [^>]*transform="matrix\(([^)]*)\)"[^>]*>group</.exec(svg)?.[1],
      runs,
      texts,
      png: png.toDataURL(),
      png2: png2.toDataURL(),
      rendered: rendered.toDataURL(),
      diff: cmp.diff,
      svg,
      box: [fig.left, fig.top, fig.width, fig.height],
    };
    return out;
  });
  save('clustermap-png-x1.png', res.png);
  save('clustermap-png-x2.png', res.png2);
  save('clustermap-svg-x2.png', res.rendered);
  save('clustermap-diff-x2.png', res.diff);
  saveText('clustermap-x2.svg', res.svg);
  // What the screen shows (a screenshot of the element) equals the scale-1 export.
  const shot = await h.page.screenshot({ clip: { x: 0, y: 0, width: Math.round(res.fig[0]), height: Math.round(res.fig[1]) }, encoding: 'base64' });
  const screen = await h.page.evaluate(
    async (shot: string, png: string) => {
      const w = window as any;
      const a = await w.rasterize(`data:image/png;base64,${shot}`, 0, 0).catch(() => null);
      const imgA = new Image();
      imgA.src = `data:image/png;base64,${shot}`;
      await imgA.decode();
      const c1 = await w.rasterize(imgA.src, imgA.width, imgA.height);
      const c2 = await w.rasterize(png, imgA.width, imgA.height);
      void a;
      return w.compareCanvases(c1, c2, [], 1);
    },
    shot as string,
    res.png,
  );
  save('clustermap-screen-diff.png', screen.diff);
  console.log(
    `clustermap export: screen vs PNG max diff ${screen.max} (${(screen.overFraction * 100).toFixed(3)} % over 16/255); SVG vs PNG at scale 2: max ${res.max}, outside text ${res.maxOutside}, ${(res.overFraction * 100).toFixed(3)} % over 16/255; tree pixel kinds ${res.kinds.join(' | ')}; runs ${res.runs.join(',')}`,
  );
  expect(res.warnings.some((m: string) => m.includes('``square=True`` ignored in clustermap'))).toBe(true);
  expect(res.cellsSquare).toBe(false);
  expect(res.size).toEqual([Math.round(res.fig[0]), Math.round(res.fig[1]), Math.round(res.fig[0] * 2), Math.round(res.fig[1] * 2)]);
  // The named row strips carry their names (seaborn: xticklabels of ax_row_colors); the tuple list is one strip, unnamed.
  expect(res.texts).toContain('group');
  expect(res.texts).toContain('batch');
  expect(res.texts).toContain('row 0');
  expect(screen.max).toBeLessThanOrEqual(2);
  expect(res.maxOutside).toBeLessThanOrEqual(2);
  expect(res.overFraction).toBeLessThan(0.003);
  // The names fit in the figure: the last one's rotated box ends above the bottom edge.
  expect(res.nameBottom).toBeLessThanOrEqual(res.fig[1]);
  // Crisp: the tree area holds white and the exact tree colour only, every line 2 device pixels wide.
  expect(res.kinds.sort()).toEqual(['255,0,0,255', '255,255,255,255']);
  expect(res.kinds2.sort()).toEqual(['255,0,0,255', '255,255,255,255']);
  expect(res.groupMatrix?.split(' ').slice(0, 4)).toEqual(['0', '-1', '1', '0']);
  expect(res.runs.length).toBeGreaterThan(0);
  expect(new Set(res.runs)).toEqual(new Set([2]));
});

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

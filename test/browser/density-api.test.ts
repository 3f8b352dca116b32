// densitymap() behaviour in the browser: colours through the LUT (constant opacity and the ramp), valueAt, bandwidth
// kept in data units and radiusPixels kept in screen pixels across a wheel zoom, NaN points skipped and counted, the
// user's arrays untouched, a background that follows the view, and clear errors instead of a blank canvas.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getColormap } from '../../src/core/colormaps';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

/** Expected premultiplied RGBA bytes for a density value, as the colour pass computes them (linear norm). */
function expectedColor(v: number, vmin: number, vmax: number, cmap: string, opacity: number | 'ramp'): number[] {
  const lut = getColormap(cmap);
  const t = vmax === vmin ? 0 : (v - vmin) / (vmax - vmin);
  const k = Math.min(Math.max(Math.floor(t * lut.n), 0), lut.n - 1);
  const c = Array.from(lut.rgba.subarray(k * 4, k * 4 + 4));
  const a = ((c[3] as number) / 255) * (opacity === 'ramp' ? Math.min(Math.max(t, 0), 1) : opacity);
  return [(c[0] as number) * a, (c[1] as number) * a, (c[2] as number) * a, a * 255];
}

describe('colours', () => {
  for (const [cmap, opacity, extra] of [
    ['viridis', 1, {}],
    ['magma', 0.5, { vmax: 3 }],
    ['turbo', 'ramp', {}],
    ['rocket_r', 'ramp', { aggregation: 'mean', vmin: 0.6, vmax: 1.8 }],
  ] as const) {
    test(`${cmap}, opacity ${opacity} ${JSON.stringify(extra)}`, async () => {
      const run = await h.page.evaluate(
        (cmap, opacity, extra) => {
          const w = window as any;
          w.clearBoxes();
          const el = w.makeBox(160, 120);
          const n = 500;
          const x = new Float64Array(n);
          const y = new Float64Array(n);
          const weight = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            x[i] = Math.sin(i * 12.9898) * 0.5 + 0.5;
            y[i] = Math.sin(i * 78.233) * 0.5 + 0.5;
            weight[i] = 0.5 + (i % 7) / 5;
          }
          const dm = w.heatgl.densitymap(el, { x, y, weight }, { cmap, opacity, bandwidth: 0.05, pixelRatio: 1, interactive: false, ...extra });
          const px = dm.readPixels();
          const grid = dm.readDensity();
          const s = dm.getScale();
          const out = { rgba: Array.from(px.data), values: Array.from(grid.data, String), vmin: s.vmin, vmax: s.vmax };
          dm.destroy();
          return out;
        },
        cmap,
        opacity,
        extra as Record<string, unknown>,
      );
      const mean = 'aggregation' in extra;
      if (!('vmin' in extra)) expect(run.vmin).toBe(0);
      const values = run.values.map(Number);
      if (!('vmax' in extra)) expect(run.vmax).toBeCloseTo(Math.max(...values.filter(Number.isFinite)), 5);
      let bad = 0;
      let first = '';
      let transparent = 0;
      for (let i = 0; i < values.length; i += 7) {
        const v = values[i] as number;
        const got = run.rgba.slice(i * 4, i * 4 + 4) as number[];
        const want = Number.isNaN(v) ? [0, 0, 0, 0] : expectedColor(v, run.vmin, run.vmax, cmap, opacity);
        if (got[3] === 0) transparent++;
        if (got.some((g: number, k: number) => Math.abs(g - (want[k] as number)) > 3)) {
          bad++;
          first ||= `pixel ${i}: value ${v} got [${got}] want [${want.map((q) => q.toFixed(1))}]`;
        }
      }
      expect(first).toBe('');
      expect(bad).toBe(0);
      // The ramp and the mean leave empty places transparent; a constant opacity never does.
      if (opacity === 'ramp' || mean) expect(transparent).toBeGreaterThan(0);
      else expect(transparent).toBe(0);
    });
  }
});

describe('zoom, valueAt and readDensity', () => {
  test('a wheel zoom keeps a bandwidth in data units (same density at the same data point) and radiusPixels in pixels', async () => {
    const r = await h.page.evaluate(async () => {
      const w = window as any;
      w.clearBoxes();
      const el = w.makeBox(200, 200);
      const pts = { x: [10, 10.4], y: [50, 50.2] };
      const at = (dm: any, dataX: number, dataY: number) => {
        const v = dm.getView();
        const box = dm.canvas.getBoundingClientRect();
        const cx = box.left + ((dataX - v.x[0]) / (v.x[1] - v.x[0])) * box.width;
        const cy = box.top + ((v.y[1] - dataY) / (v.y[1] - v.y[0])) * box.height;
        return dm.valueAt(cx, cy);
      };
      const wheel = (dm: any) =>
        dm.canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -500, clientX: 100, clientY: 100, bubbles: true, cancelable: true }));
      const nonzero = (dm: any) => dm.readDensity().data.filter((v: number) => v > 0).length;
      const bw = w.heatgl.densitymap(el, pts, { bandwidth: 0.3, extent: [9, 11.5, 49, 51], pixelRatio: 1 });
      bw.render();
      const before = [at(bw, 10.1, 50.1), at(bw, 10.3, 50.05)];
      const viewBefore = bw.getView();
      wheel(bw);
      bw.render();
      const after = [at(bw, 10.1, 50.1), at(bw, 10.3, 50.05)];
      const viewAfter = bw.getView();
      const outside = bw.valueAt(-5, -5);
      bw.destroy();
      const rp = w.heatgl.densitymap(el, { x: [10], y: [50] }, { radiusPixels: 5, kernel: 'box', extent: [9, 11, 49, 51], pixelRatio: 1 });
      rp.render();
      const pixelsBefore = nonzero(rp);
      wheel(rp);
      rp.render();
      const pixelsAfter = nonzero(rp);
      const zoomedView = rp.getView();
      rp.destroy();
      return { before, after, viewBefore, viewAfter, outside, pixelsBefore, pixelsAfter, zoomedView };
    });
    const span = (v: { x: number[] }) => (v.x[1] as number) - (v.x[0] as number);
    expect(span(r.viewAfter)).toBeCloseTo(span(r.viewBefore) / 2, 9);
    for (let i = 0; i < 2; i++) {
      expect(r.before[i]).toBeGreaterThan(0);
      // Different pixels after the zoom: the value at the nearest pixel centre, so allow the density's change over half a pixel.
      expect(Math.abs((r.after[i] as number) - (r.before[i] as number)) / (r.before[i] as number)).toBeLessThan(0.03);
    }
    expect(r.outside).toBeNull();
    // A disc of radius 5 px: about π·25 pixels at any zoom.
    expect(r.pixelsBefore).toBeGreaterThan(70);
    expect(r.pixelsBefore).toBeLessThan(90);
    expect(r.pixelsAfter).toBe(r.pixelsBefore);
    expect(span(r.zoomedView)).toBeCloseTo(1, 9);
  });

  test('valueAt equals readDensity at that pixel; NaN points are skipped and counted; the input arrays are untouched', async () => {
    const r = await h.page.evaluate(() => {
      const w = window as any;
      w.clearBoxes();
      const el = w.makeBox(100, 80);
      const x = new Float32Array([1, 2, Number.NaN, 3, 4, 2.5]);
      const y = [1, 2, 3, Number.POSITIVE_INFINITY, 2, 1.5];
      const weight = [1, 2, 3, 4, Number.NaN, 1];
      const copies = [Array.from(x, String), y.map(String), weight.map(String)];
      const dm = w.heatgl.densitymap(el, null, { x, y, weight, bandwidth: 0.5, pixelRatio: 1 });
      dm.render();
      const grid = dm.readDensity();
      const box = dm.canvas.getBoundingClientRect();
      const probes = [[10, 10], [50, 40], [99, 79], [0, 0]].map(([c, r]) => [dm.valueAt(box.left + c + 0.5, box.top + r + 0.5), grid.data[r * grid.width + c]]);
      const st = dm.stats();
      const same = JSON.stringify([Array.from(x, String), y.map(String), weight.map(String)]) === JSON.stringify(copies);
      dm.destroy();
      return { probes, points: st.points, skipped: st.skipped, same, size: [grid.width, grid.height] };
    });
    expect(r.size).toEqual([100, 80]);
    for (const [a, b] of r.probes) expect(a).toBe(b);
    expect(r.probes.some(([a]) => (a as number) > 0)).toBe(true);
    expect([r.points, r.skipped]).toEqual([3, 3]);
    expect(r.same).toBe(true);
  });

  test('a background spans the extent and follows the view', async () => {
    const r = await h.page.evaluate(() => {
      const w = window as any;
      w.clearBoxes();
      const el = w.makeBox(200, 100);
      const bg = document.createElement('canvas');
      bg.width = 40;
      bg.height = 20;
      const dm = w.heatgl.densitymap(el, { x: [1], y: [1] }, { radiusPixels: 3, extent: [0, 4, 0, 2], background: bg, pixelRatio: 1, yDown: true });
      dm.render();
      const img = dm.element.querySelector('canvas') as HTMLCanvasElement;
      const full = [img.style.left, img.style.top, img.style.width, img.style.height, img.width];
      dm.setView({ x: [2, 4], y: [1, 2] });
      dm.render();
      const zoomed = [img.style.left, img.style.top, img.style.width, img.style.height];
      dm.destroy();
      return { full, zoomed };
    });
    expect(r.full).toEqual(['0px', '0px', '200px', '100px', 40]);
    expect(r.zoomed).toEqual(['-200px', '-100px', '400px', '200px']);
  });
});

describe('bad input is a clear error and leaves nothing behind', () => {
  const cases: [string, string, RegExp][] = [
    ['unequal columns', `{ x: [1, 2, 3], y: [1, 2] }, {}`, /y has 2 values but x has 3/],
    ['negative bandwidth', `{ x: [1], y: [1] }, { bandwidth: -2 }`, /bandwidth must be a positive finite number/],
    ['unknown kernel', `{ x: [1], y: [1] }, { kernel: 'cosine' }`, /unknown kernel "cosine"/],
    ['bandwidth and radiusPixels', `{ x: [1], y: [1] }, { bandwidth: 1, radiusPixels: 2 }`, /not both/],
    ['opacity', `{ x: [1], y: [1] }, { opacity: 2 }`, /opacity must be a number in 0..1 or 'ramp'/],
    ['cmap', `{ x: [1], y: [1] }, { cmap: 'nope' }`, /nope/],
    ['background', `{ x: [1], y: [1] }, { background: 42 }`, /background must be/],
    ['norm', `{ x: [1], y: [1] }, { norm: 'log' }`, /linear norm only/],
  ];
  for (const [name, args, re] of cases) {
    test(name, async () => {
      const r = await h.page.evaluate((args) => {
        const w = window as any;
        w.clearBoxes();
        const el = w.makeBox(50, 50);
        try {
          // The cases are written above as source text.
          new Function('el', 'heatgl', `return heatgl.densitymap(el, ${args})`)(el, w.heatgl);
          return { error: null, name: '', children: el.children.length };
        } catch (e) {
          return { error: String((e as Error).message), name: (e as Error).name, children: el.children.length };
        }
      }, args);
      expect(r.name).toBe('HeatglError');
      expect(r.error).toMatch(re);
      expect(r.children).toBe(0);
    });
  }

  test('a browser without float blending gets an error naming the extension', async () => {
    const r = await h.page.evaluate(() => {
      const w = window as any;
      w.clearBoxes();
      const el = w.makeBox(50, 50);
      const original = WebGLRenderingContext.prototype.getExtension;
      WebGLRenderingContext.prototype.getExtension = function (this: WebGLRenderingContext, name: string) {
        return name === 'EXT_float_blend' ? null : original.call(this, name);
      } as typeof original;
      try {
        w.heatgl.densitymap(el, { x: [1], y: [1] }, {});
        return { error: null, children: el.children.length };
      } catch (e) {
        return { error: String((e as Error).message), children: el.children.length };
      } finally {
        WebGLRenderingContext.prototype.getExtension = original;
      }
    });
    expect(r.error).toMatch(/lacks the WebGL extension EXT_float_blend, which densitymap needs for additive blending into a float framebuffer/);
    expect(r.children).toBe(0);
  });

  test('update() refuses point options; setPoints() replaces the points', async () => {
    const r = await h.page.evaluate(() => {
      const w = window as any;
      w.clearBoxes();
      const el = w.makeBox(60, 60);
      const dm = w.heatgl.densitymap(el, { x: [1, 2], y: [1, 2] }, { radiusPixels: 4, pixelRatio: 1 });
      let error = '';
      try {
        dm.update({ x: [1] });
      } catch (e) {
        error = String((e as Error).message);
      }
      dm.setPoints({ x: [1, 2, 3], y: [1, 2, 3] });
      dm.update({ kernel: 'epanechnikov', bandwidth: 0.2 });
      dm.render();
      const st = dm.stats();
      dm.destroy();
      return { error, points: st.points, bandwidth: st.bandwidth, radius: st.radiusPixels };
    });
    expect(r.error).toMatch(/use setPoints/);
    expect(r.points).toBe(3);
    expect(r.bandwidth).toEqual([0.2, 0.2]);
    expect(r.radius).toBeNull();
  });
});

// Where the density and its colours are JS loops (software WebGL), they are shown by putImageData on a 2D canvas under
// the WebGL canvas (src/gl/density-image.ts) instead of an upload and a draw.
describe('colours computed in JS on the 2D canvas', () => {
  test("the canvas stores exactly the premultiplied bytes for every alpha and value (Chromium's rounding)", async () => {
    const bad = await h.page.evaluate(async () => {
      const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
      const { premultiplyInPlace } = await imp('/src/core/density-colorize.ts');
      const W = 256;
      const straight = new Uint8ClampedArray(W * W * 4);
      const want = new Uint8Array(W * W * 4);
      for (let a = 0; a < 256; a++) {
        for (let p = 0; p < 256; p++) {
          const i = (a * W + p) * 4;
          const q = Math.min(p, a);
          want.set([q, q >> 1, a - q, a], i);
          for (let c = 0; c < 3; c++) straight[i + c] = a === 0 ? 0 : Math.round(((want[i + c] as number) * 255) / a);
          straight[i + 3] = a;
        }
      }
      const canvas = document.createElement('canvas');
      canvas.width = W;
      canvas.height = W;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.putImageData(new ImageData(straight, W, W), 0, 0);
      const back = ctx.getImageData(0, 0, W, W).data;
      premultiplyInPlace(back);
      let n = 0;
      for (let i = 0; i < back.length; i++) if (back[i] !== want[i]) n++;
      return n;
    });
    expect(bad).toBe(0);
  });

  test('a frame coloured in JS shows on the 2D canvas, one coloured on the GPU on the WebGL canvas (the other hidden or cleared), same pixels', async () => {
    const r = await h.page.evaluate(async () => {
      const w = window as any;
      const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
      const layer = await imp('/src/gl/density-layer.ts');
      w.clearBoxes();
      const n = 400;
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);
      const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 78.233) * 0.5 + 0.5);
      const glPixels = (dm: any) => {
        const gl = dm.canvas.getContext('webgl') as WebGLRenderingContext;
        const px = new Uint8Array(dm.canvas.width * dm.canvas.height * 4);
        gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        gl.readPixels(0, 0, dm.canvas.width, dm.canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, px);
        return px;
      };
      const shown2d = (dm: any) => [...dm.element.querySelectorAll('canvas')].filter((c: HTMLCanvasElement) => c !== dm.canvas && c.getAttribute('aria-hidden') === 'true' && c.style.display !== 'none').length;
      const opaque = (px: Uint8Array) => px.filter((_, i) => i % 4 === 3 && px[i] !== 0).length;
      try {
        layer.forceDensityCompute('cpu');
        const dm = w.heatgl.densitymap(w.makeBox(160, 120), { x, y }, { method: 'exact', radiusPixels: 4, cmap: 'magma', opacity: 'ramp', pixelRatio: 1, interactive: false, preserveDrawingBuffer: true });
        dm.render();
        const cpu = { shown: shown2d(dm), px: dm.readPixels().data as Uint8Array, gl: opaque(glPixels(dm)) };
        layer.forceDensityCompute('gpu');
        dm.render();
        const gpu = { shown: shown2d(dm), px: dm.readPixels().data as Uint8Array, gl: opaque(glPixels(dm)) };
        layer.forceDensityCompute('cpu');
        dm.render();
        const back = { shown: shown2d(dm), px: dm.readPixels().data as Uint8Array, gl: opaque(glPixels(dm)) };
        let worst = 0;
        let same = 0;
        for (let i = 0; i < cpu.px.length; i++) {
          worst = Math.max(worst, Math.abs((cpu.px[i] as number) - (gpu.px[i] as number)));
          if (cpu.px[i] === back.px[i]) same++;
        }
        dm.destroy();
        return { shown: [cpu.shown, gpu.shown, back.shown], gl: [cpu.gl, gpu.gl, back.gl], visible: opaque(cpu.px), worst, same, length: cpu.px.length };
      } finally {
        layer.forceDensityCompute(undefined);
      }
    });
    expect(r.shown).toEqual([1, 0, 1]);
    // The WebGL canvas on top: empty while the 2D canvas shows the frame, drawn when it does.
    expect(r.gl[0]).toBe(0);
    expect(r.gl[1]).toBeGreaterThan(1000);
    expect(r.gl[2]).toBe(0);
    expect(r.visible).toBeGreaterThan(1000);
    expect(r.worst).toBeLessThanOrEqual(2);
    expect(r.same).toBe(r.length);
  });
});

test('without a 2D context the colours computed in JS are drawn by the shader on the WebGL canvas instead', async () => {
  const r = await h.page.evaluate(async () => {
    const w = window as any;
    const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
    const layer = await imp('/src/gl/density-layer.ts');
    const n = 400;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 78.233) * 0.5 + 0.5);
    const original = HTMLCanvasElement.prototype.getContext;
    const draw = () => {
      w.clearBoxes();
      const dm = w.heatgl.densitymap(w.makeBox(160, 120), { x, y }, { method: 'exact', radiusPixels: 4, cmap: 'viridis', opacity: 'ramp', pixelRatio: 1, interactive: false });
      dm.render();
      const px = dm.readPixels().data as Uint8Array;
      const shown = [...dm.element.querySelectorAll('canvas')].filter((c: HTMLCanvasElement) => c !== dm.canvas && c.getAttribute('aria-hidden') === 'true' && c.style.display !== 'none').length;
      dm.destroy();
      return { px, shown };
    };
    layer.forceDensityCompute('cpu');
    try {
      const with2d = draw();
      (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return type === '2d' ? null : original.call(this, type as '2d', ...(rest as []));
      };
      let without: { px: Uint8Array; shown: number };
      try {
        without = draw();
      } finally {
        HTMLCanvasElement.prototype.getContext = original;
      }
      let worst = 0;
      let visible = 0;
      for (let i = 0; i < with2d.px.length; i++) {
        worst = Math.max(worst, Math.abs((with2d.px[i] as number) - (without.px[i] as number)));
        if (i % 4 === 3 && (without.px[i] as number) > 0) visible++;
      }
      return { shown: [with2d.shown, without.shown], worst, visible };
    } finally {
      layer.forceDensityCompute(undefined);
    }
  });
  expect(r.shown).toEqual([1, 0]);
  expect(r.visible).toBeGreaterThan(1000);
  expect(r.worst).toBeLessThanOrEqual(2);
});

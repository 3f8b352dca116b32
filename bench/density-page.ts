// Density benchmark page (served by bench/density.mjs): n points in page memory, drawn into the same 800×600 CSS px
// box by heatgl's densitymap() and by heatmap.js 2.0.5. All timing happens here with performance.now().
//
//   heatgl     densitymap(el, { x, y }, { radiusPixels, kernel: 'gaussian', opacity: 'ramp', cmap: 'turbo' }) →
//              render() → 1×1 read of the canvas that shows the frame (readHeatgl: waits for it). Includes packing
//              the points (two passes, float32 offsets), the spatial index, the aggregation (method 'auto': splat, or
//              bin + convolve), the colour limits and the colour pass.
//   heatmap.js h337.create({ container, radius }) → setData({ min, max, data }) (draws synchronously: one shadow
//              template per point on a Canvas2D, then getImageData/putImageData to colour) → 1×1 getImageData of its
//              canvas. Untimed: the array of { x, y, value } objects it needs.
//   zoom       heatgl: setView (2× about several places, or back to full) + render() + 1×1 readback. heatmap.js has
//              no view: the same zoom is the points re-projected to pixels (a new { x, y, value } array) + setData.
import type H337 from 'heatmap.js';
import { type DensityMap, densitymap } from '../src/index';
import { type DensityFrame, packPoints, pointColumns } from '../src/core/density';
import { binGrid, binPoints, gridRect, nodeTransform } from '../src/core/density-binning';
import { indexPoints, runsInRect } from '../src/core/density-index';
import { createDensityBinned } from '../src/gl/density-binned';
import { createDensityContext } from '../src/gl/density-context';
import { type DensityCompute, forceDensityCompute } from '../src/gl/density-layer';
import { box, sleep } from './page-util';

/** heatmap.js, loaded by a classic <script> in density-page.html (see there why). */
const h337 = (window as unknown as { h337: typeof H337 }).h337;

const W = 800;
const H = 600;

let xs: Float32Array | null = null;
let ys: Float32Array | null = null;
let objects: { x: number; y: number; value: number }[] | null = null;
let live: DensityMap | null = null;
let liveHm: ReturnType<typeof h337.create> | null = null;

/** Points in 12 gaussian clusters plus 20 % uniform noise, integer pixel positions (heatmap.js bins to integer pixels
 *  anyway; heatgl gets the same numbers). xorshift, fixed seed. Not timed. */
function generate(n: number): { ms: number } {
  clear();
  xs = null;
  ys = null;
  objects = null;
  const t0 = performance.now();
  let s = 0x2545f491 | 0;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: 12 }, () => [60 + rand() * (W - 120), 60 + rand() * (H - 120), 10 + rand() * 60]);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let px: number;
    let py: number;
    if (rand() < 0.2) {
      px = rand() * W;
      py = rand() * H;
    } else {
      const c = centres[i % centres.length] as number[];
      px = (c[0] as number) + gauss() * (c[2] as number);
      py = (c[1] as number) + gauss() * (c[2] as number);
    }
    x[i] = Math.min(W - 1, Math.max(0, Math.round(px)));
    y[i] = Math.min(H - 1, Math.max(0, Math.round(py)));
  }
  xs = x;
  ys = y;
  return { ms: performance.now() - t0 };
}

function prepare(lib: 'heatgl' | 'heatmapjs'): { ms: number } {
  clear();
  const t0 = performance.now();
  if (lib === 'heatmapjs' && xs && ys) objects = Array.from(xs, (x, i) => ({ x, y: (ys as Float32Array)[i] as number, value: 1 }));
  else objects = null;
  return { ms: performance.now() - t0 };
}

function clear(): void {
  live?.destroy();
  live = null;
  liveHm = null;
  box().replaceChildren();
}

/** Waits until heatgl's frame is drawn: a 1×1 read of the canvas that shows it (the WebGL canvas, or the 2D canvas
 *  under it that shows colours computed in JS; see src/gl/density-image.ts). */
function readHeatgl(dm: DensityMap): void {
  const shown = [...dm.element.querySelectorAll('canvas')].filter((c) => c.style.display !== 'none' && c !== dm.canvas);
  const image = shown.find((c) => c.getAttribute('aria-hidden') === 'true');
  if (image) {
    image.getContext('2d')?.getImageData(0, 0, 1, 1);
    return;
  }
  const gl = dm.canvas.getContext('webgl') as WebGLRenderingContext;
  const px = new Uint8Array(4);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
}

/** heatmap.js max: about the busiest pixel's count, so the picture is not saturated (does not change its work). */
const maxFor = (n: number) => Math.max(2, Math.round(n / 20000));

function firstFrame(lib: 'heatgl' | 'heatmapjs', radiusPx: number): { ms: number; method?: string } {
  clear();
  const el = box();
  if (!xs || !ys) throw new Error('generate() first');
  const t0 = performance.now();
  if (lib === 'heatgl') {
    // heatmap.js's radius is its support: a gaussian cut at 4σ with σ = radius / 4 covers the same pixels.
    const dm = densitymap(el, { x: xs, y: ys }, { radiusPixels: radiusPx / 4, kernel: 'gaussian', opacity: 'ramp', cmap: 'turbo', yDown: true, extent: [0, W, 0, H], pixelRatio: 1, interactive: false });
    dm.render();
    readHeatgl(dm);
    const ms = performance.now() - t0;
    live = dm;
    // Which path 'auto' took (src/core/density-binning.ts chooseMethod), read after the timing.
    return { ms, method: dm.stats().aggregation.method };
  } else {
    if (!objects) throw new Error('prepare("heatmapjs") first');
    const hm = h337.create({ container: el, radius: radiusPx });
    hm.setData({ min: 0, max: maxFor(xs.length), data: objects });
    hm._renderer.canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    liveHm = hm;
  }
  return { ms: performance.now() - t0 };
}

const VIEWS: [number, number, number, number][] = [
  [0, 400, 0, 300],
  [400, 800, 300, 600],
  [200, 600, 150, 450],
  [0, 800, 0, 600],
  [100, 500, 250, 550],
];

/** Re-aggregation after a view change, one per animation frame; `fixed`: vmin/vmax given (no float readback). */
async function zooms(lib: 'heatgl' | 'heatmapjs', runs: number, fixed: boolean): Promise<number[]> {
  const out: number[] = [];
  if (!xs || !ys) throw new Error('generate() first');
  if (lib === 'heatgl') {
    const dm = live;
    if (!dm) throw new Error('firstFrame("heatgl") first');
    dm.update(fixed ? { vmin: 0, vmax: 1 } : { vmin: undefined, vmax: undefined });
    // Draw and wait for that change outside the timing.
    dm.render();
    readHeatgl(dm);
    for (let i = 0; i < runs; i++) {
      const [x0, x1, y0, y1] = VIEWS[i % VIEWS.length] as [number, number, number, number];
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      dm.setView({ x: [x0, x1], y: [y0, y1] });
      dm.render();
      readHeatgl(dm);
      out.push(performance.now() - t0);
    }
    return out;
  }
  const hm = liveHm;
  if (!hm) throw new Error('firstFrame("heatmapjs") first');
  const x = xs;
  const y = ys;
  for (let i = 0; i < runs; i++) {
    const [x0, x1, y0, y1] = VIEWS[i % VIEWS.length] as [number, number, number, number];
    await new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    const sx = W / (x1 - x0);
    const sy = H / (y1 - y0);
    const data: { x: number; y: number; value: number }[] = [];
    // Points whose template can reach the canvas, at integer pixels (as heatmap.js needs).
    for (let k = 0; k < x.length; k++) {
      const px = Math.round(((x[k] as number) - x0) * sx);
      const py = Math.round(((y[k] as number) - y0) * sy);
      if (px > -40 && px < W + 40 && py > -40 && py < H + 40) data.push({ x: px, y: py, value: 1 });
    }
    hm.setData({ min: 0, max: maxFor(x.length), data });
    hm._renderer.canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    out.push(performance.now() - t0);
  }
  return out;
}

type Phases = Record<string, number>;

/** Where heatgl's time goes (DENSITY_PROFILE=1): the first frame split into construction (context, programs, LUT),
 *  packing + index, the frame's steps (stats().phases) and the final 1×1 readback (waiting for the GPU); then the
 *  same for each zoom. Medians are taken by the caller. */
async function profile(radiusPx: number, runs: number, compute?: DensityCompute): Promise<{ first: Phases; zooms: Phases[] }> {
  clear();
  forceDensityCompute(compute);
  try {
    return await profileRun(radiusPx, runs);
  } finally {
    forceDensityCompute(undefined);
  }
}

/** Binning alone, the JS loop against the GPU pass (4 × 4 point sprites), for the zoom views: medians in ms. The GPU
 *  pass is timed to a 1 × 1 readback (it waits until the GPU has binned). */
function binning(radiusPx: number, runs: number): { js: number; gpu: number; points: number } {
  clear();
  if (!xs || !ys) throw new Error('generate() first');
  const p = packPoints(pointColumns({ x: xs, y: ys }, {}), [W / 2, H / 2]);
  const ix = indexPoints(p);
  const canvas = document.createElement('canvas');
  const ctx = createDensityContext(canvas);
  const bn = createDensityBinned(ctx.regl);
  const buffer = ctx.regl.buffer({ data: ix.data, usage: 'static', type: 'float' });
  const gl = ctx.regl._gl;
  const px = new Uint8Array(4);
  const js: number[] = [];
  const gpu: number[] = [];
  let scratch: Float32Array | undefined;
  let points = 0;
  for (let i = 0; i <= runs; i++) {
    const [x0, x1, y0, y1] = VIEWS[i % VIEWS.length] as [number, number, number, number];
    const f: DensityFrame = { view: { x0, x1, y0, y1 }, widthPx: W, heightPx: H, yDown: true, pixelRatio: 1, kernel: 'gaussian', aggregation: 'sum', bandwidth: undefined, radiusPixels: radiusPx / 4 };
    const g = binGrid(f, 8192);
    if (!g) throw new Error('no grid');
    const t = nodeTransform(f, p.origin, g);
    const a = performance.now();
    const out = binPoints({ data: ix.data, stride: 2, runs: runsInRect(ix, ...gridRect(g, t)) }, g, t, scratch);
    scratch = out.values;
    const b = performance.now();
    bn.bin({ buffer, stride: 2, count: ix.count }, g, { viewOrigin: new Float32Array([x0 - p.origin[0], y1 - p.origin[1]]), pxPerUnit: new Float32Array([W / (x1 - x0), -H / (y1 - y0)]) });
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    const c = performance.now();
    // The first round compiles the program: not counted.
    if (i > 0) {
      js.push(b - a);
      gpu.push(c - b);
      points = out.binned;
    }
  }
  buffer.destroy();
  bn.destroy();
  ctx.destroy();
  const med = (v: number[]) => [...v].sort((q, r) => q - r)[v.length >> 1] as number;
  return { js: med(js), gpu: med(gpu), points };
}

async function profileRun(radiusPx: number, runs: number): Promise<{ first: Phases; zooms: Phases[] }> {
  const el = box();
  if (!xs || !ys) throw new Error('generate() first');
  const t0 = performance.now();
  const dm = densitymap(el, { x: xs, y: ys }, { radiusPixels: radiusPx / 4, kernel: 'gaussian', opacity: 'ramp', cmap: 'turbo', yDown: true, extent: [0, W, 0, H], pixelRatio: 1, interactive: false });
  const t1 = performance.now();
  dm.render();
  const t2 = performance.now();
  readHeatgl(dm);
  const t3 = performance.now();
  live = dm;
  const st = dm.stats();
  const first = { total: t3 - t0, create: t1 - t0 - st.lastUploadMs, packIndex: st.lastUploadMs, frame: t2 - t1, ...st.phases, readback: t3 - t2 };
  const zoomsOut: Phases[] = [];
  for (let i = 0; i < runs; i++) {
    const [x0, x1, y0, y1] = VIEWS[i % VIEWS.length] as [number, number, number, number];
    await new Promise((r) => requestAnimationFrame(r));
    const a = performance.now();
    dm.setView({ x: [x0, x1], y: [y0, y1] });
    dm.render();
    const b = performance.now();
    readHeatgl(dm);
    const c = performance.now();
    zoomsOut.push({ total: c - a, frame: b - a, ...dm.stats().phases, readback: c - b });
  }
  return { first, zooms: zoomsOut };
}

/** 10 M points and more: heatgl only, with Float32Array columns generated here (not timed). */
function bigLoad(radiusPx: number): { ms: number; uploadMs: number; frameMs: number; points: number; gpuBytes: number; method: string } {
  clear();
  if (!xs || !ys) throw new Error('generate() first');
  const el = box();
  const t0 = performance.now();
  const dm = densitymap(el, { x: xs, y: ys }, { radiusPixels: radiusPx / 4, kernel: 'gaussian', opacity: 'ramp', cmap: 'turbo', yDown: true, extent: [0, W, 0, H], pixelRatio: 1, interactive: false });
  dm.render();
  readHeatgl(dm);
  const ms = performance.now() - t0;
  const st = dm.stats();
  live = dm;
  return { ms, uploadMs: st.lastUploadMs, frameMs: st.lastFrameMs, points: st.points, gpuBytes: st.gpuBytes, method: st.aggregation.method };
}

function info(): { renderer: string } {
  const c = document.createElement('canvas');
  const gl = c.getContext('webgl');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL';
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer };
}

declare global {
  interface Window {
    density: typeof api;
    densityReady: boolean;
  }
}
const api = { generate, prepare, firstFrame, zooms, bigLoad, profile, binning, info, clear, sleep };
window.density = api;
window.densityReady = true;

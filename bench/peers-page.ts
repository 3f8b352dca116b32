// Peer benchmark page (served by bench/peers.mjs through a vite dev server; a fresh page per library and size): one
// n×n Float32Array generated in page memory, drawn into the same 800×600 CSS px box by heatgl, plotly.js, ECharts, a
// plain Canvas2D loop and a bare WebGL2 "floor". All timing happens here with performance.now(); the Node side only
// drives the steps (each under its own time limit) and measures the JS heap over CDP.
//
// What each first frame covers (input preparation listed as untimed is done by prepare() beforehand):
//   heatgl   heatmap(el, {values, rows, cols}, opts) → hm.render() → 1×1 gl.readPixels (waits for the GPU).
//            heatgl computes the colour limits itself (a min/max pass), inside the timing. Two variants: the default
//            options, and reduce: 'nearest' (no level-of-detail reduction); both with progressive: false.
//   plotly   Plotly.newPlot(el, [heatmap trace], layout, { staticPlot: true }) until its promise resolves, then one
//            requestAnimationFrame. Untimed: z as an array of n plain JS arrays. zmin/zmax are left to plotly.
//   echarts  echarts.init(el, null, { renderer: 'canvas' }) → setOption(heatmap series + visualMap, progressive: 0,
//            animation: false) → getZr().flush() → the chart's 'finished' event → zrender's painter done with the
//            element list (it goes on over animation frames after 'finished') → one requestAnimationFrame.
//            Untimed: the n² [x, y, value] triples, the category labels, min/max for the visualMap.
//   canvas2d a new 800×600 canvas → min/max pass → getContext('2d') → createImageData(800, 600) → nearest cell per
//            pixel through the viridis LUT (256 colours, heatgl's getColormap('viridis').rgba) → putImageData →
//            1×1 getImageData.
//   floor    a new 800×600 canvas → min/max pass → getContext('webgl2') → compile/link a program → one R32F
//            texStorage2D + texSubImage2D per tile (one tile up to MAX_TEXTURE_SIZE) → 256×1 RGBA8 LUT → draw (one
//            quad per tile, NEAREST sample, vmin/vmax uniforms, LUT lookup) → 1×1 readPixels (the upload completes at
//            the first draw that samples the texture).
//
// Redraw after a view change (2× zooms at several places and the full view), one per animation frame:
//   heatgl   hm.setView() → hm.render() → 1×1 readPixels.
//   floor    a uniform change per tile quad → draw → 1×1 readPixels.
//   canvas2d the CPU loop for the new view into the same ImageData → putImageData → 1×1 getImageData.
//   plotly   Plotly.relayout(el, { 'xaxis.range', 'yaxis.range' }) until its promise resolves, then one rAF.
//   echarts  setOption({ xAxis: { min, max }, yAxis: { min, max } }) (category indices, merged) → flush → 'finished'
//            → painter done → one rAF.
import type * as EChartsModule from 'echarts';
import type PlotlyModule from 'plotly.js-dist-min';
import { getColormap, type Heatmap, type HeatmapOptions, heatmap } from '../src/index';
import { dataLimits } from '../src/core/scale';
import { type Profile, profile } from './gl-profile';
import { box, heatmapGl, nextFrame, readOnePixel, sleep, syntheticField, VIEWS } from './page-util';

export type Lib = 'heatgl' | 'heatgl-nearest' | 'plotly' | 'echarts' | 'canvas2d' | 'floor';
type View = [number, number, number, number];
type Echarts = typeof EChartsModule;
type Plotly = typeof PlotlyModule & { relayout(el: HTMLElement, update: Record<string, unknown>): Promise<unknown> };

const W = 800;
const H = 600;
const BASE: HeatmapOptions = { pixelRatio: 1, interactive: false, cbar: false, xticklabels: false, yticklabels: false, cmap: 'viridis' };
/** heatgl's options per variant. `progressive` and `reduce` are passed as plain keys: older heatgl ignores them. */
const HEATGL_OPTIONS: Record<'heatgl' | 'heatgl-nearest', HeatmapOptions> = {
  heatgl: { ...BASE, progressive: false } as HeatmapOptions,
  'heatgl-nearest': { ...BASE, progressive: false, reduce: 'nearest' } as HeatmapOptions,
};
const VIRIDIS = getColormap('viridis').rgba;

interface Data {
  values: Float32Array;
  n: number;
  vmin: number;
  vmax: number;
  plotlyZ: number[][] | null;
  echartsData: [number, number, number][] | null;
  echartsLabels: number[] | null;
}

let data: Data | null = null;
let echartsLib: Echarts | null = null;
let plotlyLib: Plotly | null = null;

function minMax(v: Float32Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function makeData(size: number): Data {
  const values = syntheticField(size);
  const [vmin, vmax] = minMax(values);
  return { values, n: size, vmin, vmax, plotlyZ: null, echartsData: null, echartsLabels: null };
}

function generate(size: number): { ms: number; bytes: number } {
  data = null;
  const t0 = performance.now();
  data = makeData(size);
  return { ms: performance.now() - t0, bytes: data.values.byteLength };
}

/** Untimed input preparation for the libraries that need another layout than the Float32Array. */
function prepareData(d: Data, lib: Lib): void {
  const { values: v, n } = d;
  d.plotlyZ = null;
  d.echartsData = null;
  d.echartsLabels = null;
  if (lib === 'plotly') {
    const z: number[][] = new Array(n);
    for (let r = 0; r < n; r++) z[r] = Array.from(v.subarray(r * n, (r + 1) * n));
    d.plotlyZ = z;
  } else if (lib === 'echarts') {
    const out: [number, number, number][] = new Array(n * n);
    // ECharts' y category axis runs bottom → top: row r (0 at the top, as heatgl draws it) is category n - 1 - r.
    for (let r = 0, k = 0; r < n; r++) for (let c = 0; c < n; c++, k++) out[k] = [c, n - 1 - r, v[k]];
    d.echartsData = out;
    d.echartsLabels = Array.from({ length: n }, (_, i) => i);
  }
}

/** Loads the library (not timed) and prepares its input. */
async function prepare(lib: Lib): Promise<{ ms: number }> {
  if (!data) throw new Error('generate() first');
  if (lib === 'plotly') plotlyLib ??= (await import('plotly.js-dist-min')).default as Plotly;
  if (lib === 'echarts') echartsLib ??= await import('echarts');
  const t0 = performance.now();
  prepareData(data, lib);
  return { ms: performance.now() - t0 };
}

function newCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  canvas.style.cssText = `position:absolute;left:0;top:0;width:${W}px;height:${H}px`;
  box().appendChild(canvas);
  return canvas;
}

// ---- the bare WebGL2 floor -----------------------------------------------------------------------------------
const VS = `#version 300 es
in vec2 aCorner;
uniform vec4 uRect; // the tile's quad in clip space: x0, y0, x1, y1
out vec2 vUv;
void main() { vUv = aCorner; gl_Position = vec4(mix(uRect.xy, uRect.zw, aCorner), 0.0, 1.0); }`;
const FS = `#version 300 es
precision highp float;
uniform highp sampler2D uValues;
uniform sampler2D uLut;
uniform float uVmin, uVmax;
in vec2 vUv;
out vec4 color;
void main() {
  float v = texture(uValues, vUv).r;
  float u = clamp((v - uVmin) / (uVmax - uVmin), 0.0, 1.0);
  color = texture(uLut, vec2((u * 255.0 + 0.5) / 256.0, 0.5));
}`;

interface Floor {
  gl: WebGL2RenderingContext;
  /** Draws the view (x0, y0, w, h as fractions of the matrix, y down). */
  draw(view: View): void;
  destroy(): void;
}

function shader(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type);
  if (!s) throw new Error('createShader failed');
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`shader: ${gl.getShaderInfoLog(s)}`);
  return s;
}

function texture2d(gl: WebGL2RenderingContext): WebGLTexture {
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  return tex;
}

/** One R32F texture per tile of at most MAX_TEXTURE_SIZE² cells (a single texture up to that size). */
export function createFloor(v: Float32Array, size: number, lo: number, hi: number): Floor {
  const canvas = newCanvas();
  const gl = canvas.getContext('webgl2', { antialias: false, depth: false, stencil: false, premultipliedAlpha: true });
  if (!gl) throw new Error('no WebGL2');
  const prog = gl.createProgram();
  gl.attachShader(prog, shader(gl, gl.VERTEX_SHADER, VS));
  gl.attachShader(prog, shader(gl, gl.FRAGMENT_SHADER, FS));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(`link: ${gl.getProgramInfoLog(prog)}`);
  gl.useProgram(prog);
  const buf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buf);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1]), gl.STATIC_DRAW);
  const cornerLoc = gl.getAttribLocation(prog, 'aCorner');
  gl.enableVertexAttribArray(cornerLoc);
  gl.vertexAttribPointer(cornerLoc, 2, gl.FLOAT, false, 0, 0);

  const maxTex = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const tileSide = Math.min(size, maxTex);
  const tiles: { tex: WebGLTexture; col0: number; row0: number; cols: number; rows: number }[] = [];
  gl.activeTexture(gl.TEXTURE0);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
  gl.pixelStorei(gl.UNPACK_ROW_LENGTH, size);
  for (let row0 = 0; row0 < size; row0 += tileSide) {
    for (let col0 = 0; col0 < size; col0 += tileSide) {
      const cols = Math.min(tileSide, size - col0);
      const rows = Math.min(tileSide, size - row0);
      const tex = texture2d(gl);
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R32F, cols, rows);
      // Texture row 0 is matrix row row0 (the shader samples y down): no flip needed.
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, cols, rows, gl.RED, gl.FLOAT, v, row0 * size + col0);
      tiles.push({ tex, col0, row0, cols, rows });
    }
  }
  gl.pixelStorei(gl.UNPACK_ROW_LENGTH, 0);

  gl.activeTexture(gl.TEXTURE1);
  const lutTex = texture2d(gl);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, 256, 1);
  gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, 256, 1, gl.RGBA, gl.UNSIGNED_BYTE, VIRIDIS);
  gl.activeTexture(gl.TEXTURE0);

  gl.uniform1i(gl.getUniformLocation(prog, 'uValues'), 0);
  gl.uniform1i(gl.getUniformLocation(prog, 'uLut'), 1);
  gl.uniform1f(gl.getUniformLocation(prog, 'uVmin'), lo);
  gl.uniform1f(gl.getUniformLocation(prog, 'uVmax'), hi);
  const rectLoc = gl.getUniformLocation(prog, 'uRect');
  gl.viewport(0, 0, canvas.width, canvas.height);
  return {
    gl,
    draw([x0, y0, w, h]) {
      const vx0 = x0 * size;
      const vy0 = y0 * size;
      const vw = w * size;
      const vh = h * size;
      gl.clear(gl.COLOR_BUFFER_BIT);
      for (const t of tiles) {
        const cx0 = ((t.col0 - vx0) / vw) * 2 - 1;
        const cx1 = ((t.col0 + t.cols - vx0) / vw) * 2 - 1;
        const cy0 = 1 - ((t.row0 - vy0) / vh) * 2; // texture v = 0 (matrix row row0) at the top
        const cy1 = 1 - ((t.row0 + t.rows - vy0) / vh) * 2;
        if (cx1 <= -1 || cx0 >= 1 || cy0 <= -1 || cy1 >= 1) continue;
        gl.bindTexture(gl.TEXTURE_2D, t.tex);
        gl.uniform4f(rectLoc, cx0, cy0, cx1, cy1);
        gl.drawArrays(gl.TRIANGLES, 0, 6);
      }
    },
    destroy() {
      for (const t of tiles) gl.deleteTexture(t.tex);
      gl.deleteTexture(lutTex);
      gl.deleteBuffer(buf);
      gl.deleteProgram(prog);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      canvas.remove();
    },
  };
}

// ---- Canvas2D baseline ----------------------------------------------------------------------------------------
interface Cpu2d {
  canvas: HTMLCanvasElement;
  draw(view: View): void;
}

/** Nearest cell per pixel through the LUT into one reused ImageData, then putImageData and a 1-pixel readback. */
function createCanvas2d(v: Float32Array, size: number): Cpu2d {
  const canvas = newCanvas();
  const [lo, hi] = minMax(v);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const img = ctx.createImageData(W, H);
  const px = new Uint32Array(img.data.buffer);
  const lut = new Uint32Array(VIRIDIS.buffer, VIRIDIS.byteOffset, 256);
  const colOf = new Int32Array(W);
  const scale = 256 / (hi - lo);
  return {
    canvas,
    draw([x0, y0, w, h]) {
      for (let x = 0; x < W; x++) colOf[x] = Math.min(size - 1, Math.floor((x0 + ((x + 0.5) / W) * w) * size));
      for (let y = 0; y < H; y++) {
        const base = Math.min(size - 1, Math.floor((y0 + ((y + 0.5) / H) * h) * size)) * size;
        const o = y * W;
        for (let x = 0; x < W; x++) {
          let k = ((v[base + colOf[x]] - lo) * scale) | 0;
          if (k > 255) k = 255;
          else if (k < 0) k = 0;
          px[o + x] = lut[k];
        }
      }
      ctx.putImageData(img, 0, 0);
      ctx.getImageData(0, 0, 1, 1);
    },
  };
}

// ---- plotly.js and ECharts --------------------------------------------------------------------------------------
const PLOTLY_LAYOUT = {
  width: W,
  height: H,
  margin: { l: 0, r: 0, t: 0, b: 0, pad: 0 },
  xaxis: { visible: false },
  yaxis: { visible: false, autorange: 'reversed' },
};

function echartsOption(d: Data): Record<string, unknown> {
  const colors = Array.from({ length: 16 }, (_, i) => {
    const k = Math.round((i * 255) / 15) * 4;
    return `rgb(${VIRIDIS[k]},${VIRIDIS[k + 1]},${VIRIDIS[k + 2]})`;
  });
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 0, bottom: 0 },
    xAxis: { type: 'category', data: d.echartsLabels, show: false },
    yAxis: { type: 'category', data: d.echartsLabels, show: false },
    visualMap: { show: false, min: d.vmin, max: d.vmax, calculable: false, inRange: { color: colors } },
    series: [{ type: 'heatmap', data: d.echartsData, progressive: 0, silent: true, emphasis: { disabled: true } }],
  };
}

// ---- live charts: created by the first frame, kept for redraws ---------------------------------------------------
interface Live {
  /** Redraws the view (fractions of the matrix), ending at the library's frame end (readback or frame wait). */
  redraw(view: View): Promise<void> | void;
  destroy(): Promise<void> | void;
}

/** Everything of a first frame; the time ends when the first picture is complete. */
async function create(lib: Lib, d: Data): Promise<{ live: Live; ms: number; setupMs: number }> {
  const el = box();
  const { values: v, n } = d;
  if (lib === 'heatgl' || lib === 'heatgl-nearest') {
    const t0 = performance.now();
    const hm = heatmap(el, { values: v, rows: n, cols: n }, HEATGL_OPTIONS[lib]);
    const t1 = performance.now();
    hm.render();
    const gl = heatmapGl(hm);
    readOnePixel(gl);
    const t2 = performance.now();
    return { ms: t2 - t0, setupMs: t1 - t0, live: heatglLive(hm, n) };
  }
  if (lib === 'floor') {
    const t0 = performance.now();
    const [lo, hi] = minMax(v);
    const f = createFloor(v, n, lo, hi);
    const t1 = performance.now();
    f.draw([0, 0, 1, 1]);
    readOnePixel(f.gl);
    const t2 = performance.now();
    const live: Live = {
      redraw(view) {
        f.draw(view);
        readOnePixel(f.gl);
      },
      destroy: () => f.destroy(),
    };
    return { ms: t2 - t0, setupMs: t1 - t0, live };
  }
  if (lib === 'canvas2d') {
    const t0 = performance.now();
    const c = createCanvas2d(v, n);
    const t1 = performance.now();
    c.draw([0, 0, 1, 1]);
    const t2 = performance.now();
    return { ms: t2 - t0, setupMs: t1 - t0, live: { redraw: (view) => c.draw(view), destroy: () => c.canvas.remove() } };
  }
  if (lib === 'plotly') {
    const Plotly = plotlyLib;
    if (!Plotly || !d.plotlyZ) throw new Error('prepare("plotly") first');
    const trace = { type: 'heatmap', z: d.plotlyZ, colorscale: 'Viridis', showscale: false, hoverinfo: 'skip' };
    const t0 = performance.now();
    const p = Plotly.newPlot(el, [trace], PLOTLY_LAYOUT, { staticPlot: true, responsive: false, displayModeBar: false });
    const t1 = performance.now();
    await p;
    await nextFrame();
    const t2 = performance.now();
    const live: Live = {
      async redraw([x0, y0, w, h]) {
        // Cell c spans [c - 0.5, c + 0.5]; the y axis is reversed (row 0 at the top).
        await Plotly.relayout(el, { 'xaxis.range': [x0 * n - 0.5, (x0 + w) * n - 0.5], 'yaxis.range': [(y0 + h) * n - 0.5, y0 * n - 0.5] });
        await nextFrame();
      },
      destroy() {
        Plotly.purge(el);
        el.replaceChildren();
      },
    };
    return { ms: t2 - t0, setupMs: t1 - t0, live };
  }
  const echarts = echartsLib;
  if (!echarts || !d.echartsData) throw new Error('prepare("echarts") first');
  const option = echartsOption(d);
  const t0 = performance.now();
  const chart = echarts.init(el, null, { renderer: 'canvas', width: W, height: H, devicePixelRatio: 1 });
  const painted = watchPaint(chart);
  // 'finished': no animation, progressive rendering or pending update left in ECharts. zrender may still be painting
  // the element list over further animation frames (it does at these sizes): painted() waits for that too.
  let onFinished: (() => void) | null = null;
  chart.on('finished', () => onFinished?.());
  const finished = () => new Promise<void>((resolve) => (onFinished = resolve));
  const first = finished();
  chart.setOption(option as EChartsModule.EChartsOption);
  chart.getZr().flush();
  const t1 = performance.now();
  await first;
  await painted();
  await nextFrame();
  const t2 = performance.now();
  const live: Live = {
    async redraw([x0, y0, w, h]) {
      const c0 = Math.floor(x0 * n);
      const c1 = Math.ceil((x0 + w) * n) - 1;
      const r0 = Math.floor(y0 * n);
      const r1 = Math.ceil((y0 + h) * n) - 1;
      const done = finished();
      chart.setOption({ xAxis: { min: c0, max: c1 }, yAxis: { min: n - 1 - r1, max: n - 1 - r0 } });
      chart.getZr().flush();
      await done;
      await painted();
      await nextFrame();
    },
    async destroy() {
      await nextFrame(); // let zrender's frame loop settle before dispose
      chart.dispose();
      el.replaceChildren();
    },
  };
  return { ms: t2 - t0, setupMs: t1 - t0, live };
}

/**
 * zrender's canvas painter draws its element list in _doPaintList and, when that returns false (not done), goes on
 * in the next animation frame. This wraps it on the chart's painter (an internal of zrender 6, checked at run time)
 * and returns a wait until the last paint finished.
 */
function watchPaint(chart: EChartsModule.ECharts): () => Promise<void> {
  const painter = chart.getZr().painter as unknown as { _doPaintList?: (...args: unknown[]) => boolean };
  const paint = painter._doPaintList;
  if (typeof paint !== 'function') throw new Error("zrender's painter has no _doPaintList: the ECharts frame end cannot be told");
  let done = true;
  painter._doPaintList = function (this: unknown, ...args: unknown[]) {
    done = paint.apply(this, args);
    return done;
  };
  return async () => {
    while (!done) await nextFrame();
  };
}

function heatglLive(hm: Heatmap, n: number): Live {
  const gl = heatmapGl(hm);
  return {
    redraw([x0, y0, w, h]) {
      hm.setView({ x: [x0 * n, (x0 + w) * n], y: [y0 * n, (y0 + h) * n] });
      hm.render();
      readOnePixel(gl);
    },
    destroy: () => hm.destroy(),
  };
}

// ---- steps driven by bench/peers.mjs ---------------------------------------------------------------------------
let live: Live | null = null;

export interface FirstFrame {
  ms: number;
  /** heatgl: heatmap() alone; floor: everything before the draw; Canvas2D: canvas and ImageData; others: the
   * synchronous part of the call. */
  setupMs: number;
}

/** One untimed first frame on a 64² matrix: module evaluation, JIT, shader compilation, first context. */
async function warmup(lib: Lib): Promise<void> {
  const tiny = makeData(64);
  prepareData(tiny, lib);
  const r = await create(lib, tiny);
  await r.live.destroy();
}

/** Times a first frame and destroys the chart again, unless `keep` (then it stays live for redraws or the heap). */
async function firstFrame(lib: Lib, keep = false): Promise<FirstFrame> {
  if (!data) throw new Error('generate() first');
  if (live) await drop();
  const r = await create(lib, data);
  if (keep) live = r.live;
  else await r.live.destroy();
  return { ms: r.ms, setupMs: r.setupMs };
}


/** One timed redraw of the live chart at VIEWS[i], in its own animation frame. */
async function redraw(i: number): Promise<number> {
  if (!live) throw new Error('firstFrame(lib, true) first');
  await nextFrame();
  const t0 = performance.now();
  await live.redraw(VIEWS[i % VIEWS.length]);
  return performance.now() - t0;
}

export interface StepProfile {
  /** One first frame with every context call timed (bench/gl-profile.ts). */
  first: Profile;
  /** The mean of 10 redraws (views as the timed ones), each in its own animation frame. */
  redraw: Profile;
  /** heatgl only: the colour limits' pass over the data (dataLimits, as heatmap() runs it), timed apart. */
  limitsMs: number | null;
}

/** Where the time of a first frame and of a redraw goes (heatgl and the floor): not part of the timed results. */
async function stepProfile(lib: Lib): Promise<StepProfile> {
  if (!data) throw new Error('generate() first');
  if (lib !== 'heatgl' && lib !== 'heatgl-nearest' && lib !== 'floor') throw new Error(`no step profile for ${lib}`);
  if (live) await drop();
  const d = data;
  // create() has no await for these libraries: its whole first frame runs inside profile().
  const first = profile(() => create(lib, d));
  const made = await first.result;
  await nextFrame();
  await nextFrame();
  const runs: Profile[] = [];
  for (let i = 0; i < 13; i++) {
    await nextFrame();
    const r = profile(() => made.live.redraw(VIEWS[i % VIEWS.length] as View));
    if (i >= 3) runs.push(r.profile);
  }
  await made.live.destroy();
  box().replaceChildren();
  const redraw = { ...runs[0] } as Profile;
  for (const k of Object.keys(redraw) as (keyof Profile)[]) redraw[k] = runs.reduce((sum, r) => sum + r[k], 0) / runs.length;
  let limitsMs: number | null = null;
  if (lib !== 'floor') {
    const t0 = performance.now();
    dataLimits(d.values, undefined, false);
    limitsMs = performance.now() - t0;
  }
  return { first: first.profile, redraw, limitsMs };
}

/**
 * heatgl (default options) and the floor over the same data, both live in this one page, redrawn alternately one per
 * animation frame (the same views, `warm` untimed each first): the drift between pages (a redraw's median moves by up
 * to ±20 % from one page to the next on a 2-core VM) cancels out of their ratio.
 */
async function redrawPair(count: number, warm = 3): Promise<{ floor: number[]; heatgl: number[] }> {
  if (!data) throw new Error('generate() first');
  if (live) await drop();
  const floor = await create('floor', data);
  const hg = await create('heatgl', data);
  const out = { floor: [] as number[], heatgl: [] as number[] };
  try {
    for (let i = 0; i < warm + count; i++) {
      const view = VIEWS[i % VIEWS.length] as View;
      for (const [name, l] of [['floor', floor.live], ['heatgl', hg.live]] as const) {
        await nextFrame();
        const t0 = performance.now();
        await l.redraw(view);
        if (i >= warm) out[name].push(performance.now() - t0);
      }
    }
  } finally {
    await hg.live.destroy();
    await floor.live.destroy();
    box().replaceChildren();
  }
  return out;
}

async function drop(): Promise<void> {
  const l = live;
  live = null;
  await l?.destroy();
  box().replaceChildren();
}

function info(): { renderer: string; maxTextureSize: number } {
  const gl = document.createElement('canvas').getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
  const maxTextureSize = gl ? (gl.getParameter(gl.MAX_TEXTURE_SIZE) as number) : 0;
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, maxTextureSize };
}

async function versions(): Promise<{ plotly: string; echarts: string }> {
  plotlyLib ??= (await import('plotly.js-dist-min')).default as Plotly;
  echartsLib ??= await import('echarts');
  return { plotly: plotlyLib.version, echarts: echartsLib.version };
}

const peers = { generate, prepare, warmup, firstFrame, redraw, redrawPair, drop, info, versions, sleep, stepProfile };
declare global {
  interface Window {
    peers: typeof peers;
    peersReady: boolean;
  }
}
window.peers = peers;
window.peersReady = true;

// Peer benchmark page (served by bench/peers.mjs through a vite dev server): one n×n Float32Array generated in page
// memory, drawn into the same 800×600 CSS px box by heatgl, plotly.js, ECharts, a plain Canvas2D loop and a bare
// WebGL2 "floor". All timing happens here with performance.now(); the Node side only drives the steps.
//
// What each first frame covers (input preparation listed as untimed is done by prepare() beforehand):
//   heatgl   heatmap(el, {values, rows, cols}, opts) → hm.render() → 1×1 gl.readPixels (waits for the GPU).
//            heatgl computes the colour limits itself (a min/max pass), inside the timing.
//   plotly   Plotly.newPlot(el, [heatmap trace], layout, { staticPlot: true }) until its promise resolves, then one
//            requestAnimationFrame. Untimed: z as an array of n plain JS arrays. zmin/zmax are left to plotly.
//   echarts  echarts.init(el, null, { renderer: 'canvas' }) → setOption(heatmap series + visualMap, progressive: 0,
//            animation: false) → getZr().flush() → the chart's 'finished' event, then one requestAnimationFrame. Untimed: the n² [x, y, value]
//            triples, the two category-axis label arrays, and min/max for the visualMap (ECharts cannot autoscale).
//   canvas2d a new 800×600 canvas → min/max pass → getContext('2d') → createImageData(800, 600) → nearest cell per
//            pixel through the viridis LUT (256 colours, heatgl's getColormap('viridis').rgba) → putImageData.
//   floor    a new 800×600 canvas → min/max pass → getContext('webgl2') → compile/link a 2-triangle program →
//            R32F texStorage2D + texSubImage2D (n×n) → 256×1 RGBA8 LUT → draw (NEAREST sample, normalise with
//            vmin/vmax uniforms, LUT lookup) → 1×1 readPixels (the upload completes at the first draw).
import * as echarts from 'echarts';
import Plotly from 'plotly.js-dist-min';
import { getColormap, type HeatmapOptions, heatmap } from '../src/index';
import { box, heatmapGl, nextFrame, readOnePixel, sleep } from './page-util';

export type Lib = 'heatgl' | 'plotly' | 'echarts' | 'canvas2d' | 'floor';

const W = 800;
const H = 600;
const OPTIONS: HeatmapOptions = { pixelRatio: 1, interactive: false, cbar: false, xticklabels: false, yticklabels: false };
const VIRIDIS = getColormap('viridis').rgba;

let values: Float32Array | null = null;
let n = 0;
let vmin = 0;
let vmax = 1;
let plotlyZ: number[][] | null = null;
let echartsData: [number, number, number][] | null = null;
let echartsLabels: number[] | null = null;


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

/** The same field as bench/page.ts: a separable smooth part plus xorshift noise (not timed). */
function generate(size: number): { ms: number; bytes: number } {
  values = null;
  plotlyZ = null;
  echartsData = null;
  const t0 = performance.now();
  const out = new Float32Array(size * size);
  const ra = new Float32Array(size);
  const rb = new Float32Array(size);
  const ca = new Float32Array(size);
  const cb = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const t = i / size;
    ra[i] = Math.sin(2 * Math.PI * 3 * t);
    rb[i] = Math.cos(2 * Math.PI * 1.5 * t);
    ca[i] = Math.cos(2 * Math.PI * 2 * t);
    cb[i] = Math.sin(2 * Math.PI * 5 * t);
  }
  let s = 0x9e3779b9 | 0;
  for (let r = 0; r < size; r++) {
    const a = ra[r];
    const b = rb[r];
    const base = r * size;
    for (let c = 0; c < size; c++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[base + c] = a + ca[c] + b * cb[c] + (s / 4294967296) * 0.4;
    }
  }
  values = out;
  n = size;
  [vmin, vmax] = minMax(out);
  return { ms: performance.now() - t0, bytes: out.byteLength };
}

/** Untimed input preparation for the libraries that need another layout than the Float32Array. */
function prepare(lib: Lib): { ms: number } {
  if (!values) throw new Error('generate() first');
  const v = values;
  const t0 = performance.now();
  plotlyZ = null;
  echartsData = null;
  echartsLabels = null;
  if (lib === 'plotly') {
    const z: number[][] = new Array(n);
    for (let r = 0; r < n; r++) z[r] = Array.from(v.subarray(r * n, (r + 1) * n));
    plotlyZ = z;
  } else if (lib === 'echarts') {
    const d: [number, number, number][] = new Array(n * n);
    // ECharts' y category axis runs bottom → top: row r (0 at the top, as heatgl draws it) is category n - 1 - r.
    for (let r = 0, k = 0; r < n; r++) for (let c = 0; c < n; c++, k++) d[k] = [c, n - 1 - r, v[k]];
    echartsData = d;
    echartsLabels = Array.from({ length: n }, (_, i) => i);
  }
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
in vec2 pos;
out vec2 uv;
void main() { uv = pos * 0.5 + 0.5; gl_Position = vec4(pos, 0.0, 1.0); }`;
const FS = `#version 300 es
precision highp float;
uniform highp sampler2D values;
uniform sampler2D lut;
uniform float vmin, vmax;
uniform vec4 view; // x0, y0, width, height in texture coordinates (y down, row 0 at the top)
in vec2 uv;
out vec4 color;
void main() {
  vec2 t = view.xy + vec2(uv.x, 1.0 - uv.y) * view.zw;
  float v = texture(values, t).r;
  float u = clamp((v - vmin) / (vmax - vmin), 0.0, 1.0);
  color = texture(lut, vec2((u * 255.0 + 0.5) / 256.0, 0.5));
}`;

interface Floor {
  canvas: HTMLCanvasElement;
  gl: WebGL2RenderingContext;
  viewLoc: WebGLUniformLocation | null;
  draw(view: [number, number, number, number]): void;
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

function createFloor(v: Float32Array, size: number, lo: number, hi: number): Floor {
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
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, -1, 1, 1, -1, 1, 1]), gl.STATIC_DRAW);
  const posLoc = gl.getAttribLocation(prog, 'pos');
  gl.enableVertexAttribArray(posLoc);
  gl.vertexAttribPointer(posLoc, 2, gl.FLOAT, false, 0, 0);

  const valueTex = gl.createTexture();
  gl.activeTexture(gl.TEXTURE0);
  gl.bindTexture(gl.TEXTURE_2D, valueTex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R32F, size, size);
  gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, size, size, gl.RED, gl.FLOAT, v);

  const lutTex = gl.createTexture();
  gl.activeTexture(gl.TEXTURE1);
  gl.bindTexture(gl.TEXTURE_2D, lutTex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, 256, 1);
  gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, 256, 1, gl.RGBA, gl.UNSIGNED_BYTE, VIRIDIS);

  gl.uniform1i(gl.getUniformLocation(prog, 'values'), 0);
  gl.uniform1i(gl.getUniformLocation(prog, 'lut'), 1);
  gl.uniform1f(gl.getUniformLocation(prog, 'vmin'), lo);
  gl.uniform1f(gl.getUniformLocation(prog, 'vmax'), hi);
  const viewLoc = gl.getUniformLocation(prog, 'view');
  gl.viewport(0, 0, canvas.width, canvas.height);
  return {
    canvas,
    gl,
    viewLoc,
    draw(view) {
      gl.uniform4f(viewLoc, view[0], view[1], view[2], view[3]);
      gl.drawArrays(gl.TRIANGLES, 0, 6);
    },
    destroy() {
      gl.deleteTexture(valueTex);
      gl.deleteTexture(lutTex);
      gl.deleteBuffer(buf);
      gl.deleteProgram(prog);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      canvas.remove();
    },
  };
}

// ---- Canvas2D baseline ----------------------------------------------------------------------------------------
function canvas2d(v: Float32Array, size: number): HTMLCanvasElement {
  const canvas = newCanvas();
  const [lo, hi] = minMax(v);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const img = ctx.createImageData(W, H);
  const px = new Uint32Array(img.data.buffer);
  const lut = new Uint32Array(VIRIDIS.buffer, VIRIDIS.byteOffset, 256);
  const colOf = new Int32Array(W);
  for (let x = 0; x < W; x++) colOf[x] = Math.min(size - 1, Math.floor(((x + 0.5) * size) / W));
  const scale = 256 / (hi - lo);
  for (let y = 0; y < H; y++) {
    const base = Math.min(size - 1, Math.floor(((y + 0.5) * size) / H)) * size;
    const o = y * W;
    for (let x = 0; x < W; x++) {
      let k = ((v[base + colOf[x]] - lo) * scale) | 0;
      if (k > 255) k = 255;
      else if (k < 0) k = 0;
      px[o + x] = lut[k];
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

// ---- first frames ---------------------------------------------------------------------------------------------
export interface FirstFrame {
  ms: number;
  /** heatgl: heatmap() alone; floor: everything before the draw; others: the synchronous part of the call. */
  setupMs: number;
}

async function firstFrame(lib: Lib): Promise<FirstFrame> {
  if (!values) throw new Error('generate() first');
  const el = box();
  const v = values;
  if (lib === 'heatgl') {
    const t0 = performance.now();
    const hm = heatmap(el, { values: v, rows: n, cols: n }, OPTIONS);
    const t1 = performance.now();
    hm.render();
    readOnePixel(heatmapGl(hm));
    const t2 = performance.now();
    hm.destroy();
    return { ms: t2 - t0, setupMs: t1 - t0 };
  }
  if (lib === 'floor') {
    const t0 = performance.now();
    const [lo, hi] = minMax(v);
    const f = createFloor(v, n, lo, hi);
    const t1 = performance.now();
    f.draw([0, 0, 1, 1]);
    readOnePixel(f.gl);
    const t2 = performance.now();
    f.destroy();
    return { ms: t2 - t0, setupMs: t1 - t0 };
  }
  if (lib === 'canvas2d') {
    const t0 = performance.now();
    const canvas = canvas2d(v, n);
    const t1 = performance.now();
    canvas.remove();
    return { ms: t1 - t0, setupMs: t1 - t0 };
  }
  if (lib === 'plotly') {
    if (!plotlyZ) throw new Error('prepare("plotly") first');
    const trace = { type: 'heatmap', z: plotlyZ, colorscale: 'Viridis', showscale: false, hoverinfo: 'skip' };
    const layout = {
      width: W,
      height: H,
      margin: { l: 0, r: 0, t: 0, b: 0, pad: 0 },
      xaxis: { visible: false },
      yaxis: { visible: false, autorange: 'reversed' },
    };
    const t0 = performance.now();
    const p = Plotly.newPlot(el, [trace], layout, { staticPlot: true, responsive: false, displayModeBar: false });
    const t1 = performance.now();
    await p;
    await nextFrame();
    const t2 = performance.now();
    Plotly.purge(el);
    el.replaceChildren();
    return { ms: t2 - t0, setupMs: t1 - t0 };
  }
  // echarts
  if (!echartsData || !echartsLabels) throw new Error('prepare("echarts") first');
  const colors = Array.from({ length: 16 }, (_, i) => {
    const k = Math.round((i * 255) / 15) * 4;
    return `rgb(${VIRIDIS[k]},${VIRIDIS[k + 1]},${VIRIDIS[k + 2]})`;
  });
  const option = {
    animation: false,
    grid: { left: 0, right: 0, top: 0, bottom: 0 },
    xAxis: { type: 'category', data: echartsLabels, show: false },
    yAxis: { type: 'category', data: echartsLabels, show: false },
    visualMap: { show: false, min: vmin, max: vmax, calculable: false, inRange: { color: colors } },
    series: [{ type: 'heatmap', data: echartsData, progressive: 0, silent: true, emphasis: { disabled: true } }],
  };
  const t0 = performance.now();
  const chart = echarts.init(el, null, { renderer: 'canvas', width: W, height: H, devicePixelRatio: 1 });
  // 'finished': zrender painted everything, no animation, progressive rendering or pending update left.
  const finished = new Promise<void>((resolve) => chart.on('finished', () => resolve()));
  chart.setOption(option as echarts.EChartsOption);
  chart.getZr().flush();
  const t1 = performance.now();
  await finished;
  await nextFrame();
  const t2 = performance.now();
  await nextFrame(); // not timed: let zrender's frame loop settle before dispose
  chart.dispose();
  el.replaceChildren();
  return { ms: t2 - t0, setupMs: t1 - t0 };
}

// ---- redraws after a view change ------------------------------------------------------------------------------
/** 2× zooms at different places and the full view, as fractions (x0, y0, w, h) of the matrix. */
const VIEWS: [number, number, number, number][] = [
  [0, 0, 0.5, 0.5],
  [0.5, 0.5, 0.5, 0.5],
  [0, 0, 1, 1],
  [0.25, 0.25, 0.5, 0.5],
  [0.5, 0, 0.5, 0.5],
  [0, 0, 1, 1],
  [0, 0.5, 0.5, 0.5],
  [0.125, 0.375, 0.5, 0.5],
  [0, 0, 1, 1],
  [0.375, 0.125, 0.5, 0.5],
];

async function redraws(lib: 'heatgl' | 'floor', warmup: number, runs: number): Promise<number[]> {
  if (!values) throw new Error('generate() first');
  const v = values;
  const ms: number[] = [];
  let step: (view: [number, number, number, number]) => void;
  let done: () => void;
  if (lib === 'heatgl') {
    const hm = heatmap(box(), { values: v, rows: n, cols: n }, OPTIONS);
    const gl = heatmapGl(hm);
    hm.render();
    readOnePixel(gl);
    step = ([x, y, w, h]) => {
      hm.setView({ x: [x * n, (x + w) * n], y: [y * n, (y + h) * n] });
      hm.render();
      readOnePixel(gl);
    };
    done = () => hm.destroy();
  } else {
    const f = createFloor(v, n, vmin, vmax);
    f.draw([0, 0, 1, 1]);
    readOnePixel(f.gl);
    step = (view) => {
      f.draw(view);
      readOnePixel(f.gl);
    };
    done = () => f.destroy();
  }
  await nextFrame();
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    step(VIEWS[i % VIEWS.length]);
    const dt = performance.now() - t0;
    if (i >= warmup) ms.push(dt);
    await nextFrame();
  }
  done();
  return ms;
}

function info(): { renderer: string; plotly: string; echarts: string } {
  const gl = document.createElement('canvas').getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, plotly: Plotly.version, echarts: echarts.version };
}

async function release(): Promise<void> {
  values = null;
  plotlyZ = null;
  echartsData = null;
  echartsLabels = null;
  box().replaceChildren();
  await sleep(50);
}

const peers = { generate, prepare, firstFrame, redraws, info, release, sleep };
declare global {
  interface Window {
    peers: typeof peers;
    peersReady: boolean;
  }
}
window.peers = peers;
window.peersReady = true;

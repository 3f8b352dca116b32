// Benchmark page (served by bench/run.mjs through a vite dev server): generates a matrix in page memory and times
// heatgl's first frame and its redraws after a view change. All timing happens here with performance.now(); the
// Node side only drives the steps and collects the numbers.
import { type CellView, type Heatmap, type HeatmapOptions, type HeatmapStats, heatmap } from '../src/index';
import { box, heatmapGl, nextFrame, readOnePixel, sleep, syntheticField } from './page-util';

// progressive: false: the first frame is the whole matrix on the GPU and drawn (as the peers benchmark measures it).
const OPTIONS: HeatmapOptions = { pixelRatio: 1, interactive: false, progressive: false };

let values: Float32Array | null = null;
let rows = 0;
let cols = 0;
let live: Heatmap | null = null;


/** The benchmarks' synthetic field (page-util's syntheticField), n×n cells, kept in page memory. Returns the
 * generation time (not a result). */
function generate(n: number): { ms: number; bytes: number } {
  values = null;
  const t0 = performance.now();
  const out = syntheticField(n);
  values = out;
  rows = n;
  cols = n;
  return { ms: performance.now() - t0, bytes: out.byteLength };
}

export interface FirstFrameRun {
  /** heatmap() → render() → 1-pixel readback. */
  ms: number;
  /** heatmap() alone (validation, data limits, context, upload). */
  createMs: number;
  /** render() + 1-pixel readback right after creation. */
  drawMs: number;
  stats: HeatmapStats;
}

/** Times one first frame from the Float32Array already in page memory, then destroys the heatmap. */
function firstFrame(): FirstFrameRun {
  if (!values) throw new Error('generate() first');
  const el = box();
  const t0 = performance.now();
  const hm = heatmap(el, { values, rows, cols }, OPTIONS);
  const t1 = performance.now();
  hm.render();
  readOnePixel(heatmapGl(hm));
  const t2 = performance.now();
  const stats = hm.stats();
  hm.destroy();
  return { ms: t2 - t0, createMs: t1 - t0, drawMs: t2 - t1, stats };
}

/** Views visited by the redraw loop: 2× zooms at different places, and the full view, always a change. */
function views(): CellView[] {
  const hw = cols / 2;
  const hh = rows / 2;
  const at = (fx: number, fy: number): CellView => {
    const x0 = fx * (cols - hw);
    const y0 = fy * (rows - hh);
    return { x: [x0, x0 + hw], y: [y0, y0 + hh] };
  };
  const full: CellView = { x: [0, cols], y: [0, rows] };
  return [at(0, 0), at(1, 1), full, at(0.5, 0.5), at(1, 0), full, at(0, 1), at(0.25, 0.75), full, at(0.75, 0.25)];
}

export interface ScalePoint {
  /** Cells per device pixel along x (the full view of an n×n matrix in 800 px is n / 800). */
  cellsPerPixel: number;
  /** Median of the timed redraws at this scale (setView → render → 1-pixel readback). */
  medianMs: number;
  ms: number[];
}

export interface RedrawResult {
  warmupMs: number[];
  ms: number[];
  /** Index into views() of each timed redraw: 2, 5 and 8 are the full view, the rest 2× zooms. */
  viewIndex: number[];
  /** Diagnostic, after the timed redraws: redraw time against cells per pixel (1:1, 4:1, full view). */
  byScale: ScalePoint[];
  /** lastFrameMs from stats() after each timed redraw: CPU-side render() only, without waiting for the GPU. */
  renderCallMs: number[];
  stats: HeatmapStats;
}

/** Creates a live heatmap, does `warmup` untimed redraws then `runs` timed ones, one per animation frame. */
async function redraws(warmup: number, runs: number): Promise<RedrawResult> {
  if (!values) throw new Error('generate() first');
  live?.destroy();
  live = heatmap(box(), { values, rows, cols }, OPTIONS);
  live.render();
  readOnePixel(heatmapGl(live));
  await nextFrame();
  const list = views();
  const warmupMs: number[] = [];
  const ms: number[] = [];
  const viewIndex: number[] = [];
  const renderCallMs: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const hm = live;
    const t0 = performance.now();
    hm.setView(list[i % list.length]);
    hm.render();
    readOnePixel(heatmapGl(hm));
    const dt = performance.now() - t0;
    if (i < warmup) warmupMs.push(dt);
    else {
      ms.push(dt);
      viewIndex.push(i % list.length);
      renderCallMs.push(hm.stats().lastFrameMs);
    }
    await nextFrame();
  }
  const byScale = await scaleSweep(live);
  const stats = live.stats();
  live.destroy();
  live = null;
  return { warmupMs, ms, viewIndex, renderCallMs, byScale, stats };
}

/** Redraw time against zoom: views of (k·w)×(k·h) cells for k = 1, 4 and the full view, 2 warm-ups + 10 timed each. */
async function scaleSweep(hm: Heatmap): Promise<ScalePoint[]> {
  const w = hm.canvas.width;
  const h = hm.canvas.height;
  const out: ScalePoint[] = [];
  const scales = [1, 4].filter((k) => k * w < cols && k * h < rows);
  for (const k of [...scales, 0]) {
    const vw = k === 0 ? cols : k * w;
    const vh = k === 0 ? rows : k * h;
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      // Alternate positions so that every redraw is a view change (the full view alternates with a 1-cell shift).
      const f = (i % 4) / 3;
      const view: CellView =
        k === 0
          ? i % 2 === 0
            ? { x: [0, cols], y: [0, rows] }
            : { x: [1, cols], y: [1, rows] }
          : { x: [f * (cols - vw), f * (cols - vw) + vw], y: [(1 - f) * (rows - vh), (1 - f) * (rows - vh) + vh] };
      const t0 = performance.now();
      hm.setView(view);
      hm.render();
      readOnePixel(heatmapGl(hm));
      const dt = performance.now() - t0;
      if (i >= 2) times.push(dt);
      await nextFrame();
    }
    const sorted = [...times].sort((a, b) => a - b);
    const m = sorted.length >> 1;
    out.push({ cellsPerPixel: vw / w, medianMs: (sorted[m - 1] + sorted[m]) / 2, ms: times });
  }
  return out;
}

/** Drops the matrix and any live heatmap so the next size starts clean. */
async function release(): Promise<void> {
  live?.destroy();
  live = null;
  values = null;
  await sleep(50);
}

const bench = { generate, firstFrame, redraws, release, sleep };
declare global {
  interface Window {
    bench: typeof bench;
    benchReady: boolean;
  }
}
window.bench = bench;
window.benchReady = true;

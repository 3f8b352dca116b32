// The GPU benchmark: heatgl at growing matrix sizes until the device's limits, timing the first frame (upload
// throughput) and redraws after pan/zoom (frame time, cells per second). One code path for the page anyone can open
// (demo/bench.html) and for `npm run bench` (bench/gpu.mjs drives that same page headlessly).
import { type Heatmap, HeatglError, type HeatmapOptions, heatmap } from '../src/index';
import { heatmapGl, nextFrame, readOnePixel, syntheticField, VIEWS } from './page-util';

/** Sides tried in turn: the cell count doubles from 8192² on (11585² ≈ 2^27 cells, 16384² = 2^28, …). */
export const DEFAULT_SIDES = [512, 1024, 2048, 4096, 8192, 11585, 16384, 23170, 32768, 46341, 65536];
/** heatgl's default for maxGpuBytes (2 GiB): beyond it heatmap() refuses a matrix before allocating anything. */
export const HEATGL_DEFAULT_MAX_GPU_BYTES = 2 * 2 ** 30;

export interface GpuBenchOptions {
  /** The element the heatmaps are drawn into (its size is the canvas size; 800×600 CSS px in the bench page). */
  container: HTMLElement;
  /** Largest side to try; a side not in DEFAULT_SIDES is added as the last size. @default no limit but the device's */
  maxSide?: number | undefined;
  /** Sides to try instead of DEFAULT_SIDES. */
  sides?: number[] | undefined;
  /** heatgl's maxGpuBytes. @default 2 GiB (heatgl's default) */
  maxGpuBytes?: number | undefined;
  /** Timed redraws per size (after 3 untimed). @default 20 */
  redraws?: number | undefined;
  /** A size whose first frame takes longer than this is the last one. @default 60 s */
  stepLimitMs?: number | undefined;
  /** Keep the last heatmap on the page after the run instead of destroying it. @default false */
  keepLast?: boolean | undefined;
  /** Called as the run goes: a line of progress and the results so far. */
  onProgress?: ((message: string, partial: GpuBenchResult) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface GpuSizeResult {
  side: number;
  cells: number;
  /** Bytes of the Float32Array handed to heatmap(). */
  bytes: number;
  /** Value textures heatgl made (more than 1 when the side exceeds MAX_TEXTURE_SIZE). */
  valueTextures: number;
  gpuBytes: number;
  /** heatmap() → render() → 1-pixel readback, each run (ms); the median is `firstFrameMs`. */
  firstFrameRuns: number[];
  firstFrameMs: number;
  /** heatmap() alone (validation, colour limits, context, texture upload calls), median (ms). */
  createMs: number;
  /** bytes / firstFrameMs, in GB/s (10^9 bytes): everything from the caller's array to pixels on screen. */
  uploadGBps: number;
  /** setView() → render() → 1-pixel readback after pan/zoom, each timed run (ms); the median is `frameMs`. */
  redrawRuns: number[];
  frameMs: number;
  /** cells / frameMs: cells of the matrix behind each frame, per second. */
  cellsPerSecond: number;
  /** Time to fill the array in the page (not part of any timing). */
  generateMs: number;
}

export interface GpuBenchResult {
  version: 1;
  date: string;
  userAgent: string;
  /** UNMASKED_RENDERER_WEBGL where the browser gives it, else RENDERER. */
  renderer: string;
  vendor: string;
  maxTextureSize: number;
  maxRenderbufferSize: number;
  /** heatgl's stats().renderer (its own context). */
  heatglRenderer: string;
  canvas: { cssWidth: number; cssHeight: number; pixelRatio: number };
  maxGpuBytes: number;
  sizes: GpuSizeResult[];
  /** Why the run stopped before trying the next side (null: every side asked for was done). */
  stopped: { side: number; reason: string } | null;
  totalMs: number;
}

export interface GpuInfo {
  renderer: string;
  vendor: string;
  maxTextureSize: number;
  maxRenderbufferSize: number;
}

/** The renderer string (WEBGL_debug_renderer_info where allowed) and limits, from a throw-away WebGL context. */
export function gpuInfo(): GpuInfo {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return { renderer: 'no WebGL', vendor: '', maxTextureSize: 0, maxRenderbufferSize: 0 };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const info: GpuInfo = {
    renderer: String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
    vendor: String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
    maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    maxRenderbufferSize: gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number,
  };
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return info;
}

/** The sides a run tries: DEFAULT_SIDES (or `sides`) up to maxSide, with maxSide itself last. */
export function sidesFor(maxSide?: number, sides: number[] = DEFAULT_SIDES): number[] {
  if (maxSide === undefined || !Number.isFinite(maxSide)) return [...sides];
  const out = sides.filter((s) => s <= maxSide);
  if (!out.includes(maxSide)) out.push(maxSide);
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};


const BASE_OPTIONS: HeatmapOptions = { pixelRatio: 1, interactive: false, cbar: false, xticklabels: false, yticklabels: false };

function errorText(err: unknown): string {
  if (err instanceof HeatglError) return `heatgl: ${err.message}`;
  if (err instanceof RangeError) return `the browser could not allocate the array (${err.message})`;
  return err instanceof Error ? err.message : String(err);
}

class Stop extends Error {}

/** Runs the benchmark; resolves with the results so far when the device's limits stop it (never rejects on them). */
export async function runGpuBench(opts: GpuBenchOptions): Promise<GpuBenchResult> {
  const started = performance.now();
  const info = gpuInfo();
  const maxGpuBytes = opts.maxGpuBytes ?? HEATGL_DEFAULT_MAX_GPU_BYTES;
  const redrawCount = opts.redraws ?? 20;
  const stepLimitMs = opts.stepLimitMs ?? 60_000;
  const options = { ...BASE_OPTIONS, maxGpuBytes, progressive: false } as HeatmapOptions;
  const result: GpuBenchResult = {
    version: 1,
    date: new Date().toISOString(),
    userAgent: navigator.userAgent,
    renderer: info.renderer,
    vendor: info.vendor,
    maxTextureSize: info.maxTextureSize,
    maxRenderbufferSize: info.maxRenderbufferSize,
    heatglRenderer: '',
    canvas: { cssWidth: opts.container.clientWidth, cssHeight: opts.container.clientHeight, pixelRatio: 1 },
    maxGpuBytes,
    sizes: [],
    stopped: null,
    totalMs: 0,
  };
  const progress = (message: string) => {
    result.totalMs = performance.now() - started;
    opts.onProgress?.(message, result);
  };
  let hm: Heatmap | null = null;
  let lost = false;
  const destroy = () => {
    hm?.destroy();
    hm = null;
    opts.container.replaceChildren();
  };
  /** A new heatmap, watched for context loss, drawn once and read back; returns its timings. */
  const create = (values: Float32Array, side: number) => {
    destroy();
    const t0 = performance.now();
    const h = heatmap(opts.container, { values, rows: side, cols: side }, options);
    const t1 = performance.now();
    hm = h;
    h.on('contextlost', () => {
      lost = true;
    });
    h.render();
    const gl = heatmapGl(h);
    readOnePixel(gl);
    const t2 = performance.now();
    if (lost || gl.isContextLost()) throw new Stop('the WebGL context was lost (out of GPU memory?)');
    return { ms: t2 - t0, createMs: t1 - t0, h, gl };
  };

  try {
    // Untimed warm-up: shader compilation, first context, JIT.
    create(syntheticField(64), 64);
    result.heatglRenderer = (hm as Heatmap | null)?.stats().renderer ?? '';
    destroy();
    await nextFrame();

    for (const side of sidesFor(opts.maxSide, opts.sides)) {
      if (opts.signal?.aborted) throw new Stop('stopped by the user');
      const cells = side * side;
      const bytes = cells * 4;
      if (bytes > maxGpuBytes) {
        throw new Stop(`${side}² needs ${(bytes / 2 ** 30).toFixed(2)} GiB for its values, over heatgl's maxGpuBytes (${(maxGpuBytes / 2 ** 30).toFixed(2)} GiB; ?maxGpuBytes=<GiB> raises it)`);
      }
      progress(`${side}²: generating ${(bytes / 2 ** 20).toFixed(0)} MiB of data…`);
      await nextFrame();
      let values: Float32Array;
      const g0 = performance.now();
      try {
        destroy();
        values = syntheticField(side);
      } catch (err) {
        throw new Stop(errorText(err));
      }
      const generateMs = performance.now() - g0;
      const runs = side <= 2048 ? 5 : side <= 4096 ? 3 : 1;
      const firstFrameRuns: number[] = [];
      const createRuns: number[] = [];
      let live: ReturnType<typeof create> | null = null;
      for (let i = 0; i < runs; i++) {
        progress(`${side}²: first frame ${i + 1} of ${runs}…`);
        await nextFrame();
        try {
          live = create(values, side);
        } catch (err) {
          throw err instanceof Stop ? err : new Stop(errorText(err));
        }
        firstFrameRuns.push(live.ms);
        createRuns.push(live.createMs);
      }
      if (!live) throw new Stop('no first frame');
      const firstFrameMs = median(firstFrameRuns);

      // Redraws on the last heatmap, one per animation frame; fewer when each takes long.
      const { h, gl } = live;
      const redrawRuns: number[] = [];
      const warm = 3;
      const budgetStart = performance.now();
      for (let i = 0; i < warm + redrawCount; i++) {
        if (i === warm) progress(`${side}²: ${redrawCount} redraws after pan/zoom…`);
        await nextFrame();
        const [x0, y0, w, hgt] = VIEWS[i % VIEWS.length];
        const t0 = performance.now();
        h.setView({ x: [x0 * side, (x0 + w) * side], y: [y0 * side, (y0 + hgt) * side] });
        h.render();
        readOnePixel(gl);
        const dt = performance.now() - t0;
        if (lost || gl.isContextLost()) throw new Stop('the WebGL context was lost during redraws');
        if (i >= warm) redrawRuns.push(dt);
        if (redrawRuns.length >= 3 && performance.now() - budgetStart > stepLimitMs / 2) break;
      }
      const frameMs = median(redrawRuns);
      const stats = h.stats();
      result.sizes.push({
        side,
        cells,
        bytes,
        valueTextures: stats.valueTextures,
        gpuBytes: stats.gpuBytes,
        firstFrameRuns,
        firstFrameMs,
        createMs: median(createRuns),
        uploadGBps: bytes / (firstFrameMs * 1e6),
        redrawRuns,
        frameMs,
        cellsPerSecond: cells / (frameMs / 1000),
        generateMs,
      });
      progress(`${side}²: first frame ${firstFrameMs.toFixed(0)} ms, redraw ${frameMs.toFixed(1)} ms`);
      if (firstFrameMs > stepLimitMs) throw new Stop(`the first frame at ${side}² took over ${(stepLimitMs / 1000).toFixed(0)} s`);
    }
  } catch (err) {
    const last = result.sizes.at(-1)?.side ?? 0;
    const next = sidesFor(opts.maxSide, opts.sides).find((s) => s > last) ?? last;
    result.stopped = { side: next, reason: err instanceof Stop ? err.message : errorText(err) };
  } finally {
    if (!opts.keepLast || lost) destroy();
    else if (hm) {
      (hm as Heatmap).resetView();
      (hm as Heatmap).render();
    }
  }
  result.totalMs = performance.now() - started;
  progress(result.stopped ? `stopped before ${result.stopped.side}²: ${result.stopped.reason}` : 'done');
  return result;
}

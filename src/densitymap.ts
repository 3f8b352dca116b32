// densitymap(): wiring only. Points are checked and packed by src/core/density.ts, uploaded once by
// src/gl/density-layer.ts, splatted on the GPU for each view (pan/zoom through src/view), and coloured with the same
// LUTs and colour scaling as heatmap(). At most one draw per animation frame.
import { checkDensityOptions, type DensityExtent, type DensityFrame, type DensityOptions, defaultExtent, kernelSupport, type PackedPoints, packPoints, pointColumns, scottBandwidth } from './core/density';
import { Emitter } from './core/emitter';
import { HeatglError, describe, fail } from './core/errors';
import type { CmapInput } from './core/colormaps';
import { checkScaleOptions, type ColorScale, dataLimits, resolveScale } from './core/scale';
import { trackDedicated, watchContextLoss } from './gl/context';
import { createDensityContext, type DensityContext } from './gl/density-context';
import { createDensityLayer, type DensityLayer } from './gl/density-layer';
import { createLutTexture, type LutTexture } from './gl/lut-texture';
import type { PixelData } from './heatmap';
import { type Space, type ViewRect, clampView, fractionToData, fullView, panBy, sameView, screenSigns, zoomAbout } from './view/camera';
import { attachInput, type Input, watchSize } from './view/input';

export type { DensityAggregation, DensityExtent, DensityKernel } from './core/density';

/** Points: an array of anything read through the x / y / weight accessors, an object of columns, or null when the
 *  options hold the columns. Never copied into JS arrays, never mutated. */
export type DensityPoints<T = unknown> = ArrayLike<T> | { x: ArrayLike<number>; y: ArrayLike<number>; weight?: ArrayLike<number> | undefined } | null;

export interface DensitymapOptions<T = unknown> extends DensityOptions<T> {
  /** Colormap name (`_r` reverses) or a list of colours, as heatmap(). @default 'viridis' */
  cmap?: CmapInput | undefined;
  /** Lower colour limit. @default 0 for 'sum' (the data minimum if it is negative), the visible minimum for 'mean' */
  vmin?: number | undefined;
  /** Upper colour limit. @default the largest value in view (recomputed after each pan/zoom) */
  vmax?: number | undefined;
  /** Limits from the 2nd / 98th percentiles of the visible pixels (seaborn's robust). @default false */
  robust?: boolean | undefined;
  /** seaborn's center (resamples the colormap). @default none */
  center?: number | undefined;
  /** A constant opacity in 0..1, or 'ramp': alpha grows with the value, transparent at vmin (for overlays). @default 1 */
  opacity?: number | 'ramp' | undefined;
  /** An image under the density, spanning `extent`: an image, a canvas (copied) or an image URL. @default none */
  background?: HTMLImageElement | HTMLCanvasElement | string | undefined;
  /** Data y grows downwards (page / image coordinates). @default false: upwards, as a map or a plot */
  yDown?: boolean | undefined;
  /** Drag pans, wheel/pinch zooms about the cursor, double-click resets. @default true */
  interactive?: boolean | undefined;
  /** @default devicePixelRatio */
  pixelRatio?: number | undefined;
  /** Keep the drawing buffer after compositing (for screenshots of the canvas). @default false */
  preserveDrawingBuffer?: boolean | undefined;
}

/** A view in data coordinates. */
export interface DensityView {
  x: [number, number];
  y: [number, number];
}

/** The aggregated value of every pixel of the last frame: Σ w·K ('sum') or Σ w·K / Σ K ('mean', NaN where no kernel
 *  reaches), top row first. */
export interface DensityGrid {
  width: number;
  height: number;
  data: Float32Array;
}

export interface DensitymapStats {
  renderer: string;
  /** Points drawn. */
  points: number;
  /** Points skipped because x, y or the weight was NaN or ±Infinity. */
  skipped: number;
  /** [hx, hy] in data units, or null with radiusPixels. */
  bandwidth: [number, number] | null;
  radiusPixels: number | null;
  /** The extent in use, [xmin, xmax, ymin, ymax]. */
  extent: [number, number, number, number];
  /** GPU memory: the point buffer, the float framebuffer and the LUT. */
  gpuBytes: number;
  /** Packing (two passes over the points) and the buffer upload. */
  lastUploadMs: number;
  /** The last frame: splat, colour limits (a float readback unless vmin and vmax are given), colour pass. */
  lastFrameMs: number;
  uploads: number;
  frames: number;
  /** Point sprites of the last frame: their size and how many tiles per axis (kernels wider than the largest point
   *  sprite take tilesX × tilesY passes). */
  sprites: { sizePx: number; tilesX: number; tilesY: number };
}

export interface DensitymapEvents {
  view: DensityView;
  render: { durationMs: number };
  /** The background image failed to load. */
  error: HeatglError;
  contextlost: undefined;
  contextrestored: undefined;
}

export interface DensityMap {
  /** The WebGL canvas. */
  readonly canvas: HTMLCanvasElement;
  /** The root element: background and canvas, filling the container. */
  readonly element: HTMLElement;
  /** New points (and options); the view resets when the extent changes. */
  setPoints<T>(points: DensityPoints<T>, options?: DensitymapOptions<T>): void;
  /** Kernel and colour options; the points stay uploaded. */
  update(options: DensitymapOptions<never>): void;
  setView(view: Partial<DensityView>): void;
  getView(): DensityView;
  resetView(): void;
  /** The aggregated value at the device pixel under a client position (as readDensity), or null outside. */
  valueAt(clientX: number, clientY: number): number | null;
  /** Data coordinates of a client position, or null outside the canvas. */
  clientToData(clientX: number, clientY: number): [number, number] | null;
  readDensity(): DensityGrid;
  /** RGBA of the canvas, top row first, premultiplied. */
  readPixels(): PixelData;
  render(): void;
  resize(): void;
  getScale(): ColorScale;
  stats(): DensitymapStats;
  on<K extends keyof DensitymapEvents>(name: K, callback: (payload: DensitymapEvents[K]) => void): () => void;
  destroy(): void;
}

/** Zoom stops at this fraction of the extent: float32 offsets from the origin still place points within a pixel. */
const MIN_SPAN = 1e-4;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function checkOptions(o: DensitymapOptions<never>): void {
  if (!o || typeof o !== 'object') fail(`options must be an object, got ${describe(o)}`);
  checkDensityOptions(o);
  checkScaleOptions({ cmap: o.cmap, vmin: o.vmin, vmax: o.vmax, robust: o.robust, center: o.center });
  if ('norm' in o) fail('densitymap draws with a linear norm only; the norm option is not supported');
  const op = o.opacity;
  if (op !== undefined && op !== 'ramp' && !(typeof op === 'number' && op >= 0 && op <= 1)) fail(`opacity must be a number in 0..1 or 'ramp', got ${describe(op)}`);
  const bg = o.background;
  if (bg !== undefined && typeof bg !== 'string' && !(bg instanceof HTMLImageElement) && !(bg instanceof HTMLCanvasElement)) {
    fail(`background must be an HTMLImageElement, an HTMLCanvasElement or an image URL, got ${describe(bg)}`);
  }
  if (o.pixelRatio !== undefined && !(typeof o.pixelRatio === 'number' && o.pixelRatio > 0 && Number.isFinite(o.pixelRatio))) fail(`pixelRatio must be a positive number, got ${describe(o.pixelRatio)}`);
}

/** Later kernel options replace earlier ones: a new radiusPixels drops an old bandwidth and the other way round. */
function mergeOptions<T>(old: DensitymapOptions<T>, next: DensitymapOptions<T>): DensitymapOptions<T> {
  const merged = { ...old, ...next };
  if (next.radiusPixels !== undefined && next.bandwidth === undefined) delete merged.bandwidth;
  if (next.bandwidth !== undefined && next.radiusPixels === undefined) delete merged.radiusPixels;
  return merged;
}

interface Resolved {
  packed: PackedPoints;
  extent: DensityExtent;
  bandwidth: [number, number] | undefined;
}

/** Checks and packs the points (the user's arrays are read, never written) and resolves extent and bandwidth. */
function resolvePoints<T>(points: DensityPoints<T>, o: DensitymapOptions<T>): Resolved {
  const cols = pointColumns(points, o);
  const extent = o.extent;
  const packed = packPoints(cols, extent ? [(extent[0] + extent[1]) / 2, (extent[2] + extent[3]) / 2] : undefined);
  let bandwidth: [number, number] | undefined;
  if (o.bandwidth !== undefined) bandwidth = typeof o.bandwidth === 'number' ? [o.bandwidth, o.bandwidth] : [o.bandwidth[0], o.bandwidth[1]];
  else if (o.radiusPixels === undefined) bandwidth = scottBandwidth(packed);
  const R = kernelSupport(o.kernel ?? 'gaussian');
  return { packed, bandwidth, extent: extent ?? defaultExtent(packed.bounds, bandwidth ? [bandwidth[0] * R, bandwidth[1] * R] : undefined) };
}

class DensityMapImpl implements DensityMap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly bgCanvas: HTMLCanvasElement;
  private bgSource: CanvasImageSource | null = null;
  private ctx: DensityContext;
  private layer: DensityLayer;
  private lut: LutTexture;
  private lutKey: ColorScale['lut'] | undefined;
  private readonly events = new Emitter<DensitymapEvents>();
  private readonly input: Input | undefined;
  private readonly sizeWatch: Input;
  private readonly stopContextWatch: () => void;
  private points: DensityPoints<unknown>;
  private options: DensitymapOptions<unknown>;
  private resolved: Resolved;
  private space: Space;
  private view: ViewRect;
  private scale: ColorScale;
  /** RGBA floats of the float framebuffer after the last splat (GL rows), read lazily. */
  private raw: Float32Array | null = null;
  private pointBytes = 0;
  private pendingFrame = 0;
  private destroyed = false;
  private contextLost = false;
  private cssWidth = 0;
  private cssHeight = 0;
  private lastUploadMs = 0;
  private lastFrameMs = 0;
  private uploads = 0;
  private frames = 0;
  private sprites = { sizePx: 0, tilesX: 0, tilesY: 0 };

  constructor(container: HTMLElement, points: DensityPoints<unknown>, options: DensitymapOptions<unknown>) {
    if (!(container instanceof HTMLElement)) fail(`container must be an HTMLElement, got ${describe(container)}`);
    checkOptions(options as DensitymapOptions<never>);
    const t0 = now();
    this.resolved = resolvePoints(points, options);
    this.points = points;
    this.options = { ...options };
    this.space = this.spaceOf(this.resolved.extent);
    this.view = fullView(this.space);
    this.scale = resolveScale({ min: 0, max: 1, minPositive: 1, p2: 0, p98: 1 }, this.scaleOptions());

    this.element = document.createElement('div');
    this.element.className = 'heatgl-density';
    this.element.style.cssText = 'position:relative;width:100%;height:100%;overflow:hidden;';
    this.bgCanvas = document.createElement('canvas');
    this.bgCanvas.style.cssText = 'position:absolute;display:none;pointer-events:none;';
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'position:absolute;display:block;left:0;top:0;width:100%;height:100%;';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'density map');
    this.element.append(this.bgCanvas, this.canvas);
    container.appendChild(this.element);
    try {
      this.ctx = createDensityContext(this.canvas, { preserveDrawingBuffer: options.preserveDrawingBuffer === true });
      this.layer = createDensityLayer(this.ctx.regl);
      this.lut = createLutTexture(this.ctx.regl);
      this.pointBytes = this.upload(this.resolved);
    } catch (err) {
      this.element.remove();
      throw err;
    }
    trackDedicated(1);
    this.uploads = 1;
    this.lastUploadMs = now() - t0;
    this.setBackground(options.background);
    if (options.interactive !== false) {
      this.input = attachInput(this.canvas, {
        pan: (dx, dy) => this.panCss(dx, dy),
        zoom: (f, x, y) => this.zoomCss(f, x, y),
        reset: () => this.resetView(),
        hover: () => undefined,
        leave: () => undefined,
        click: () => undefined,
      });
    }
    this.sizeWatch = watchSize(container, () => this.resize());
    this.stopContextWatch = watchContextLoss(this.canvas, () => this.ctx.regl, { lost: this.onContextLost, restored: this.onContextRestored });
    this.measure();
    this.requestRender();
  }

  private spaceOf(e: DensityExtent): Space {
    const [x0, x1, y0, y1] = e;
    return { x0, x1, y0, y1, xFlip: false, yDown: this.options.yDown === true, minSpanX: (x1 - x0) * MIN_SPAN, minSpanY: (y1 - y0) * MIN_SPAN };
  }

  private scaleOptions() {
    const o = this.options;
    return { cmap: o.cmap ?? 'viridis', vmin: o.vmin, vmax: o.vmax, robust: o.robust, center: o.center, cbar: false };
  }

  private readonly onContextLost = () => {
    this.contextLost = true;
    if (this.pendingFrame !== 0) cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    this.events.emit('contextlost', undefined);
  };

  private readonly onContextRestored = () => {
    if (this.destroyed) return;
    this.ctx = createDensityContext(this.canvas, { preserveDrawingBuffer: this.options.preserveDrawingBuffer === true });
    this.layer = createDensityLayer(this.ctx.regl);
    this.lut = createLutTexture(this.ctx.regl);
    this.lutKey = undefined;
    // The packed copy was dropped after the first upload: pack the user's points again.
    this.resolved = resolvePoints(this.points, this.options);
    this.pointBytes = this.upload(this.resolved);
    this.contextLost = false;
    this.events.emit('contextrestored', undefined);
    this.requestRender();
  };

  /** Uploads the packed points, then drops the JS copy (10 M points: 120 MB) and keeps only its summary. */
  private upload(r: Resolved): number {
    const bytes = this.layer.setPoints(r.packed);
    r.packed = { ...r.packed, data: new Float32Array(0) };
    return bytes;
  }

  private alive(): void {
    if (this.destroyed) throw new HeatglError('this density map was destroyed');
  }

  setPoints<T>(points: DensityPoints<T>, options: DensitymapOptions<T> = {}): void {
    this.alive();
    checkOptions(options as DensitymapOptions<never>);
    const next = mergeOptions(this.options as DensitymapOptions<T>, options);
    checkOptions(next as DensitymapOptions<never>);
    const t0 = now();
    const resolved = resolvePoints(points, next);
    // Everything checked: only now replace the GPU buffer.
    this.pointBytes = this.upload(resolved);
    this.lastUploadMs = now() - t0;
    this.uploads++;
    const oldExtent = this.resolved.extent;
    this.points = points as DensityPoints<unknown>;
    this.options = next as DensitymapOptions<unknown>;
    this.resolved = resolved;
    if (options.background !== undefined) this.setBackground(options.background);
    if (resolved.extent.some((v, i) => v !== oldExtent[i]) || this.space.yDown !== (next.yDown === true)) {
      this.space = this.spaceOf(resolved.extent);
      this.setViewRect(fullView(this.space));
    }
    this.invalidate();
  }

  update(options: DensitymapOptions<never>): void {
    this.alive();
    checkOptions(options);
    for (const key of ['x', 'y', 'weight', 'extent'] as const) {
      if (options[key] !== undefined) fail(`${key} changes the points: use setPoints(points, { ${key} }) instead of update()`);
    }
    const next = mergeOptions(this.options, options as DensitymapOptions<unknown>);
    checkOptions(next as DensitymapOptions<never>);
    const kernelChanged = next.bandwidth !== this.options.bandwidth || next.radiusPixels !== this.options.radiusPixels || next.kernel !== this.options.kernel;
    this.options = next;
    if (kernelChanged) {
      // Scott's rule needs the packed moments only; the extent stays.
      let bandwidth: [number, number] | undefined;
      if (next.bandwidth !== undefined) bandwidth = typeof next.bandwidth === 'number' ? [next.bandwidth, next.bandwidth] : [next.bandwidth[0], next.bandwidth[1]];
      else if (next.radiusPixels === undefined) bandwidth = scottBandwidth(this.resolved.packed);
      this.resolved = { ...this.resolved, bandwidth };
    }
    if (options.background !== undefined) this.setBackground(options.background);
    if (next.yDown !== undefined && (next.yDown === true) !== this.space.yDown) {
      this.space = this.spaceOf(this.resolved.extent);
      this.view = clampView(this.view, this.space);
    }
    this.invalidate();
  }

  private setBackground(bg: DensitymapOptions['background']): void {
    this.bgSource = null;
    this.bgCanvas.style.display = 'none';
    if (bg === undefined) return;
    const use = (src: HTMLImageElement | HTMLCanvasElement) => {
      if (this.destroyed) return;
      const w = src instanceof HTMLImageElement ? src.naturalWidth : src.width;
      const h = src instanceof HTMLImageElement ? src.naturalHeight : src.height;
      this.bgCanvas.width = Math.max(1, w);
      this.bgCanvas.height = Math.max(1, h);
      this.bgCanvas.getContext('2d')?.drawImage(src, 0, 0);
      this.bgSource = this.bgCanvas;
      this.bgCanvas.style.display = 'block';
      this.placeBackground();
    };
    if (bg instanceof HTMLCanvasElement) {
      use(bg);
      return;
    }
    const img = typeof bg === 'string' ? new Image() : bg;
    const onError = () => this.events.emit('error', new HeatglError(`the background image ${typeof bg === 'string' ? describe(bg) : describe(img.src)} could not be loaded`));
    if (img.complete && img.naturalWidth > 0) use(img);
    else {
      img.addEventListener('load', () => use(img), { once: true });
      img.addEventListener('error', onError, { once: true });
    }
    if (typeof bg === 'string') img.src = bg;
  }

  /** Positions the background so that it spans the extent in the current view (CSS pixels). */
  private placeBackground(): void {
    if (!this.bgSource) return;
    const [ex0, ex1, ey0, ey1] = this.resolved.extent;
    const v = this.view;
    const sx = this.cssWidth / (v.x1 - v.x0);
    const sy = this.cssHeight / (v.y1 - v.y0);
    const top = this.space.yDown ? (ey0 - v.y0) * sy : (v.y1 - ey1) * sy;
    const s = this.bgCanvas.style;
    s.left = `${(ex0 - v.x0) * sx}px`;
    s.top = `${top}px`;
    s.width = `${(ex1 - ex0) * sx}px`;
    s.height = `${(ey1 - ey0) * sy}px`;
  }

  // ---- view ---------------------------------------------------------------------------------------------------
  private setViewRect(v: ViewRect): boolean {
    const clamped = clampView(v, this.space);
    if (sameView(clamped, this.view)) return false;
    this.view = clamped;
    this.events.emit('view', this.getView());
    this.invalidate();
    return true;
  }

  setView(view: Partial<DensityView>): void {
    this.alive();
    const pair = (p: unknown, name: string): [number, number] | undefined => {
      if (p === undefined) return undefined;
      if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n)) || !(p[0] < p[1])) {
        fail(`view.${name} must be [start, end] with finite start < end (data coordinates), got ${JSON.stringify(p)}`);
      }
      return p as [number, number];
    };
    const x = pair(view.x, 'x') ?? [this.view.x0, this.view.x1];
    const y = pair(view.y, 'y') ?? [this.view.y0, this.view.y1];
    this.setViewRect({ x0: x[0], x1: x[1], y0: y[0], y1: y[1] });
  }

  getView(): DensityView {
    return { x: [this.view.x0, this.view.x1], y: [this.view.y0, this.view.y1] };
  }

  resetView(): void {
    this.alive();
    this.setViewRect(fullView(this.space));
  }

  private panCss(dx: number, dy: number): void {
    if (this.cssWidth === 0 || this.cssHeight === 0) return;
    const v = this.view;
    const [sx, sy] = screenSigns(this.space);
    this.setViewRect(panBy(v, -sx * (dx / this.cssWidth) * (v.x1 - v.x0), -sy * (dy / this.cssHeight) * (v.y1 - v.y0)));
  }

  private zoomCss(factor: number, cssX: number, cssY: number): boolean {
    if (this.cssWidth === 0 || this.cssHeight === 0 || !(factor > 0)) return false;
    const [dataX, dataY] = fractionToData(this.view, cssX / this.cssWidth, cssY / this.cssHeight, this.space);
    return this.setViewRect(zoomAbout(this.view, factor, dataX, dataY));
  }

  clientToData(clientX: number, clientY: number): [number, number] | null {
    const r = this.canvas.getBoundingClientRect();
    const fx = (clientX - r.left) / r.width;
    const fy = (clientY - r.top) / r.height;
    if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
    return fractionToData(this.view, fx, fy, this.space);
  }

  // ---- drawing --------------------------------------------------------------------------------------------------
  private pixelRatio(): number {
    return this.options.pixelRatio ?? (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
  }

  private measure(): boolean {
    const box = this.element.getBoundingClientRect();
    let w = box.width;
    let h = box.height;
    if (h === 0) {
      w = w || 400;
      h = Math.round(w * 0.75);
      this.element.style.height = `${h}px`;
    }
    const changed = w !== this.cssWidth || h !== this.cssHeight;
    this.cssWidth = w;
    this.cssHeight = h;
    return changed;
  }

  resize(): void {
    if (this.destroyed) return;
    if (this.measure()) this.invalidate();
  }

  private invalidate(): void {
    this.raw = null;
    this.requestRender();
  }

  private requestRender(): void {
    if (this.pendingFrame !== 0 || this.destroyed) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.render();
    });
  }

  /** What the density of the next frame is evaluated on. */
  private frame(): DensityFrame {
    const dpr = this.pixelRatio();
    const o = this.options;
    return {
      view: this.view,
      widthPx: Math.max(1, Math.round(this.cssWidth * dpr)),
      heightPx: Math.max(1, Math.round(this.cssHeight * dpr)),
      yDown: this.space.yDown,
      pixelRatio: dpr,
      kernel: o.kernel ?? 'gaussian',
      aggregation: o.aggregation ?? 'sum',
      bandwidth: this.resolved.bandwidth,
      radiusPixels: this.resolved.bandwidth ? undefined : o.radiusPixels,
    };
  }

  render(): void {
    this.alive();
    if (this.contextLost) return;
    if (this.pendingFrame !== 0) {
      cancelAnimationFrame(this.pendingFrame);
      this.pendingFrame = 0;
    }
    const t0 = now();
    this.measure();
    const f = this.frame();
    if (this.canvas.width !== f.widthPx) this.canvas.width = f.widthPx;
    if (this.canvas.height !== f.heightPx) this.canvas.height = f.heightPx;
    this.ctx.regl.poll();
    const layout = this.layer.splat(f, this.resolved.packed.origin);
    this.sprites = { sizePx: layout.spritePx, tilesX: layout.tilesX, tilesY: layout.tilesY };
    this.raw = null;
    this.scale = this.resolveColors(f);
    if (this.lutKey !== this.scale.lut) {
      this.lut.set(this.scale.lut);
      this.lutKey = this.scale.lut;
    }
    this.layer.colorize({ lut: this.lut, lutSize: this.scale.lut.n, vmin: this.scale.vmin, vmax: this.scale.vmax, opacity: this.options.opacity ?? 1, mean: f.aggregation === 'mean' });
    this.placeBackground();
    this.lastFrameMs = now() - t0;
    this.frames++;
    this.events.emit('render', { durationMs: this.lastFrameMs });
  }

  /** The colour scale: heatmap's resolveScale over the visible pixels' values (read back only when a limit is left
   *  to the data). */
  private resolveColors(f: DensityFrame): ColorScale {
    const o = this.scaleOptions();
    if (o.vmin !== undefined && o.vmax !== undefined) return resolveScale({ min: o.vmin, max: o.vmax, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN }, o);
    const grid = this.readDensity().data;
    const limits = dataLimits(grid, undefined, o.robust === true);
    const vmin = o.vmin ?? (f.aggregation === 'sum' && o.robust !== true && !(limits.min < 0) ? 0 : undefined);
    return resolveScale(limits, { ...o, vmin });
  }

  private rawGrid(): Float32Array {
    if (!this.raw) {
      if (this.pendingFrame !== 0) this.render();
      this.raw = this.layer.read(0, 0, this.canvas.width, this.canvas.height);
    }
    return this.raw;
  }

  readDensity(): DensityGrid {
    this.alive();
    const raw = this.rawGrid();
    const width = this.canvas.width;
    const height = this.canvas.height;
    const mean = (this.options.aggregation ?? 'sum') === 'mean';
    const data = new Float32Array(width * height);
    for (let row = 0; row < height; row++) {
      // GL rows start at the bottom.
      let i = (height - 1 - row) * width * 4;
      let o = row * width;
      for (let col = 0; col < width; col++, i += 4, o++) {
        const s = raw[i] as number;
        const k = raw[i + 1] as number;
        data[o] = mean ? (k > 0 ? s / k : Number.NaN) : s;
      }
    }
    return { width, height, data };
  }

  valueAt(clientX: number, clientY: number): number | null {
    this.alive();
    const r = this.canvas.getBoundingClientRect();
    const fx = (clientX - r.left) / r.width;
    const fy = (clientY - r.top) / r.height;
    if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
    const col = Math.floor(fx * this.canvas.width);
    const row = Math.floor(fy * this.canvas.height);
    const glRow = this.canvas.height - 1 - row;
    let s: number;
    let k: number;
    if (this.raw || this.pendingFrame !== 0) {
      const raw = this.rawGrid();
      const i = (glRow * this.canvas.width + col) * 4;
      s = raw[i] as number;
      k = raw[i + 1] as number;
    } else {
      const px = this.layer.read(col, glRow, 1, 1);
      s = px[0] as number;
      k = px[1] as number;
    }
    if ((this.options.aggregation ?? 'sum') === 'mean') return k > 0 ? s / k : Number.NaN;
    return s;
  }

  readPixels(): PixelData {
    this.render();
    const width = this.canvas.width;
    const height = this.canvas.height;
    const gl = this.ctx.gl;
    const raw = new Uint8Array(width * height * 4);
    // Same task as the draw: the drawing buffer is intact without preserveDrawingBuffer.
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, raw);
    const data = new Uint8Array(raw.length);
    const stride = width * 4;
    for (let y = 0; y < height; y++) data.set(raw.subarray((height - 1 - y) * stride, (height - y) * stride), y * stride);
    return { width, height, data };
  }

  getScale(): ColorScale {
    return this.scale;
  }

  stats(): DensitymapStats {
    const r = this.resolved;
    return {
      renderer: this.ctx.renderer,
      points: r.packed.count,
      skipped: r.packed.skipped,
      bandwidth: r.bandwidth ? [r.bandwidth[0], r.bandwidth[1]] : null,
      radiusPixels: r.bandwidth ? null : (this.options.radiusPixels ?? null),
      extent: [...r.extent] as [number, number, number, number],
      gpuBytes: this.pointBytes + (this.canvas.width + 2 * this.padPx()) * (this.canvas.height + 2 * this.padPx()) * 16 + this.scale.lut.n * 4,
      lastUploadMs: this.lastUploadMs,
      lastFrameMs: this.lastFrameMs,
      uploads: this.uploads,
      frames: this.frames,
      sprites: { ...this.sprites },
    };
  }

  private padPx(): number {
    return Math.ceil(this.sprites.sizePx / 2) + 1;
  }

  on<K extends keyof DensitymapEvents>(name: K, callback: (payload: DensitymapEvents[K]) => void): () => void {
    return this.events.on(name, callback);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.pendingFrame !== 0) cancelAnimationFrame(this.pendingFrame);
    this.sizeWatch.destroy();
    this.stopContextWatch();
    this.input?.destroy();
    this.layer.destroy();
    this.lut.destroy();
    this.ctx.destroy();
    trackDedicated(-1);
    this.element.remove();
    this.events.clear();
  }
}

/**
 * Draws the kernel density of `points` in `container` on the GPU (see src/core/density.ts for the exact definition).
 * Throws a {@link HeatglError} naming the problem for bad points or options, or when WebGL lacks an extension.
 */
export function densitymap<T = unknown>(container: HTMLElement, points: DensityPoints<T>, options: DensitymapOptions<T> = {}): DensityMap {
  return new DensityMapImpl(container, points as DensityPoints<unknown>, options as DensitymapOptions<unknown>);
}


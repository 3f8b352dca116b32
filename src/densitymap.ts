// densitymap(): wiring only. Points are checked and packed by src/core/density.ts, uploaded once by
// src/gl/density-layer.ts, splatted on the GPU for each view (pan/zoom through src/view), and coloured with the same
// LUTs and colour scaling as heatmap(). At most one draw per animation frame.
import { type DensityExtent, type DensityFrame, scottBandwidth } from './core/density';
import { Emitter } from './core/emitter';
import { HeatglError, describe, fail } from './core/errors';
import { type ColorScale, type DataLimits, dataLimits, resolveScale } from './core/scale';
import { readDrawingBuffer, trackDedicated, watchContextLoss } from './gl/context';
import { createDensityContext, type DensityContext } from './gl/density-context';
import { createDensityImage, type DensityImage } from './gl/density-image';
import { createDensityLayer, type DensityLayer } from './gl/density-layer';
import { createLutTexture, type LutTexture } from './gl/lut-texture';
import type { PixelData } from './types';
import type { Regl } from 'regl';
import type { Space } from './core/camera';
import { Host } from './host/host';
import { ViewController } from './view/controller';
import { attachInput, type Input } from './view/input';

export type { DensityAggregation, DensityExtent, DensityKernel, DensityMethod } from './core/density';
export type { DensityMap, DensityGrid, DensitymapEvents, DensitymapStats, DensityView } from './density-api';
export type { DensityPoints, DensitymapOptions } from './options/density';
import type { DensityGrid, DensityMap, DensitymapEvents, DensitymapStats, DensityView } from './density-api';
import { checkOptions, type DensityPoints, densityScaleOptions, type DensitymapOptions, mergeOptions, type Resolved, resolvePoints } from './options/density';

/** Zoom stops at this fraction of the extent: float32 offsets from the origin still place points within a pixel. */
const MIN_SPAN = 1e-4;
const now = () => Host.now();
/** What watchContextLoss releases when no regl was made: nothing. */
const NO_REGL = { destroy: () => undefined } as unknown as Regl;

class DensityMapImpl implements DensityMap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly bgCanvas: HTMLCanvasElement;
  /** Where colours computed in JS are shown (under the WebGL canvas). */
  private readonly image: DensityImage;
  private bgSource: CanvasImageSource | null = null;
  private ctx: DensityContext;
  private layer: DensityLayer;
  /** The colormap on the GPU, made when a colour pass there first needs it. */
  private lut: LutTexture | undefined;
  private lutKey: ColorScale['lut'] | undefined;
  private readonly events = new Emitter<DensitymapEvents>();
  private readonly host: Host;
  private readonly viewCtl: ViewController;
  private readonly input: Input | undefined;
  private readonly stopContextWatch: () => void;
  private points: DensityPoints<unknown>;
  private options: DensitymapOptions<unknown>;
  private resolved: Resolved;
  private scale: ColorScale;
  /** RGBA floats of the float framebuffer after the last splat (GL rows), read lazily. */
  private raw: Float32Array | null = null;
  /** The last frame's colour pass took its limits from the GPU reduction (this.scale's vmin / vmax until getScale). */
  private limitsOnGpu = false;
  private contextLost = false;
  private lastUploadMs = 0;
  private lastFrameMs = 0;
  private uploads = 0;
  private frames = 0;
  private sprites = { sizePx: 0, tilesX: 0, tilesY: 0 };
  private aggregation: DensitymapStats['aggregation'] = { method: 'exact', points: 0, nodes: 0 };
  private phases: DensitymapStats['phases'] = { bin: 0, convolve: 0, upload: 0, splat: 0, limits: 0, color: 0 };

  constructor(container: HTMLElement, points: DensityPoints<unknown>, options: DensitymapOptions<unknown>) {
    this.host = new Host(container, { className: 'heatgl-density', pixelRatio: () => this.options.pixelRatio, draw: () => this.render(), resized: () => this.invalidate() }, 'densitymap');
    checkOptions(options as DensitymapOptions<never>);
    const t0 = now();
    this.resolved = resolvePoints(points, options);
    this.points = points;
    this.options = { ...options };
    this.viewCtl = new ViewController(this.spaceOf(this.resolved.extent), { units: 'data coordinates', changed: () => this.viewChanged() });
    this.scale = resolveScale({ min: 0, max: 1, minPositive: 1, p2: 0, p98: 1 }, this.scaleOptions());

    this.element = this.host.element;
    this.bgCanvas = document.createElement('canvas');
    this.bgCanvas.style.cssText = 'position:absolute;display:none;pointer-events:none;';
    this.canvas = this.host.canvas;
    this.canvas.setAttribute('aria-label', 'density map');
    this.element.append(this.bgCanvas, this.canvas);
    this.image = createDensityImage(this.canvas);
    this.host.attach(() => this.destroy());
    try {
      // The canvas gets its size before its context: each later change of width or height reallocates the buffer.
      this.host.measure();
      if (this.host.sized) this.sizeCanvas(this.frame());
      this.ctx = createDensityContext(this.canvas, { preserveDrawingBuffer: options.preserveDrawingBuffer === true });
      this.layer = createDensityLayer(this.ctx);
      this.upload(this.resolved);
    } catch (err) {
      this.host.detach();
      throw err;
    }
    trackDedicated(1);
    this.uploads = 1;
    this.lastUploadMs = now() - t0;
    this.setBackground(options.background);
    if (options.interactive !== false) {
      this.input = attachInput(this.canvas, {
        pan: (dx, dy) => this.viewCtl.pan(dx, dy, this.host.cssWidth, this.host.cssHeight),
        zoom: (f, x, y) => this.viewCtl.zoom(f, x, y, this.host.cssWidth, this.host.cssHeight),
        reset: () => this.resetView(),
        hover: () => undefined,
        leave: () => undefined,
        click: () => undefined,
      });
    }
    // On restore the old regl (if one was made) is released.
    this.stopContextWatch = watchContextLoss(this.canvas, () => this.ctx.reglIfMade ?? NO_REGL, { lost: this.onContextLost, restored: this.onContextRestored });
    this.host.start();
  }

  private get space(): Space {
    return this.viewCtl.space;
  }

  private spaceOf(e: DensityExtent): Space {
    const [x0, x1, y0, y1] = e;
    return { x0, x1, y0, y1, xFlip: false, yDown: this.options.yDown === true, minSpanX: (x1 - x0) * MIN_SPAN, minSpanY: (y1 - y0) * MIN_SPAN };
  }

  private scaleOptions() {
    const o = this.options;
    return densityScaleOptions(o);
  }

  private readonly onContextLost = () => {
    this.contextLost = true;
    this.host.cancelFrame();
    this.events.emit('contextlost', undefined);
  };

  private readonly onContextRestored = () => {
    if (this.host.destroyed) return;
    this.ctx = createDensityContext(this.canvas, { preserveDrawingBuffer: this.options.preserveDrawingBuffer === true });
    this.layer = createDensityLayer(this.ctx);
    this.lut = undefined;
    this.lutKey = undefined;
    // The packed copy was dropped after the first upload: pack the user's points again.
    this.resolved = resolvePoints(this.points, this.options);
    this.upload(this.resolved);
    this.contextLost = false;
    this.events.emit('contextrestored', undefined);
    this.host.requestFrame();
  };

  /** Uploads the packed points, then drops the JS copy (10 M points: 120 MB) and keeps only its summary. */
  private upload(r: Resolved): number {
    const bytes = this.layer.setPoints(r.packed);
    r.packed = { ...r.packed, data: new Float32Array(0) };
    return bytes;
  }

  private alive(): void {
    this.host.alive('density map');
  }

  setPoints<T>(points: DensityPoints<T>, options: DensitymapOptions<T> = {}): void {
    this.alive();
    checkOptions(options as DensitymapOptions<never>);
    const next = mergeOptions(this.options as DensitymapOptions<T>, options);
    checkOptions(next as DensitymapOptions<never>);
    const t0 = now();
    const resolved = resolvePoints(points, next);
    // Everything checked: only now replace the GPU buffer.
    this.upload(resolved);
    this.lastUploadMs = now() - t0;
    this.uploads++;
    const oldExtent = this.resolved.extent;
    this.points = points as DensityPoints<unknown>;
    this.options = next as DensitymapOptions<unknown>;
    this.resolved = resolved;
    if (options.background !== undefined) this.setBackground(options.background);
    if (resolved.extent.some((v, i) => v !== oldExtent[i]) || this.space.yDown !== (next.yDown === true)) {
      this.viewCtl.setSpace(this.spaceOf(resolved.extent), true);
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
      this.viewCtl.setSpace(this.spaceOf(this.resolved.extent), false);
      this.viewCtl.setRect(this.viewCtl.rect);
    }
    this.invalidate();
  }

  private setBackground(bg: DensitymapOptions['background']): void {
    this.bgSource = null;
    this.bgCanvas.style.display = 'none';
    if (bg === undefined) return;
    const use = (src: HTMLImageElement | HTMLCanvasElement) => {
      if (this.host.destroyed) return;
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
    const v = this.viewCtl.rect;
    const sx = this.host.cssWidth / (v.x1 - v.x0);
    const sy = this.host.cssHeight / (v.y1 - v.y0);
    const top = this.space.yDown ? (ey0 - v.y0) * sy : (v.y1 - ey1) * sy;
    const s = this.bgCanvas.style;
    s.left = `${(ex0 - v.x0) * sx}px`;
    s.top = `${top}px`;
    s.width = `${(ex1 - ex0) * sx}px`;
    s.height = `${(ey1 - ey0) * sy}px`;
  }

  // ---- view ---------------------------------------------------------------------------------------------------
  private viewChanged(): void {
    this.events.emit('view', this.getView());
    this.invalidate();
  }

  setView(view: Partial<DensityView>): void {
    this.alive();
    this.viewCtl.set(view);
  }

  getView(): DensityView {
    this.alive();
    return this.viewCtl.get();
  }

  resetView(): void {
    this.alive();
    this.viewCtl.reset();
  }

  clientToData(clientX: number, clientY: number): [number, number] | null {
    this.alive();
    return this.viewCtl.clientToData(clientX, clientY, this.canvas.getBoundingClientRect());
  }

  // ---- drawing --------------------------------------------------------------------------------------------------
  resize(): void {
    this.alive();
    this.host.resize();
  }

  private invalidate(): void {
    this.raw = null;
    this.host.requestFrame();
  }

  /** What the density of the next frame is evaluated on. */
  private frame(): DensityFrame {
    const dpr = this.host.dpr;
    const o = this.options;
    return {
      view: this.viewCtl.rect,
      widthPx: Math.max(1, Math.round(this.host.cssWidth * dpr)),
      heightPx: Math.max(1, Math.round(this.host.cssHeight * dpr)),
      yDown: this.space.yDown,
      pixelRatio: dpr,
      kernel: o.kernel ?? 'gaussian',
      aggregation: o.aggregation ?? 'sum',
      bandwidth: this.resolved.bandwidth,
      radiusPixels: this.resolved.bandwidth ? undefined : o.radiusPixels,
      method: o.method ?? 'auto',
    };
  }

  private sizeCanvas(f: DensityFrame): void {
    if (this.canvas.width !== f.widthPx) this.canvas.width = f.widthPx;
    if (this.canvas.height !== f.heightPx) this.canvas.height = f.heightPx;
  }

  render(): void {
    this.alive();
    if (this.contextLost) return;
    this.host.cancelFrame();
    const t0 = now();
    this.host.measure();
    // A container without a size shows nothing until it gets one; the size watcher redraws.
    if (!this.host.sized) return;
    const f = this.frame();
    this.sizeCanvas(f);
    const layout = this.layer.splat(f, this.resolved.packed.origin);
    this.sprites = { sizePx: layout.spritePx, tilesX: layout.tilesX, tilesY: layout.tilesY };
    this.aggregation = { method: layout.method, points: layout.points, nodes: layout.nodes };
    this.raw = null;
    const t1 = now();
    this.scale = this.resolveColors(f);
    const t2 = now();
    const scale = this.scale;
    const lut = () => {
      this.lut ??= createLutTexture(this.ctx.regl);
      if (this.lutKey !== scale.lut) {
        this.lut.set(scale.lut);
        this.lutKey = scale.lut;
      }
      return this.lut;
    };
    const image = (fill: (out: Uint8ClampedArray) => void, width: number, height: number): boolean => this.image.show(fill, width, height);
    const onGl = this.layer.colorize({ lut, colormap: this.scale.lut, lutSize: this.scale.lut.n, vmin: this.scale.vmin, vmax: this.scale.vmax, opacity: this.options.opacity ?? 1, mean: f.aggregation === 'mean', autoLimits: this.limitsOnGpu, image });
    if (onGl) this.image.hide();
    this.phases = { ...layout.timings, limits: t2 - t1, color: now() - t2 };
    this.placeBackground();
    this.lastFrameMs = now() - t0;
    this.frames++;
    this.events.emit('render', { durationMs: this.lastFrameMs });
  }

  /** The colour scale: heatmap's resolveScale over the visible pixels' values. Limits left to the data come from
   *  where the density is: the JS loops' output (CPU), or, for 'sum' with neither limit given, a reduction on the GPU
   *  that the colour pass reads (nothing read back; getScale() reads its one texel). Otherwise (robust, center, one
   *  limit given, 'mean' on the GPU) the density is read back. */
  private resolveColors(f: DensityFrame): ColorScale {
    const o = this.scaleOptions();
    this.limitsOnGpu = false;
    if (o.vmin !== undefined && o.vmax !== undefined) return resolveScale({ min: o.vmin, max: o.vmax, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN }, o);
    const robust = o.robust === true;
    const mean = f.aggregation === 'mean';
    const cpu = robust ? null : this.layer.cpuLimits(mean);
    if (cpu) return this.scaleFrom(cpu[0], cpu[1], f);
    if (!robust && !mean && o.vmin === undefined && o.vmax === undefined && o.center === undefined) {
      this.layer.reduceLimits();
      this.limitsOnGpu = true;
      // The LUT does not depend on the limits here (no center); vmin / vmax are filled in by getScale().
      return { ...resolveScale({ min: 0, max: 1, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN }, o), vmin: Number.NaN, vmax: Number.NaN };
    }
    const grid = this.readDensity().data;
    const limits = dataLimits(grid, undefined, robust);
    return this.scaleFrom(limits.min, limits.max, f, limits);
  }

  /** resolveScale with densitymap's rule for vmin: 0 for 'sum' unless robust or the data go below 0. */
  private scaleFrom(min: number, max: number, f: DensityFrame, limits?: DataLimits): ColorScale {
    const o = this.scaleOptions();
    const l = limits ?? { min, max, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN };
    const vmin = o.vmin ?? (f.aggregation === 'sum' && o.robust !== true && !(l.min < 0) ? 0 : undefined);
    return resolveScale(l, { ...o, vmin });
  }

  private rawGrid(): Float32Array {
    if (!this.raw) {
      if (this.host.framePending) this.render();
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
    if (this.raw || this.host.framePending) {
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
    const { width, height } = this.canvas;
    // Same task as the draw: the drawing buffer is intact without preserveDrawingBuffer.
    if (this.image.shown) return this.image.read();
    return { width, height, data: readDrawingBuffer(this.ctx.regl, width, height) };
  }

  getScale(): ColorScale {
    this.alive();
    if (this.limitsOnGpu && Number.isNaN(this.scale.vmax)) {
      const [min, max] = this.layer.readLimits();
      this.scale = this.scaleFrom(min, max, this.frame());
    }
    return this.scale;
  }

  stats(): DensitymapStats {
    this.alive();
    const r = this.resolved;
    return {
      renderer: this.ctx.renderer,
      points: r.packed.count,
      skipped: r.packed.skipped,
      bandwidth: r.bandwidth ? [r.bandwidth[0], r.bandwidth[1]] : null,
      radiusPixels: r.bandwidth ? null : (this.options.radiusPixels ?? null),
      extent: [...r.extent] as [number, number, number, number],
      gpuBytes: this.layer.gpuBytes() + this.scale.lut.n * 4,
      lastUploadMs: this.lastUploadMs,
      lastFrameMs: this.lastFrameMs,
      uploads: this.uploads,
      frames: this.frames,
      sprites: { ...this.sprites },
      aggregation: { ...this.aggregation },
      phases: { ...this.phases },
    };
  }

  on<K extends keyof DensitymapEvents>(name: K, callback: (payload: DensitymapEvents[K]) => void): () => void {
    this.alive();
    return this.events.on(name, callback);
  }

  destroy(): void {
    this.host.destroy(() => {
      this.stopContextWatch();
      this.input?.destroy();
      this.layer.destroy();
      this.lut?.destroy();
      this.ctx.destroy();
      trackDedicated(-1);
      this.events.clear();
    });
  }
}

/**
 * Draws the kernel density of `points` in `container` on the GPU (see src/core/density.ts for the exact definition).
 * A second densitymap() on the same container replaces the first, which is destroyed.
 * Throws a {@link HeatglError} naming the problem for bad points or options, or when WebGL lacks an extension.
 */
export function densitymap<T = unknown>(container: HTMLElement, points: DensityPoints<T>, options: DensitymapOptions<T> = {}): DensityMap {
  return new DensityMapImpl(container, points as DensityPoints<unknown>, options as DensitymapOptions<unknown>);
}


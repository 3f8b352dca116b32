// heatmap(el, source) for a streamed store (wiring): the host (src/host) and the view controller (src/view) as for
// every entry point; the engine (src/stream/engine.ts) decides the tiles, the tile layer (src/gl/tile-layer.ts) draws
// them with the heatmap shader, the figure overlay (src/figure.ts) draws ticks, colour bar and annotations as for an
// in-memory heatmap, with tick labels from the store's coordinates (stream-labels.ts); pointer, keyboard and tooltip
// are the in-memory heatmap's (src/host/pointer.ts), and so is export (src/host/export.ts). Plain cells only (row 0
// at the top), nearest sampling.
import { parseColor } from '../core/colors';
import { Emitter } from '../core/emitter';
import { cellSpace, type ViewRect } from '../core/camera';
import { describe, fail, HeatglError } from '../core/errors';
import { shaderParams } from '../core/norms';
import { type ColorScale, type DataLimits, dataLimits, resolveScale } from '../core/scale';
import { pngBlob } from '../export/compose';
import { checkFigureOptions, type DrawnText, type FigureOptions, FigureOverlay, type FrameData } from '../figure';
import { createContext, type GlContext, readDrawingBuffer } from '../gl/context';
import { createLutTexture, type LutTexture } from '../gl/lut-texture';
import { createTileLayer, type TileLayer } from '../gl/tile-layer';
import { checkOptions, figureOptions, type HeatmapOptions } from '../heatmap-options';
import { cellClientRect } from '../host/cells';
import { type ExportFrame, exportFigure, exportTiled, type PixelRect, tileView } from '../host/export';
import { Host } from '../host/host';
import { HeatmapPointer } from '../host/pointer';
import type { FigureLayout } from '../overlay/layout';
import { premultipliedColors } from '../render/gl-renderer';
import type { ClientRect, ExportOptions, HoverInfo } from '../types';
import { ViewController } from '../view/controller';
import { ariaSummary } from '../view/keyboard';
import { type EngineOptions, StreamEngine } from './engine';
import type { StreamError } from './errors';
import type { StreamSource } from './open-zarr';
import { StreamLabels } from './stream-labels';

export interface StreamOptions extends EngineOptions {
  /** Tile textures kept on the GPU, in bytes. @default 256 MiB */
  gpuCacheBytes?: number;
  /**
   * Automatic colour limits: 'coarsest' (default) from every cell of the coarsest level, i.e. the min / max (or with
   * `robust` the 2nd / 98th percentiles) of the store's most reduced level, fixed while browsing; 'visible' from the
   * tiles drawn at the current level, recomputed as the view moves.
   */
  limits?: 'coarsest' | 'visible';
}

export type StreamHeatmapOptions = Omit<HeatmapOptions, 'mask' | 'annot' | 'xEdges' | 'yEdges' | 'x' | 'y' | 'extent' | 'origin' | 'interpolation' | 'shading' | 'storage' | 'reduce' | 'progressive'> & {
  /** true: write each cell's stored value once cells are big enough for the text; cells whose full-resolution tile
   * has not arrived yet (drawn from a coarser level meanwhile) get no text until it does. */
  annot?: boolean;
  stream?: StreamOptions;
};

export interface StreamCellInfo {
  row: number;
  col: number;
  value: number;
  masked: false;
  /** The level the value comes from: 0 is the stored cell; above 0 its tile is not loaded yet and the value is the
   * coarser level's (a mean over the cells it covers). */
  level: number;
  exact: boolean;
}

export interface StreamProgress {
  /** Visible tiles of the current level loaded, of `total`. */
  loaded: number;
  total: number;
  fraction: number;
  level: number;
  /** Visible tiles not loaded because the view needs more than `stream.maxViewTiles` (a zoomed-out view of a large
   * store without a pyramid): that part of the view stays empty until you zoom in. */
  skipped: number;
}

/** A cell under the pointer (or focused with the keyboard), with its row and column labels: the store's coordinates
 * when it has them (the index while a coordinate chunk loads), else the indices. */
export type StreamHoverInfo = StreamCellInfo & { rowLabel: string; colLabel: string; clientX: number; clientY: number };

export interface StreamHeatmapEvents {
  view: { x: [number, number]; y: [number, number] };
  render: { durationMs: number };
  progress: StreamProgress;
  hover: StreamHoverInfo | null;
  /** A click, or Enter / Space on the keyboard-focused cell. */
  click: StreamHoverInfo;
  error: StreamError;
}

export interface StreamHeatmapStats extends ReturnType<StreamEngine['stats']> {
  gpuCacheBytes: number;
  gpuCacheTiles: number;
  gpuCacheLimit: number;
  uploads: number;
  /** Tiles reduced on the GPU (synthetic levels of a store without a pyramid). */
  reductions: number;
  frames: number;
  lastFrameMs: number;
  renderer: string;
  /** First picture (coarsest level drawn) and full view (no tile missing), ms since creation; NaN until then. */
  firstPictureMs: number;
  completeMs: number;
}

export function isStreamSource(x: unknown): x is StreamSource {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'zarr' && typeof (x as StreamSource).readTile === 'function';
}

const now = Host.now;
const NO_LIMITS: DataLimits = { min: Number.NaN, max: Number.NaN, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN };

export class StreamHeatmap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly overlay: HTMLCanvasElement;
  private readonly overlayCtx: CanvasRenderingContext2D;
  private readonly figure: FigureOverlay;
  private readonly ctx: GlContext;
  private readonly layer: TileLayer;
  private readonly lut: LutTexture;
  private readonly engine: StreamEngine;
  private readonly events = new Emitter<StreamHeatmapEvents>();
  private readonly pointer: HeatmapPointer;
  private readonly labels: StreamLabels;
  private readonly host: Host;
  private readonly viewCtl: ViewController;
  private options: StreamHeatmapOptions;
  private limits: DataLimits = NO_LIMITS;
  private scale: ColorScale;
  private layoutNow: FigureLayout | undefined;
  private frames = 0;
  private lastFrameMs = 0;
  private readonly t0 = now();
  private firstPictureMs = Number.NaN;
  private completeMs = Number.NaN;
  private waiters: (() => void)[] = [];
  /** Stored values of the visible cells whose full-resolution tile is loaded, NaN for the others (annotations). */
  private readonly exactValues: ArrayLike<number>;

  constructor(
    container: HTMLElement,
    readonly source: StreamSource,
    options: StreamHeatmapOptions,
  ) {
    this.host = new Host(container, {
      className: 'heatgl',
      pixelRatio: () => this.options.pixelRatio ?? undefined,
      draw: () => this.render(),
      resized: () => {
        this.figure.invalidate();
        this.host.requestFrame();
      },
    });
    this.options = this.check(options);
    this.scale = resolveScale(this.limitsOrRange(), this.options);
    this.viewCtl = new ViewController(cellSpace(source.rows, source.cols), {
      units: 'cell coordinates',
      changed: () => {
        this.events.emit('view', this.viewCtl.get());
        this.pointer?.refresh();
        this.host.requestFrame();
      },
    });
    this.labels = new StreamLabels(source, {
      changed: () => {
        this.figure.setOptions(this.figureOptions(this.options));
        this.host.requestFrame();
      },
      error: (e) => this.events.emit('error', e),
    });
    this.figure = new FigureOverlay(this.figureOptions(this.options));
    this.element = this.host.element;
    this.canvas = this.host.canvas;
    this.overlay = document.createElement('canvas');
    this.overlay.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;';
    this.element.append(this.canvas, this.overlay);
    this.host.attach(() => this.destroy());
    try {
      const o2 = this.overlay.getContext('2d');
      if (!o2) throw new HeatglError('Canvas2D is not available for the figure overlay');
      this.overlayCtx = o2;
      this.ctx = createContext(this.canvas, { preserveDrawingBuffer: options.preserveDrawingBuffer === true });
      const s = this.options.stream ?? {};
      this.layer = createTileLayer(this.ctx.regl, s.gpuCacheBytes ?? 256 * 2 ** 20);
      this.lut = createLutTexture(this.ctx.regl);
      this.lut.set(this.scale.lut);
    } catch (e) {
      this.labels.destroy();
      this.host.detach();
      throw e;
    }
    const so = this.options.stream ?? {};
    this.engine = new StreamEngine(source, { ...so, gpuReduce: so.gpuReduce !== false && this.layer.canReduce }, {
      arrived: () => this.host.requestFrame(),
      error: (e) => this.events.emit('error', e),
      resident: (key) => this.layer.has(key),
    });
    // Annotations read the stored values through this view of the matrix (only visible cells are asked for).
    const cols = source.cols;
    this.exactValues = new Proxy({ length: source.rows * source.cols } as ArrayLike<number>, {
      get: (target, key) => {
        if (typeof key !== 'string' || key === 'length') return Reflect.get(target, key);
        const i = Number(key);
        const v = this.engine.valueAt(Math.floor(i / cols), i % cols);
        return v?.exact ? v.value : Number.NaN;
      },
    });
    this.pointer = new HeatmapPointer(this.canvas, this.element, {
      view: this.viewCtl,
      // The pointer's cells come from cellAt below: stream cells (level, exact) with labels.
      events: { emit: (name: 'hover' | 'click', info: HoverInfo | null) => this.events.emit(name, info as StreamHoverInfo) },
      axesSize: () => ({ width: this.layoutNow?.axes.width ?? 0, height: this.layoutNow?.axes.height ?? 0 }),
      cellAt: (x, y) => this.cellAt(x, y),
      cellToClient: (r, c) => this.cellToClient(r, c),
      matrix: () => ({ rows: source.rows, cols: source.cols, rowLabels: this.labels.hover(0), colLabels: this.labels.hover(1) }),
      options: () => ({ interactive: this.options.interactive !== false, tooltip: this.options.tooltip ?? true, fmt: this.options.fmt ?? '.2g' }),
      valueNote: (info) => {
        const c = info as StreamHoverInfo;
        return c.exact ? '' : ` (level ${c.level} mean, loading)`;
      },
    });
    this.host.start();
  }

  private check(o: StreamHeatmapOptions): StreamHeatmapOptions {
    checkOptions(o as HeatmapOptions);
    for (const k of ['mask', 'xEdges', 'yEdges', 'x', 'y', 'extent', 'origin', 'interpolation', 'shading', 'storage', 'reduce', 'progressive'] as const) {
      if ((o as Record<string, unknown>)[k] !== undefined) fail(`option ${k} is not available for a streamed store (plain cells, nearest sampling, the store's own levels)`);
    }
    if (o.annot !== undefined && typeof o.annot !== 'boolean') fail('annot must be true or false for a streamed store');
    const s = o.stream ?? {};
    for (const k of ['cpuCacheBytes', 'gpuCacheBytes', 'maxInFlight', 'maxViewTiles'] as const) {
      if (s[k] !== undefined && !(typeof s[k] === 'number' && (s[k] as number) > 0)) fail(`stream.${k} must be a positive number, got ${describe(s[k])}`);
    }
    if (s.limits !== undefined && s.limits !== 'coarsest' && s.limits !== 'visible') fail(`stream.limits must be 'coarsest' or 'visible', got ${describe(s.limits)}`);
    checkFigureOptions(figureOptions(o as HeatmapOptions), this.source.rows, this.source.cols);
    return { ...o };
  }

  /** The figure's options: axis labels default to the coordinates' names once they are known. */
  private figureOptions(o: StreamHeatmapOptions): FigureOptions {
    const f = figureOptions(o as HeatmapOptions);
    return { ...f, xlabel: o.xlabel ?? this.labels.axisLabel(1) ?? f.xlabel, ylabel: o.ylabel ?? this.labels.axisLabel(0) ?? f.ylabel };
  }

  /** Limits known so far; with explicit vmin and vmax nothing needs to load first. */
  private limitsOrRange(): DataLimits {
    if (!Number.isNaN(this.limits.min)) return this.limits;
    const { vmin, vmax } = this.options;
    if (typeof vmin === 'number' && typeof vmax === 'number') return { min: vmin, max: vmax, minPositive: vmin > 0 ? vmin : Number.NaN, p2: vmin, p98: vmax };
    return { min: 0, max: 1, minPositive: 1, p2: 0, p98: 1 };
  }

  private limitsReady(): boolean {
    return !Number.isNaN(this.limits.min) || (typeof this.options.vmin === 'number' && typeof this.options.vmax === 'number');
  }

  /** Recomputes automatic limits from the coarsest level (once) or the visible tiles ('visible'). */
  private refreshLimits(): void {
    const mode = this.options.stream?.limits ?? 'coarsest';
    let parts: Float32Array[] | undefined;
    if (mode === 'visible' && this.engine.plan.draw.length > 0) parts = this.engine.visibleValues();
    else if (Number.isNaN(this.limits.min)) parts = this.engine.coarsestValues();
    if (!parts || parts.length === 0) return;
    const n = parts.reduce((a, p) => a + p.length, 0);
    const all = new Float32Array(n);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    const l = dataLimits(all, undefined, this.options.robust === true);
    if (Number.isNaN(l.min) && mode !== 'visible') return;
    if (l.min === this.limits.min && l.max === this.limits.max && l.p2 === this.limits.p2) return;
    this.limits = l;
    this.scale = resolveScale(this.limitsOrRange(), this.options);
    this.lut.set(this.scale.lut);
    this.figure.invalidate();
  }

  on<K extends keyof StreamHeatmapEvents>(name: K, cb: (p: StreamHeatmapEvents[K]) => void): () => void {
    return this.events.on(name, cb);
  }

  update(options: StreamHeatmapOptions): void {
    this.alive();
    const o = this.check({ ...this.options, ...options });
    if (options.stream !== undefined) fail('stream options are fixed at creation');
    const scale = resolveScale(this.limitsOrRange(), o);
    this.options = o;
    this.scale = scale;
    this.lut.set(scale.lut);
    this.figure.setOptions(this.figureOptions(o));
    this.host.requestFrame();
  }

  getScale(): ColorScale {
    return this.scale;
  }

  private alive(): void {
    this.host.alive('heatmap');
  }

  // ---- view -----------------------------------------------------------------------------------------------------
  setView(v: { x?: [number, number]; y?: [number, number] }): void {
    this.alive();
    this.viewCtl.set(v);
  }

  getView(): { x: [number, number]; y: [number, number] } {
    return this.viewCtl.get();
  }

  resetView(): void {
    this.alive();
    this.viewCtl.reset();
  }

  // ---- values -----------------------------------------------------------------------------------------------------
  cellAt(clientX: number, clientY: number): StreamCellInfo | null {
    this.alive();
    const p = this.viewCtl.clientToData(clientX, clientY, this.canvas.getBoundingClientRect());
    return p ? this.cell(Math.floor(p[1]), Math.floor(p[0])) : null;
  }

  /** Where cell (row, col) shows, in client CSS pixels. */
  cellToClient(row: number, col: number): ClientRect {
    this.alive();
    return cellClientRect(this.viewCtl, undefined, this.canvas.getBoundingClientRect(), row, col);
  }

  /** The value of a cell by index: the stored value when its tile is loaded, else the finest loaded level's. */
  cell(row: number, col: number): StreamCellInfo | null {
    if (!(row >= 0 && row < this.source.rows && col >= 0 && col < this.source.cols)) return null;
    const v = this.engine.valueAt(row, col);
    return { row, col, value: v?.value ?? Number.NaN, masked: false, level: v?.level ?? -1, exact: v?.exact ?? false };
  }

  /** Resolves when the current view is drawn at its level (full resolution when zoomed to cells) with no tile missing,
   * and its tick labels' coordinates have loaded. */
  loaded(): Promise<void> {
    if (this.host.destroyed || this.isComplete()) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  private isComplete(): boolean {
    // A pending frame means the view (or the data) changed since the last plan: not complete until it is drawn.
    return this.frames > 0 && !this.host.framePending && this.engine.plan.missing.length === 0 && this.engine.plan.visible.length > 0 && this.limitsReady() && !this.labels.pending;
  }

  // ---- drawing ----------------------------------------------------------------------------------------------------
  resize(): void {
    this.host.resize();
  }

  private frameData(): FrameData {
    const s = this.source;
    const annot = this.options.annot === true ? this.exactValues : undefined;
    const [rowLabels, colLabels] = [this.labels.ticks(0), this.labels.ticks(1)];
    return { rows: s.rows, cols: s.cols, view: this.viewCtl.rect, scale: this.scale, values: this.exactValues, mask: undefined, annot, rowLabels, colLabels, space: this.viewCtl.space, grid: undefined };
  }

  render(): void {
    this.alive();
    this.host.cancelFrame();
    const t0 = now();
    if (this.host.dpr !== this.host.pixelRatio()) this.host.measure();
    if (!this.host.sized) return;
    const figW = this.host.cssWidth;
    const figH = this.host.cssHeight;
    const dpr = this.host.dpr;
    const layout = this.figure.layout(figW, figH, this.frameData());
    this.layoutNow = layout;
    const a = layout.axes;
    this.host.placeCanvas(a);
    this.host.sizeCanvas(this.overlay, figW, figH);
    // A tiled export (a picture over the drawing buffer's size) draws the cells tile by tile (exportTile), at the level
    // chosen for the whole picture.
    const tiled = exportTiled(this.host, a.width, a.height);
    const wPx = tiled ? this.host.devicePx(a.width) : this.canvas.width;
    const hPx = tiled ? this.host.devicePx(a.height) : this.canvas.height;
    const v = this.viewCtl.rect;
    const plan = this.engine.setView({ x0: v.x0, x1: v.x1, y0: v.y0, y1: v.y1 }, (v.x1 - v.x0) / wPx, (v.y1 - v.y0) / hPx);
    this.refreshLimits();
    // The value range is the coarsest level's (or the visible tiles' with limits 'visible'): all that is known of the data.
    const label = ariaSummary(this.source.rows, this.source.cols, this.limits.min, this.limits.max, this.options.title);
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
    if (!tiled) this.drawCells(wPx, hPx, v);
    this.figure.draw(this.overlayCtx, layout, this.frameData(), dpr);
    this.frames++;
    this.lastFrameMs = now() - t0;
    if (Number.isNaN(this.firstPictureMs) && plan.draw.length > 0 && this.limitsReady()) this.firstPictureMs = now() - this.t0;
    const visible = plan.visible.length + plan.skipped;
    const done = plan.visible.length - plan.missing.length;
    this.events.emit('progress', { loaded: done, total: visible, fraction: visible ? done / visible : 0, level: this.engine.target, skipped: plan.skipped });
    this.events.emit('render', { durationMs: this.lastFrameMs });
    if (this.isComplete()) {
      if (Number.isNaN(this.completeMs)) this.completeMs = now() - this.t0;
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
    }
  }

  /** Draws the planned tiles of `view` into the canvas, sized widthPx × heightPx. */
  private drawCells(widthPx: number, heightPx: number, view: ViewRect): void {
    this.ctx.regl.poll();
    this.layer.draw({
      levels: this.engine.levels,
      tiles: this.limitsReady() ? this.engine.plan.draw : [],
      data: (t) => this.engine.tile(t),
      derive: (t) => this.engine.derive(t),
      view,
      lut: this.lut,
      lutSize: this.scale.lut.n,
      norm: shaderParams(this.scale.norm),
      ...premultipliedColors(this.scale),
      lineWidthPx: (this.options.linewidths ?? 0) * this.host.dpr,
      lineColor: parseColor(this.options.linecolor ?? 'white', 'linecolor'),
      widthPx,
      heightPx,
    });
  }

  readPixels(): { width: number; height: number; data: Uint8Array } {
    this.alive();
    this.render();
    const w = this.canvas.width;
    const h = this.canvas.height;
    const out = readDrawingBuffer(this.ctx.regl, w, h);
    return { width: w, height: h, data: out };
  }

  // ---- export ---------------------------------------------------------------------------------------------------
  /**
   * The figure as a canvas at `options.scale` (default: the screen's pixel ratio), drawn now from the tiles at hand:
   * await `loaded()` first for the full-resolution picture of the current view. A scale above the screen's may
   * want a finer level than is loaded; its tiles are then drawn from the coarser ones (and start loading).
   */
  toCanvas(options: ExportOptions = {}): HTMLCanvasElement {
    this.alive();
    return exportFigure(this.host, options, () => this.exportFrame());
  }

  toDataURL(options: ExportOptions = {}): string {
    return this.toCanvas(options).toDataURL('image/png');
  }

  toBlob(options: ExportOptions = {}): Promise<Blob> {
    return pngBlob(this.toCanvas(options));
  }

  private exportFrame(): ExportFrame {
    if (this.host.measure()) this.figure.invalidate();
    this.render();
    const tile = (t: PixelRect, full: { width: number; height: number }) => {
      [this.canvas.width, this.canvas.height] = [t.width, t.height];
      this.drawCells(t.width, t.height, tileView(this.viewCtl.rect, this.viewCtl.space, t, full));
      return this.canvas;
    };
    return { axes: this.layoutNow?.axes ?? { x: 0, y: 0, width: 0, height: 0 }, canvas: this.canvas, overlay: this.overlay, tile };
  }

  drawnText(): DrawnText {
    return this.figure.drawnText();
  }

  stats(): StreamHeatmapStats {
    return {
      ...this.engine.stats(),
      gpuCacheBytes: this.layer.gpuBytes,
      gpuCacheTiles: this.layer.gpuTiles,
      gpuCacheLimit: this.layer.gpuLimit,
      uploads: this.layer.uploads,
      reductions: this.layer.reductions,
      frames: this.frames,
      lastFrameMs: this.lastFrameMs,
      renderer: this.ctx.renderer,
      firstPictureMs: this.firstPictureMs,
      completeMs: this.completeMs,
    };
  }

  destroy(): void {
    this.host.destroy(() => {
      this.engine.destroy();
      this.labels.destroy();
      this.pointer.destroy();
      this.layer.destroy();
      this.lut.destroy();
      this.ctx.destroy();
    });
    for (const w of this.waiters) w();
    this.waiters = [];
    this.events.clear();
  }
}


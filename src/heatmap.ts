// heatmap(): wiring only. Validates input with src/core, keeps the state, uploads through src/gl, turns gestures from
// src/view into view rectangles, and coalesces every change into at most one draw per animation frame.
import { mat4 } from 'gl-matrix';
import { parseColor } from './core/colors';
import { Emitter } from './core/emitter';
import { HeatglError, describe, fail } from './core/errors';
import { formatNumber } from './core/format';
import { type Grid, cellAtData } from './core/grid';
import { type Matrix, type MatrixInput, toMask, toMatrix } from './core/matrix';
import { type NormShaderParams, shaderParams } from './core/norms';
import { type ColorScale, type DataLimits, dataLimits, resolveScale } from './core/scale';
import { FiniteStatsAccumulator } from './core/stats';
import { estimateGpuBytes, finiteMaxAbs, HALF_MAX, type Quantizer, quantizer, type Reduce, type Storage } from './core/storage';
import { type DrawnText, FIGURE_DEFAULTS, FigureOverlay, type FrameData } from './figure';
import { acquireSharedContext, createContext, DEDICATED_LIMIT, dedicatedContexts, type GlContext, sharedCanvas, trackDedicated, watchContextLoss } from './gl/context';
import { createHeatmapLayer, type HeatmapLayer } from './gl/heatmap-layer';
import { createReducer, type Reducer } from './gl/lod';
import { createLutTexture, type LutTexture } from './gl/lut-texture';
import { createValueTextures, type ValueTextures } from './gl/value-textures';
import { checkAll, checkOptions, DEFAULT_MAX_GPU_BYTES, gridOf, type HeatmapOptions, interpolationOf, PROGRESSIVE_CELLS, spaceOf } from './heatmap-options';
import { drawCpuHeatmap } from './overlay/cpu-heatmap';
import type { FigureLayout } from './overlay/layout';
import { createTooltip, type Tooltip } from './overlay/tooltip';
import { type Space, type ViewRect, clampView, dataToFraction, fractionToData, fullView, panBy, sameView, screenSigns, viewMatrix, zoomAbout } from './view/camera';
import { attachInput, type Input, watchSize } from './view/input';
import { ariaSummary, attachKeyboard, dragIntoView, neighbourOnScreen } from './view/keyboard';
import type { StreamSource } from './stream/open-zarr';
import { isStreamSource, StreamHeatmap, type StreamHeatmapOptions } from './stream/stream-heatmap';

export type { HeatmapOptions } from './heatmap-options';

/** A view in cell coordinates: columns [x0, x1) and rows [y0, y1), row 0 at the top. */
export interface CellView {
  x: [number, number];
  y: [number, number];
}

export interface CellInfo {
  row: number;
  col: number;
  /** The data value (NaN for missing cells). */
  value: number;
  /** True when the cell is hidden by `mask`. */
  masked: boolean;
}

/** A cell under the pointer, with its labels. */
export interface HoverInfo extends CellInfo {
  rowLabel: string;
  colLabel: string;
  clientX: number;
  clientY: number;
}

export interface ExportOptions {
  /** Output pixels per CSS pixel. @default the on-screen pixel ratio */
  scale?: number | undefined;
  /** Figure background. @default 'white' (as matplotlib's savefig) */
  background?: string | undefined;
}

export interface ClientRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PixelData {
  width: number;
  height: number;
  /** RGBA bytes, top row first, premultiplied alpha as in the drawing buffer. */
  data: Uint8Array;
}

export interface HeatmapStats {
  renderer: string;
  maxTextureSize: number;
  /** Largest tile side allowed: `tileSize` option or MAX_TEXTURE_SIZE. */
  tileSize: number;
  /** Value textures (tiles) holding the matrix. */
  valueTextures: number;
  /** All textures: value tiles, their pyramid levels and the colormap LUT. */
  textures: number;
  /** Bytes of GPU memory held by value textures, pyramid levels and the LUT. */
  gpuBytes: number;
  /** How cells are stored (option `storage`). */
  storage: Storage;
  /** The reduction the pyramid applies ('nearest' when there is no pyramid). */
  reduce: Reduce;
  /** Pyramid levels above the base (the most of any tile); 0 without a pyramid. */
  levels: number;
  /** Bytes of the pyramid levels (included in gpuBytes). */
  levelBytes: number;
  /** Level the last frame sampled: 0 the base, k the level of 4^k × 4^k cells a texel. */
  drawnLevel: number;
  /** Why the pyramid is off although `reduce` asked for one (missing WebGL extension), else null. */
  lodUnavailable: string | null;
  /** Largest error of quantised storage in value units (0 for 'float32'; float16: relative 2^-11). */
  quantizationError: number;
  /** Fraction of the values on the GPU (below 1 while a progressive upload runs). */
  loaded: number;
  /** Main-thread time of each slice of the last progressive upload (colour limits, then row bands), in ms. */
  uploadSlicesMs: number[];
  /** Time to upload the values (CPU side of texImage calls; the GPU may still be copying). */
  lastUploadMs: number;
  /** CPU time to issue the last frame's draw calls; the GPU finishes later (readPixels waits for it). */
  lastFrameMs: number;
  /** Value uploads so far (data or mask changes); colour options never add one. */
  uploads: number;
  /** Frames drawn so far. */
  frames: number;
}

/** Event names and payloads: `hm.on(name, cb)` returns an unsubscribe function. */
export interface HeatmapEvents {
  view: CellView;
  render: { durationMs: number };
  /** The cell under the pointer changed (null: the pointer left the cells). */
  hover: HoverInfo | null;
  click: HoverInfo;
  /** The WebGL context was lost; drawing stops until it is restored. */
  contextlost: undefined;
  /** The context is back and the picture redrawn from the kept data, options and view. */
  contextrestored: undefined;
  /** Progressive upload: cells on the GPU so far out of all; fires after every slice and once at the end. */
  progress: { loaded: number; total: number; fraction: number };
}

export interface Heatmap {
  /** The WebGL canvas (the axes area). */
  readonly canvas: HTMLCanvasElement;
  /** The figure element: canvas, overlay and tooltip, filling the container. */
  readonly element: HTMLElement;
  /** The whole figure (heatmap, axes, labels, colourbar, annotations) as a canvas. */
  toCanvas(options?: ExportOptions): HTMLCanvasElement;
  toBlob(options?: ExportOptions): Promise<Blob>;
  toDataURL(options?: ExportOptions): string;
  /** Texts the last frame drew, with their boxes in client CSS pixels. */
  drawnText(): DrawnText;
  /** Where the heatmap axes and the colour bar are, in client CSS pixels. */
  figureLayout(): { axes: ClientRect; colorbar: ClientRect | null };
  setData(data: MatrixInput, options?: HeatmapOptions): void;
  update(options: HeatmapOptions): void;
  setView(view: Partial<CellView>): void;
  getView(): CellView;
  resetView(): void;
  cellAt(clientX: number, clientY: number): CellInfo | null;
  cellToClient(row: number, col: number): ClientRect;
  readPixels(): PixelData;
  render(): void;
  resize(): void;
  destroy(): void;
  /** The resolved colour scale (vmin, vmax, center and the LUT actually used). */
  getScale(): ColorScale;
  stats(): HeatmapStats;
  /** Resolves once every value is on the GPU (at once unless a progressive upload is running). */
  loaded(): Promise<void>;
  /** Replaces the cells of a rectangle in place: a GPU sub-upload of those cells and of the pyramid above them only.
   * heatgl takes its own copy of the values at the first in-place change (the caller's array is never written). */
  updateRegion(row0: number, col0: number, block: MatrixInput): void;
  /** Scrolls like a waterfall: drops the oldest (top) rows and appends `block`'s rows at the bottom. The GPU keeps
   * the rows in a ring buffer, so only the new rows are uploaded. */
  appendRows(block: MatrixInput): void;
  on<K extends keyof HeatmapEvents>(name: K, callback: (payload: HeatmapEvents[K]) => void): () => void;
}

/** The colours the shader takes: premultiplied RGBA in 0..1 (the grid line colour straight, faded by the layer). */
interface GlColors {
  badColor: [number, number, number, number];
  underColor: [number, number, number, number];
  overColor: [number, number, number, number];
  lineColor: [number, number, number, number];
}

/** Whether a matrix is uploaded in bands over several tasks (option `progressive`). */
function progressiveFor(o: HeatmapOptions, m: Matrix): boolean {
  return o.progressive === true || ((o.progressive ?? 'auto') === 'auto' && m.rows * m.cols > PROGRESSIVE_CELLS);
}

/** A stored value as a number (null in a plain array is a missing cell). */
const toNumber = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : +v);

/** The value store of Canvas2D fallback mode: nothing on a GPU. */
function cpuValues(): ValueTextures {
  return {
    tiles: [],
    tileSize: 0,
    halo: 0,
    storage: 'float32',
    reduce: 'nearest',
    quant: undefined,
    baseBytes: 0,
    levelBytes: 0,
    levelCount: 0,
    lodError: null,
    ensureLevels: () => false,
    loadedRows: 0,
    totalRows: 0,
    done: true,
    uploadSome: () => true,
    writeRegion: () => undefined,
    destroy: () => undefined,
  };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

class HeatmapImpl implements Heatmap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly overlayCanvas: HTMLCanvasElement;
  private readonly overlayCtx: CanvasRenderingContext2D;
  private readonly figure: FigureOverlay;
  private readonly tooltip: Tooltip;
  private ctx: GlContext;
  private layer: HeatmapLayer;
  private lut: LutTexture;
  private contextLost = false;
  /** Shared-context mode: the 2D context of this heatmap's canvas that each frame is copied into. */
  private copyCtx: CanvasRenderingContext2D | null = null;
  /** Canvas2D fallback mode (no WebGL): the heatmap canvas's 2D context, drawn on the CPU. */
  private cpuCtx: CanvasRenderingContext2D | null = null;
  private readonly events = new Emitter<HeatmapEvents>();
  private readonly input: Input | undefined;
  private readonly keyboard: Input | undefined;
  private readonly sizeWatch: Input;
  private readonly stopContextWatch: () => void;
  private readonly matrixMat = mat4.create();
  private matrix: Matrix;
  private mask: Uint8Array | undefined;
  private annot: ArrayLike<number> | undefined;
  private options: HeatmapOptions;
  private limits: DataLimits;
  private scale: ColorScale;
  private values: ValueTextures;
  private view: ViewRect;
  /** pcolormesh / imshow geometry, or undefined for plain cells. */
  private grid: Grid | undefined;
  private space: Space;
  private layoutNow: FigureLayout | undefined;
  private hovered: HoverInfo | null = null;
  /** Last pointer position over the canvas (CSS px), to refresh the hover when the view moves under it. */
  private pointer: { x: number; y: number } | null = null;
  private pendingFrame = 0;
  private destroyed = false;
  private lastUploadMs = 0;
  private reducer: Reducer | undefined;
  /** Physical row of logical row 0 in the GPU ring buffer (appendRows). */
  private ringOffset = 0;
  /** True once `matrix.values` is heatgl's own copy (in-place updates never write the caller's array). */
  private ownsValues = false;
  private drawnLevel = 0;
  private loadTimer: number | undefined;
  private loadWaiters: (() => void)[] = [];
  private sliceMs: number[] = [];
  /** Cells uploaded per progressive slice, adapted to how fast frames come back. */
  private sliceCells = 1 << 20;
  private lastSliceAt = 0;
  /** Limits still being computed in slices by a progressive upload. */
  private pendingStats: { acc: FiniteStatsAccumulator; next: number; matrix: Matrix; mask: Uint8Array | undefined } | undefined;
  private lastFrameMs = 0;
  private uploads = 0;
  private frames = 0;
  /** Figure size in CSS pixels and the pixel ratio it was measured with. */
  private figWidth = 0;
  private figHeight = 0;
  private measuredDpr = 0;
  /** Set while exporting: draw at this pixel ratio instead of the screen's. */
  private exportDpr = 0;

  constructor(container: HTMLElement, data: MatrixInput, options: HeatmapOptions) {
    if (!(container instanceof HTMLElement)) fail(`container must be an HTMLElement, got ${describe(container)}`);
    checkOptions(options);
    const matrix = toMatrix(data);
    const mask = toMask(options.mask, matrix.rows, matrix.cols);
    const { figure, annot } = checkAll(options, matrix);
    this.limits = this.limitsFor(matrix, mask, options);
    this.scale = resolveScale(this.limits, options);
    this.matrix = matrix;
    this.mask = mask;
    this.annot = annot;
    this.options = { ...options };
    this.grid = gridOf(options, matrix.rows, matrix.cols);
    this.space = spaceOf(this.grid, matrix.rows, matrix.cols);
    this.view = fullView(this.space);
    this.figure = new FigureOverlay(figure);

    this.element = document.createElement('div');
    this.element.className = 'heatgl';
    this.element.style.cssText = 'position:relative;width:100%;height:100%;overflow:hidden;';
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'position:absolute;display:block;left:0;top:0;width:100%;height:100%;';
    this.canvas.setAttribute('role', 'img');
    this.overlayCanvas = document.createElement('canvas');
    this.overlayCanvas.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;';
    this.element.append(this.canvas, this.overlayCanvas);
    container.appendChild(this.element);
    const overlayCtx = this.overlayCanvas.getContext('2d');
    try {
      if (!overlayCtx) throw new HeatglError('Canvas2D is not available for the figure overlay');
      this.overlayCtx = overlayCtx;
      const share = options.sharedContext === true || ((options.sharedContext ?? 'auto') === 'auto' && dedicatedContexts() >= DEDICATED_LIMIT);
      let ctx: GlContext | null = null;
      try {
        if (share) {
          ctx = acquireSharedContext();
          this.copyCtx = this.canvas.getContext('2d');
          if (!this.copyCtx) throw new HeatglError('Canvas2D is not available to show a shared-context heatmap');
        } else {
          ctx = createContext(this.canvas, { preserveDrawingBuffer: options.preserveDrawingBuffer === true });
          trackDedicated(1);
        }
      } catch (err) {
        if (!(err instanceof HeatglError) || options.fallback !== 'canvas2d') throw err;
        this.cpuCtx = this.canvas.getContext('2d');
        if (!this.cpuCtx) throw err;
      }
      if (ctx) {
        this.ctx = ctx;
        this.layer = createHeatmapLayer(ctx.regl);
        this.lut = createLutTexture(ctx.regl);
        this.reducer = createReducer(ctx.regl);
      } else {
        // No GL objects: inert stand-ins keep the rest of the wiring unchanged; render() draws on the CPU.
        this.ctx = { regl: undefined as never, gl: undefined as never, maxTextureSize: 2 ** 30, renderer: 'Canvas2D fallback (CPU)', shared: false, ensureSize: () => undefined, destroy: () => undefined };
        this.layer = { draw: () => 0, destroy: () => undefined };
        this.lut = { texture: undefined as never, set: () => undefined, destroy: () => undefined };
      }
      this.lut.set(this.scale.lut);
      this.values = this.upload(matrix, mask, this.options, this.scale);
    } catch (err) {
      this.element.remove();
      throw err;
    }
    this.tooltip = createTooltip(this.element);
    this.tooltip.element.setAttribute('aria-live', 'polite');
    if (options.interactive !== false) {
      this.input = attachInput(this.canvas, {
        pan: (dx, dy) => this.panCss(dx, dy),
        zoom: (f, x, y) => this.zoomCss(f, x, y),
        reset: () => this.resetView(),
        hover: (x, y) => this.hoverAt(x, y),
        leave: () => this.hoverAt(Number.NaN, Number.NaN),
        click: (x, y) => {
          const info = this.hoverInfo(x, y);
          if (info) this.events.emit('click', info);
        },
      });
      this.keyboard = attachKeyboard(this.canvas, {
        pan: (dx, dy) => this.panCss(dx, dy),
        zoom: (f, x, y) => this.zoomCss(f, x, y),
        reset: () => this.resetView(),
        focusCell: (dRow, dCol) => this.focusCell(dRow, dCol),
        activate: () => this.hovered && this.events.emit('click', this.hovered),
        dismiss: () => this.hoverAt(Number.NaN, Number.NaN),
      });
    }
    this.sizeWatch = watchSize(container, () => this.resize());
    this.stopContextWatch = watchContextLoss(this.canvas, () => this.ctx.regl, { lost: this.onContextLost, restored: this.onContextRestored });
    this.measure();
    this.requestRender();
  }

  // A lost context (driver reset, too many contexts, WEBGL_lose_context) takes every GL object with it. The data,
  // options and view live on the CPU, so on restore everything is rebuilt and the same picture comes back.
  private readonly onContextLost = () => {
    this.contextLost = true;
    if (this.pendingFrame !== 0) cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    this.events.emit('contextlost', undefined);
  };

  private readonly onContextRestored = () => {
    if (this.destroyed) return;
    this.ctx = createContext(this.canvas, { preserveDrawingBuffer: this.options.preserveDrawingBuffer === true });
    this.layer = createHeatmapLayer(this.ctx.regl);
    this.lut = createLutTexture(this.ctx.regl);
    this.reducer = createReducer(this.ctx.regl);
    this.lut.set(this.scale.lut);
    this.ringOffset = 0;
    this.values = this.upload(this.matrix, this.mask, this.options, this.scale);
    this.contextLost = false;
    this.events.emit('contextrestored', undefined);
    this.requestRender();
  };

  /** The data's limits, or (for a progressive upload that can do so) pending limits that the loader computes in
   * slices before the first band, so that no single task scans all 100 M cells. */
  private limitsFor(m: Matrix, mask: Uint8Array | undefined, o: HeatmapOptions): DataLimits {
    const linear = o.norm === undefined || o.norm === null || o.norm === 'linear';
    if (!this.cpuCtx && progressiveFor(o, m) && o.robust !== true && linear) {
      this.pendingStats = { acc: new FiniteStatsAccumulator(), next: 0, matrix: m, mask };
      return { min: Number.NaN, max: Number.NaN, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN };
    }
    this.pendingStats = undefined;
    return dataLimits(m.values, mask, o.robust === true);
  }

  private upload(m: Matrix, mask: Uint8Array | undefined, o: HeatmapOptions, scale: ColorScale): ValueTextures {
    if (this.loadTimer !== undefined) cancelAnimationFrame(this.loadTimer);
    this.loadTimer = undefined;
    if (this.cpuCtx) {
      // Canvas2D fallback (known only after the limits were deferred in the constructor): compute them now.
      if (this.pendingStats) {
        this.pendingStats = undefined;
        this.limits = dataLimits(m.values, mask, false);
        this.scale = resolveScale(this.limits, o);
      }
      return cpuValues();
    }
    const t0 = now();
    // Interpolation reads up to two cells beyond a tile: those come along as a halo in each tile's texture.
    const halo = interpolationOf(o) > 0 ? 2 : 0;
    const maxTile = this.ctx.maxTextureSize - 2 * halo;
    const tileSize = Math.min(o.tileSize ?? maxTile, maxTile);
    const storage = o.storage ?? 'float32';
    const reduce: Reduce = o.reduce ?? 'mean';
    // Refuse before allocating rather than lose the context or crash the tab half-way through the upload.
    const need = estimateGpuBytes(m.rows, m.cols, tileSize, halo, storage, reduce);
    const limit = o.maxGpuBytes ?? DEFAULT_MAX_GPU_BYTES;
    if (need.total > limit) {
      const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
      const per = { float32: 4, float16: 2, uint16: 2, uint8: 1 }[storage];
      fail(
        `a ${m.rows} × ${m.cols} matrix needs ${gib(need.total)} of GPU memory (${gib(need.baseBytes)} of values at ${per} byte${per > 1 ? 's' : ''} a cell with storage '${storage}'` +
          `${need.levelBytes > 0 ? ` + ${gib(need.levelBytes)} of level-of-detail pyramid` : ''}), over the limit of ${gib(limit)} (option maxGpuBytes); ` +
          `use storage 'float16' / 'uint16' / 'uint8', reduce 'nearest', or show a part or a downsampled copy`,
      );
    }
    if (storage === 'float16') {
      const big = finiteMaxAbs(m.values, mask);
      if (big > HALF_MAX) fail(`storage 'float16' holds finite values up to ±${HALF_MAX}, but the data reaches ${big}; use 'float32' or a quantised storage ('uint16', 'uint8')`);
    }
    const quant: Quantizer | undefined = storage === 'uint16' || storage === 'uint8' ? quantizer(storage, scale.vmin, scale.vmax) : undefined;
    const source = () => ({
      values: this.matrix.values,
      rows: this.matrix.rows,
      cols: this.matrix.cols,
      mask: this.mask,
      ringOffset: this.ringOffset,
      allFinite: !this.mask && this.limits.count === this.matrix.rows * this.matrix.cols && !this.ownsValues,
    });
    // setData uploads before it commits the new matrix: read `m` until it is this.matrix, then always the live
    // matrix (in-place updates replace this.matrix with heatgl's own copy).
    let committed = this.matrix === m;
    const current = () => {
      if (!committed && this.matrix === m) committed = true;
      return committed ? source() : { ...source(), values: m.values, rows: m.rows, cols: m.cols, mask };
    };
    const make = (r: Reduce) => createValueTextures(this.ctx.regl, r === 'nearest' ? undefined : this.reducer, current, { tileSize, halo, storage, reduce: r, quant });
    // The pyramid is made when a view first needs it; without float / half-float render targets the base is drawn
    // and stats().lodUnavailable says why.
    const values = make(reduce);
    this.sliceMs = [];
    this.sliceCells = 1 << 20;
    this.lastSliceAt = 0;
    if (progressiveFor(o, m)) {
      this.loadTimer = requestAnimationFrame(() => this.loadStep(values));
    } else {
      values.uploadSome(Number.POSITIVE_INFINITY);
      this.resolveLoaded();
    }
    this.lastUploadMs = now() - t0;
    this.uploads++;
    return values;
  }

  /** One slice of a progressive upload per animation frame: at most ~30 ms of main-thread work and an adaptive
   * number of cells (1 M to start; halved when frames come back late, doubled up to 4 M when they are on time), so
   * the GPU process is never handed much more than it copies in a frame: the frame pacing is the back-pressure
   * (WebGL1 has no fences). Hidden tabs get no frames, so loading waits until the tab shows. */
  private loadStep(values: ValueTextures): void {
    this.loadTimer = undefined;
    if (this.destroyed || values !== this.values || this.contextLost) return;
    const t0 = now();
    const stats = this.pendingStats;
    if (stats && stats.matrix === this.matrix) {
      // First the colour limits, in slices of 2 M cells.
      const n = stats.matrix.values.length;
      while (stats.next < n && now() - t0 < 30) {
        const end = Math.min(n, stats.next + (1 << 21));
        stats.acc.add(stats.matrix.values, stats.mask, stats.next, end);
        stats.next = end;
      }
      if (stats.next < n) {
        this.sliceMs.push(now() - t0);
        this.loadTimer = requestAnimationFrame(() => this.loadStep(values));
        return;
      }
      this.pendingStats = undefined;
      const s = stats.acc.result();
      this.limits = { ...s, p2: Number.NaN, p98: Number.NaN };
      this.scale = resolveScale(this.limits, this.options);
      this.lut.set(this.scale.lut);
      if (values.quant) values.quant = quantizer(values.quant.qmax === 254 ? 'uint8' : 'uint16', this.scale.vmin, this.scale.vmax);
      this.figure.invalidate();
    }
    // Back-pressure: frames that come late mean the GPU (process) is behind; send less until they are on time again.
    const gap = this.lastSliceAt > 0 ? t0 - this.lastSliceAt : 0;
    if (gap > 50) this.sliceCells = Math.max(1 << 17, this.sliceCells >> 1);
    else if (gap > 0 && gap < 25) this.sliceCells = Math.min(1 << 22, this.sliceCells * 2);
    this.lastSliceAt = t0;
    const done = values.uploadSome(30, this.sliceCells);
    this.lastUploadMs += now() - t0;
    this.sliceMs.push(now() - t0);
    const total = this.matrix.rows * this.matrix.cols;
    const fraction = values.loadedRows / values.totalRows;
    this.events.emit('progress', { loaded: Math.round(fraction * total), total, fraction });
    this.requestRender();
    if (done) this.resolveLoaded();
    else this.loadTimer = requestAnimationFrame(() => this.loadStep(values));
  }

  private resolveLoaded(): void {
    const waiters = this.loadWaiters;
    this.loadWaiters = [];
    for (const w of waiters) w();
  }

  loaded(): Promise<void> {
    if (this.destroyed || this.values.done) return Promise.resolve();
    return new Promise((resolve) => this.loadWaiters.push(resolve));
  }

  private alive(): void {
    if (this.destroyed) throw new HeatglError('this heatmap was destroyed');
  }

  setData(data: MatrixInput, options: HeatmapOptions = {}): void {
    this.alive();
    checkOptions(options);
    const next = { ...this.options, ...options };
    const matrix = toMatrix(data);
    const mask = toMask(next.mask, matrix.rows, matrix.cols);
    const { figure, annot } = checkAll(next, matrix);
    const grid = gridOf(next, matrix.rows, matrix.cols);
    const limits = this.limitsFor(matrix, mask, next);
    const scale = resolveScale(limits, next);
    // Everything validated: only now replace GPU state (the old textures stay until the new ones exist).
    const values = this.upload(matrix, mask, next, scale);
    this.values.destroy();
    this.ringOffset = 0;
    this.ownsValues = false;
    const space = spaceOf(grid, matrix.rows, matrix.cols);
    const reshaped = matrix.rows !== this.matrix.rows || matrix.cols !== this.matrix.cols || !sameView(fullView(space), fullView(this.space));
    Object.assign(this, { values, matrix, mask, annot, limits, scale, grid, space, options: next });
    this.figure.setOptions(figure);
    this.lut.set(scale.lut);
    if (reshaped) this.setViewRect(fullView(space));
    this.requestRender();
  }

  update(options: HeatmapOptions): void {
    this.alive();
    checkOptions(options);
    const next = { ...this.options, ...options };
    const maskChanged = 'mask' in options;
    const mask = maskChanged ? toMask(next.mask, this.matrix.rows, this.matrix.cols) : this.mask;
    const { figure, annot } = checkAll(next, this.matrix);
    const grid = gridOf(next, this.matrix.rows, this.matrix.cols);
    const needRobust = next.robust === true && Number.isNaN(this.limits.p2);
    const limits = maskChanged || needRobust ? dataLimits(this.matrix.values, mask, next.robust === true) : this.limits;
    const scale = resolveScale(limits, next);
    // Masked cells are baked into the value textures, so only a mask, tile, storage or pyramid change re-uploads
    // (and a new colour range for quantised storage); other colour options never do.
    const reduceOf = (o: HeatmapOptions) => o.reduce ?? 'mean';
    if (
      maskChanged ||
      next.tileSize !== this.options.tileSize ||
      (interpolationOf(next) > 0) !== (interpolationOf(this.options) > 0) ||
      (next.storage ?? 'float32') !== this.values.storage ||
      (reduceOf(next) === 'nearest') !== (reduceOf(this.options) === 'nearest') ||
      (this.values.quant !== undefined && (this.values.quant.lo !== scale.vmin || this.values.quant.hi !== scale.vmax))
    ) {
      this.options = next;
      this.mask = mask;
      const values = this.upload(this.matrix, mask, next, scale);
      this.values.destroy();
      this.values = values;
    }
    const space = spaceOf(grid, this.matrix.rows, this.matrix.cols);
    const respaced = !sameView(fullView(space), fullView(this.space)) || space.xFlip !== this.space.xFlip || space.yDown !== this.space.yDown;
    Object.assign(this, { mask, annot, limits, scale, grid, space, options: next });
    if (respaced) this.view = fullView(space);
    this.figure.setOptions(figure);
    this.lut.set(scale.lut);
    this.measure();
    this.requestRender();
  }

  // ---- live data ------------------------------------------------------------------------------------------------
  /** Makes `matrix.values` heatgl's own array before the first in-place change. */
  private ownValues(): Float32Array | Float64Array {
    if (!this.ownsValues) {
      const v = this.matrix.values;
      const copy = v instanceof Float32Array ? new Float32Array(v) : Float64Array.from({ length: v.length }, (_, i) => toNumber(v[i]));
      this.matrix = { ...this.matrix, values: copy };
      this.ownsValues = true;
    }
    return this.matrix.values as Float32Array | Float64Array;
  }

  updateRegion(row0: number, col0: number, block: MatrixInput): void {
    this.alive();
    const b = toMatrix(block);
    const { rows, cols } = this.matrix;
    if (!Number.isInteger(row0) || !Number.isInteger(col0) || row0 < 0 || col0 < 0 || row0 + b.rows > rows || col0 + b.cols > cols) {
      fail(`updateRegion: a ${b.rows} × ${b.cols} block at row ${String(row0)}, column ${String(col0)} does not fit the ${rows} × ${cols} matrix (row0 and col0 are integers from 0)`);
    }
    const dst = this.ownValues();
    for (let r = 0; r < b.rows; r++) {
      const base = (row0 + r) * cols + col0;
      for (let c = 0; c < b.cols; c++) dst[base + c] = toNumber(b.values[r * b.cols + c]);
    }
    const p0 = (row0 + this.ringOffset) % rows;
    this.valuesChanged(() => {
      // Physical rows of the block: one run, or two when it wraps around the ring.
      const first = Math.min(b.rows, rows - p0);
      this.values.writeRegion(p0, col0, first, b.cols);
      if (first < b.rows) this.values.writeRegion(0, col0, b.rows - first, b.cols);
    });
  }

  appendRows(block: MatrixInput): void {
    this.alive();
    const b = toMatrix(block);
    const { rows, cols } = this.matrix;
    if (this.grid) fail('appendRows works on plain cells; it cannot scroll a grid given by xEdges / yEdges / x / y / extent');
    if (b.cols !== cols) fail(`appendRows: the block has ${b.cols} columns but the matrix has ${cols}`);
    const k = Math.min(b.rows, rows);
    const skip = b.rows - k;
    const dst = this.ownValues();
    dst.copyWithin(0, k * cols);
    for (let r = 0; r < k; r++) {
      const base = (rows - k + r) * cols;
      const from = (skip + r) * b.cols;
      for (let c = 0; c < cols; c++) dst[base + c] = toNumber(b.values[from + c]);
    }
    if (this.mask) {
      const mask = this.mask.slice();
      mask.copyWithin(0, k * cols);
      mask.fill(0, (rows - k) * cols);
      this.mask = mask;
    }
    const labels = this.matrix.rowLabels;
    if (labels) {
      const added = b.rowLabels ? b.rowLabels.slice(skip) : Array.from({ length: k }, () => '');
      this.matrix = { ...this.matrix, rowLabels: [...labels.slice(k), ...added] };
      this.figure.invalidate();
    }
    // The new rows overwrite the oldest ones in place: physical rows [p0, p0 + k) modulo rows.
    const p0 = this.ringOffset;
    this.ringOffset = (this.ringOffset + k) % rows;
    this.valuesChanged(() => {
      const first = Math.min(k, rows - p0);
      this.values.writeRegion(p0, 0, first, cols);
      if (first < k) this.values.writeRegion(0, 0, k - first, cols);
    });
  }

  /** After an in-place change: new limits when they come from the data, then either the local GPU write or (for
   * quantised storage whose range moved) a full re-upload. */
  private valuesChanged(write: () => void): void {
    const o = this.options;
    const auto = o.vmin === undefined || o.vmin === null || o.vmax === undefined || o.vmax === null || o.robust === true || (o.norm !== undefined && o.norm !== null && o.norm !== 'linear');
    if (auto) {
      this.limits = dataLimits(this.matrix.values, this.mask, o.robust === true);
      this.scale = resolveScale(this.limits, o);
      this.lut.set(this.scale.lut);
    }
    const q = this.values.quant;
    if (q && (q.lo !== this.scale.vmin || q.hi !== this.scale.vmax)) {
      const values = this.upload(this.matrix, this.mask, o, this.scale);
      this.values.destroy();
      this.values = values;
    } else if (!this.cpuCtx && !this.contextLost) {
      const t0 = now();
      write();
      this.lastUploadMs = now() - t0;
    }
    this.requestRender();
  }

  getScale(): ColorScale {
    return this.scale;
  }

  /** Shader uniforms of the current norm, rebuilt only when the scale changes (BoundaryNorm re-uploads then). */
  private normCache: { scale: ColorScale; params: NormShaderParams } | undefined;
  private normParams(): NormShaderParams {
    if (this.normCache?.scale !== this.scale) this.normCache = { scale: this.scale, params: shaderParams(this.scale.norm) };
    return this.normCache.params;
  }

  // ---- view -------------------------------------------------------------------------------------------------
  /** Clamps and applies a view; true if it changed. */
  private setViewRect(v: ViewRect): boolean {
    const clamped = clampView(v, this.space);
    if (sameView(clamped, this.view)) return false;
    this.view = clamped;
    this.events.emit('view', this.getView());
    if (this.pointer) this.hoverAt(this.pointer.x, this.pointer.y);
    this.requestRender();
    return true;
  }

  setView(view: Partial<CellView>): void {
    this.alive();
    const pair = (p: unknown, name: string): [number, number] | undefined => {
      if (p === undefined) return undefined;
      if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n)) || !(p[0] < p[1])) {
        fail(`view.${name} must be [start, end] with finite start < end (cell coordinates), got ${JSON.stringify(p)}`);
      }
      return p as [number, number];
    };
    const toLog = (p: [number, number], name: string): [number, number] => {
      if (!(p[0] > 0)) fail(`view.${name} must be positive on a log axis, got ${JSON.stringify(p)}`);
      return [Math.log10(p[0]), Math.log10(p[1])];
    };
    const px = pair(view.x, 'x');
    const py = pair(view.y, 'y');
    const x = px ? (this.options.xscale === 'log' ? toLog(px, 'x') : px) : [this.view.x0, this.view.x1];
    const y = py ? (this.options.yscale === 'log' ? toLog(py, 'y') : py) : [this.view.y0, this.view.y1];
    this.setViewRect({ x0: x[0] as number, x1: x[1] as number, y0: y[0] as number, y1: y[1] as number });
  }

  getView(): CellView {
    const v = this.view;
    const x: [number, number] = this.options.xscale === 'log' ? [10 ** v.x0, 10 ** v.x1] : [v.x0, v.x1];
    const y: [number, number] = this.options.yscale === 'log' ? [10 ** v.y0, 10 ** v.y1] : [v.y0, v.y1];
    return { x, y };
  }

  resetView(): void {
    this.alive();
    this.setViewRect(fullView(this.space));
  }

  private axesSize(): { width: number; height: number } {
    const a = this.layoutNow?.axes;
    return { width: a?.width ?? 0, height: a?.height ?? 0 };
  }

  private panCss(dx: number, dy: number): void {
    const { width, height } = this.axesSize();
    if (width === 0 || height === 0) return;
    const v = this.view;
    const [sx, sy] = screenSigns(this.space);
    this.setViewRect(panBy(v, -sx * (dx / width) * (v.x1 - v.x0), -sy * (dy / height) * (v.y1 - v.y0)));
  }

  private zoomCss(factor: number, cssX: number, cssY: number): boolean {
    const { width, height } = this.axesSize();
    if (width === 0 || height === 0 || !(factor > 0)) return false;
    const [dataX, dataY] = fractionToData(this.view, cssX / width, cssY / height, this.space);
    return this.setViewRect(zoomAbout(this.view, factor, dataX, dataY));
  }

  // ---- coordinates and hover ------------------------------------------------------------------------------------
  cellAt(clientX: number, clientY: number): CellInfo | null {
    this.alive();
    const r = this.canvas.getBoundingClientRect();
    const fx = (clientX - r.left) / r.width;
    const fy = (clientY - r.top) / r.height;
    if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
    const [dataX, dataY] = fractionToData(this.view, fx, fy, this.space);
    const hit = this.grid ? cellAtData(this.grid, dataX, dataY) : { row: Math.floor(dataY), col: Math.floor(dataX) };
    if (!hit) return null;
    const { row, col } = hit;
    if (row < 0 || row >= this.matrix.rows || col < 0 || col >= this.matrix.cols) return null;
    const i = row * this.matrix.cols + col;
    const raw = this.matrix.values[i];
    return { row, col, value: raw === null || raw === undefined ? Number.NaN : +raw, masked: this.mask !== undefined && this.mask[i] !== 0 };
  }

  cellToClient(row: number, col: number): ClientRect {
    this.alive();
    const r = this.canvas.getBoundingClientRect();
    const xs = this.grid ? [this.grid.xEdges[col] as number, this.grid.xEdges[col + 1] as number] : [col, col + 1];
    const ys = this.grid ? [this.grid.yEdges[row] as number, this.grid.yEdges[row + 1] as number] : [row, row + 1];
    const [fx0, fy0] = dataToFraction(this.view, xs[0] as number, ys[0] as number, this.space);
    const [fx1, fy1] = dataToFraction(this.view, xs[1] as number, ys[1] as number, this.space);
    const x = r.left + Math.min(fx0, fx1) * r.width;
    const y = r.top + Math.min(fy0, fy1) * r.height;
    return { x, y, width: Math.abs(fx1 - fx0) * r.width, height: Math.abs(fy1 - fy0) * r.height };
  }

  /** Cell info with labels for a point given in CSS pixels relative to the GL canvas. */
  private hoverInfo(cssX: number, cssY: number): HoverInfo | null {
    const r = this.canvas.getBoundingClientRect();
    const clientX = r.left + cssX;
    const clientY = r.top + cssY;
    const cell = Number.isFinite(cssX) ? this.cellAt(clientX, clientY) : null;
    if (!cell) return null;
    const rowLabel = this.matrix.rowLabels?.[cell.row] ?? String(cell.row);
    const colLabel = this.matrix.colLabels?.[cell.col] ?? String(cell.col);
    return { ...cell, rowLabel, colLabel, clientX, clientY };
  }

  private tooltipText(info: HoverInfo): string {
    const custom = this.options.tooltip;
    if (typeof custom === 'function') return String(custom(info));
    let value: string;
    try {
      value = formatNumber(info.value, this.options.fmt ?? FIGURE_DEFAULTS.fmt);
    } catch {
      // fmt 'd' on a non-integer: show the value the way Python's repr would rather than nothing.
      value = formatNumber(info.value, '');
    }
    const where = this.matrix.rowLabels || this.matrix.colLabels ? `${info.rowLabel}, ${info.colLabel}` : `row ${info.row}, column ${info.col}`;
    return `${where}\n${info.masked ? `${value} (masked)` : value}`;
  }

  /** Shift+arrow keys: moves the hovered cell to its neighbour on screen (the first press takes the top-left visible
   * cell), scrolls it into view and shows it as the pointer would. */
  private focusCell(dRow: number, dCol: number): void {
    const { rows, cols } = this.matrix;
    const cell = this.hovered ? neighbourOnScreen(this.hovered, dRow, dCol, rows, cols, (r, c) => this.cellToClient(r, c)) : this.hoverInfo(0.5, 0.5);
    if (!cell) return;
    const box = this.canvas.getBoundingClientRect();
    const [dx, dy] = dragIntoView(this.cellToClient(cell.row, cell.col), box);
    this.pointer = null;
    if (dx !== 0 || dy !== 0) this.panCss(dx, dy);
    const c = this.cellToClient(cell.row, cell.col);
    this.hoverAt(c.x - box.left + c.width / 2, c.y - box.top + c.height / 2);
  }

  private hoverAt(cssX: number, cssY: number): void {
    this.pointer = Number.isFinite(cssX) ? { x: cssX, y: cssY } : null;
    const info = this.hoverInfo(cssX, cssY);
    const changed = info?.row !== this.hovered?.row || info?.col !== this.hovered?.col;
    this.hovered = info;
    if (info && this.options.tooltip !== false) {
      const fig = this.element.getBoundingClientRect();
      this.tooltip.show(this.tooltipText(info), info.clientX - fig.left, info.clientY - fig.top);
    } else {
      this.tooltip.hide();
    }
    if (changed) this.events.emit('hover', info);
  }

  // ---- drawing ------------------------------------------------------------------------------------------------
  private pixelRatio(): number {
    if (this.exportDpr > 0) return this.exportDpr;
    return this.options.pixelRatio ?? (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
  }

  /** Reads the figure's CSS size (fractional, so buffers are not resampled); a container without height gets a 4:3
   * figure so the heatmap is never invisible. */
  private measure(): boolean {
    const box = this.element.getBoundingClientRect();
    let w = box.width;
    let h = box.height;
    if (h === 0) {
      w = w || 400;
      h = Math.round(w * 0.75);
      this.element.style.height = `${h}px`;
    }
    const dpr = this.pixelRatio();
    const changed = w !== this.figWidth || h !== this.figHeight || dpr !== this.measuredDpr;
    this.figWidth = w;
    this.figHeight = h;
    this.measuredDpr = dpr;
    if (changed) this.figure.invalidate();
    return changed;
  }

  /** Lays the figure out and sizes both canvases to it. */
  private applyLayout(): FigureLayout {
    const layout = this.figure.layout(this.figWidth, this.figHeight, this.frameData());
    const dpr = this.measuredDpr;
    const a = layout.axes;
    const style = this.canvas.style;
    const css = [`${a.x}px`, `${a.y}px`, `${a.width}px`, `${a.height}px`];
    if (style.left !== css[0] || style.top !== css[1] || style.width !== css[2] || style.height !== css[3]) {
      [style.left, style.top, style.width, style.height] = css as [string, string, string, string];
    }
    const widthPx = Math.max(1, Math.round(a.width * dpr));
    const heightPx = Math.max(1, Math.round(a.height * dpr));
    if (this.canvas.width !== widthPx) this.canvas.width = widthPx;
    if (this.canvas.height !== heightPx) this.canvas.height = heightPx;
    const ow = Math.max(1, Math.round(this.figWidth * dpr));
    const oh = Math.max(1, Math.round(this.figHeight * dpr));
    if (this.overlayCanvas.width !== ow) this.overlayCanvas.width = ow;
    if (this.overlayCanvas.height !== oh) this.overlayCanvas.height = oh;
    this.layoutNow = layout;
    return layout;
  }

  private frameData(): FrameData {
    return {
      rows: this.matrix.rows,
      cols: this.matrix.cols,
      view: this.view,
      scale: this.scale,
      values: this.matrix.values,
      mask: this.mask,
      annot: this.annot,
      rowLabels: this.matrix.rowLabels,
      colLabels: this.matrix.colLabels,
      space: this.space,
      grid: this.grid,
    };
  }

  resize(): void {
    if (this.destroyed) return;
    if (this.measure()) this.requestRender();
  }

  private requestRender(): void {
    if (this.pendingFrame !== 0 || this.destroyed) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.render();
    });
  }

  render(): void {
    this.alive();
    if (this.contextLost) return;
    if (this.pendingFrame !== 0) {
      cancelAnimationFrame(this.pendingFrame);
      this.pendingFrame = 0;
    }
    const t0 = now();
    // Catches pixel-ratio changes that fired no media-query event (e.g. emulated ones) before drawing blurry.
    if (this.measuredDpr !== this.pixelRatio()) this.measure();
    const layout = this.applyLayout();
    const label = ariaSummary(this.matrix.rows, this.matrix.cols, this.limits.min, this.limits.max, this.options.title);
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
    if (this.cpuCtx) this.drawCpu();
    else this.drawGl();
    const ctx = this.overlayCtx;
    ctx.setTransform(this.measuredDpr, 0, 0, this.measuredDpr, 0, 0);
    this.figure.draw(ctx, layout, this.frameData());
    this.lastFrameMs = now() - t0;
    this.frames++;
    this.events.emit('render', { durationMs: this.lastFrameMs });
  }

  /** Premultiplied colours for the shader, rebuilt only when the scale or the options change, not every frame. */
  private colorCache: { scale: ColorScale; options: HeatmapOptions; colors: GlColors } | undefined;
  private glColors(): GlColors {
    const c = this.colorCache;
    if (c && c.scale === this.scale && c.options === this.options) return c.colors;
    const lut = this.scale.lut;
    const end = (i: number) => [0, 1, 2, 3].map((k) => lut.rgba[i * 4 + k] as number);
    const premultiplied = (bytes: readonly number[]): [number, number, number, number] => {
      const a = (bytes[3] as number) / 255;
      return [((bytes[0] as number) / 255) * a, ((bytes[1] as number) / 255) * a, ((bytes[2] as number) / 255) * a, a];
    };
    const colors: GlColors = {
      badColor: premultiplied(this.scale.badColor),
      underColor: premultiplied(this.scale.underColor ?? end(0)),
      overColor: premultiplied(this.scale.overColor ?? end(lut.n - 1)),
      lineColor: parseColor(this.options.linecolor ?? 'white', 'linecolor'),
    };
    this.colorCache = { scale: this.scale, options: this.options, colors };
    return colors;
  }

  private drawGl(): void {
    this.ctx.ensureSize(this.canvas.width, this.canvas.height);
    this.ctx.regl.poll();
    this.drawnLevel = this.layer.draw({
      ...this.glColors(),
      values: this.values,
      lut: this.lut,
      lutSize: this.scale.lut.n,
      view: this.view,
      viewMatrix: viewMatrix(this.view, this.space, this.matrixMat),
      interpolation: interpolationOf(this.options),
      rows: this.matrix.rows,
      cols: this.matrix.cols,
      space: this.space,
      grid: this.grid,
      norm: this.normParams(),
      lineWidthPx: (this.options.linewidths ?? 0) * this.measuredDpr,
      widthPx: this.canvas.width,
      heightPx: this.canvas.height,
      ringOffset: this.ringOffset,
      reduce: this.options.reduce ?? 'mean',
    });
    this.copyFrame();
  }

  private drawCpu(): void {
    drawCpuHeatmap(this.cpuCtx as CanvasRenderingContext2D, {
      view: this.view,
      space: this.space,
      grid: this.grid,
      rows: this.matrix.rows,
      cols: this.matrix.cols,
      values: this.matrix.values,
      mask: this.mask,
      scale: this.scale,
      widthPx: this.canvas.width,
      heightPx: this.canvas.height,
    });
  }

  /** Shared-context mode: copies the frame just drawn (bottom-left of the shared buffer) to this heatmap's canvas. */
  private copyFrame(): void {
    const src = sharedCanvas();
    if (!this.copyCtx || !src) return;
    const w = this.canvas.width;
    const h = this.canvas.height;
    this.copyCtx.clearRect(0, 0, w, h);
    this.copyCtx.drawImage(src, 0, src.height - h, w, h, 0, 0, w, h);
  }

  readPixels(): PixelData {
    this.render();
    const width = this.canvas.width;
    const height = this.canvas.height;
    // Raw gl.readPixels right after drawing in the same task: the drawing buffer is intact without
    // preserveDrawingBuffer (regl.read refuses to try).
    if (this.cpuCtx) {
      // ImageData is straight alpha; the GL path returns the drawing buffer's premultiplied bytes: do the same.
      const img = this.cpuCtx.getImageData(0, 0, width, height).data;
      const data = new Uint8Array(img.length);
      for (let i = 0; i < img.length; i += 4) {
        const a = img[i + 3] as number;
        for (let c = 0; c < 3; c++) data[i + c] = Math.round(((img[i + c] as number) * a) / 255);
        data[i + 3] = a;
      }
      return { width, height, data };
    }
    const gl = this.ctx.gl;
    const raw = new Uint8Array(width * height * 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, raw);
    // GL rows start at the bottom; return the top row first like an image.
    const data = new Uint8Array(raw.length);
    const stride = width * 4;
    for (let y = 0; y < height; y++) data.set(raw.subarray((height - 1 - y) * stride, (height - y) * stride), y * stride);
    // The raw bind above went behind regl's back: make regl re-apply its state (else its next pass into a pyramid
    // level could skip binding that level's framebuffer and draw on the screen).
    this.ctx.regl._refresh();
    return { width, height, data };
  }

  // ---- export ---------------------------------------------------------------------------------------------------
  toCanvas(options: ExportOptions = {}): HTMLCanvasElement {
    this.alive();
    const scale = options.scale ?? this.pixelRatio();
    if (!(scale > 0 && Number.isFinite(scale))) fail(`export scale must be a positive number, got ${describe(scale)}`);
    const out = document.createElement('canvas');
    this.exportDpr = scale;
    try {
      this.measure();
      this.render();
      out.width = this.overlayCanvas.width;
      out.height = this.overlayCanvas.height;
      const ctx = out.getContext('2d');
      if (!ctx) throw new HeatglError('Canvas2D is not available for export');
      const background = options.background ?? 'white';
      if (background !== 'transparent') {
        ctx.fillStyle = background;
        ctx.fillRect(0, 0, out.width, out.height);
      }
      // Same task as the draw: the WebGL drawing buffer is still intact for drawImage.
      const a = this.layoutNow?.axes ?? { x: 0, y: 0 };
      ctx.drawImage(this.canvas, Math.round(a.x * scale), Math.round(a.y * scale));
      ctx.drawImage(this.overlayCanvas, 0, 0);
    } finally {
      this.exportDpr = 0;
      this.measure();
      this.render();
    }
    return out;
  }

  toDataURL(options: ExportOptions = {}): string {
    return this.toCanvas(options).toDataURL('image/png');
  }

  toBlob(options: ExportOptions = {}): Promise<Blob> {
    const canvas = this.toCanvas(options);
    return new Promise((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new HeatglError('the browser could not encode the PNG'))), 'image/png');
    });
  }

  drawnText(): DrawnText {
    const fig = this.element.getBoundingClientRect();
    const shift = <T extends { x: number; y: number }>(b: T): T => ({ ...b, x: b.x + fig.left, y: b.y + fig.top });
    const t = this.figure.drawnText();
    return {
      tickLabels: t.tickLabels.map((l) => ({ ...l, box: shift(l.box) })),
      annotations: t.annotations.map((a) => ({ ...a, box: shift(a.box), cell: shift(a.cell) })),
    };
  }

  figureLayout(): { axes: ClientRect; colorbar: ClientRect | null } {
    this.alive();
    const layout = this.layoutNow ?? this.applyLayout();
    const fig = this.element.getBoundingClientRect();
    const client = (r: { x: number; y: number; width: number; height: number }) => ({ x: r.x + fig.left, y: r.y + fig.top, width: r.width, height: r.height });
    return { axes: client(layout.axes), colorbar: layout.cbar ? client(layout.cbar) : null };
  }

  stats(): HeatmapStats {
    return {
      renderer: this.ctx.renderer,
      maxTextureSize: this.ctx.maxTextureSize,
      tileSize: this.values.tileSize,
      valueTextures: this.values.tiles.length,
      textures: this.values.tiles.reduce((n, t) => n + 1 + t.levels.length, 1),
      gpuBytes: this.values.baseBytes + this.values.levelBytes + this.scale.lut.n * 4,
      storage: this.values.storage,
      reduce: this.values.reduce === 'nearest' ? 'nearest' : (this.options.reduce ?? 'mean'),
      levels: this.values.levelCount,
      levelBytes: this.values.levelBytes,
      drawnLevel: this.drawnLevel,
      lodUnavailable: this.values.lodError,
      quantizationError: this.values.quant ? this.values.quant.maxError : 0,
      uploadSlicesMs: this.sliceMs.slice(),
      loaded: this.values.totalRows > 0 ? this.values.loadedRows / this.values.totalRows : 1,
      lastUploadMs: this.lastUploadMs,
      lastFrameMs: this.lastFrameMs,
      uploads: this.uploads,
      frames: this.frames,
    };
  }

  on<K extends keyof HeatmapEvents>(name: K, callback: (payload: HeatmapEvents[K]) => void): () => void {
    return this.events.on(name, callback);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.pendingFrame !== 0) cancelAnimationFrame(this.pendingFrame);
    if (this.loadTimer !== undefined) cancelAnimationFrame(this.loadTimer);
    this.resolveLoaded();
    this.sizeWatch.destroy();
    this.stopContextWatch();
    this.input?.destroy();
    this.keyboard?.destroy();
    this.tooltip.destroy();
    this.values.destroy();
    this.lut.destroy();
    this.layer.destroy();
    this.reducer?.destroy();
    this.ctx.destroy();
    if (!this.ctx.shared && !this.cpuCtx) {
      this.ctx.gl.getExtension('WEBGL_lose_context')?.loseContext();
      trackDedicated(-1);
    }
    this.element.remove();
    this.events.clear();
  }
}

/**
 * Draws `data` as a heatmap in `container` (the canvas fills it). Colour options follow seaborn.heatmap.
 * Throws a {@link HeatglError} naming the problem for bad data or options.
 */
export function heatmap(container: HTMLElement, source: StreamSource, options?: StreamHeatmapOptions): StreamHeatmap;
export function heatmap(container: HTMLElement, data: MatrixInput, options?: HeatmapOptions): Heatmap;
export function heatmap(container: HTMLElement, data: MatrixInput | StreamSource, options: HeatmapOptions | StreamHeatmapOptions = {}): Heatmap | StreamHeatmap {
  // A chunked store opened with openZarr streams tile by tile (src/stream); everything else lives in memory.
  if (isStreamSource(data)) return new StreamHeatmap(container, data, options as StreamHeatmapOptions);
  return new HeatmapImpl(container, data, options as HeatmapOptions);
}

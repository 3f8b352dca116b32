// heatmap(): wiring only. Validates input with src/core, keeps the state, uploads through src/gl, turns gestures from
// src/view into view rectangles, and coalesces every change into at most one draw per animation frame.
import { mat4 } from 'gl-matrix';
import type { CmapInput } from './core/colormaps';
import type { ColorInput } from './core/colors';
import { Emitter } from './core/emitter';
import { HeatglError, describe, fail } from './core/errors';
import { type Matrix, type MatrixInput, type MaskInput, toMask, toMatrix } from './core/matrix';
import { type ColorScale, type DataLimits, checkScaleOptions, dataLimits, resolveScale } from './core/scale';
import { createContext, type GlContext } from './gl/context';
import { createHeatmapLayer, type HeatmapLayer } from './gl/heatmap-layer';
import { createLutTexture, type LutTexture } from './gl/lut-texture';
import { createValueTextures, type ValueTextures } from './gl/value-textures';
import { type ViewRect, clampView, fractionToData, fullView, panBy, sameView, viewMatrix, zoomAbout } from './view/camera';
import { attachInput, type Input, watchSize } from './view/input';

/** Options of {@link heatmap}. Colour options follow `seaborn.heatmap`. */
export interface HeatmapOptions {
  /** Lower end of the colour scale. seaborn `vmin`. @default the data's minimum (2nd percentile when `robust`), ignoring NaN and masked cells */
  vmin?: number | null | undefined;
  /** Upper end of the colour scale. seaborn `vmax`. @default the data's maximum (98th percentile when `robust`) */
  vmax?: number | null | undefined;
  /** Value at the colormap's centre: the colormap is resampled as seaborn does (not a TwoSlopeNorm). seaborn `center`. @default undefined */
  center?: number | null | undefined;
  /** Use the 2nd and 98th percentiles for the limits not given. seaborn `robust`. @default false */
  robust?: boolean | undefined;
  /** Colormap name (any matplotlib/seaborn name listed by `colormapNames()`, `_r` reverses) or a list of colours (hard steps). seaborn `cmap`. @default 'rocket', or 'icefire' when `center` is set */
  cmap?: CmapInput | null | undefined;
  /** Cells not drawn: truthy entries, nested rows×cols or flat row-major. seaborn `mask`. @default undefined */
  mask?: MaskInput | null | undefined;
  /** Colour of NaN, ±Infinity and masked cells. matplotlib `cmap.set_bad`. @default 'transparent' */
  badColor?: ColorInput | undefined;
  /** Drag to pan, wheel/pinch to zoom, double-click to reset. @default true */
  interactive?: boolean | undefined;
  /** Device pixels per CSS pixel of the drawing buffer. @default window.devicePixelRatio */
  pixelRatio?: number | undefined;
  /** Largest texture tile side in cells; smaller values force tiling (testing). @default the GPU's MAX_TEXTURE_SIZE */
  tileSize?: number | undefined;
  /** Keep the drawing buffer after compositing (slower; for screenshots of the canvas). @default false */
  preserveDrawingBuffer?: boolean | undefined;
}

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
  /** All textures: value tiles plus the colormap LUT. */
  textures: number;
  /** Bytes of GPU memory held by value textures and the LUT. */
  gpuBytes: number;
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
}

export interface Heatmap {
  readonly canvas: HTMLCanvasElement;
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
  on<K extends keyof HeatmapEvents>(name: K, callback: (payload: HeatmapEvents[K]) => void): () => void;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function checkOptions(o: HeatmapOptions): void {
  if (o === null || typeof o !== 'object') fail(`options must be an object, got ${describe(o)}`);
  checkScaleOptions(o);
  if (o.pixelRatio !== undefined && !(typeof o.pixelRatio === 'number' && o.pixelRatio > 0 && Number.isFinite(o.pixelRatio))) {
    fail(`pixelRatio must be a positive number, got ${describe(o.pixelRatio)}`);
  }
  if (o.tileSize !== undefined && !(Number.isInteger(o.tileSize) && o.tileSize >= 1)) {
    fail(`tileSize must be a positive integer, got ${describe(o.tileSize)}`);
  }
}

class HeatmapImpl implements Heatmap {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: GlContext;
  private readonly layer: HeatmapLayer;
  private readonly lut: LutTexture;
  private readonly events = new Emitter<HeatmapEvents>();
  private readonly input: Input | undefined;
  private readonly sizeWatch: Input;
  private readonly matrixMat = mat4.create();
  private matrix: Matrix;
  private mask: Uint8Array | undefined;
  private options: HeatmapOptions;
  private limits: DataLimits;
  private scale: ColorScale;
  private values: ValueTextures;
  private view: ViewRect;
  private pendingFrame = 0;
  private destroyed = false;
  private lastUploadMs = 0;
  private lastFrameMs = 0;
  private uploads = 0;
  private frames = 0;
  private cssWidth = 0;
  private cssHeight = 0;
  private measuredDpr = 0;

  constructor(container: HTMLElement, data: MatrixInput, options: HeatmapOptions) {
    if (!(container instanceof HTMLElement)) fail(`container must be an HTMLElement, got ${describe(container)}`);
    checkOptions(options);
    const matrix = toMatrix(data);
    const mask = toMask(options.mask, matrix.rows, matrix.cols);
    this.limits = dataLimits(matrix.values, mask, options.robust === true);
    this.scale = resolveScale(this.limits, options);
    this.matrix = matrix;
    this.mask = mask;
    this.options = { ...options };
    this.view = fullView(matrix.rows, matrix.cols);

    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'display:block;width:100%;height:100%;';
    this.canvas.setAttribute('role', 'img');
    container.appendChild(this.canvas);
    try {
      this.ctx = createContext(this.canvas, { preserveDrawingBuffer: options.preserveDrawingBuffer === true });
      this.layer = createHeatmapLayer(this.ctx.regl);
      this.lut = createLutTexture(this.ctx.regl);
      this.lut.set(this.scale.lut);
      this.values = this.upload(matrix, mask, this.options);
    } catch (err) {
      this.canvas.remove();
      throw err;
    }
    if (options.interactive !== false) {
      this.input = attachInput(this.canvas, {
        pan: (dx, dy) => this.panCss(dx, dy),
        zoom: (f, x, y) => this.zoomCss(f, x, y),
        reset: () => this.resetView(),
      });
    }
    this.sizeWatch = watchSize(container, () => this.resize());
    this.measure();
    this.requestRender();
  }

  private upload(m: Matrix, mask: Uint8Array | undefined, o: HeatmapOptions): ValueTextures {
    const t0 = now();
    const tileSize = Math.min(o.tileSize ?? this.ctx.maxTextureSize, this.ctx.maxTextureSize);
    const values = createValueTextures(this.ctx.regl, m, mask, tileSize);
    this.lastUploadMs = now() - t0;
    this.uploads++;
    return values;
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
    const limits = dataLimits(matrix.values, mask, next.robust === true);
    const scale = resolveScale(limits, next);
    // Everything validated: only now replace GPU state (the old textures stay until the new ones exist).
    const values = this.upload(matrix, mask, next);
    this.values.destroy();
    const reshaped = matrix.rows !== this.matrix.rows || matrix.cols !== this.matrix.cols;
    Object.assign(this, { values, matrix, mask, limits, scale, options: next });
    this.lut.set(scale.lut);
    if (reshaped) this.setViewRect(fullView(matrix.rows, matrix.cols));
    this.requestRender();
  }

  update(options: HeatmapOptions): void {
    this.alive();
    checkOptions(options);
    const next = { ...this.options, ...options };
    const maskChanged = 'mask' in options;
    const mask = maskChanged ? toMask(next.mask, this.matrix.rows, this.matrix.cols) : this.mask;
    const needRobust = next.robust === true && Number.isNaN(this.limits.p2);
    const limits = maskChanged || needRobust ? dataLimits(this.matrix.values, mask, next.robust === true) : this.limits;
    const scale = resolveScale(limits, next);
    // Masked cells are baked into the value textures, so only a mask or tile change re-uploads; colour options never do.
    if (maskChanged || next.tileSize !== this.options.tileSize) {
      const values = this.upload(this.matrix, mask, next);
      this.values.destroy();
      this.values = values;
    }
    Object.assign(this, { mask, limits, scale, options: next });
    this.lut.set(scale.lut);
    if (next.pixelRatio !== undefined) this.measure();
    this.requestRender();
  }

  getScale(): ColorScale {
    return this.scale;
  }

  // ---- view -------------------------------------------------------------------------------------------------
  /** Clamps and applies a view; true if it changed. */
  private setViewRect(v: ViewRect): boolean {
    const clamped = clampView(v, this.matrix.rows, this.matrix.cols);
    if (sameView(clamped, this.view)) return false;
    this.view = clamped;
    this.events.emit('view', this.getView());
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
    const x = pair(view.x, 'x') ?? [this.view.x0, this.view.x1];
    const y = pair(view.y, 'y') ?? [this.view.y0, this.view.y1];
    this.setViewRect({ x0: x[0], x1: x[1], y0: y[0], y1: y[1] });
  }

  getView(): CellView {
    return { x: [this.view.x0, this.view.x1], y: [this.view.y0, this.view.y1] };
  }

  resetView(): void {
    this.alive();
    this.setViewRect(fullView(this.matrix.rows, this.matrix.cols));
  }

  private panCss(dx: number, dy: number): void {
    if (this.cssWidth === 0 || this.cssHeight === 0) return;
    const v = this.view;
    this.setViewRect(panBy(v, (-dx / this.cssWidth) * (v.x1 - v.x0), (-dy / this.cssHeight) * (v.y1 - v.y0)));
  }

  private zoomCss(factor: number, cssX: number, cssY: number): boolean {
    if (this.cssWidth === 0 || this.cssHeight === 0 || !(factor > 0)) return false;
    const [dataX, dataY] = fractionToData(this.view, cssX / this.cssWidth, cssY / this.cssHeight);
    return this.setViewRect(zoomAbout(this.view, factor, dataX, dataY));
  }

  // ---- coordinates --------------------------------------------------------------------------------------------
  cellAt(clientX: number, clientY: number): CellInfo | null {
    this.alive();
    const r = this.canvas.getBoundingClientRect();
    const fx = (clientX - r.left) / r.width;
    const fy = (clientY - r.top) / r.height;
    if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
    const [dataX, dataY] = fractionToData(this.view, fx, fy);
    const col = Math.floor(dataX);
    const row = Math.floor(dataY);
    if (row < 0 || row >= this.matrix.rows || col < 0 || col >= this.matrix.cols) return null;
    const i = row * this.matrix.cols + col;
    const raw = this.matrix.values[i];
    return { row, col, value: raw === null || raw === undefined ? Number.NaN : +raw, masked: this.mask !== undefined && this.mask[i] !== 0 };
  }

  cellToClient(row: number, col: number): ClientRect {
    this.alive();
    const r = this.canvas.getBoundingClientRect();
    const v = this.view;
    const width = r.width / (v.x1 - v.x0);
    const height = r.height / (v.y1 - v.y0);
    return { x: r.left + (col - v.x0) * width, y: r.top + (row - v.y0) * height, width, height };
  }

  // ---- drawing ------------------------------------------------------------------------------------------------
  private pixelRatio(): number {
    return this.options.pixelRatio ?? (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
  }

  /** Reads the canvas's CSS size (fractional, so the buffer is not resampled); a container without height gets a
   * 4:3 canvas so the heatmap is never invisible. */
  private measure(): boolean {
    const box = this.canvas.getBoundingClientRect();
    let w = box.width;
    let h = box.height;
    if (h === 0) {
      w = w || 400;
      h = Math.round(w * 0.75);
      this.canvas.style.height = `${h}px`;
    }
    const dpr = this.pixelRatio();
    this.measuredDpr = dpr;
    const widthPx = Math.max(1, Math.round(w * dpr));
    const heightPx = Math.max(1, Math.round(h * dpr));
    const changed = widthPx !== this.canvas.width || heightPx !== this.canvas.height || w !== this.cssWidth || h !== this.cssHeight;
    this.cssWidth = w;
    this.cssHeight = h;
    if (widthPx !== this.canvas.width) this.canvas.width = widthPx;
    if (heightPx !== this.canvas.height) this.canvas.height = heightPx;
    return changed;
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
    if (this.pendingFrame !== 0) {
      cancelAnimationFrame(this.pendingFrame);
      this.pendingFrame = 0;
    }
    const t0 = now();
    // Catches pixel-ratio changes that fired no media-query event (e.g. emulated ones) before drawing blurry.
    if (this.measuredDpr !== this.pixelRatio()) this.measure();
    this.ctx.regl.poll();
    const bad = this.scale.badColor;
    const a = bad[3] / 255;
    this.layer.draw({
      values: this.values,
      lut: this.lut,
      lutSize: this.scale.lut.n,
      view: this.view,
      viewMatrix: viewMatrix(this.view, this.matrixMat),
      vmin: this.scale.vmin,
      vmax: this.scale.vmax,
      badColor: [(bad[0] / 255) * a, (bad[1] / 255) * a, (bad[2] / 255) * a, a],
      widthPx: this.canvas.width,
      heightPx: this.canvas.height,
    });
    this.lastFrameMs = now() - t0;
    this.frames++;
    this.events.emit('render', { durationMs: this.lastFrameMs });
  }

  readPixels(): PixelData {
    this.render();
    const width = this.canvas.width;
    const height = this.canvas.height;
    // Raw gl.readPixels right after drawing in the same task: the drawing buffer is intact without
    // preserveDrawingBuffer (regl.read refuses to try).
    const gl = this.ctx.gl;
    const raw = new Uint8Array(width * height * 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, raw);
    // GL rows start at the bottom; return the top row first like an image.
    const data = new Uint8Array(raw.length);
    const stride = width * 4;
    for (let y = 0; y < height; y++) data.set(raw.subarray((height - 1 - y) * stride, (height - y) * stride), y * stride);
    return { width, height, data };
  }

  stats(): HeatmapStats {
    return {
      renderer: this.ctx.renderer,
      maxTextureSize: this.ctx.maxTextureSize,
      tileSize: this.values.tileSize,
      valueTextures: this.values.tiles.length,
      textures: this.values.tiles.length + 1,
      gpuBytes: this.values.bytes + this.scale.lut.n * 4,
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
    this.sizeWatch.destroy();
    this.input?.destroy();
    this.values.destroy();
    this.lut.destroy();
    this.layer.destroy();
    this.ctx.destroy();
    this.ctx.gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.canvas.remove();
    this.events.clear();
  }
}

/**
 * Draws `data` as a heatmap in `container` (the canvas fills it). Colour options follow seaborn.heatmap.
 * Throws a {@link HeatglError} naming the problem for bad data or options.
 */
export function heatmap(container: HTMLElement, data: MatrixInput, options: HeatmapOptions = {}): Heatmap {
  return new HeatmapImpl(container, data, options);
}

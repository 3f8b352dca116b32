// heatmap(): wiring only. Resolves the options once (src/options), keeps the matrix in a data source (src/source),
// draws through a renderer (src/render: own WebGL context, shared context or Canvas2D), moves the view with the view
// controller (src/view) and lets the host (src/host) measure, schedule one frame per change and tear down.
import { Emitter } from './core/emitter';
import { HeatglError } from './core/errors';
import { type Matrix, type MatrixInput, toMatrix } from './core/matrix';
import type { ViewRect } from './core/camera';
import { type ColorScale, type DataLimits, dataLimits, resolveScale } from './core/scale';
import { finiteMaxAbs, quantizer } from './core/storage';
import { type DrawnText, FigureOverlay, type FrameData } from './figure';
import { storeStats, type ValueTextures } from './gl/value-textures';
import type { Heatmap } from './heatmap-api';
import { checkOptions, type HeatmapOptions } from './heatmap-options';
import { figureSvg } from './export/figure-svg';
import { pngBlob } from './export/compose';
import { cellAtClient, cellClientRect } from './host/cells';
import { atExportScale, cellsCanvas, type ExportFrame, exportFigure, exportTiled, type PixelRect, tileView } from './host/export';
import { Host } from './host/host';
import { HeatmapPointer } from './host/pointer';
import { limitsTiming, needsReupload, offsetFor, offsetStorage, planChanges } from './options/changes';
import { type ResolvedOptions, resolveOptions } from './options/resolve';
import { ProgressiveLoader } from './render/loader';
import { createRenderer, type HeatmapRenderer } from './render/renderer';
import type { HeatmapScene } from './render/types';
import { allCellsFinite, createMemorySource, type MemorySource } from './source/memory-source';
import type { SourceRegion } from './source/matrix-source';
import type { CellInfo, CellView, ClientRect, ExportOptions, HeatmapEvents, HeatmapStats, PixelData } from './types';
import { ariaSummary } from './view/keyboard';
import { ViewController } from './view/controller';
import type { StreamSource } from './stream/open-zarr';
import { isStreamSource, StreamHeatmap, type StreamHeatmapOptions } from './stream/stream-heatmap';

export type { Heatmap } from './heatmap-api';
export type { HeatmapOptions } from './heatmap-options';
export type { CellInfo, CellView, ClientRect, ExportOptions, HeatmapEvents, HeatmapStats, HoverInfo, PixelData } from './types';

const NO_LIMITS: DataLimits = { min: Number.NaN, max: Number.NaN, minPositive: Number.NaN, p2: Number.NaN, p98: Number.NaN };

class HeatmapImpl implements Heatmap {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly host: Host;
  private readonly overlayCanvas: HTMLCanvasElement;
  private readonly overlayCtx: CanvasRenderingContext2D;
  private readonly figure: FigureOverlay;
  private readonly renderer: HeatmapRenderer;
  private readonly events = new Emitter<HeatmapEvents>();
  private readonly viewCtl: ViewController;
  private readonly loader: ProgressiveLoader;
  private readonly pointer: HeatmapPointer;
  /** The matrix, its mask and the ring offset of live edits: what the value textures read. */
  private source: MemorySource;
  private options: ResolvedOptions;
  private limits: DataLimits;
  private scale: ColorScale;
  private values: ValueTextures;
  private layoutNow: ReturnType<FigureOverlay['layout']> | undefined;
  private drawnLevel = 0;
  private lastFrameMs = 0;
  private lastUploadMs = 0;
  private uploads = 0;
  private frames = 0;

  constructor(container: HTMLElement, data: MatrixInput, options: HeatmapOptions) {
    this.host = new Host(container, { className: 'heatgl', pixelRatio: () => this.options.pixelRatio, draw: () => this.render(), resized: () => this.resized() });
    checkOptions(options);
    const matrix = toMatrix(data);
    const o = resolveOptions(options, matrix);
    this.options = o;
    this.loader = new ProgressiveLoader({
      limits: (limits) => this.limitsReady(limits),
      progress: (fraction) => {
        const total = this.matrix.rows * this.matrix.cols;
        this.events.emit('progress', { loaded: Math.round(fraction * total), total, fraction });
      },
      redraw: () => this.host.requestFrame(),
    });
    this.limits = limitsTiming(o, true) === 'first' ? dataLimits(matrix.values, o.mask, o.robust) : NO_LIMITS;
    this.scale = resolveScale(this.limits, o.user, offsetStorage(o));
    this.source = createMemorySource(matrix, o.mask, allCellsFinite(matrix, o.mask, this.limits.count));
    this.viewCtl = new ViewController(o.space, { units: 'cell coordinates', log: () => [this.options.xlog, this.options.ylog], changed: () => this.viewChanged() });
    this.figure = new FigureOverlay(o.figure);
    this.element = this.host.element;
    this.canvas = this.host.canvas;
    this.overlayCanvas = document.createElement('canvas');
    this.overlayCanvas.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;';
    this.element.append(this.canvas, this.overlayCanvas);
    this.host.attach(() => this.destroy());
    // Sized before their contexts exist: each later change of a canvas's width or height reallocates its buffer.
    if (this.host.measure()) this.applyLayout();
    try {
      const overlayCtx = this.overlayCanvas.getContext('2d');
      if (!overlayCtx) throw new HeatglError('Canvas2D is not available for the figure overlay: heatgl needs a browser DOM with WebGL or Canvas2D (DOM emulations such as jsdom have no canvas)');
      this.overlayCtx = overlayCtx;
      this.renderer = createRenderer(this.canvas, o, { lost: () => this.contextLost(), restored: () => this.contextRestored() });
      try {
        this.values = this.upload(this.source, o, this.scale);
      } catch (err) {
        this.renderer.destroy();
        throw err;
      }
    } catch (err) {
      this.host.detach();
      throw err;
    }
    this.host.maxSide = this.renderer.maxCanvasSide;
    this.pointer = new HeatmapPointer(this.canvas, this.element, {
      view: this.viewCtl,
      events: this.events,
      axesSize: () => this.axesSize(),
      cellAt: (x, y) => this.cellAt(x, y),
      cellToClient: (r, c) => this.cellToClient(r, c),
      matrix: () => this.matrix,
      options: () => this.options,
    });
    this.host.start();
    this.figure.invalidate();
  }

  private get matrix(): Matrix {
    return this.source.matrix;
  }

  // A lost context (driver reset, too many contexts, WEBGL_lose_context) takes every GL object with it. The data,
  // options and view live on the CPU: the renderer rebuilds its objects on restore and the values go up again.
  private contextLost(): void {
    this.host.cancelFrame();
    this.loader.stop();
    this.events.emit('contextlost', undefined);
  }

  private contextRestored(): void {
    if (this.host.destroyed) return;
    this.values = this.upload(this.source, this.options, this.scale);
    this.events.emit('contextrestored', undefined);
    this.host.requestFrame();
  }

  private limitsReady(limits: DataLimits): void {
    this.limits = limits;
    this.source.setAllFinite(allCellsFinite(this.matrix, this.source.mask, limits.count));
    this.scale = resolveScale(limits, this.options.user, offsetStorage(this.options));
    // Before the first band (a sliced upload): the values go up for these limits. After the last (an upload at once):
    // upload() checks that the offset they went up with still resolves the range.
    if (this.values.loadedRows === 0) {
      const q = this.values.quant;
      if (q) this.values.quant = quantizer(q.qmax === 254 ? 'uint8' : 'uint16', this.scale.vmin, this.scale.vmax);
      this.values.valueOffset = offsetFor(this.scale, this.options.storage, 0);
    }
    this.figure.invalidate();
  }

  /** Makes the value store for `source` and starts moving the values into it (all at once, or in slices). */
  private upload(source: MemorySource, o: ResolvedOptions, scale: ColorScale): ValueTextures {
    const t0 = Host.now();
    const plan = { tileSize: o.tileSize, halo: o.halo, storage: o.storage, reduce: o.reduce, maxGpuBytes: o.maxGpuBytes, vmin: scale.vmin, vmax: scale.vmax, offset: offsetFor(scale, o.storage, 0), maxAbs: () => finiteMaxAbs(source.matrix.values, source.mask, plan.offset) };
    const values = this.renderer.createValues(source, plan, () => {
      this.loader.arrived(values);
      this.host.requestFrame();
    });
    const pending = Number.isNaN(this.limits.min) && limitsTiming(o, true) !== 'first' ? { values: source.matrix.values, mask: source.mask } : undefined;
    this.values = values;
    // The next frame's shader compiles ahead of the values in the GPU's queue (behind them it waits for all of them);
    // with the limits still to scan, for finite values (the scan's likely finding; else the first draw compiles).
    if (!o.progressive && this.host.sized) this.renderer.prepare({ ...this.scene(this.canvas.width, this.canvas.height, this.viewCtl.rect), allFinite: source.allFinite || pending !== undefined });
    this.loader.stop();
    this.loader.start(values, o.progressive, pending);
    if (!o.progressive && pending && needsReupload(values, this.scale, o.storage)) {
      // The values went up before their limits were known, without the offset that these limits need (values far
      // from zero in a narrow range): up again, now with it.
      values.destroy();
      return this.upload(source, o, this.scale);
    }
    this.lastUploadMs = Host.now() - t0;
    this.uploads++;
    return values;
  }

  loaded(): Promise<void> {
    this.alive();
    return this.loader.loaded(false);
  }

  private alive(): void {
    this.host.alive('heatmap');
  }

  setData(data: MatrixInput, options: HeatmapOptions = {}): void {
    this.alive();
    const matrix = toMatrix(data);
    // The mask option is read again for the new matrix (a mask of the old shape is an error, as before).
    const o = resolveOptions({ mask: this.options.user.mask, ...options }, matrix, this.options);
    const limits = limitsTiming(o, false) === 'first' ? dataLimits(matrix.values, o.mask, o.robust) : NO_LIMITS;
    const source = createMemorySource(matrix, o.mask, allCellsFinite(matrix, o.mask, limits.count));
    const reset = matrix.rows !== this.matrix.rows || matrix.cols !== this.matrix.cols || planChanges(this.options, o, false, true).resetView;
    // Everything validated: only now replace GPU state (the old textures stay until the new ones exist).
    this.commit({ options: o, limits, scale: resolveScale(limits, o.user, offsetStorage(o)), source }, true);
    this.viewCtl.setSpace(o.space, reset);
    this.host.requestFrame();
  }

  update(options: HeatmapOptions): void {
    this.alive();
    const o = resolveOptions(options, this.matrix, this.options);
    const maskGiven = 'mask' in options;
    const plan = planChanges(this.options, o, maskGiven, !Number.isNaN(this.limits.p2));
    const limits = plan.limits ? dataLimits(this.matrix.values, maskGiven ? o.mask : this.source.mask, o.robust) : this.limits;
    const scale = resolveScale(limits, o.user, offsetStorage(o));
    const source = maskGiven ? createMemorySource(this.matrix, o.mask, false) : this.source;
    this.commit({ options: o, limits, scale, source }, plan.reupload || needsReupload(this.values, scale, o.storage));
    this.viewCtl.setSpace(o.space, plan.resetView, true);
    if (this.host.measure()) this.figure.invalidate();
    this.host.requestFrame();
  }

  /** Applies a validated state; with `reupload` the values go up again first, and a failure there (GPU memory,
   * float16 range) leaves the previous state as it was. */
  private commit(next: { options: ResolvedOptions; limits: DataLimits; scale: ColorScale; source: MemorySource }, reupload: boolean): void {
    const prev = { options: this.options, limits: this.limits, scale: this.scale, source: this.source };
    Object.assign(this, next);
    if (reupload) {
      const old = this.values;
      try {
        this.upload(next.source, next.options, next.scale);
      } catch (err) {
        Object.assign(this, prev);
        throw err;
      }
      old.destroy();
    }
    this.figure.setOptions(next.options.figure);
  }

  // ---- live data ------------------------------------------------------------------------------------------------
  updateRegion(row0: number, col0: number, block: MatrixInput): void {
    this.alive();
    const b = toMatrix(block);
    const { rows, cols } = this.matrix;
    if (!Number.isInteger(row0) || !Number.isInteger(col0) || row0 < 0 || col0 < 0 || row0 + b.rows > rows || col0 + b.cols > cols) {
      throw new HeatglError(`updateRegion: a ${b.rows} × ${b.cols} block at row ${String(row0)}, column ${String(col0)} does not fit the ${rows} × ${cols} matrix (row0 and col0 are integers from 0)`);
    }
    this.valuesChanged(() => this.source.writeRegion(row0, col0, b));
  }

  appendRows(block: MatrixInput): void {
    this.alive();
    const b = toMatrix(block);
    if (this.options.grid) throw new HeatglError('appendRows works on plain cells; it cannot scroll a grid given by xEdges / yEdges / x / y / extent');
    if (b.cols !== this.matrix.cols) throw new HeatglError(`appendRows: the block has ${b.cols} columns but the matrix has ${this.matrix.cols}`);
    this.valuesChanged(() => this.source.appendRows(b));
    if (this.matrix.rowLabels) this.figure.invalidate();
  }

  /** An in-place change: `edit` changes the source, which names the storage regions it changed; then new limits when
   * they come from the data, and either the local GPU write of those regions or (for quantised storage whose range
   * moved) a full re-upload. */
  private valuesChanged(edit: () => void): void {
    const regions: SourceRegion[] = [];
    const stop = this.source.onChange((r) => regions.push(r));
    try {
      edit();
    } finally {
      stop();
    }
    if (this.options.autoLimits) {
      this.limits = dataLimits(this.matrix.values, this.source.mask, this.options.robust);
      this.scale = resolveScale(this.limits, this.options.user, offsetStorage(this.options));
    }
    if (needsReupload(this.values, this.scale, this.options.storage)) {
      const old = this.values;
      this.values = this.upload(this.source, this.options, this.scale);
      old.destroy();
    } else if (!this.renderer.lost) {
      const t0 = Host.now();
      for (const r of regions) this.values.writeRegion(r.row0, r.col0, r.rows, r.cols);
      this.lastUploadMs = Host.now() - t0;
    }
    this.host.requestFrame();
  }

  getScale(): ColorScale {
    this.alive();
    return this.scale;
  }

  // ---- view -----------------------------------------------------------------------------------------------------
  private viewChanged(): void {
    this.events.emit('view', this.getView());
    this.pointer.refresh();
    this.host.requestFrame();
  }

  setView(view: Partial<CellView>): void {
    this.alive();
    this.viewCtl.set(view);
  }

  getView(): CellView {
    this.alive();
    return this.viewCtl.get();
  }

  resetView(): void {
    this.alive();
    this.viewCtl.reset();
  }

  private axesSize(): { width: number; height: number } {
    const a = this.layoutNow?.axes;
    return { width: a?.width ?? 0, height: a?.height ?? 0 };
  }

  cellAt(clientX: number, clientY: number): CellInfo | null {
    this.alive();
    return cellAtClient(this.viewCtl, this.options.grid, this.matrix, this.source.mask, this.canvas.getBoundingClientRect(), clientX, clientY);
  }

  cellToClient(row: number, col: number): ClientRect {
    this.alive();
    return cellClientRect(this.viewCtl, this.options.grid, this.canvas.getBoundingClientRect(), row, col);
  }

  // ---- drawing --------------------------------------------------------------------------------------------------
  private resized(): void {
    this.figure.invalidate();
    this.host.requestFrame();
  }

  resize(): void {
    this.alive();
    this.host.resize();
  }

  /** Lays the figure out and sizes both canvases to it. */
  private applyLayout(): NonNullable<HeatmapImpl['layoutNow']> {
    const layout = this.figure.layout(this.host.cssWidth, this.host.cssHeight, this.frameData());
    this.host.placeCanvas(layout.axes, !exportTiled(this.host, layout.axes.width, layout.axes.height));
    this.host.sizeCanvas(this.overlayCanvas, this.host.cssWidth, this.host.cssHeight);
    this.layoutNow = layout;
    return layout;
  }

  private frameData(): FrameData {
    const m = this.matrix;
    const o = this.options;
    return { rows: m.rows, cols: m.cols, view: this.viewCtl.rect, scale: this.scale, values: m.values, mask: this.source.mask, annot: o.annot, rowLabels: m.rowLabels, colLabels: m.colLabels, space: o.space, grid: o.grid };
  }

  render(): void {
    this.alive();
    if (this.renderer.lost) return;
    this.host.cancelFrame();
    const t0 = Host.now();
    // Catches pixel-ratio changes that fired no media-query event (e.g. emulated ones) before drawing blurry.
    if (this.host.ratioChanged && this.host.measure()) this.figure.invalidate();
    // A container without a size (hidden, or auto height) shows nothing until it gets one; the size watcher redraws.
    if (!this.host.sized) return;
    let layout = this.applyLayout();
    this.host.fitBuffer((w, h) => this.renderer.bufferSize(w, h), () => {
      this.figure.invalidate();
      layout = this.applyLayout();
    });
    const label = ariaSummary(this.matrix.rows, this.matrix.cols, this.limits.min, this.limits.max, this.options.user.title);
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
    // A tiled export draws the cells tile by tile (exportTile).
    if (!exportTiled(this.host, layout.axes.width, layout.axes.height)) this.drawnLevel = this.renderer.draw(this.scene(this.canvas.width, this.canvas.height, this.viewCtl.rect));
    this.figure.draw(this.overlayCtx, layout, this.frameData(), this.host.dpr);
    this.lastFrameMs = Host.now() - t0;
    this.frames++;
    this.events.emit('render', { durationMs: this.lastFrameMs });
  }

  /** The cells of `view` in a canvas of widthPx × heightPx, as the renderer draws (or prepares) them. */
  private scene(widthPx: number, heightPx: number, view: ViewRect): HeatmapScene {
    const o = this.options;
    return {
      source: this.source,
      values: this.values,
      scale: this.scale,
      view,
      space: o.space,
      grid: o.grid,
      interpolation: o.interpolation,
      lineWidthPx: o.lineWidth * this.host.dpr,
      lineColor: o.lineColor,
      reduce: o.reduce,
      widthPx,
      heightPx,
      allFinite: this.source.allFinite,
    };
  }

  /** One tile of a tiled export: the part `t` of the `full`-sized picture, drawn at the canvas's top-left. */
  private exportTile(t: PixelRect, full: { width: number; height: number }): HTMLCanvasElement {
    [this.canvas.width, this.canvas.height] = [t.width, t.height];
    this.renderer.draw(this.scene(t.width, t.height, tileView(this.viewCtl.rect, this.options.space, t, full)));
    return this.canvas;
  }

  /** Draws the final picture: a frame drawn before its level-of-detail pyramid existed is drawn again from it. */
  private renderSettled(): void {
    this.render();
    if (this.values.settle()) this.render();
  }

  readPixels(): PixelData {
    this.renderSettled();
    const { width, height } = this.canvas;
    return { width, height, data: this.renderer.readPixels(width, height) };
  }

  // ---- export ---------------------------------------------------------------------------------------------------
  toCanvas(options: ExportOptions = {}): HTMLCanvasElement {
    this.alive();
    return exportFigure(this.host, options, () => this.exportFrame());
  }

  toSVG(options: ExportOptions = {}): string {
    this.alive();
    return atExportScale(this.host, options, () => this.exportFrame(), (scale, f) => {
      const layout = this.layoutNow ?? this.applyLayout();
      const draw = (ctx: CanvasRenderingContext2D) => this.figure.draw(ctx, layout, this.frameData());
      return figureSvg({ width: this.host.cssWidth, height: this.host.cssHeight, scale, background: options.background, cells: { canvas: cellsCanvas(this.host, f), rect: f.axes }, draw });
    });
  }

  /** Draws the figure at the host's current ratio and says where its canvases are. */
  private exportFrame(): ExportFrame {
    if (this.host.measure()) this.figure.invalidate();
    this.renderSettled();
    return { axes: this.layoutNow?.axes ?? { x: 0, y: 0, width: 0, height: 0 }, canvas: this.canvas, overlay: this.overlayCanvas, tile: (t, full) => this.exportTile(t, full) };
  }

  toDataURL(options: ExportOptions = {}): string {
    return this.toCanvas(options).toDataURL('image/png');
  }

  toBlob(options: ExportOptions = {}): Promise<Blob> {
    return pngBlob(this.toCanvas(options));
  }

  drawnText(): DrawnText {
    this.alive();
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
    this.alive();
    const v = this.values;
    return {
      renderer: this.renderer.name,
      maxTextureSize: this.renderer.maxTextureSize,
      ...storeStats(v),
      gpuBytes: v.baseBytes + v.levelBytes + this.scale.lut.n * 4,
      reduce: v.reduce === 'nearest' ? 'nearest' : this.options.reduce,
      drawnLevel: this.drawnLevel,
      uploadSlicesMs: this.loader.sliceMs.slice(),
      lastUploadMs: Math.max(this.lastUploadMs, this.loader.uploadMs),
      lastFrameMs: this.lastFrameMs,
      uploads: this.uploads,
      frames: this.frames,
      pixelRatio: this.host.dpr,
      pixelRatioAsked: this.host.requestedDpr,
    };
  }

  on<K extends keyof HeatmapEvents>(name: K, callback: (payload: HeatmapEvents[K]) => void): () => void {
    this.alive();
    return this.events.on(name, callback);
  }

  destroy(): void {
    this.host.destroy(() => {
      this.loader.stop();
      this.loader.resolve();
      this.pointer.destroy();
      this.values.destroy();
      this.renderer.destroy();
      this.events.clear();
    });
  }
}

/**
 * Draws `data` as a heatmap in `container` (the canvas fills it, and follows the container's size; a container without
 * a size shows nothing until it gets one). Colour options follow seaborn.heatmap. A second heatmap() on the same
 * container replaces the first, which is destroyed. Throws a {@link HeatglError} naming the problem for bad data or
 * options, and outside a browser DOM with WebGL or Canvas2D.
 */
export function heatmap(container: HTMLElement, source: StreamSource, options?: StreamHeatmapOptions): StreamHeatmap;
export function heatmap(container: HTMLElement, data: MatrixInput, options?: HeatmapOptions): Heatmap;
export function heatmap(container: HTMLElement, data: MatrixInput | StreamSource, options: HeatmapOptions | StreamHeatmapOptions = {}): Heatmap | StreamHeatmap {
  // A chunked store opened with openZarr streams tile by tile (src/stream); everything else lives in memory.
  if (isStreamSource(data)) return new StreamHeatmap(container, data, options as StreamHeatmapOptions);
  return new HeatmapImpl(container, data, options as HeatmapOptions);
}

// clustermap(): seaborn.clustermap in the browser (wiring). Clusters rows and columns (Web Worker), reorders the
// matrix, draws it with heatmap(), and adds dendrograms, colour bars and a corner colour bar on an overlay that
// follows the heatmap's pan and zoom. Clicking a branch selects its rows or columns.
import type { LinkageMethod, Metric } from './core/cluster';
import { leafOrder } from './core/cluster';
import { type ColorBars, type ColorBarsInput, resolveColorBars } from './core/color-bars';
import { treeLayout, type TreeLayout } from './core/dendrogram-layout';
import { Emitter } from './core/emitter';
import { HeatglError, describe, fail } from './core/errors';
import { type Matrix, type MatrixInput, toMask, toMatrix } from './core/matrix';
import { nonsingular } from './core/ticks';
import { flatLinkage, permute } from './core/reorder';
import { checkClusterOptions, type ClusterJob, type ClusterResult, destroyedError, runClusterJobSoon } from './cluster-job';
import { cssColor } from './core/colors';
import { FIGURE_DEFAULTS } from './figure';
import { type ComposedFigure, composeCanvas, composeSvg, pngBlob } from './export/compose';
import { type ExportOptions, type Heatmap, type HeatmapOptions, heatmap } from './heatmap';
import { type ClusterOverlayState, drawClusterOverlay, stripNameRoom, type TreeKws, treeStyleOf } from './overlay/cluster-overlay';

export type { TreeKws };
import { hitLink, type TreeStyle } from './overlay/dendrogram';
import type { Rect } from './overlay/layout';
import { DEFAULT_FAMILY } from './overlay/text';
import { runInClusterWorker } from './workers/start';

/** Options of {@link clustermap}: seaborn.clustermap's, camelCase, plus every heatmap option. */
export interface ClustermapOptions extends HeatmapOptions {
  /** Linkage method. @default 'average' */
  method?: LinkageMethod | undefined;
  /** Distance metric, or a function of two rows. @default 'euclidean' */
  metric?: Metric | undefined;
  /** Standardise rows (0) or columns (1) to z-scores before clustering and drawing. @default null */
  zScore?: 0 | 1 | null | undefined;
  /** Scale rows (0) or columns (1) to 0..1. @default null */
  standardScale?: 0 | 1 | null | undefined;
  /** @default true */
  rowCluster?: boolean | undefined;
  /** @default true */
  colCluster?: boolean | undefined;
  /** Precomputed row linkage (scipy's Z, (rows-1) × 4, flat or nested). */
  rowLinkage?: Float64Array | readonly (readonly number[])[] | null | undefined;
  colLinkage?: Float64Array | readonly (readonly number[])[] | null | undefined;
  /** Colour bars beside the rows: CSS colours or categories (then a legend), one array per bar. */
  rowColors?: ColorBarsInput | null | undefined;
  colColors?: ColorBarsInput | null | undefined;
  /** Share of the figure for the dendrograms, [rows, columns] or both. @default 0.2 */
  dendrogramRatio?: number | readonly [number, number] | undefined;
  /** Share of the figure per colour bar, [rows, columns] or both. @default 0.03 */
  colorsRatio?: number | readonly [number, number] | undefined;
  treeKws?: TreeKws | undefined;
  /** Replace NaN with this value for clustering (seaborn raises on NaN). @default undefined: NaN is an error */
  fillNaN?: number | undefined;
  /** Cluster in a Web Worker (falls back to the main thread when none can be made). @default true */
  worker?: boolean | undefined;
}

export interface Selection {
  axis: 'row' | 'col';
  /** Row or column indices of the input data, in drawn order. */
  indices: number[];
  /** First and last drawn position. */
  range: [number, number];
}

export interface ClustermapEvents {
  progress: { axis: 'row' | 'col'; fraction: number };
  ready: ClusterMap;
  select: Selection | null;
  error: Error;
}

export interface ClusterMap {
  readonly element: HTMLElement;
  /** Resolves when clustering is done and the clustered heatmap is drawn. */
  readonly ready: Promise<ClusterMap>;
  /** The heatmap (drawn unclustered until `ready`). */
  readonly heatmap: Heatmap;
  /** seaborn's dendrogram_row.reordered_ind (identity when rows are not clustered). */
  readonly rowOrder: readonly number[];
  readonly colOrder: readonly number[];
  /** scipy's Z for rows/columns, (n-1) × 4 row-major; null when not clustered. */
  readonly rowLinkage: Float64Array | null;
  readonly colLinkage: Float64Array | null;
  /** The whole figure (trees, strips and their names, heatmap, colour bar, tick labels) as one PNG canvas at
   * `scale` output pixels per CSS pixel, on `background` (white). */
  toCanvas(options?: ExportOptions): HTMLCanvasElement;
  toBlob(options?: ExportOptions): Promise<Blob>;
  toDataURL(options?: ExportOptions): string;
  /** The whole figure as SVG: vectors and text, the cells as one PNG at `scale`. */
  toSVG(options?: ExportOptions): string;
  selection(): Selection | null;
  /** Selects the branch of Z row `k` (null clears). */
  select(axis: 'row' | 'col', k: number | null): void;
  on<K extends keyof ClustermapEvents>(name: K, cb: (payload: ClustermapEvents[K]) => void): () => void;
  destroy(): void;
}

const pair = (v: number | readonly [number, number] | undefined, d: number): [number, number] =>
  v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : [v[0], v[1]];

class ClusterMapImpl implements ClusterMap {
  readonly element: HTMLDivElement;
  readonly heatmap: Heatmap;
  readonly ready: Promise<ClusterMap>;
  rowOrder: number[];
  colOrder: number[];
  rowLinkage: Float64Array | null = null;
  colLinkage: Float64Array | null = null;
  private readonly host: HTMLDivElement;
  private readonly overlay: HTMLCanvasElement;
  private readonly events = new Emitter<ClustermapEvents>();
  private readonly matrix: Matrix;
  private readonly treeStyle: TreeStyle;
  /** CSS pixels the heatmap's bottom / right edges are moved in by to fit the strips' names. */
  private margins = { bottom: 0, right: 0 };
  /** Non-zero while exporting: the layout must not move between the heatmap's export and the overlay's. */
  private exportDepth = 0;
  private readonly rowBars: ColorBars;
  private readonly colBars: ColorBars;
  private rowTree: TreeLayout | null = null;
  private colTree: TreeLayout | null = null;
  private selected: { axis: 'row' | 'col'; k: number } | null = null;
  private clustered = false;
  private worker: Worker | undefined;
  private destroyed = false;
  private stopJob: () => void = () => undefined;
  private readonly offRender: () => void;
  private readonly areas: { row: Rect; col: Rect; rowColors: Rect; colColors: Rect; corner: Rect } = {
    row: { x: 0, y: 0, width: 0, height: 0 },
    col: { x: 0, y: 0, width: 0, height: 0 },
    rowColors: { x: 0, y: 0, width: 0, height: 0 },
    colColors: { x: 0, y: 0, width: 0, height: 0 },
    corner: { x: 0, y: 0, width: 0, height: 0 },
  };

  constructor(
    container: HTMLElement,
    data: MatrixInput,
    private readonly options: ClustermapOptions,
  ) {
    if (!(container instanceof HTMLElement)) fail(`container must be an HTMLElement, got ${describe(container)}`);
    const m = toMatrix(data);
    this.matrix = m;
    const o = options;
    if (o.zScore != null && o.standardScale != null) fail('zScore and standardScale cannot both be set (seaborn: "Cannot perform both z-scoring and standard-scaling on data")');
    for (const [k, v] of [['zScore', o.zScore], ['standardScale', o.standardScale]] as const) {
      if (v != null && v !== 0 && v !== 1) fail(`${k} must be 0 (rows), 1 (columns) or null, got ${describe(v)}`);
    }
    if (o.fillNaN !== undefined && !Number.isFinite(o.fillNaN)) fail(`fillNaN must be a finite number, got ${describe(o.fillNaN)}`);
    const linkageOptions = checkClusterOptions(o.method, o.metric);
    for (let i = 0; i < m.values.length; i++) {
      const v = +(m.values[i] as number);
      if (!Number.isFinite(v) && o.fillNaN === undefined) {
        fail(`the data has a non-finite value (${v}) at row ${Math.floor(i / m.cols)}, column ${i % m.cols}; clustering needs finite values (seaborn raises too) — pass fillNaN to replace them`);
      }
    }
    this.treeStyle = treeStyleOf(o.treeKws);
    if (o.textColor !== undefined) cssColor(o.textColor, 'textColor');
    for (const [key, n, what] of [['xticklabels', m.cols, 'column'], ['yticklabels', m.rows, 'row']] as const) {
      const spec = o[key];
      if (Array.isArray(spec) && spec.length !== n) fail(`${key} has ${spec.length} labels but there are ${n} ${what}s: clustermap reorders them with the ${what}s, one label per ${what}`);
    }
    this.rowBars = resolveColorBars(o.rowColors, m.rows, 'rowColors');
    this.colBars = resolveColorBars(o.colColors, m.cols, 'colColors');
    const rowZ = o.rowLinkage ? flatLinkage(o.rowLinkage, m.rows, 'rowLinkage') : null;
    const colZ = o.colLinkage ? flatLinkage(o.colLinkage, m.cols, 'colLinkage') : null;
    this.rowOrder = Array.from({ length: m.rows }, (_, i) => i);
    this.colOrder = Array.from({ length: m.cols }, (_, i) => i);

    this.element = document.createElement('div');
    this.element.className = 'heatgl-clustermap';
    this.element.style.cssText = 'position:relative;width:100%;height:100%;overflow:hidden;';
    this.host = document.createElement('div');
    this.host.style.cssText = 'position:absolute;right:0;bottom:0;';
    this.overlay = document.createElement('canvas');
    this.overlay.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;';
    this.element.append(this.host, this.overlay);
    container.appendChild(this.element);
    this.placeHost();
    const { method, metric, zScore, standardScale, rowCluster, colCluster, rowLinkage, colLinkage, rowColors, colColors, dendrogramRatio, colorsRatio, treeKws, fillNaN, worker, square, ...heatmapOptions } = o;
    // seaborn: "``square=True`` ignored in clustermap" (the grid of axes fixes the heatmap's shape).
    if (square) console.warn('heatgl: ``square=True`` ignored in clustermap (as in seaborn)');
    try {
      this.heatmap = heatmap(this.host, data, { yticksPosition: 'right', ...heatmapOptions, cbar: false });
    } catch (err) {
      this.element.remove();
      throw err;
    }
    // seaborn's clustermap has a colour bar, which widens a constant matrix's singular range (the heatmap here draws
    // none of its own: the corner bar is ours).
    const scale = this.heatmap.getScale();
    if (o.cbar !== false && scale.vmin === scale.vmax && scale.norm.kind === 'linear') {
      const [vmin, vmax] = nonsingular(scale.vmin, scale.vmax, 0.1);
      this.heatmap.update({ vmin, vmax });
    }
    this.offRender = this.heatmap.on('render', () => this.drawOverlay());
    this.element.addEventListener('click', this.onClick);

    const values = Float64Array.from(m.values as ArrayLike<number>, (v) => (Number.isFinite(+v) ? +v : (fillNaN as number)));
    const job: ClusterJob = {
      values,
      rows: m.rows,
      cols: m.cols,
      method: linkageOptions.method,
      metric: linkageOptions.metric,
      zScore: zScore ?? null,
      standardScale: standardScale ?? null,
      rowCluster: (rowCluster ?? true) && rowZ === null,
      colCluster: (colCluster ?? true) && colZ === null,
    };
    const progress = (axis: 'row' | 'col', fraction: number) => this.events.emit('progress', { axis, fraction });
    const useWorker = worker !== false && typeof metric !== 'function' && typeof Worker !== 'undefined';
    // Settles once: with the result, the job's HeatglError, or the "destroyed" error when destroy() comes first.
    const run = new Promise<ClusterResult>((resolve, reject) => {
      let cancel: () => void = () => undefined;
      this.stopJob = () => {
        cancel();
        reject(destroyedError());
      };
      const here = () => {
        const soon = runClusterJobSoon(job, progress);
        cancel = soon.cancel;
        soon.result.then(resolve, reject);
      };
      if (!useWorker) return here();
      runInClusterWorker(job, progress, (w) => {
        this.worker = w;
      }).then(resolve, (err: unknown) => (err instanceof HeatglError ? reject(err) : here()));
    });
    this.ready = run.then((result) => {
      if (this.destroyed) throw destroyedError();
      if (rowZ) result.rowZ = rowZ;
      if (colZ) result.colZ = colZ;
      if (rowZ) result.rowOrder = leafOrder(rowZ);
      if (colZ) result.colOrder = leafOrder(colZ);
      this.apply(result);
      this.events.emit('ready', this);
      return this;
    });
    this.ready.catch((err: unknown) => this.events.emit('error', err instanceof Error ? err : new Error(String(err))));
  }

  /** Room for dendrograms and colour bars: the heatmap figure gets the rest (seaborn's dendrogram_ratio, colors_ratio). */
  private placeHost(): void {
    const w = this.element.clientWidth || 600;
    const h = this.element.clientHeight || 600;
    const [dr, dc] = pair(this.options.dendrogramRatio, 0.2);
    const [cr, cc] = pair(this.options.colorsRatio, 0.03);
    const left = (this.options.rowCluster === false && !this.options.rowLinkage ? 0 : dr * w) + this.rowBars.bars.length * cr * w;
    const top = (this.options.colCluster === false && !this.options.colLinkage ? 0 : dc * h) + this.colBars.bars.length * cc * h;
    // Whole CSS pixels: the heatmap's canvases then sit on the device grid, crisp on screen and in the export.
    this.host.style.left = `${Math.round(left)}px`;
    this.host.style.top = `${Math.round(top)}px`;
  }

  private apply(r: ClusterResult): void {
    const m = this.matrix;
    this.rowOrder = r.rowOrder;
    this.colOrder = r.colOrder;
    this.rowLinkage = r.rowZ;
    this.colLinkage = r.colZ;
    this.rowTree = r.rowZ ? treeLayout(r.rowZ, r.rowOrder) : null;
    this.colTree = r.colZ ? treeLayout(r.colZ, r.colOrder) : null;
    const o = this.options;
    const labels = (src: readonly string[] | undefined, order: readonly number[]) => order.map((i) => src?.[i] ?? String(i));
    const reordered = {
      values: permute(r.values, m.rows, m.cols, r.rowOrder, r.colOrder),
      rows: m.rows,
      cols: m.cols,
      rowLabels: labels(m.rowLabels, r.rowOrder),
      colLabels: labels(m.colLabels, r.colOrder),
    };
    const extra: HeatmapOptions = {};
    const mask = toMask(o.mask, m.rows, m.cols);
    if (mask) extra.mask = permute(mask, m.rows, m.cols, r.rowOrder, r.colOrder);
    if (o.annot !== undefined && o.annot !== null && typeof o.annot !== 'boolean') {
      const a = toMatrix(o.annot);
      extra.annot = { values: permute(a.values, a.rows, a.cols, r.rowOrder, r.colOrder), rows: a.rows, cols: a.cols };
    }
    for (const [key, order] of [['yticklabels', r.rowOrder], ['xticklabels', r.colOrder]] as const) {
      const spec = o[key];
      if (Array.isArray(spec)) extra[key] = order.map((i) => spec[i] as string);
    }
    this.clustered = true;
    this.heatmap.setData(reordered, extra);
  }

  /** Rectangles of the trees and colour bars, aligned with the heatmap's axes (CSS px relative to the element). */
  private layout(): { axes: Rect } {
    const fig = this.element.getBoundingClientRect();
    const a = this.heatmap.figureLayout().axes;
    const axes = { x: a.x - fig.left, y: a.y - fig.top, width: a.width, height: a.height };
    const w = fig.width;
    const h = fig.height;
    const [cr, cc] = pair(this.options.colorsRatio, 0.03);
    const gap = 2;
    const rowColorsW = this.rowBars.bars.length * cr * w;
    const colColorsH = this.colBars.bars.length * cc * h;
    this.areas.rowColors = { x: axes.x - gap - rowColorsW, y: axes.y, width: rowColorsW, height: axes.height };
    this.areas.colColors = { x: axes.x, y: axes.y - gap - colColorsH, width: axes.width, height: colColorsH };
    const rowRight = this.areas.rowColors.x - (rowColorsW > 0 ? gap : 0);
    const colBottom = this.areas.colColors.y - (colColorsH > 0 ? gap : 0);
    this.areas.row = { x: 0, y: axes.y, width: Math.max(0, rowRight), height: axes.height };
    this.areas.col = { x: axes.x, y: 0, width: axes.width, height: Math.max(0, colBottom) };
    this.areas.corner = { x: 0, y: 0, width: Math.max(0, rowRight), height: Math.max(0, colBottom) };
    return { axes };
  }

  /** Everything the overlay draws, for the screen and for export. */
  private overlayState(pixelRatio: number): ClusterOverlayState {
    const { axes } = this.layout();
    const fig = this.element.getBoundingClientRect();
    const view = this.heatmap.getView();
    const reorder = (bars: string[][], order: readonly number[]) => bars.map((bar) => order.map((i) => bar[i] as string));
    const sel = this.selected;
    const range = sel ? (sel.axis === 'row' ? this.rowTree : this.colTree)?.range[sel.k] : undefined;
    const scale = this.heatmap.getScale();
    const o = this.options;
    return {
      width: fig.width,
      height: fig.height,
      axes,
      areas: this.areas,
      view,
      rowTree: this.clustered ? this.rowTree : null,
      colTree: this.clustered ? this.colTree : null,
      rowStrips: { colors: reorder(this.rowBars.bars, this.rowOrder), names: this.rowBars.names },
      colStrips: { colors: reorder(this.colBars.bars, this.colOrder), names: this.colBars.names },
      legend: [...this.rowBars.legend, ...this.colBars.legend].flat(),
      selection: sel && range ? { axis: sel.axis, k: sel.k, range } : null,
      tree: { ...this.treeStyle, pixelRatio },
      cbar: o.cbar === false ? null : { lut: scale.lut, vmin: scale.vmin, vmax: scale.vmax },
      fontSize: o.fontSize ?? FIGURE_DEFAULTS.fontSize,
      fontFamily: o.fontFamily ?? DEFAULT_FAMILY,
      textColor: cssColor(o.textColor ?? FIGURE_DEFAULTS.textColor, 'textColor'),
    };
  }

  /** The heatmap's pixel ratio (not the canvas's width ratio, which rounding makes fractional). */
  private pixelRatio(): number {
    return this.options.pixelRatio ?? (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
  }

  private drawOverlay(): void {
    if (this.destroyed) return;
    const dpr = this.pixelRatio();
    const fig = this.element.getBoundingClientRect();
    const W = Math.max(1, Math.round(fig.width * dpr));
    const H = Math.max(1, Math.round(fig.height * dpr));
    if (this.overlay.width !== W) this.overlay.width = W;
    if (this.overlay.height !== H) this.overlay.height = H;
    const ctx = this.overlay.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const state = this.overlayState(dpr);
    if (this.fitStripNames(ctx, state)) return;
    ctx.clearRect(0, 0, state.width, state.height);
    drawClusterOverlay(ctx, state);
  }

  /** Moves the heatmap's bottom / right edge in when the strips' names (under the row strips, right of the column
   * strips) need more room than its tick labels leave; true when the heatmap will redraw (and this overlay with it). */
  private fitStripNames(ctx: CanvasRenderingContext2D, s: ClusterOverlayState): boolean {
    if (this.exportDepth > 0) return false;
    const need = stripNameRoom(ctx, s);
    const bottom = Math.max(0, need.below - (s.height - (s.axes.y + s.axes.height) - this.margins.bottom));
    const right = Math.max(0, need.right - (s.width - (s.axes.x + s.axes.width) - this.margins.right));
    if (Math.abs(bottom - this.margins.bottom) < 1 && Math.abs(right - this.margins.right) < 1) return false;
    this.margins = { bottom, right };
    this.host.style.bottom = `${bottom}px`;
    this.host.style.right = `${right}px`;
    this.heatmap.resize();
    return true;
  }

  /** Where the heatmap's figure sits in the clustermap's, CSS pixels. */
  private heatmapOffset(): { x: number; y: number } {
    const fig = this.element.getBoundingClientRect();
    const at = this.heatmap.element.getBoundingClientRect();
    return { x: at.left - fig.left, y: at.top - fig.top };
  }

  /** Runs an export of the heatmap with the layout frozen, then describes the figure around it. */
  private exportFigure<T>(options: ExportOptions, inner: (scale: number) => T): { figure: ComposedFigure; inner: T } {
    const scale = options.scale ?? this.pixelRatio();
    this.exportDepth++;
    let made: T;
    try {
      made = inner(scale);
    } finally {
      this.exportDepth--;
    }
    const fig = this.element.getBoundingClientRect();
    const state = this.overlayState(scale);
    const draw = (ctx: CanvasRenderingContext2D) => drawClusterOverlay(ctx, state);
    return { figure: { width: fig.width, height: fig.height, scale, background: options.background, at: this.heatmapOffset(), draw }, inner: made };
  }

  toCanvas(options: ExportOptions = {}): HTMLCanvasElement {
    const { figure, inner } = this.exportFigure(options, (scale) => this.heatmap.toCanvas({ scale, background: 'transparent' }));
    return composeCanvas(figure, inner);
  }

  toDataURL(options: ExportOptions = {}): string {
    return this.toCanvas(options).toDataURL('image/png');
  }

  toBlob(options: ExportOptions = {}): Promise<Blob> {
    return pngBlob(this.toCanvas(options));
  }

  toSVG(options: ExportOptions = {}): string {
    const { figure, inner } = this.exportFigure(options, (scale) => this.heatmap.toSVG({ scale, background: 'transparent' }));
    return composeSvg(figure, inner);
  }

  private readonly onClick = (e: MouseEvent) => {
    const fig = this.element.getBoundingClientRect();
    const x = e.clientX - fig.left;
    const y = e.clientY - fig.top;
    const inside = (r: Rect) => x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
    const { axes } = this.layout();
    const view = this.heatmap.getView();
    let hit: { axis: 'row' | 'col'; k: number } | null = null;
    if (this.rowTree && inside(this.areas.row)) {
      const k = hitLink(x, y, this.areas.row, 'row', this.rowTree, view.y, [axes.y, axes.y + axes.height]);
      if (k >= 0) hit = { axis: 'row', k };
    } else if (this.colTree && inside(this.areas.col)) {
      const k = hitLink(x, y, this.areas.col, 'col', this.colTree, view.x, [axes.x, axes.x + axes.width]);
      if (k >= 0) hit = { axis: 'col', k };
    } else {
      return;
    }
    this.select(hit?.axis ?? 'row', hit ? hit.k : null);
  };

  selection(): Selection | null {
    const s = this.selected;
    if (!s) return null;
    const tree = s.axis === 'row' ? this.rowTree : this.colTree;
    const range = tree?.range[s.k];
    if (!range) return null;
    const order = s.axis === 'row' ? this.rowOrder : this.colOrder;
    return { axis: s.axis, indices: order.slice(range[0], range[1] + 1), range: [range[0], range[1]] };
  }

  select(axis: 'row' | 'col', k: number | null): void {
    if (k === null) this.selected = null;
    else {
      const tree = axis === 'row' ? this.rowTree : this.colTree;
      if (!tree || !(Number.isInteger(k) && k >= 0 && k < tree.range.length)) fail(`no ${axis} branch ${k}: the ${axis} linkage has ${tree?.range.length ?? 0} merges`);
      this.selected = { axis, k };
    }
    this.events.emit('select', this.selection());
    this.drawOverlay();
  }

  on<K extends keyof ClustermapEvents>(name: K, cb: (payload: ClustermapEvents[K]) => void): () => void {
    return this.events.on(name, cb);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.worker?.terminate();
    this.stopJob();
    this.offRender();
    this.element.removeEventListener('click', this.onClick);
    this.heatmap.destroy();
    this.element.remove();
    this.events.clear();
  }
}

/**
 * seaborn.clustermap: hierarchical clustering of rows and columns (scipy's linkage and leaf order), dendrograms, colour
 * bars and the reordered heatmap. Returns at once with the unclustered heatmap; `ready` resolves when clustered.
 */
export function clustermap(container: HTMLElement, data: MatrixInput, options: ClustermapOptions = {}): ClusterMap {
  return new ClusterMapImpl(container, data, options);
}

// Options of heatmap() (wiring): the option types with their seaborn/matplotlib counterparts, their validation (all
// of it before any state changes, so bad input leaves the previous picture intact), and what they resolve to: the
// figure options, the pcolormesh/imshow grid and its data space, the interpolation mode.
import type { CmapInput } from './core/colormaps';
import { type ColorInput, cssColor, parseColor } from './core/colors';
import { describe, fail, quote } from './core/errors';
import { type Grid, type GridOptions, resolveGrid } from './core/grid';
import { type Matrix, type MatrixInput, type MaskInput, toMatrix } from './core/matrix';
import type { NormSpec } from './core/norms';
import { checkScaleOptions } from './core/scale';
import { REDUCES, type Reduce, STORAGES, type Storage } from './core/storage';
import { type AnnotKws, type CbarKws, checkFigureOptions, FIGURE_DEFAULTS, type FigureOptions, type TickLabelsSpec } from './figure';
import type { HoverInfo } from './types';
import { cellSpace, type Space } from './core/camera';

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
  /** Colour of NaN, ±Infinity and masked cells (and values a log norm cannot take). matplotlib `cmap.set_bad`. @default 'transparent' */
  badColor?: ColorInput | undefined;
  /** matplotlib norm: 'linear', 'log', { type: 'log' | 'symlog' | 'power' | 'boundary' | 'twoslope' | 'centered', … } with matplotlib's parameters. @default 'linear' */
  norm?: NormSpec | null | undefined;
  /** Colour for values below the norm's range. matplotlib `cmap.set_under`. @default the colormap's first colour */
  underColor?: ColorInput | undefined;
  /** Colour for values above the norm's range. matplotlib `cmap.set_over`. @default the colormap's last colour */
  overColor?: ColorInput | undefined;
  /** Resample the colormap to this many colours (hard steps). matplotlib `get_cmap(name, levels)`. @default undefined */
  levels?: number | undefined;
  /** Drag to pan, wheel/pinch to zoom, double-click to reset. Fixed at creation: update() / setData() with another
   * value throw a HeatglError. @default true */
  interactive?: boolean | undefined;
  /** Device pixels per CSS pixel of the drawing buffer. @default window.devicePixelRatio */
  pixelRatio?: number | undefined;
  /** Largest texture tile side in cells; smaller values force tiling (testing). @default the GPU's MAX_TEXTURE_SIZE */
  tileSize?: number | undefined;
  /** Largest GPU memory the value textures may take; larger matrices are refused with an error before any upload.
   * @default 2 GiB */
  maxGpuBytes?: number | undefined;
  /** How cells are stored on the GPU: 'float32' (exact), 'float16' (half the memory, 11 significant bits, |v| ≤
   * 65504), 'uint16' / 'uint8' (a linear quantisation of [vmin, vmax] into 65535 / 255 steps: a value is drawn within
   * (vmax - vmin) / 131068 or / 508 of itself, values outside clip to the ends; the data is re-quantised when vmin or
   * vmax change). @default 'float32' */
  storage?: Storage | undefined;
  /** Level of detail: when several cells share a screen pixel, draw them reduced on the GPU before the colormap,
   * ignoring NaN and masked cells: 'mean', 'max' (a single hot cell stays visible at every zoom), 'min', or
   * 'nearest' (one cell per pixel, no pyramid: aliasing). The pyramid takes at most 0.27 × the base memory.
   * @default 'mean' */
  reduce?: Reduce | undefined;
  /** Upload the values in row bands spread over animation frames (no main-thread block over ~50 ms; the picture
   * fills in band by band, 'progress' events tell how far it is, `hm.loaded()` resolves at the end). 'auto' does so
   * above 2^24 cells. @default 'auto' */
  progressive?: boolean | 'auto' | undefined;
  /** What to do when WebGL cannot be created: 'none' throws a HeatglError, 'canvas2d' draws on the CPU with Canvas2D
   * instead (nearest cells, no interpolation or grid lines; slower, but the same colours). Fixed at creation.
   * @default 'none' */
  fallback?: 'none' | 'canvas2d' | undefined;
  /** Draw in one WebGL context shared with other heatmaps and copy each frame to this heatmap's own 2D canvas, so
   * pages with dozens of heatmaps stay within the browser's limit on live contexts (Chromium: 16). 'auto' shares
   * once 8 heatmaps hold contexts of their own. Fixed at creation. @default 'auto' */
  sharedContext?: boolean | 'auto' | undefined;
  /** Keep the drawing buffer after compositing (slower; for screenshots of the canvas). Fixed at creation.
   * @default false */
  preserveDrawingBuffer?: boolean | undefined;
  /** Column labels: 'auto' thins them as seaborn does, true all, false none, n every n-th, or the labels. seaborn `xticklabels`. @default 'auto' */
  xticklabels?: TickLabelsSpec | undefined;
  /** Row labels, as `xticklabels`. seaborn `yticklabels`. @default 'auto' */
  yticklabels?: TickLabelsSpec | undefined;
  /** Write each cell's value (true) or the value of another matrix of the same shape in it. seaborn `annot`. @default false */
  annot?: boolean | MatrixInput | null | undefined;
  /** Python format spec for annotations and tooltip values (Python's format(value, fmt)). seaborn `fmt`. @default '.2g' */
  fmt?: string | undefined;
  /** Annotation text style. seaborn `annot_kws`. @default {} */
  annotKws?: AnnotKws | undefined;
  /** Width of the lines between cells, CSS pixels. seaborn `linewidths`. @default 0 */
  linewidths?: number | undefined;
  /** Colour of the lines between cells. seaborn `linecolor`. @default 'white' */
  linecolor?: ColorInput | undefined;
  /** Draw a colour bar. seaborn `cbar`. @default true */
  cbar?: boolean | undefined;
  /** Colour bar options. seaborn `cbar_kws`. @default {} */
  cbarKws?: CbarKws | undefined;
  /** Square cells on screen. seaborn `square`. @default false */
  square?: boolean | undefined;
  /** Figure title (text, never HTML). matplotlib `ax.set_title`. @default '' */
  title?: string | undefined;
  /** x axis label. matplotlib `ax.set_xlabel`. @default '' */
  xlabel?: string | undefined;
  /** y axis label. matplotlib `ax.set_ylabel`. @default '' */
  ylabel?: string | undefined;
  /** Tick label size in CSS pixels; titles and axis labels are drawn a little larger. @default 12 */
  fontSize?: number | undefined;
  /** @default matplotlib's DejaVu Sans, then the browser's sans-serif */
  fontFamily?: string | undefined;
  /** Colour of ticks and texts. @default '#000' */
  textColor?: ColorInput | undefined;
  /** Column edges (cols + 1, monotonic, non-uniform allowed). matplotlib `pcolormesh(X, Y, C)`: the view, ticks and
   * cellAt are then in data coordinates, y growing upwards. @default undefined (cell coordinates, row 0 at the top) */
  xEdges?: GridOptions['xEdges'];
  /** Row edges (rows + 1). @default undefined */
  yEdges?: GridOptions['yEdges'];
  /** Column centres (pcolormesh shading='nearest'). @default undefined */
  x?: GridOptions['x'];
  /** Row centres. @default undefined */
  y?: GridOptions['y'];
  /** imshow's [left, right, bottom, top]. @default (-0.5, cols - 0.5, rows - 0.5, -0.5) when `origin` is given */
  extent?: GridOptions['extent'];
  /** imshow's origin: 'upper' puts row 0 at the top, 'lower' at the bottom. @default 'upper' */
  origin?: GridOptions['origin'];
  /** Scale of the x axis of a grid: 'log' spaces it logarithmically with log ticks. matplotlib `ax.set_xscale`. @default 'linear' */
  xscale?: 'linear' | 'log' | undefined;
  /** Scale of the y axis of a grid. matplotlib `ax.set_yscale`. @default 'linear' */
  yscale?: 'linear' | 'log' | undefined;
  /** Data-space interpolation between cell centres before the colormap, as imshow's: NaN and masked neighbours never
   * bleed into valid cells. matplotlib `interpolation`. @default 'nearest' */
  interpolation?: 'nearest' | 'none' | 'bilinear' | 'bicubic' | undefined;
  /** pcolormesh's shading: 'flat' (cells) or 'gouraud' (smooth: drawn as bilinear interpolation of the cell values).
   * @default 'flat' */
  shading?: 'flat' | 'nearest' | 'gouraud' | undefined;
  /** imshow's aspect: 'auto' fills the axes, 'equal' makes a data unit as long on both axes, a number is the ratio
   * of a y unit's length to an x unit's. @default 'auto' ('equal' in imshow, but seaborn's heatmaps fill the axes) */
  aspect?: 'auto' | 'equal' | number | undefined;
  /** Side of the y ticks, tick labels and y label. matplotlib `ax.yaxis.set_ticks_position`. @default 'left' */
  yticksPosition?: 'left' | 'right' | undefined;
  /** Hover tooltip: true for row label, column label and value; a function for your own text; false for none. @default true */
  tooltip?: boolean | ((info: HoverInfo) => string) | undefined;
}

export const DEFAULT_MAX_GPU_BYTES = 2 * 2 ** 30;


/** Largest `levels`: the LUT is one texture row, and every WebGL device takes 4096 texels. */
export const MAX_LEVELS = 4096;

const BOOLEAN_OPTIONS = ['robust', 'interactive', 'cbar', 'square', 'preserveDrawingBuffer'] as const;
const STRING_OPTIONS = ['fontFamily', 'textColor'] as const;
const OBJECT_OPTIONS = ['annotKws', 'cbarKws'] as const;

/** The type of every option that the specific checks below do not look at. */
function checkTypes(o: HeatmapOptions): void {
  for (const key of BOOLEAN_OPTIONS) if (o[key] !== undefined && typeof o[key] !== 'boolean') fail(`${key} must be true or false, got ${describe(o[key])}`);
  for (const key of STRING_OPTIONS) if (o[key] !== undefined && typeof o[key] !== 'string') fail(`${key} must be a string, got ${describe(o[key])}`);
  for (const key of OBJECT_OPTIONS) {
    const v = o[key];
    if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) fail(`${key} must be an object, got ${describe(v)}`);
  }
  if (o.fontSize !== undefined && !(typeof o.fontSize === 'number' && o.fontSize > 0 && Number.isFinite(o.fontSize))) fail(`fontSize must be a positive number of CSS pixels, got ${describe(o.fontSize)}`);
  if (o.sharedContext !== undefined && typeof o.sharedContext !== 'boolean' && o.sharedContext !== 'auto') fail(`sharedContext must be true, false or 'auto', got ${describe(o.sharedContext)}`);
  if (o.tooltip !== undefined && typeof o.tooltip !== 'boolean' && typeof o.tooltip !== 'function') fail(`tooltip must be true, false or a function of the hovered cell, got ${describe(o.tooltip)}`);
  if (o.origin !== undefined && o.origin !== 'upper' && o.origin !== 'lower') fail(`origin must be 'upper' or 'lower', got ${describe(o.origin)}`);
  if (o.levels !== undefined && typeof o.levels === 'number' && o.levels > MAX_LEVELS) fail(`levels must be at most ${MAX_LEVELS} (the colormap is one texture row), got ${describe(o.levels)}`);
}

export function checkOptions(o: HeatmapOptions): void {
  if (o === null || typeof o !== 'object') fail(`options must be an object, got ${describe(o)}`);
  checkTypes(o);
  checkScaleOptions(o);
  if (o.linewidths !== undefined && !(typeof o.linewidths === 'number' && o.linewidths >= 0 && Number.isFinite(o.linewidths))) {
    fail(`linewidths must be a number >= 0 (CSS pixels), got ${describe(o.linewidths)}`);
  }
  if (o.linecolor !== undefined) parseColor(o.linecolor, 'linecolor');
  if (o.interpolation !== undefined && !['nearest', 'none', 'bilinear', 'bicubic'].includes(o.interpolation)) {
    fail(`interpolation must be 'nearest', 'none', 'bilinear' or 'bicubic', got ${describe(o.interpolation)}`);
  }
  for (const key of ['xscale', 'yscale'] as const) {
    if (o[key] !== undefined && o[key] !== 'linear' && o[key] !== 'log') fail(`${key} must be 'linear' or 'log', got ${describe(o[key])}`);
  }
  if (o.shading !== undefined && !['flat', 'nearest', 'gouraud'].includes(o.shading)) fail(`shading must be 'flat', 'nearest' or 'gouraud', got ${describe(o.shading)}`);
  for (const key of ['title', 'xlabel', 'ylabel', 'fmt'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') fail(`${key} must be a string, got ${describe(o[key])}`);
  }
  if (o.pixelRatio !== undefined && !(typeof o.pixelRatio === 'number' && o.pixelRatio > 0 && Number.isFinite(o.pixelRatio))) {
    fail(`pixelRatio must be a positive number, got ${describe(o.pixelRatio)}`);
  }
  if (o.fallback !== undefined && o.fallback !== 'none' && o.fallback !== 'canvas2d') fail(`fallback must be 'none' or 'canvas2d', got ${describe(o.fallback)}`);
  if (o.maxGpuBytes !== undefined && !(typeof o.maxGpuBytes === 'number' && o.maxGpuBytes > 0)) fail(`maxGpuBytes must be a positive number, got ${describe(o.maxGpuBytes)}`);
  if (o.tileSize !== undefined && !(Number.isInteger(o.tileSize) && o.tileSize >= 1)) {
    fail(`tileSize must be a positive integer, got ${describe(o.tileSize)}`);
  }
  if (o.storage !== undefined && !STORAGES.includes(o.storage)) fail(`storage must be one of ${STORAGES.map((s) => `'${s}'`).join(', ')}, got ${describe(o.storage)}`);
  if (o.reduce !== undefined && !REDUCES.includes(o.reduce)) fail(`reduce must be one of ${REDUCES.map((s) => `'${s}'`).join(', ')}, got ${describe(o.reduce)}`);
  if (o.progressive !== undefined && typeof o.progressive !== 'boolean' && o.progressive !== 'auto') fail(`progressive must be true, false or 'auto', got ${describe(o.progressive)}`);
}

/** Cells above which progressive: 'auto' uploads in bands over several frames. */
export const PROGRESSIVE_CELLS = 2 ** 24;

/** 0 nearest, 1 bilinear, 2 bicubic (the shader's uInterp). */
export function interpolationOf(o: HeatmapOptions): number {
  if (o.interpolation === 'bicubic') return 2;
  if (o.interpolation === 'bilinear' || o.shading === 'gouraud') return 1;
  return 0;
}

/** The pcolormesh / imshow grid the options describe, or undefined for plain cells (seaborn's heatmap). */
export function gridOf(o: HeatmapOptions, rows: number, cols: number): Grid | undefined {
  const keys = ['xEdges', 'yEdges', 'x', 'y', 'extent', 'origin'] as const;
  if (!keys.some((k) => o[k] !== undefined && o[k] !== null)) {
    if (o.xscale === 'log' || o.yscale === 'log') fail("xscale / yscale 'log' need data coordinates: give xEdges / yEdges, x / y or extent");
    return undefined;
  }
  const g: GridOptions = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) (g as Record<string, unknown>)[k] = o[k];
  const grid = resolveGrid(rows, cols, g);
  // A log axis is drawn as a linear axis over log10 of the data: edges, view and cell lookups all live in log units,
  // and only the API (getView/setView) and the tick labels convert back.
  const log = (edges: Float64Array, name: string) => {
    const bad = edges.findIndex((e) => !(e > 0));
    if (bad >= 0) fail(`${name}scale 'log' needs positive ${name} edges, but edge ${bad} is ${edges[bad]}`);
    return edges.map(Math.log10);
  };
  return {
    ...grid,
    xEdges: o.xscale === 'log' ? log(grid.xEdges, 'x') : grid.xEdges,
    yEdges: o.yscale === 'log' ? log(grid.yEdges, 'y') : grid.yEdges,
  };
}

/** The data space: cells for a plain heatmap; the grid's bounds and matplotlib's axis directions otherwise. */
export function spaceOf(grid: Grid | undefined, rows: number, cols: number): Space {
  if (!grid) return cellSpace(rows, cols);
  const xe = grid.xEdges;
  const ye = grid.yEdges;
  const x0 = Math.min(xe[0] as number, xe[cols] as number);
  const x1 = Math.max(xe[0] as number, xe[cols] as number);
  const y0 = Math.min(ye[0] as number, ye[rows] as number);
  const y1 = Math.max(ye[0] as number, ye[rows] as number);
  return { x0, x1, y0, y1, xFlip: grid.xInverted, yDown: grid.yInverted, minSpanX: (x1 - x0) / cols, minSpanY: (y1 - y0) / rows };
}

export function figureOptions(o: HeatmapOptions): FigureOptions {
  const d = FIGURE_DEFAULTS;
  return {
    xticklabels: o.xticklabels ?? d.xticklabels,
    yticklabels: o.yticklabels ?? d.yticklabels,
    cbar: o.cbar ?? d.cbar,
    cbarKws: o.cbarKws ?? d.cbarKws,
    square: o.square ?? d.square,
    title: o.title ?? d.title,
    xlabel: o.xlabel ?? d.xlabel,
    ylabel: o.ylabel ?? d.ylabel,
    fontSize: o.fontSize ?? d.fontSize,
    fontFamily: o.fontFamily ?? d.fontFamily,
    textColor: o.textColor === undefined ? d.textColor : cssColor(o.textColor, 'textColor'),
    fmt: o.fmt ?? d.fmt,
    annotKws: o.annotKws ?? d.annotKws,
    yticksPosition: o.yticksPosition ?? d.yticksPosition,
    aspect: o.aspect ?? d.aspect,
    xscale: o.xscale ?? 'linear',
    yscale: o.yscale ?? 'linear',
  };
}

/** The values to annotate, validated against the data shape. */
function annotValues(annot: HeatmapOptions['annot'], m: Matrix): ArrayLike<number> | undefined {
  if (annot === undefined || annot === null || annot === false) return undefined;
  if (annot === true) return m.values;
  const a = toMatrix(annot);
  if (a.rows !== m.rows || a.cols !== m.cols) fail(`annot has shape ${a.rows}×${a.cols} but the data has ${m.rows}×${m.cols}`);
  return a.values;
}

/** Everything validated up front so that a bad option leaves the previous picture intact. */
export function checkAll(o: HeatmapOptions, m: Matrix): { figure: FigureOptions; annot: ArrayLike<number> | undefined } {
  const figure = figureOptions(o);
  checkFigureOptions(figure, m.rows, m.cols);
  const annot = annotValues(o.annot, m);
  if (annot !== undefined && /d$/.test(figure.fmt)) {
    // Python's format raises for fmt 'd' on a non-integer float: say so now, naming the cell, not mid-frame.
    for (let i = 0; i < annot.length; i++) {
      const v = +(annot[i] as number);
      if (Number.isFinite(v) && !Number.isInteger(v)) {
        fail(`fmt ${quote(figure.fmt)} cannot format cell (${Math.floor(i / m.cols)}, ${i % m.cols}) = ${v}: Python's 'd' format takes integers only`);
      }
    }
  }
  return { figure, annot };
}

// What a clustermap draws around its heatmap (overlay layer): dendrograms, colour strips and their names, the
// selected branch, and the corner colour bar with the categories' legend. One function for the screen, the PNG
// export and the SVG export, so the three never differ. CSS pixels; `pixelRatio` only snaps lines to device pixels.
import type { Colormap } from '../core/colormaps';
import { type ColorInput, cssColor } from '../core/colors';
import { describe, fail } from '../core/errors';
import type { TreeLayout } from '../core/dendrogram-layout';
import { colorbarAxis } from '../core/ticks';
import { drawColorbar } from './colorbar';
import { drawColorBars, drawDendrogram, type TreeStyle } from './dendrogram';
import { type FigureLayout, type Rect, TICK_LENGTH, TICK_PAD } from './layout';
import { cssFont } from './text';

/** seaborn's tree_kws (matplotlib LineCollection keywords). */
export interface TreeKws {
  /** Colour of the links (any matplotlib colour). @default seaborn's (0.2, 0.2, 0.2) */
  color?: ColorInput | undefined;
  /** seaborn / LineCollection spelling of `color`. */
  colors?: ColorInput | undefined;
  /** CSS pixels, drawn as whole device pixels. @default 1 */
  linewidth?: number | undefined;
  /** seaborn / LineCollection spelling of `linewidth`. */
  linewidths?: number | undefined;
  /** Colour of a selected branch. @default '#d62728' */
  highlight?: ColorInput | undefined;
}

/** Validated tree style (colours parsed, errors name the option). */
export function treeStyleOf(tk: TreeKws | undefined): TreeStyle {
  const k = tk ?? {};
  if (k === null || typeof k !== 'object') fail(`treeKws must be an object, got ${describe(k)}`);
  const width = k.linewidth ?? k.linewidths ?? 1;
  if (!(typeof width === 'number' && width > 0 && Number.isFinite(width))) fail(`treeKws.linewidth must be a positive number of CSS pixels, got ${describe(width)}`);
  const color = k.color ?? k.colors;
  return {
    color: color === undefined ? 'rgba(51, 51, 51, 1)' : cssColor(color, k.color !== undefined ? 'treeKws.color' : 'treeKws.colors'),
    lineWidth: width,
    highlight: cssColor(k.highlight ?? '#d62728', 'treeKws.highlight'),
  };
}

export interface ClusterAreas {
  row: Rect;
  col: Rect;
  rowColors: Rect;
  colColors: Rect;
  corner: Rect;
}

export interface ClusterStrips {
  /** colors[bar][position]: CSS colours in drawn (clustered) order. */
  colors: string[][];
  /** Each bar's name, '' for none (seaborn labels named strips: DataFrame columns, a Series' name). */
  names: string[];
}

export interface ClusterOverlayState {
  /** Figure size, CSS pixels. */
  width: number;
  height: number;
  /** The heatmap's axes, relative to the figure. */
  axes: Rect;
  areas: ClusterAreas;
  /** Visible cells: [first, last) along x (columns) and y (rows). */
  view: { x: readonly [number, number]; y: readonly [number, number] };
  rowTree: TreeLayout | null;
  colTree: TreeLayout | null;
  rowStrips: ClusterStrips;
  colStrips: ClusterStrips;
  legend: readonly { label: string; color: string }[];
  /** The selected branch: its axis, Z row and leaf range. */
  selection: { axis: 'row' | 'col'; k: number; range: readonly [number, number] } | null;
  tree: TreeStyle;
  /** The corner colour bar, or null for none. */
  cbar: { lut: Colormap; vmin: number; vmax: number } | null;
  fontSize: number;
  fontFamily: string;
  textColor: string;
}

/** Draws over what `ctx` holds (the screen's overlay clears its canvas first; an export draws over the heatmap). */
export function drawClusterOverlay(ctx: CanvasRenderingContext2D, s: ClusterOverlayState): void {
  const { axes, areas, view } = s;
  const xPx: [number, number] = [axes.x, axes.x + axes.width];
  const yPx: [number, number] = [axes.y, axes.y + axes.height];
  const marked = (axis: 'row' | 'col', tree: TreeLayout) => new Set(s.selection && s.selection.axis === axis ? tree.subtree(s.selection.k) : []);
  if (s.rowTree) drawDendrogram(ctx, areas.row, 'row', s.rowTree, view.y, yPx, s.tree, marked('row', s.rowTree));
  if (s.colTree) drawDendrogram(ctx, areas.col, 'col', s.colTree, view.x, xPx, s.tree, marked('col', s.colTree));
  drawColorBars(ctx, areas.rowColors, 'row', s.rowStrips.colors, view.y, yPx);
  drawColorBars(ctx, areas.colColors, 'col', s.colStrips.colors, view.x, xPx);
  drawStripNames(ctx, s);
  if (s.selection) drawSelection(ctx, s);
  drawCorner(ctx, s);
}

/**
 * seaborn names the strips with tick labels: under the row strips, rotated 90° (xticklabels of ax_row_colors), and
 * right of the column strips, horizontal (yticklabels of ax_col_colors, moved to the right).
 */
function drawStripNames(ctx: CanvasRenderingContext2D, s: ClusterOverlayState): void {
  const font = cssFont({ size: s.fontSize, family: s.fontFamily, weight: 'normal' });
  ctx.save();
  ctx.font = font;
  ctx.fillStyle = s.textColor;
  ctx.strokeStyle = s.textColor;
  ctx.lineWidth = 1;
  const rows = s.rowStrips;
  const r = s.areas.rowColors;
  if (rows.names.some((n) => n !== '')) {
    const band = r.width / rows.names.length;
    const bottom = r.y + r.height;
    rows.names.forEach((name, b) => {
      if (name === '') return;
      const x = Math.round(r.x + (b + 0.5) * band) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, bottom);
      ctx.lineTo(x, bottom + TICK_LENGTH);
      ctx.stroke();
      ctx.save();
      ctx.translate(x, bottom + TICK_LENGTH + TICK_PAD);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(name, 0, 0);
      ctx.restore();
    });
  }
  const cols = s.colStrips;
  const c = s.areas.colColors;
  if (cols.names.some((n) => n !== '')) {
    const band = c.height / cols.names.length;
    const right = c.x + c.width;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    cols.names.forEach((name, b) => {
      if (name === '') return;
      const y = Math.round(c.y + (b + 0.5) * band) + 0.5;
      ctx.beginPath();
      ctx.moveTo(right, y);
      ctx.lineTo(right + TICK_LENGTH, y);
      ctx.stroke();
      ctx.fillText(name, right + TICK_LENGTH + TICK_PAD, y);
    });
  }
  ctx.restore();
}

/** Room the strips' names need beyond the heatmap's axes: below the row strips and right of the column strips. */
export function stripNameRoom(ctx: CanvasRenderingContext2D, s: ClusterOverlayState): { below: number; right: number } {
  ctx.save();
  ctx.font = cssFont({ size: s.fontSize, family: s.fontFamily, weight: 'normal' });
  const widest = (names: readonly string[]) => {
    const named = names.filter((n) => n !== '');
    return named.length === 0 ? 0 : Math.ceil(Math.max(...named.map((n) => ctx.measureText(n).width)) + TICK_LENGTH + TICK_PAD + 2);
  };
  const room = { below: widest(s.rowStrips.names), right: widest(s.colStrips.names) };
  ctx.restore();
  return room;
}

function drawSelection(ctx: CanvasRenderingContext2D, s: ClusterOverlayState): void {
  const sel = s.selection;
  if (!sel) return;
  const { axes, view } = s;
  ctx.save();
  ctx.beginPath();
  ctx.rect(axes.x, axes.y, axes.width, axes.height);
  ctx.clip();
  ctx.fillStyle = 'rgba(214, 39, 40, 0.18)';
  ctx.strokeStyle = s.tree.highlight;
  const span = sel.axis === 'row' ? view.y : view.x;
  const len = sel.axis === 'row' ? axes.height : axes.width;
  const p0 = ((sel.range[0] - span[0]) / (span[1] - span[0])) * len;
  const p1 = ((sel.range[1] + 1 - span[0]) / (span[1] - span[0])) * len;
  const r = sel.axis === 'row' ? { x: axes.x, y: axes.y + p0, width: axes.width, height: p1 - p0 } : { x: axes.x + p0, y: axes.y, width: p1 - p0, height: axes.height };
  ctx.fillRect(r.x, r.y, r.width, r.height);
  ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.width - 1, r.height - 1);
  ctx.restore();
}

/** seaborn puts the colour bar in the top-left corner, above the row dendrogram; categorical legends go beside it. */
function drawCorner(ctx: CanvasRenderingContext2D, s: ClusterOverlayState): void {
  const c = s.areas.corner;
  if (!s.cbar || c.width < 30 || c.height < 40) return;
  const fontSize = Math.min(s.fontSize, 11);
  const font = cssFont({ size: fontSize, family: s.fontFamily, weight: 'normal' });
  const bar = { x: c.x + 10, y: c.y + 10, width: Math.min(14, c.width * 0.15), height: Math.max(10, c.height - 20) };
  const axis = colorbarAxis(s.cbar.vmin, s.cbar.vmax, bar.height, fontSize, 'vertical');
  const layout = { cbar: bar, cbarTriangle: 0, cbarLabel: { x: 0, y: 0 } } as unknown as FigureLayout;
  drawColorbar(ctx, layout, s.cbar.lut, { values: axis.ticks, labels: axis.labels, offset: axis.offset, range: axis.view }, {
    orientation: 'vertical',
    extend: 'neither',
    label: '',
    font,
    labelFont: font,
    color: s.textColor,
  });
  if (s.legend.length === 0) return;
  ctx.save();
  ctx.font = font;
  ctx.textBaseline = 'middle';
  const x0 = c.x + c.width * 0.55;
  s.legend.slice(0, Math.floor((c.height - 10) / (fontSize + 4))).forEach((entry, i) => {
    const y = c.y + 10 + i * (fontSize + 4) + fontSize / 2;
    ctx.fillStyle = entry.color;
    ctx.fillRect(x0, y - fontSize / 2 + 1, fontSize - 2, fontSize - 2);
    ctx.fillStyle = s.textColor;
    ctx.fillText(entry.label, x0 + fontSize + 2, y);
  });
  ctx.restore();
}

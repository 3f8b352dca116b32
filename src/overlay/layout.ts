// Figure layout (overlay layer, pure arithmetic): where the heatmap axes, tick labels, titles and colourbar go
// inside the container, in CSS pixels. Margins are sized from the labels so nothing is clipped by the container.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Orientation = 'vertical' | 'horizontal';
export type Extend = 'neither' | 'min' | 'max' | 'both';

export interface LayoutSpec {
  width: number;
  height: number;
  /** How far the first/last x tick labels may reach past the axes' left/right ends (0: none). */
  xOverhang: number;
  /** How far the first/last y tick labels may reach past the axes' top/bottom (0: none). */
  yOverhang: number;
  /** Space the x tick labels need below the ticks (0: no x tick labels). */
  xTickExtent: number;
  /** Space the y tick labels need beside the ticks (0: no y tick labels). */
  yTickExtent: number;
  /** y ticks, tick labels and y label on the right of the axes (seaborn's clustermap) instead of the left. */
  yRight: boolean;
  title: boolean;
  titleSize: number;
  xlabel: boolean;
  ylabel: boolean;
  labelSize: number;
  cbar: { orientation: Orientation; shrink: number; tickExtent: number; label: boolean; extend: Extend } | null;
  /** Rows and columns when cells must be square on screen. */
  square: { rows: number; cols: number } | null;
}

export interface FigureLayout {
  width: number;
  height: number;
  axes: Rect;
  /** The colour bar itself (without extension triangles). */
  cbar: Rect | null;
  /** Length of each extension triangle along the bar. */
  cbarTriangle: number;
  title: { x: number; y: number };
  xlabel: { x: number; y: number };
  ylabel: { x: number; y: number };
  cbarLabel: { x: number; y: number };
}

export const PAD = 6;
export const TICK_LENGTH = 5;
export const TICK_PAD = 3;
const CBAR_GAP = 14;
/** matplotlib's colorbar extension triangles are 5% of the bar's length. */
const EXTEND_FRAC = 0.05;

const tickBand = (extent: number) => (extent > 0 ? extent + TICK_LENGTH + TICK_PAD : 0);

export function computeLayout(s: LayoutSpec): FigureLayout {
  const labelBand = s.labelSize * 1.25 + 4;
  const thick = Math.min(20, Math.max(10, Math.round(Math.min(s.width, s.height) * 0.04)));
  // Padding only on sides that carry something, so a bare heatmap fills its container exactly.
  const pad = (n: number) => (n > 0 ? n + PAD : 0);
  const cbarBand = s.cbar ? CBAR_GAP + thick + tickBand(s.cbar.tickExtent) + (s.cbar.label ? labelBand : 0) : 0;
  const yBand = (s.ylabel ? labelBand : 0) + tickBand(s.yTickExtent);
  let left = pad(s.yRight ? 0 : yBand);
  let top = pad(s.title ? s.titleSize * 1.3 + 6 : 0);
  let right = pad((s.yRight ? yBand : 0) + (s.cbar?.orientation === 'vertical' ? cbarBand : 0));
  let bottom = pad((s.xlabel ? labelBand : 0) + tickBand(s.xTickExtent) + (s.cbar?.orientation === 'horizontal' ? cbarBand : 0));
  // Labels centred on the first and last cells may reach past the axes ends: keep them inside the container.
  left = Math.max(left, s.xOverhang);
  right = Math.max(right, s.xOverhang);
  top = Math.max(top, s.yOverhang);
  bottom = Math.max(bottom, s.yOverhang);
  let width = Math.max(1, s.width - left - right);
  let height = Math.max(1, s.height - top - bottom);
  // The colour bar is placed against the axes box before any aspect adjustment, as matplotlib's make_axes does: with
  // square cells it keeps the full height, beside the box rather than the shrunken axes.
  const box = { left, top, width, height };
  if (s.square) {
    // seaborn's square=True: set_aspect('equal') shrinks the axes and centres it in the space it had.
    const cell = Math.min(width / s.square.cols, height / s.square.rows);
    const w = cell * s.square.cols;
    const h = cell * s.square.rows;
    left += (width - w) / 2;
    top += (height - h) / 2;
    right += (width - w) / 2;
    bottom += (height - h) / 2;
    width = w;
    height = h;
  }
  const axes = { x: left, y: top, width, height };
  let cbar: Rect | null = null;
  let cbarTriangle = 0;
  let cbarLabel = { x: 0, y: 0 };
  if (s.cbar) {
    const ends = s.cbar.extend === 'both' ? 2 : s.cbar.extend === 'neither' ? 0 : 1;
    if (s.cbar.orientation === 'vertical') {
      const total = box.height * s.cbar.shrink;
      const len = total / (1 + EXTEND_FRAC * ends);
      cbarTriangle = len * EXTEND_FRAC;
      const start = s.cbar.extend === 'max' || s.cbar.extend === 'both' ? cbarTriangle : 0;
      cbar = { x: box.left + box.width + (s.yRight ? yBand : 0) + CBAR_GAP, y: box.top + (box.height - total) / 2 + start, width: thick, height: len };
      cbarLabel = { x: cbar.x + thick + tickBand(s.cbar.tickExtent) + labelBand / 2, y: box.top + box.height / 2 };
    } else {
      const total = box.width * s.cbar.shrink;
      const len = total / (1 + EXTEND_FRAC * ends);
      cbarTriangle = len * EXTEND_FRAC;
      const start = s.cbar.extend === 'min' || s.cbar.extend === 'both' ? cbarTriangle : 0;
      const y = box.top + box.height + tickBand(s.xTickExtent) + (s.xlabel ? labelBand : 0) + CBAR_GAP;
      cbar = { x: box.left + (box.width - total) / 2 + start, y, width: len, height: thick };
      cbarLabel = { x: box.left + box.width / 2, y: y + thick + tickBand(s.cbar.tickExtent) + labelBand / 2 };
    }
  }
  return {
    width: s.width,
    height: s.height,
    axes,
    cbar,
    cbarTriangle,
    title: { x: left + width / 2, y: top - s.titleSize * 0.65 - 3 },
    xlabel: { x: left + width / 2, y: top + height + tickBand(s.xTickExtent) + labelBand / 2 },
    ylabel: { x: s.yRight ? left + width + tickBand(s.yTickExtent) + labelBand / 2 : left - tickBand(s.yTickExtent) - labelBand / 2, y: top + height / 2 },
    cbarLabel,
  };
}

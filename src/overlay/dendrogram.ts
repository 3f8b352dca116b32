// Dendrograms and colour bars beside a clustered heatmap, on a Canvas2D overlay (overlay layer). Positions come from
// scipy-style link coordinates (leaf i at 5 + 10 i) mapped through the heatmap's current view, so the trees follow
// pan and zoom; a hit test finds the link under the pointer.
import type { Rect } from './layout';

/** scipy's dendrogram coordinates: per link, 4 positions along the leaves and 4 heights. */
export interface DendrogramCoords {
  icoord: readonly (readonly number[])[];
  dcoord: readonly (readonly number[])[];
}

export interface TreeStyle {
  /** CSS colour of the links. */
  color: string;
  /** CSS pixels; drawn as a whole number of device pixels (at least one). */
  lineWidth: number;
  highlight: string;
  /** Device pixels per CSS pixel of the target: lines are snapped to device pixels so they stay crisp. @default 1 */
  pixelRatio?: number | undefined;
}

/**
 * Snaps CSS coordinates to the device pixel grid for a line `widthDev` device pixels wide: the line's centre lands on
 * a pixel centre (odd widths) or a pixel edge (even widths), so it covers whole pixels only.
 */
export function pixelSnapper(pixelRatio: number, widthDev: number): (css: number) => number {
  const offset = (widthDev % 2) / 2;
  return (css: number) => (Math.floor(css * pixelRatio - offset + 0.5) + offset) / pixelRatio;
}

/** Maps a scipy leaf coordinate (5 + 10 i for leaf i) to a continuous cell coordinate (i + 0.5). */
export const leafToCell = (icoord: number) => icoord / 10;

/** Along-the-leaves pixel for a cell coordinate, given the visible span [v0, v1) drawn over [p0, p0 + len). */
const along = (cell: number, v0: number, v1: number, p0: number, len: number) => p0 + ((cell - v0) / (v1 - v0)) * len;

/**
 * Draws a dendrogram in `rect`. `axis` 'col': leaves along x at the bottom edge, root up; 'row': leaves along y at the
 * right edge, root to the left. `span` is the visible leaf range in cell coordinates; `leafPx` the pixel range the
 * cells occupy along the leaves (the heatmap's axes). Links in `highlighted` are drawn in the highlight colour.
 */
export function drawDendrogram(
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  axis: 'row' | 'col',
  coords: DendrogramCoords,
  span: readonly [number, number],
  leafPx: readonly [number, number],
  style: TreeStyle,
  highlighted: ReadonlySet<number>,
): void {
  const maxH = Math.max(1e-300, ...coords.dcoord.map((d) => Math.max(...d)));
  const depth = axis === 'col' ? rect.height : rect.width;
  const h = (d: number) => (d / maxH) * depth * 0.95;
  const dpr = style.pixelRatio ?? 1;
  const widthDev = Math.max(1, Math.round(style.lineWidth * dpr));
  const snap = pixelSnapper(dpr, widthDev);
  // The clip is on whole device pixels too, so a line at its edge is cut cleanly, not antialiased.
  const edge = (css: number) => Math.round(css * dpr) / dpr;
  ctx.save();
  ctx.beginPath();
  ctx.rect(edge(rect.x), edge(rect.y), edge(rect.x + rect.width) - edge(rect.x), edge(rect.y + rect.height) - edge(rect.y));
  ctx.clip();
  ctx.lineWidth = widthDev / dpr;
  // Square caps on pixel-centred ends cover the end pixels whole (butt caps would half-cover them).
  ctx.lineCap = 'square';
  const pass = (wantHighlight: boolean) => {
    ctx.strokeStyle = wantHighlight ? style.highlight : style.color;
    ctx.beginPath();
    coords.icoord.forEach((ic, k) => {
      if (highlighted.has(k) !== wantHighlight) return;
      const dc = coords.dcoord[k] as readonly number[];
      const lo = leafToCell(Math.min(...ic));
      const hi = leafToCell(Math.max(...ic));
      if (hi < span[0] - 1 || lo > span[1] + 1) return;
      for (let j = 0; j < 4; j++) {
        const a = along(leafToCell(ic[j] as number), span[0], span[1], leafPx[0], leafPx[1] - leafPx[0]);
        const b = h(dc[j] as number);
        // Snapped to device pixels so the lines stay crisp whatever the heatmap's (fractional) size.
        const x = snap(axis === 'col' ? a : rect.x + rect.width - b);
        const y = snap(axis === 'col' ? rect.y + rect.height - b : a);
        if (j === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
    });
    ctx.stroke();
  };
  pass(false);
  if (highlighted.size > 0) pass(true);
  ctx.restore();
}

/** The link whose horizontal bar (the one joining two subtrees) is within `tolerancePx` of the point, or -1. */
export function hitLink(
  px: number,
  py: number,
  rect: Rect,
  axis: 'row' | 'col',
  coords: DendrogramCoords,
  span: readonly [number, number],
  leafPx: readonly [number, number],
  tolerancePx = 4,
): number {
  const maxH = Math.max(1e-300, ...coords.dcoord.map((d) => Math.max(...d)));
  const depth = axis === 'col' ? rect.height : rect.width;
  const alongPt = axis === 'col' ? px : py;
  const heightPt = axis === 'col' ? rect.y + rect.height - py : rect.x + rect.width - px;
  let best = -1;
  let bestDist = tolerancePx;
  coords.icoord.forEach((ic, k) => {
    const d = (coords.dcoord[k] as readonly number[])[1] as number;
    const barH = (d / maxH) * depth * 0.95;
    const a0 = along(leafToCell(ic[1] as number), span[0], span[1], leafPx[0], leafPx[1] - leafPx[0]);
    const a1 = along(leafToCell(ic[2] as number), span[0], span[1], leafPx[0], leafPx[1] - leafPx[0]);
    if (alongPt < Math.min(a0, a1) - tolerancePx || alongPt > Math.max(a0, a1) + tolerancePx) return;
    const dist = Math.abs(heightPt - barH);
    if (dist < bestDist) {
      bestDist = dist;
      best = k;
    }
  });
  return best;
}

/**
 * Colour bars (seaborn's row_colors / col_colors): `colors[bar][leafPosition]` CSS colours, one band per bar, each
 * cell aligned with the heatmap cells of the visible span.
 */
export function drawColorBars(
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  axis: 'row' | 'col',
  colors: readonly (readonly string[])[],
  span: readonly [number, number],
  leafPx: readonly [number, number],
): void {
  if (colors.length === 0) return;
  const band = (axis === 'col' ? rect.height : rect.width) / colors.length;
  const first = Math.max(0, Math.floor(span[0]));
  const n = colors[0]?.length ?? 0;
  const last = Math.min(n, Math.ceil(span[1]));
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.width, rect.height);
  ctx.clip();
  colors.forEach((bar, b) => {
    for (let i = first; i < last; i++) {
      const a0 = along(i, span[0], span[1], leafPx[0], leafPx[1] - leafPx[0]);
      const a1 = along(i + 1, span[0], span[1], leafPx[0], leafPx[1] - leafPx[0]);
      ctx.fillStyle = bar[i] ?? 'transparent';
      if (axis === 'col') ctx.fillRect(a0, rect.y + b * band, a1 - a0 + 0.5, band - 1);
      else ctx.fillRect(rect.x + b * band, a0, band - 1, a1 - a0 + 0.5);
    }
  });
  ctx.restore();
}

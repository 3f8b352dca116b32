// Cell annotations on the Canvas2D overlay (overlay layer): only visible cells, only when a cell is large enough for
// its text, so a zoomed-out 10000 × 10000 matrix costs nothing and a zoomed-in one shows its numbers.
import type { Rect } from './layout';
import type { TextMeasurer } from './text';
import type { ViewSpan } from './axes';

export interface AnnotationSource {
  /** The text for a cell, or null for none (masked and NaN cells are not annotated, as in seaborn). */
  text(row: number, col: number): string | null;
  /** CSS colour for a cell's text. */
  color(row: number, col: number): string;
}

/** More visible cells than this are never annotated (text would be unreadable anyway at that density). */
const MAX_ANNOTATED = 20_000;

export interface AnnotationStats {
  drawn: number;
  /** Annotated cells' text boxes, figure CSS pixels, only when `collect` is set (tests). */
  boxes: { row: number; col: number; text: string; box: Rect; cell: Rect }[];
}

/** Which cells are visible and where each one is (figure CSS pixels). */
export interface CellGeometry {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
  rect(row: number, col: number): Rect;
}

/** Unit cells seen through a view in cell coordinates (seaborn's heatmap). */
export function uniformGeometry(axes: Rect, view: ViewSpan, rows: number, cols: number): CellGeometry {
  const cellW = axes.width / (view.x1 - view.x0);
  const cellH = axes.height / (view.y1 - view.y0);
  return {
    c0: Math.max(0, Math.floor(view.x0)),
    c1: Math.min(cols, Math.ceil(view.x1)),
    r0: Math.max(0, Math.floor(view.y0)),
    r1: Math.min(rows, Math.ceil(view.y1)),
    rect: (r, c) => ({ x: axes.x + (c - view.x0) * cellW, y: axes.y + (r - view.y0) * cellH, width: cellW, height: cellH }),
  };
}

export function drawAnnotations(
  ctx: CanvasRenderingContext2D,
  axes: Rect,
  geom: CellGeometry,
  src: AnnotationSource,
  font: string,
  fontSize: number,
  measure: TextMeasurer,
  collect = false,
): AnnotationStats {
  const stats: AnnotationStats = { drawn: 0, boxes: [] };
  const { c0, c1, r0, r1 } = geom;
  if (c1 <= c0 || r1 <= r0 || (c1 - c0) * (r1 - r0) > MAX_ANNOTATED) return stats;
  // Cheap rejection first: one digit must fit the first visible cell.
  const first = geom.rect(r0, c0);
  if (first.height < fontSize * 1.05 || first.width < fontSize * 0.7) return stats;
  // All or nothing: when the widest visible text does not fit its cell, none is drawn (a scatter of the short ones
  // would read as missing values).
  const cells: { r: number; c: number; text: string; w: number; cell: Rect }[] = [];
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const text = src.text(r, c);
      if (text === null) continue;
      const w = measure.width(text, font);
      const cell = geom.rect(r, c);
      if (w > cell.width - 2 || cell.height < fontSize * 1.05) return stats;
      cells.push({ r, c, text, w, cell });
    }
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(axes.x, axes.y, axes.width, axes.height);
  ctx.clip();
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const { r, c, text, w, cell } of cells) {
    const cx = cell.x + cell.width / 2;
    const cy = cell.y + cell.height / 2;
    ctx.fillStyle = src.color(r, c);
    ctx.fillText(text, cx, cy);
    stats.drawn++;
    if (collect) stats.boxes.push({ row: r, col: c, text, box: { x: cx - w / 2, y: cy - fontSize / 2, width: w, height: fontSize }, cell });
  }
  ctx.restore();
  return stats;
}

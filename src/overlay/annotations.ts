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

export function drawAnnotations(
  ctx: CanvasRenderingContext2D,
  axes: Rect,
  view: ViewSpan,
  rows: number,
  cols: number,
  src: AnnotationSource,
  font: string,
  fontSize: number,
  measure: TextMeasurer,
  collect = false,
): AnnotationStats {
  const stats: AnnotationStats = { drawn: 0, boxes: [] };
  const cellW = axes.width / (view.x1 - view.x0);
  const cellH = axes.height / (view.y1 - view.y0);
  // Cheap rejections first: one digit must fit.
  if (cellH < fontSize * 1.05 || cellW < fontSize * 0.7) return stats;
  const c0 = Math.max(0, Math.floor(view.x0));
  const c1 = Math.min(cols, Math.ceil(view.x1));
  const r0 = Math.max(0, Math.floor(view.y0));
  const r1 = Math.min(rows, Math.ceil(view.y1));
  if ((c1 - c0) * (r1 - r0) > MAX_ANNOTATED) return stats;
  // All or nothing: when the widest visible text does not fit its cell, none is drawn (a scatter of the short ones
  // would read as missing values).
  const cells: { r: number; c: number; text: string; w: number }[] = [];
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const text = src.text(r, c);
      if (text === null) continue;
      const w = measure.width(text, font);
      if (w > cellW - 2) return stats;
      cells.push({ r, c, text, w });
    }
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(axes.x, axes.y, axes.width, axes.height);
  ctx.clip();
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const { r, c, text, w } of cells) {
    const cy = axes.y + (r + 0.5 - view.y0) * cellH;
    const cx = axes.x + (c + 0.5 - view.x0) * cellW;
    ctx.fillStyle = src.color(r, c);
    ctx.fillText(text, cx, cy);
    stats.drawn++;
    if (collect) {
      stats.boxes.push({
        row: r,
        col: c,
        text,
        box: { x: cx - w / 2, y: cy - fontSize / 2, width: w, height: fontSize },
        cell: { x: cx - cellW / 2, y: cy - cellH / 2, width: cellW, height: cellH },
      });
    }
  }
  ctx.restore();
  return stats;
}

// Tick marks, tick labels, axis labels and title on the Canvas2D overlay (overlay layer). Tick positions follow the
// view every frame; the boxes of the drawn labels are returned so callers (and tests) can check for overlaps.
import type { FigureLayout, Rect } from './layout';
import { TICK_LENGTH, TICK_PAD } from './layout';
import type { TextMeasurer } from './text';

export interface AxisTicks {
  /** Cell indices that carry a label (or, for data ticks, the tick values). */
  indices: readonly number[];
  labels: readonly string[];
  /** Positions as fractions of the axes (left → right, top → bottom); default: cell centres through the view. */
  fractions?: readonly number[];
}

export interface DrawnLabel {
  axis: 'x' | 'y';
  index: number;
  text: string;
  /** Box in CSS pixels relative to the figure's top-left. */
  box: Rect;
}

export interface AxesStyle {
  font: string;
  fontSize: number;
  color: string;
  /** x labels drawn vertically (seaborn rotates them when horizontal ones would overlap). */
  xVertical: boolean;
  /** y labels drawn vertically (seaborn's default; horizontal when vertical ones would overlap). */
  yVertical: boolean;
  /** y ticks on the right of the axes. */
  yRight: boolean;
}

export interface ViewSpan {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function drawTicks(
  ctx: CanvasRenderingContext2D,
  layout: FigureLayout,
  view: ViewSpan,
  x: AxisTicks,
  y: AxisTicks,
  style: AxesStyle,
  measure: TextMeasurer,
): DrawnLabel[] {
  const { axes } = layout;
  const drawn: DrawnLabel[] = [];
  const ascent = style.fontSize * 0.8;
  ctx.save();
  ctx.font = style.font;
  ctx.fillStyle = style.color;
  ctx.strokeStyle = style.color;
  ctx.lineWidth = 1;
  const bottom = axes.y + axes.height;
  x.indices.forEach((index, k) => {
    const px = axes.x + (x.fractions?.[k] ?? (index + 0.5 - view.x0) / (view.x1 - view.x0)) * axes.width;
    if (px < axes.x - 0.5 || px > axes.x + axes.width + 0.5) return;
    const text = x.labels[k] ?? '';
    const w = measure.width(text, style.font);
    ctx.beginPath();
    ctx.moveTo(Math.round(px) + 0.5, bottom);
    ctx.lineTo(Math.round(px) + 0.5, bottom + TICK_LENGTH);
    ctx.stroke();
    const top = bottom + TICK_LENGTH + TICK_PAD;
    if (style.xVertical) {
      ctx.save();
      ctx.translate(px, top);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, 0, 0);
      ctx.restore();
      drawn.push({ axis: 'x', index, text, box: { x: px - ascent / 2, y: top, width: ascent, height: w } });
    } else {
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(text, px, top);
      drawn.push({ axis: 'x', index, text, box: { x: px - w / 2, y: top, width: w, height: style.fontSize } });
    }
  });
  y.indices.forEach((index, k) => {
    const py = axes.y + (y.fractions?.[k] ?? (index + 0.5 - view.y0) / (view.y1 - view.y0)) * axes.height;
    if (py < axes.y - 0.5 || py > axes.y + axes.height + 0.5) return;
    const text = y.labels[k] ?? '';
    const w = measure.width(text, style.font);
    const edge = style.yRight ? axes.x + axes.width : axes.x;
    const dir = style.yRight ? 1 : -1;
    ctx.beginPath();
    ctx.moveTo(edge, Math.round(py) + 0.5);
    ctx.lineTo(edge + dir * TICK_LENGTH, Math.round(py) + 0.5);
    ctx.stroke();
    const start = edge + dir * (TICK_LENGTH + TICK_PAD);
    if (style.yVertical) {
      ctx.save();
      ctx.translate(start, py);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.textBaseline = style.yRight ? 'top' : 'bottom';
      ctx.fillText(text, 0, 0);
      ctx.restore();
      const x0 = style.yRight ? start : start - style.fontSize;
      drawn.push({ axis: 'y', index, text, box: { x: x0, y: py - w / 2, width: style.fontSize, height: w } });
    } else {
      ctx.textAlign = style.yRight ? 'left' : 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, start, py);
      const x0 = style.yRight ? start : start - w;
      drawn.push({ axis: 'y', index, text, box: { x: x0, y: py - ascent / 2 - 1, width: w, height: ascent + 2 } });
    }
  });
  ctx.restore();
  return drawn;
}

export interface FigureTexts {
  title: string;
  xlabel: string;
  ylabel: string;
  titleFont: string;
  labelFont: string;
  color: string;
}

export function drawFigureTexts(ctx: CanvasRenderingContext2D, layout: FigureLayout, t: FigureTexts): void {
  ctx.save();
  ctx.fillStyle = t.color;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  if (t.title) {
    ctx.font = t.titleFont;
    ctx.fillText(t.title, layout.title.x, layout.title.y);
  }
  ctx.font = t.labelFont;
  if (t.xlabel) ctx.fillText(t.xlabel, layout.xlabel.x, layout.xlabel.y);
  if (t.ylabel) {
    ctx.translate(layout.ylabel.x, layout.ylabel.y);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(t.ylabel, 0, 0);
  }
  ctx.restore();
}

// View maths (pure, gl-matrix): the visible rectangle in data coordinates, zoom about a point, pan, clamping, and the
// data → clip-space matrix. Data coordinates are cell coordinates (column, row) for a plain heatmap, or the
// pcolormesh / imshow coordinates of a grid. No DOM here; src/view/input.ts turns pointer events into calls here.
import { mat4 } from 'gl-matrix';

/** Visible region in data coordinates, x0 < x1 and y0 < y1 whatever the axes' directions. */
export interface ViewRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The data space of a heatmap: its bounds, its axes' directions on screen, and the smallest span to zoom to. */
export interface Space {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Data x decreases from left to right (matplotlib's inverted x axis). */
  xFlip: boolean;
  /** Data y grows downwards (seaborn's heatmap and imshow's origin 'upper'); false: upwards (pcolormesh). */
  yDown: boolean;
  minSpanX: number;
  minSpanY: number;
}

/** A plain heatmap: cell coordinates, row 0 at the top. */
export function cellSpace(rows: number, cols: number): Space {
  return { x0: 0, x1: cols, y0: 0, y1: rows, xFlip: false, yDown: true, minSpanX: Math.min(1, cols), minSpanY: Math.min(1, rows) };
}

/** The whole data space. */
export function fullView(space: Space): ViewRect {
  return { x0: space.x0, x1: space.x1, y0: space.y0, y1: space.y1 };
}

function clampAxis(lo: number, hi: number, min: number, max: number, minSpan: number): [number, number] {
  // Never show less than the minimum span (about one cell), never more than the whole axis.
  const extent = max - min;
  let span = Math.min(Math.max(hi - lo, Math.min(minSpan, extent)), extent);
  if (!Number.isFinite(span)) span = extent;
  const mid = Number.isFinite(lo + hi) ? (lo + hi) / 2 : (min + max) / 2;
  let a = mid - span / 2;
  a = Math.min(Math.max(a, min), max - span);
  return [a, a + span];
}

/** Keeps the view inside the data space and between the minimum span and the whole space in size. */
export function clampView(view: ViewRect, space: Space, out: ViewRect = { x0: 0, x1: 0, y0: 0, y1: 0 }): ViewRect {
  const [x0, x1] = clampAxis(view.x0, view.x1, space.x0, space.x1, space.minSpanX);
  const [y0, y1] = clampAxis(view.y0, view.y1, space.y0, space.y1, space.minSpanY);
  out.x0 = x0;
  out.x1 = x1;
  out.y0 = y0;
  out.y1 = y1;
  return out;
}

/** Zooms by `factor` (> 1 zooms in) keeping the point (dataX, dataY) where it is on screen. */
export function zoomAbout(view: ViewRect, factor: number, dataX: number, dataY: number, out: ViewRect = { ...view }): ViewRect {
  out.x0 = dataX - (dataX - view.x0) / factor;
  out.x1 = dataX + (view.x1 - dataX) / factor;
  out.y0 = dataY - (dataY - view.y0) / factor;
  out.y1 = dataY + (view.y1 - dataY) / factor;
  return out;
}

/** Moves the view by a distance in data units. */
export function panBy(view: ViewRect, dx: number, dy: number, out: ViewRect = { ...view }): ViewRect {
  out.x0 = view.x0 + dx;
  out.x1 = view.x1 + dx;
  out.y0 = view.y0 + dy;
  out.y1 = view.y1 + dy;
  return out;
}

/** The data → screen direction signs: +1 when data grows rightwards / downwards. */
export function screenSigns(space: Space): [sx: number, sy: number] {
  return [space.xFlip ? -1 : 1, space.yDown ? 1 : -1];
}

/** Data coordinates → clip space, following the axes' directions. */
export function viewMatrix(view: ViewRect, space: Space, out: mat4 = mat4.create()): mat4 {
  const [left, right] = space.xFlip ? [view.x1, view.x0] : [view.x0, view.x1];
  const [bottom, top] = space.yDown ? [view.y1, view.y0] : [view.y0, view.y1];
  return mat4.ortho(out, left, right, bottom, top, -1, 1);
}

/** Data coordinates at the viewport's top-left corner and the signed data step per unit of screen fraction. */
export function screenOrigin(view: ViewRect, space: Space): { x: number; y: number; dx: number; dy: number } {
  const w = view.x1 - view.x0;
  const h = view.y1 - view.y0;
  return {
    x: space.xFlip ? view.x1 : view.x0,
    y: space.yDown ? view.y0 : view.y1,
    dx: space.xFlip ? -w : w,
    dy: space.yDown ? h : -h,
  };
}

/** Fraction (0..1 across, 0..1 down) of the viewport → data coordinates. */
export function fractionToData(view: ViewRect, fx: number, fy: number, space: Space): [dataX: number, dataY: number] {
  const o = screenOrigin(view, space);
  return [o.x + fx * o.dx, o.y + fy * o.dy];
}

/** Data coordinates → fraction (0..1 across, 0..1 down) of the viewport. */
export function dataToFraction(view: ViewRect, dataX: number, dataY: number, space: Space): [fx: number, fy: number] {
  const o = screenOrigin(view, space);
  return [(dataX - o.x) / o.dx, (dataY - o.y) / o.dy];
}

export function sameView(a: ViewRect, b: ViewRect): boolean {
  return a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1;
}

/**
 * The data span [a, b) as drawn along one axis of `pixels` device pixels whose data position is origin + p × step
 * (step signed): the data positions of the whole-pixel edges around exactly the pixels whose centre lies in [a, b)
 * (a ≥ b when there is none).
 */
export function pixelEdges(a: number, b: number, origin: number, step: number, pixels: number): [number, number] {
  const u = (a - origin) / step;
  const v = (b - origin) / step;
  // Centre p + 0.5 in [u, v) when step > 0, in (v, u] when step < 0.
  let p0 = step > 0 ? Math.ceil(u - 0.5) : Math.floor(v + 0.5);
  let p1 = step > 0 ? Math.ceil(v - 0.5) : Math.floor(u + 0.5);
  p0 = Math.max(0, p0);
  p1 = Math.min(pixels, p1);
  if (p1 <= p0) return [a, a];
  const e0 = origin + p0 * step;
  const e1 = origin + p1 * step;
  return e0 < e1 ? [e0, e1] : [e1, e0];
}

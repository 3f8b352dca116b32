// View maths (pure, gl-matrix): the visible rectangle in cell coordinates, zoom about a point, pan, clamping, and the
// cell → clip-space matrix. No DOM here; src/view/input.ts turns pointer events into calls to these functions.
import { mat4 } from 'gl-matrix';

/** Visible region in continuous cell coordinates: x = columns [x0, x1), y = rows [y0, y1), row 0 at the top. */
export interface ViewRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The whole matrix. */
export function fullView(rows: number, cols: number): ViewRect {
  return { x0: 0, x1: cols, y0: 0, y1: rows };
}

function clampAxis(lo: number, hi: number, extent: number): [number, number] {
  // Never show less than one cell (or the whole axis when it is shorter), never more than the whole axis.
  const minSpan = Math.min(1, extent);
  let span = Math.min(Math.max(hi - lo, minSpan), extent);
  if (!Number.isFinite(span)) span = extent;
  const mid = Number.isFinite(lo + hi) ? (lo + hi) / 2 : extent / 2;
  let a = mid - span / 2;
  a = Math.min(Math.max(a, 0), extent - span);
  return [a, a + span];
}

/** Keeps the view inside the matrix and between one cell and the whole matrix in size. */
export function clampView(view: ViewRect, rows: number, cols: number, out: ViewRect = { x0: 0, x1: 0, y0: 0, y1: 0 }): ViewRect {
  const [x0, x1] = clampAxis(view.x0, view.x1, cols);
  const [y0, y1] = clampAxis(view.y0, view.y1, rows);
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

/** Moves the view by whole or fractional cells. */
export function panBy(view: ViewRect, dCols: number, dRows: number, out: ViewRect = { ...view }): ViewRect {
  out.x0 = view.x0 + dCols;
  out.x1 = view.x1 + dCols;
  out.y0 = view.y0 + dRows;
  out.y1 = view.y1 + dRows;
  return out;
}

/** Cell coordinates → clip space, row 0 at the top: an orthographic projection of the view rectangle. */
export function viewMatrix(view: ViewRect, out: mat4 = mat4.create()): mat4 {
  return mat4.ortho(out, view.x0, view.x1, view.y1, view.y0, -1, 1);
}

/** Fraction (0..1 across, 0..1 down) of the viewport → continuous cell coordinates. */
export function fractionToData(view: ViewRect, fx: number, fy: number): [dataX: number, dataY: number] {
  return [view.x0 + fx * (view.x1 - view.x0), view.y0 + fy * (view.y1 - view.y0)];
}

export function sameView(a: ViewRect, b: ViewRect): boolean {
  return a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1;
}

// Cells and client pixels (wiring layer): which cell of a heatmap is under a client position, and where a cell shows,
// through the view controller, for plain cells or a pcolormesh / imshow grid.
import { cellAtData, type Grid } from '../core/grid';
import type { Matrix } from '../core/matrix';
import type { CellInfo, ClientRect } from '../types';
import type { ViewController } from '../view/controller';

/** The cell under client (x, y) over `box` (the canvas's client rectangle), or null outside the cells. */
export function cellAtClient(view: ViewController, grid: Grid | undefined, m: Matrix, mask: Uint8Array | undefined, box: DOMRect, clientX: number, clientY: number): CellInfo | null {
  const at = view.clientToData(clientX, clientY, box);
  if (!at) return null;
  const hit = grid ? cellAtData(grid, at[0], at[1]) : { row: Math.floor(at[1]), col: Math.floor(at[0]) };
  if (!hit) return null;
  const { row, col } = hit;
  if (row < 0 || row >= m.rows || col < 0 || col >= m.cols) return null;
  const i = row * m.cols + col;
  const raw = m.values[i];
  return { row, col, value: raw === null || raw === undefined ? Number.NaN : +raw, masked: mask !== undefined && mask[i] !== 0 };
}

/** Where cell (row, col) shows, in client CSS pixels, over `box`. */
export function cellClientRect(view: ViewController, grid: Grid | undefined, box: DOMRect, row: number, col: number): ClientRect {
  const xs = grid ? [grid.xEdges[col] as number, grid.xEdges[col + 1] as number] : [col, col + 1];
  const ys = grid ? [grid.yEdges[row] as number, grid.yEdges[row + 1] as number] : [row, row + 1];
  const [fx0, fy0] = view.toFraction(xs[0] as number, ys[0] as number);
  const [fx1, fy1] = view.toFraction(xs[1] as number, ys[1] as number);
  const x = box.left + Math.min(fx0, fx1) * box.width;
  const y = box.top + Math.min(fy0, fy1) * box.height;
  return { x, y, width: Math.abs(fx1 - fx0) * box.width, height: Math.abs(fy1 - fy0) * box.height };
}

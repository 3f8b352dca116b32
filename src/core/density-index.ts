// Points sorted into a coarse grid of cells (pure), so that re-binning after a pan or zoom visits only the points whose
// kernel can reach the new view: a counting sort of the packed points (O(n), one copy), then, for a rectangle, the
// contiguous runs of points of the cells it overlaps. No DOM, no WebGL.
import type { PackedPoints } from './density';

export interface PointIndex {
  /** The packed points reordered cell by cell (row-major cells), same stride and origin as the input. */
  readonly data: Float32Array;
  readonly stride: 2 | 3;
  readonly count: number;
  /** Cells per axis. */
  readonly cellsX: number;
  readonly cellsY: number;
  /** Bounds of the points in packed coordinates (offsets from the origin): [x0, x1, y0, y1]. */
  readonly bounds: readonly [number, number, number, number];
  /** start[c] = first point of cell c; start[cells] = count. */
  readonly start: Uint32Array;
}

/** About this many points per cell, at most 256 cells per axis. */
const POINTS_PER_CELL = 256;
const MAX_CELLS = 256;

/** Sorts the packed points by cell (the input is not modified). */
export function indexPoints(p: PackedPoints): PointIndex {
  const { data, stride, count } = p;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const x = data[i * stride] as number;
    const y = data[i * stride + 1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const side = Math.max(1, Math.min(MAX_CELLS, Math.round(Math.sqrt(count / POINTS_PER_CELL))));
  const cellsX = count > 0 && x1 > x0 ? side : 1;
  const cellsY = count > 0 && y1 > y0 ? side : 1;
  const bounds: [number, number, number, number] = count > 0 ? [x0, x1, y0, y1] : [0, 0, 0, 0];
  const cells = cellsX * cellsY;
  const cellOf = new Uint32Array(count);
  const start = new Uint32Array(cells + 1);
  const fx = cellsX / (x1 - x0 || 1);
  const fy = cellsY / (y1 - y0 || 1);
  for (let i = 0; i < count; i++) {
    const cx = Math.min(cellsX - 1, Math.floor(((data[i * stride] as number) - x0) * fx));
    const cy = Math.min(cellsY - 1, Math.floor(((data[i * stride + 1] as number) - y0) * fy));
    const c = cy * cellsX + cx;
    cellOf[i] = c;
    (start[c + 1] as number)++;
  }
  for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const next = start.slice(0, cells);
  const sorted = new Float32Array(count * stride);
  for (let i = 0; i < count; i++) {
    const c = cellOf[i] as number;
    const o = (next[c] as number) * stride;
    next[c] = (next[c] as number) + 1;
    sorted[o] = data[i * stride] as number;
    sorted[o + 1] = data[i * stride + 1] as number;
    if (stride === 3) sorted[o + 2] = data[i * stride + 2] as number;
  }
  return { data: sorted, stride, count, cellsX, cellsY, bounds, start };
}

/**
 * Runs [start, end) of indexed points in the cells that overlap the rectangle [x0, x1] × [y0, y1] (packed coordinates):
 * one run per row of cells. Every point inside the rectangle is in a run; points of the border cells outside it are
 * too (the binning skips them).
 */
export function runsInRect(ix: PointIndex, x0: number, x1: number, y0: number, y1: number): [number, number][] {
  const [bx0, bx1, by0, by1] = ix.bounds;
  if (ix.count === 0 || x1 < bx0 || x0 > bx1 || y1 < by0 || y0 > by1) return [];
  const fx = ix.cellsX / (bx1 - bx0 || 1);
  const fy = ix.cellsY / (by1 - by0 || 1);
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
  const c0 = clamp((x0 - bx0) * fx, ix.cellsX);
  const c1 = clamp((x1 - bx0) * fx, ix.cellsX);
  const r0 = clamp((y0 - by0) * fy, ix.cellsY);
  const r1 = clamp((y1 - by0) * fy, ix.cellsY);
  const runs: [number, number][] = [];
  for (let r = r0; r <= r1; r++) {
    const a = ix.start[r * ix.cellsX + c0] as number;
    const b = ix.start[r * ix.cellsX + c1 + 1] as number;
    if (b > a) {
      const last = runs[runs.length - 1];
      if (last && last[1] === a) last[1] = b;
      else runs.push([a, b]);
    }
  }
  return runs;
}

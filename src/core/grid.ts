// Cell geometry of a heatmap in data coordinates (pure), with matplotlib 3.6.3's semantics: pcolormesh edges or
// centres (shading='nearest'), imshow's extent and origin, and which cell a data point falls in.
import { describe, fail } from './errors';

export interface GridOptions {
  /** Column edges (cols + 1, strictly increasing or decreasing), as pcolormesh(X, Y, C) with shading='flat'. */
  xEdges?: ArrayLike<number> | undefined;
  /** Row edges (rows + 1): row 0 spans yEdges[0]..yEdges[1]. */
  yEdges?: ArrayLike<number> | undefined;
  /** Column centres (cols, at least 2), as pcolormesh(..., shading='nearest'): edges at the midpoints, the ends
   *  half a step beyond the first / last centre. */
  x?: ArrayLike<number> | undefined;
  /** Row centres (rows, at least 2). */
  y?: ArrayLike<number> | undefined;
  /** imshow's extent [left, right, bottom, top]; default (-0.5, cols - 0.5, rows - 0.5, -0.5) for origin 'upper',
   *  (-0.5, cols - 0.5, -0.5, rows - 0.5) for 'lower'. */
  extent?: readonly [number, number, number, number] | undefined;
  /** imshow's origin: 'upper' (default) puts row 0 at the extent's top, 'lower' at its bottom. */
  origin?: 'upper' | 'lower' | undefined;
}

export interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** cols + 1 edges, strictly monotonic; column j spans xEdges[j]..xEdges[j + 1]. */
  readonly xEdges: Float64Array;
  /** rows + 1 edges, strictly monotonic; row i spans yEdges[i]..yEdges[i + 1]. */
  readonly yEdges: Float64Array;
  /** Whether matplotlib's axis shows data decreasing left → right / bottom → top: imshow sets its limits to the
   *  extent, so left > right / bottom > top inverts (the default 'upper' extent inverts y); pcolormesh: false. */
  readonly xInverted: boolean;
  readonly yInverted: boolean;
}

function checkCount(name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got ${describe(n)}`);
  return n;
}

function toArray(name: string, a: unknown, length: number, what: string): Float64Array {
  if (!Array.isArray(a) && !ArrayBuffer.isView(a)) fail(`${name} must be an array of numbers, got ${describe(a)}`);
  const arr = Float64Array.from(a as ArrayLike<number>, (v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${name}[${i}] must be a finite number, got ${describe(v)}`);
    return v;
  });
  if (arr.length !== length) fail(`${name} has ${arr.length} values; expected ${length} (${what})`);
  return arr;
}

function checkMonotonic(name: string, a: Float64Array): void {
  if (a.length < 2) return;
  const up = (a[1] as number) > (a[0] as number);
  for (let i = 1; i < a.length; i++) {
    const d = (a[i] as number) - (a[i - 1] as number);
    if (!(up ? d > 0 : d < 0)) {
      fail(`${name} must be strictly increasing or strictly decreasing, but ${name}[${i}] = ${a[i]} follows ${a[i - 1]}`);
    }
  }
}

/** pcolormesh's _interp_grid: edges from centres. */
function centresToEdges(name: string, c: Float64Array): Float64Array {
  const n = c.length;
  if (n < 2) fail(`${name} has a single centre, so the cell width cannot be inferred; give edges instead`);
  checkMonotonic(name, c);
  const e = new Float64Array(n + 1);
  e[0] = (c[0] as number) - ((c[1] as number) - (c[0] as number)) / 2;
  for (let i = 0; i < n - 1; i++) e[i + 1] = (c[i] as number) + ((c[i + 1] as number) - (c[i] as number)) / 2;
  e[n] = (c[n - 1] as number) + ((c[n - 1] as number) - (c[n - 2] as number)) / 2;
  return e;
}

/** Edges start, start + s, …, end with s = (end - start) / n, as imshow's array → data BboxTransform computes
 *  them (i · s + start), the last one exactly `end`. */
function uniformEdges(start: number, end: number, n: number): Float64Array {
  const e = new Float64Array(n + 1);
  const s = (end - start) / n;
  for (let i = 0; i < n; i++) e[i] = i * s + start;
  e[n] = end;
  return e;
}

function axisEdges(axis: 'x' | 'y', n: number, edges: unknown, centres: unknown): Float64Array {
  const E = `${axis}Edges`;
  if (edges !== undefined && centres !== undefined) fail(`give either ${E} or ${axis} (cell centres), not both`);
  if (edges !== undefined) {
    const e = toArray(E, edges, n + 1, `one more than the ${axis === 'x' ? 'columns' : 'rows'}`);
    checkMonotonic(E, e);
    return e;
  }
  if (centres !== undefined) return centresToEdges(axis, toArray(axis, centres, n, `one per ${axis === 'x' ? 'column' : 'row'}`));
  // pcolormesh(C): edges 0, 1, …, n.
  return Float64Array.from({ length: n + 1 }, (_, i) => i);
}

/** The cell edges of a rows × cols heatmap laid out like pcolormesh (edges / centres) or imshow (extent / origin). */
export function resolveGrid(rows: number, cols: number, options: GridOptions = {}): Grid {
  checkCount('rows', rows);
  checkCount('cols', cols);
  const o = options;
  if (o.extent !== undefined || o.origin !== undefined) {
    const mesh = (['xEdges', 'yEdges', 'x', 'y'] as const).filter((k) => o[k] !== undefined);
    if (mesh.length > 0) fail(`extent / origin (imshow layout) cannot be combined with ${mesh.join(', ')} (pcolormesh layout)`);
    const origin = o.origin ?? 'upper';
    if (origin !== 'upper' && origin !== 'lower') fail(`origin must be 'upper' or 'lower', got ${describe(origin)}`);
    let ext: [number, number, number, number];
    if (o.extent === undefined) {
      ext = origin === 'upper' ? [-0.5, cols - 0.5, rows - 0.5, -0.5] : [-0.5, cols - 0.5, -0.5, rows - 0.5];
    } else {
      ext = Array.from(toArray('extent', o.extent, 4, '[left, right, bottom, top]')) as [number, number, number, number];
    }
    const [left, right, bottom, top] = ext;
    if (left === right) fail(`extent has left == right (${left}); the image would have no width`);
    if (bottom === top) fail(`extent has bottom == top (${bottom}); the image would have no height`);
    const yEdges = origin === 'upper' ? uniformEdges(top, bottom, rows) : uniformEdges(bottom, top, rows);
    return { rows, cols, xEdges: uniformEdges(left, right, cols), yEdges, xInverted: left > right, yInverted: bottom > top };
  }
  return {
    rows,
    cols,
    xEdges: axisEdges('x', cols, o.xEdges, o.x),
    yEdges: axisEdges('y', rows, o.yEdges, o.y),
    xInverted: false,
    yInverted: false,
  };
}

/** The cell index along one axis, or -1: cell i owns [edges[i], edges[i + 1]) in index order, so a shared edge
 *  belongs to the cell with the larger index and the last edge is outside (as imshow's cursor data). */
function findCell(edges: Float64Array, v: number): number {
  const n = edges.length - 1;
  const increasing = (edges[n] as number) > (edges[0] as number);
  const inside = (i: number) => (increasing ? (edges[i] as number) <= v : (edges[i] as number) >= v);
  if (!inside(0) || inside(n)) return -1; // also NaN
  // The last i with edges[i] on the near side of v (binary search; edges are strictly monotonic).
  let a = 0;
  let b = n;
  while (b - a > 1) {
    const mid = (a + b) >>> 1;
    if (inside(mid)) a = mid;
    else b = mid;
  }
  return a;
}

/**
 * The cell containing a data point, or null outside the grid (or for NaN). Cell (row, col) owns
 * [xEdges[col], xEdges[col + 1]) × [yEdges[row], yEdges[row + 1]) in index order, as AxesImage.get_cursor_data
 * does (array coordinates truncated): an edge shared by two cells belongs to the one with the larger index, the
 * grid's last edges are outside. matplotlib's QuadMesh.contains has no consistent rule on edges (Agg's
 * point-in-path test: points on vertical edges count for both cells, on horizontal ones for the cell below, and
 * on an inverted axis for neither), so pcolormesh grids use the same rule.
 */
export function cellAtData(grid: Grid, x: number, y: number): { row: number; col: number } | null {
  const col = findCell(grid.xEdges, x);
  if (col < 0) return null;
  const row = findCell(grid.yEdges, y);
  if (row < 0) return null;
  return { row, col };
}

/**
 * The float64 origin the GPU draws a grid relative to: its first x and y edges. float32 cannot tell 1.7e9 from
 * 1.7e9 + 100 (its spacing there is 128), so edges, view and quads go to the shader as offsets from this origin,
 * subtracted in float64, which keeps every position exact at any offset.
 */
export function gridOrigin(g: Grid): [x: number, y: number] {
  return [g.xEdges[0] as number, g.yEdges[0] as number];
}

/** A grid axis' edges for the shader: increasing, relative to `origin` (subtracted in float64), then float32. */
export function shaderEdges(edges: Float64Array, origin: number, out: Float32Array = new Float32Array(edges.length)): Float32Array {
  const n = edges.length;
  const up = n < 2 || (edges[n - 1] as number) > (edges[0] as number);
  for (let i = 0; i < n; i++) out[i] = (edges[up ? i : n - 1 - i] as number) - origin;
  return out;
}

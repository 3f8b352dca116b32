// Dendrogram layout (pure), like scipy's dendrogram(Z, no_plot=True): leaf order (left child = Z[i,0] first, no
// count/distance sorting) and the U-shaped links, computed without recursion so 10⁵ leaves cannot overflow the stack.
import { describe, fail } from '../errors';

/** A linkage matrix: flat row-major (n-1)×4 (Float64Array or number[]) or nested [[idx1, idx2, dist, count], …]. */
export type LinkageInput = ArrayLike<number> | readonly (readonly number[])[];

export interface DendrogramCoords {
  /** Per link, the x of its 4 points (leaf i of the order at x = 5 + 10 i), in scipy's (post-)order. */
  icoord: number[][];
  /** Per link, the heights of its 4 points: [left child height, h, h, right child height]. */
  dcoord: number[][];
  /** Observation index of each leaf, left to right: scipy's `dendrogram(Z)['leaves']`. */
  leaves: number[];
}

/**
 * Validates a linkage matrix like scipy's is_valid_linkage (and a little stricter: integer indices, distances
 * not NaN) and returns it flat with its observation count n.
 */
export function checkLinkage(Z: LinkageInput, name = 'Z'): { z: ArrayLike<number>; n: number } {
  if (Z === null || typeof Z !== 'object' || typeof (Z as { length?: unknown }).length !== 'number') {
    fail(`${name} must be a linkage matrix ((n-1)×4, flat row-major or nested), got ${describe(Z)}`);
  }
  let z: ArrayLike<number>;
  if (Z.length > 0 && Array.isArray(Z[0])) {
    const rows = Z as readonly (readonly number[])[];
    const flat = new Float64Array(rows.length * 4);
    rows.forEach((row, r) => {
      if (!Array.isArray(row) || row.length !== 4) {
        fail(`${name}[${r}] must be [idx1, idx2, distance, count] (4 numbers), got ${describe(row)}`);
      }
      for (let c = 0; c < 4; c++) flat[r * 4 + c] = row[c] as number;
    });
    z = flat;
  } else {
    z = Z as ArrayLike<number>;
    if (z.length % 4 !== 0) fail(`${name} has length ${z.length}; a linkage matrix is (n-1)×4, so its length must be a multiple of 4`);
  }
  if (z.length === 0) fail(`${name} is empty; a linkage matrix needs at least one row (two observations)`);
  const m = z.length / 4;
  const n = m + 1;
  const used = new Uint8Array(2 * n - 1);
  for (let k = 0; k < m; k++) {
    for (let c = 0; c < 2; c++) {
      const v: unknown = z[k * 4 + c];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        fail(`${name}[${k}][${c}] is ${describe(v)}; cluster indices must be non-negative integers`);
      }
      if (v >= n + k) {
        fail(`${name}[${k}][${c}] = ${v} uses cluster ${v} before it is formed (row ${k} may only join clusters 0..${n + k - 1}, n = ${n})`);
      }
      if (used[v]) fail(`${name}[${k}][${c}] = ${v}: cluster ${v} is merged more than once`);
      used[v] = 1;
    }
    const dist: unknown = z[k * 4 + 2];
    if (typeof dist !== 'number' || !(dist >= 0)) fail(`${name}[${k}][2] is ${describe(dist)}; distances must be non-negative numbers`);
    const count: unknown = z[k * 4 + 3];
    if (typeof count !== 'number' || !(count >= 0)) fail(`${name}[${k}][3] is ${describe(count)}; counts must be non-negative numbers`);
  }
  return { z, n };
}

/** scipy's `dendrogram(Z, no_plot=True)['leaves']`: the observations in left-to-right (pre-order) order. */
export function leafOrder(Z: LinkageInput): number[] {
  const { z, n } = checkLinkage(Z);
  const leaves: number[] = [];
  const stack: number[] = [2 * n - 2];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (node < n) {
      leaves.push(node);
      continue;
    }
    const r = (node - n) * 4;
    stack.push(z[r + 1] as number, z[r] as number);
  }
  return leaves;
}

/** scipy's `dendrogram(Z, no_plot=True)` icoord / dcoord / leaves, for drawing the tree. */
export function dendrogramCoords(Z: LinkageInput): DendrogramCoords {
  const { z, n } = checkLinkage(Z);
  const icoord: number[][] = [];
  const dcoord: number[][] = [];
  const leaves: number[] = [];
  const center = new Float64Array(2 * n - 1);
  const height = (node: number): number => (node < n ? 0 : (z[(node - n) * 4 + 2] as number));
  // Explicit post-order: state 0 = visit left, 1 = visit right, 2 = emit the link.
  const nodes: number[] = [2 * n - 2];
  const states: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top] as number;
    if (node < n) {
      center[node] = 5 + 10 * leaves.length;
      leaves.push(node);
      nodes.pop();
      states.pop();
      continue;
    }
    const r = (node - n) * 4;
    const state = states[top] as number;
    if (state < 2) {
      states[top] = state + 1;
      nodes.push(z[r + state] as number);
      states.push(0);
      continue;
    }
    const a = z[r] as number;
    const b = z[r + 1] as number;
    const ca = center[a] as number;
    const cb = center[b] as number;
    const h = z[r + 2] as number;
    icoord.push([ca, ca, cb, cb]);
    dcoord.push([height(a), h, h, height(b)]);
    center[node] = (ca + cb) / 2;
    nodes.pop();
    states.pop();
  }
  return { icoord, dcoord, leaves };
}

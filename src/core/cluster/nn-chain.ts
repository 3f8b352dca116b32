// Nearest-neighbour-chain linkage (pure), O(n²): scipy's `nn_chain` step for step — same scan order, same
// preference for the chain's previous element on ties — for the reducible methods complete/average/weighted/ward.
import { rowBases } from './condensed';
import { type MethodCode, newDistance } from './lance-williams';
import { sortAndLabel } from './relabel';
import { activeList } from './active-list';

/**
 * Clusters the n observations whose condensed distances are D (overwritten). Returns scipy's Z: rows sorted by
 * distance (stable) and relabelled like scipy's `label`.
 */
export function nnChainLinkage(D: Float64Array, n: number, method: MethodCode, tick?: (merges: number) => void): Float64Array {
  const rb = rowBases(n);
  const size = new Int32Array(n).fill(1);
  // Active clusters (size > 0) as a doubly linked list in increasing index order, so scans skip merged ones
  // but still visit candidates in scipy's order.
  const { next, prev } = activeList(n);
  let head = 0;
  const chain = new Int32Array(n);
  let chainLength = 0;
  const Z = new Float64Array((n - 1) * 4);
  let x = 0;
  let y = 0;
  for (let k = 0; k < n - 1; k++) {
    if (chainLength === 0) {
      chain[0] = head;
      chainLength = 1;
    }
    let currentMin = Number.POSITIVE_INFINITY;
    for (;;) {
      x = chain[chainLength - 1] as number;
      if (chainLength > 1) {
        y = chain[chainLength - 2] as number;
        currentMin = D[x < y ? (rb[x] as number) + y : (rb[y] as number) + x] as number;
      } else {
        currentMin = Number.POSITIVE_INFINITY;
      }
      let i = head;
      for (; i !== -1 && i < x; i = next[i] as number) {
        const dist = D[(rb[i] as number) + x] as number;
        if (dist < currentMin) {
          currentMin = dist;
          y = i;
        }
      }
      if (i === x) i = next[i] as number;
      const rbx = rb[x] as number;
      for (; i !== -1; i = next[i] as number) {
        const dist = D[rbx + i] as number;
        if (dist < currentMin) {
          currentMin = dist;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x] as number;
    const ny = size[y] as number;
    Z[k * 4] = x;
    Z[k * 4 + 1] = y;
    Z[k * 4 + 2] = currentMin;
    Z[k * 4 + 3] = nx + ny;
    size[x] = 0;
    size[y] = nx + ny;
    // Unlink x from the active list.
    const px = prev[x] as number;
    const nxt = next[x] as number;
    if (px === -1) head = nxt;
    else next[px] = nxt;
    if (nxt !== -1) prev[nxt] = px;
    updateDistances(D, rb, next, head, size, x, y, currentMin, nx, ny, method);
    tick?.(k + 1);
  }
  return sortAndLabel(Z, n);
}

/** D(i, y) ← d(i, x ∪ y) for every active i ≠ y (x is already unlinked). */
function updateDistances(D: Float64Array, rb: Int32Array, next: Int32Array, head: number, size: Int32Array, x: number, y: number, dxy: number, nx: number, ny: number, method: MethodCode): void {
  const rbx = rb[x] as number;
  const rby = rb[y] as number;
  for (let i = head; i !== -1; i = next[i] as number) {
    if (i === y) continue;
    const ix = i < x ? (rb[i] as number) + x : rbx + i;
    const iy = i < y ? (rb[i] as number) + y : rby + i;
    D[iy] = newDistance(method, D[ix] as number, D[iy] as number, dxy, nx, ny, size[i] as number);
  }
}

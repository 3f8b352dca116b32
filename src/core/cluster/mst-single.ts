// Single linkage by Prim's minimum spanning tree (pure), O(n²): scipy's `mst_single_linkage` step for step (grow
// from observation 0, first minimum in index order wins), then the same stable sort and relabelling.
import { rowBases } from './condensed';
import { sortAndLabel } from './relabel';
import { activeList } from './active-list';

/** Single-linkage Z from condensed distances (read only). */
export function mstSingleLinkage(dists: Float64Array, n: number, tick?: (merges: number) => void): Float64Array {
  const rb = rowBases(n);
  const Z = new Float64Array((n - 1) * 4);
  const D = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  // Observations not yet in the tree, as a linked list in increasing index order.
  const { next, prev } = activeList(n);
  let head = 0;
  let x = 0;
  let y = 0;
  for (let k = 0; k < n - 1; k++) {
    // merged[x] = 1
    const px = prev[x] as number;
    const nx = next[x] as number;
    if (px === -1) head = nx;
    else next[px] = nx;
    if (nx !== -1) prev[nx] = px;
    let currentMin = Number.POSITIVE_INFINITY;
    const rbx = rb[x] as number;
    for (let i = head; i !== -1; i = next[i] as number) {
      const dist = dists[i < x ? (rb[i] as number) + x : rbx + i] as number;
      if ((D[i] as number) > dist) D[i] = dist;
      if ((D[i] as number) < currentMin) {
        y = i;
        currentMin = D[i] as number;
      }
    }
    Z[k * 4] = x;
    Z[k * 4 + 1] = y;
    Z[k * 4 + 2] = currentMin;
    x = y;
    tick?.(k + 1);
  }
  return sortAndLabel(Z, n);
}

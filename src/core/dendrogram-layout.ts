// Dendrogram geometry from a scipy linkage matrix and its leaf order (pure): per merge (row k of Z), the link's four
// corners in scipy's convention (leaf at position p is at 5 + 10 p), and the contiguous leaf range it spans.

export interface TreeLayout {
  /** Per Z row: [x_left, x_left, x_right, x_right] in scipy coordinates. */
  icoord: number[][];
  /** Per Z row: [h_left, h, h, h_right]. */
  dcoord: number[][];
  /** Per Z row: first and last leaf position (in leaf order) under the link. */
  range: [number, number][];
  /** Per Z row: the Z rows below it, itself included. */
  subtree(k: number): number[];
}

/** `Z` is scipy's (n-1) × 4 linkage, row-major; `order` the leaf order (scipy's dendrogram leaves). */
export function treeLayout(Z: Float64Array, order: readonly number[]): TreeLayout {
  const n = order.length;
  const m = n - 1;
  if (Z.length !== m * 4) throw new RangeError(`linkage has ${Z.length / 4} rows, expected ${m} for ${n} leaves`);
  const pos = new Float64Array(2 * n - 1);
  const height = new Float64Array(2 * n - 1);
  const lo = new Int32Array(2 * n - 1);
  const hi = new Int32Array(2 * n - 1);
  order.forEach((leaf, p) => {
    pos[leaf] = 5 + 10 * p;
    lo[leaf] = p;
    hi[leaf] = p;
  });
  const icoord: number[][] = [];
  const dcoord: number[][] = [];
  const range: [number, number][] = [];
  const children: [number, number][] = [];
  for (let k = 0; k < m; k++) {
    let a = Z[k * 4] as number;
    let b = Z[k * 4 + 1] as number;
    if ((pos[a] as number) > (pos[b] as number)) [a, b] = [b, a];
    const h = Z[k * 4 + 2] as number;
    const c = n + k;
    pos[c] = ((pos[a] as number) + (pos[b] as number)) / 2;
    height[c] = h;
    lo[c] = Math.min(lo[a] as number, lo[b] as number);
    hi[c] = Math.max(hi[a] as number, hi[b] as number);
    icoord.push([pos[a] as number, pos[a] as number, pos[b] as number, pos[b] as number]);
    dcoord.push([height[a] as number, h, h, height[b] as number]);
    range.push([lo[c] as number, hi[c] as number]);
    children.push([a, b]);
  }
  return {
    icoord,
    dcoord,
    range,
    subtree(k) {
      const out: number[] = [];
      const stack = [k];
      while (stack.length > 0) {
        const j = stack.pop() as number;
        out.push(j);
        for (const child of children[j] ?? []) if (child >= n) stack.push(child - n);
      }
      return out;
    },
  };
}

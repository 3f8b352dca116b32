// Turns merges recorded as (observation index, observation index, distance) into scipy's Z (pure): a stable sort
// by distance (numpy's argsort kind='mergesort'), then cluster ids and counts from a union-find (scipy's `label`).

/**
 * Z is (n-1)×4 row-major with columns 0 and 1 holding any member index of each merged cluster. Sorts the rows by
 * column 2 (stable: equal distances keep merge order), then rewrites columns 0, 1 as the smaller/larger cluster
 * id (new clusters numbered n, n+1, … in row order) and column 3 as the merged size.
 */
export function sortAndLabel(Z: Float64Array, n: number): Float64Array {
  const m = n - 1;
  const order = Array.from({ length: m }, (_, i) => i);
  order.sort((a, b) => (Z[a * 4 + 2] as number) - (Z[b * 4 + 2] as number) || a - b);
  const out = new Float64Array(m * 4);
  for (let k = 0; k < m; k++) {
    const r = (order[k] as number) * 4;
    out[k * 4] = Z[r] as number;
    out[k * 4 + 1] = Z[r + 1] as number;
    out[k * 4 + 2] = Z[r + 2] as number;
  }
  const parent = new Int32Array(2 * n - 1);
  const size = new Int32Array(2 * n - 1);
  for (let i = 0; i < parent.length; i++) {
    parent[i] = i;
    size[i] = 1;
  }
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  let nextLabel = n;
  for (let k = 0; k < m; k++) {
    const xr = find(out[k * 4] as number);
    const yr = find(out[k * 4 + 1] as number);
    out[k * 4] = Math.min(xr, yr);
    out[k * 4 + 1] = Math.max(xr, yr);
    parent[xr] = nextLabel;
    parent[yr] = nextLabel;
    const s = (size[xr] as number) + (size[yr] as number);
    size[nextLabel] = s;
    out[k * 4 + 3] = s;
    nextLabel++;
  }
  return out;
}

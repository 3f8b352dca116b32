// Clustermap reordering helpers (pure): a linkage given flat or nested, and a matrix permuted to the leaf orders.
import { fail } from './errors';

/** scipy's Z given as a flat Float64Array or (n - 1) rows of 4, checked against n leaves. */
export function flatLinkage(z: Float64Array | readonly (readonly number[])[], n: number, name: string): Float64Array {
  const flat = z instanceof Float64Array ? z : Float64Array.from((z as readonly (readonly number[])[]).flat());
  if (flat.length !== (n - 1) * 4) fail(`${name} has ${flat.length / 4} rows of 4; expected ${n - 1} for ${n} leaves`);
  return flat;
}

/** values[rowOrder[r], colOrder[c]] at (r, c), row-major. */
export function permute(values: ArrayLike<number>, rows: number, cols: number, rowOrder: readonly number[], colOrder: readonly number[]): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const src = (rowOrder[r] as number) * cols;
    for (let c = 0; c < cols; c++) out[r * cols + c] = +(values[src + (colOrder[c] as number)] as number);
  }
  return out;
}

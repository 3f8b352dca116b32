// Condensed distance matrices (pure): scipy's upper-triangle layout, its memory budget, and row data prepared for
// the distance kernels (finite Float64Array rows, with a clear error naming the first bad cell).
import { fail } from '../errors';
import type { Matrix } from '../matrix';

/** Largest condensed matrix we allocate (bytes). 1.5 GiB ≈ 19,600 observations. */
export const MAX_CONDENSED_BYTES = 1.5 * 2 ** 30;

/** n(n-1)/2: the length of the condensed distance matrix of n observations. */
export function condensedLength(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Index of pair (i, j), i ≠ j, in scipy's condensed order (i < j, row-major). */
export function condensedIndex(n: number, i: number, j: number): number {
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/** Start of each condensed row: D index of (i, j), i < j, is rowBase[i] + j (< 2³¹ within the memory limit). */
export function rowBases(n: number): Int32Array {
  const rb = new Int32Array(n);
  for (let i = 0; i < n; i++) rb[i] = n * i - (i * (i + 1)) / 2 - i - 1;
  return rb;
}

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Largest n whose condensed matrix fits in MAX_CONDENSED_BYTES. */
export function maxObservations(): number {
  const n = Math.floor((1 + Math.sqrt(1 + (8 * MAX_CONDENSED_BYTES) / 8)) / 2);
  return condensedLength(n) * 8 <= MAX_CONDENSED_BYTES ? n : n - 1;
}

/** Allocates a condensed matrix for n observations, or fails with a message naming the size it would need. */
export function allocCondensed(n: number, what = 'observations'): Float64Array {
  const bytes = condensedLength(n) * 8;
  if (bytes > MAX_CONDENSED_BYTES) {
    fail(
      `clustering ${n} ${what} needs a ${formatBytes(bytes)} distance matrix (n(n-1)/2 = ${condensedLength(n)} float64 values); ` +
        `the limit is ${formatBytes(MAX_CONDENSED_BYTES)}, i.e. at most ${maxObservations()} ${what}`,
    );
  }
  try {
    return new Float64Array(condensedLength(n));
  } catch (e) {
    fail(`could not allocate the ${formatBytes(bytes)} distance matrix for ${n} ${what} (${(e as Error).message})`);
  }
}

/** The values as a Float64Array: the same array when it already is one, else a copy with null → NaN. */
export function toFloat64(values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array) return values;
  const x = new Float64Array(values.length);
  for (let i = 0; i < x.length; i++) {
    const v = values[i] as number | null | undefined;
    x[i] = v === null || v === undefined ? Number.NaN : v;
  }
  return x;
}

/**
 * The matrix values as a Float64Array (the caller's own array when it already is one — never written to), after
 * checking every value is finite: scipy's linkage raises on non-finite distances, and NaN/±Infinity cells are the
 * only way to get them from the built-in metrics. `transposed`: m is the transpose of the user's matrix (column
 * clustering), so the message names the cell in the user's orientation.
 */
export function finiteRows(m: Matrix, transposed = false): Float64Array {
  const { values, cols } = m;
  const x = toFloat64(values);
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v - v !== 0) {
      const r = Math.floor(i / cols);
      const c = i % cols;
      fail(
        `data contains ${Number.isNaN(v) ? 'NaN' : String(v)} at row ${transposed ? c : r}, col ${transposed ? r : c}; ` +
          'clustering needs finite values (scipy and seaborn raise for NaN too) — fill or drop missing values first',
      );
    }
  }
  return x;
}

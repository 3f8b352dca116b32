// Pearson correlation matrix of record columns, like pandas `DataFrame.corr()`: each pair of columns uses only the
// records where both values are finite numbers (pairwise deletion). Pure; used by the gallery's cars example.

/** A record as it comes from a JSON data set: field values of any type; non-numbers count as missing. */
export type Row = Readonly<Record<string, unknown>>;

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
}

/** Pearson r of two equally long columns over the indices where both are finite; NaN for < 2 pairs or zero variance. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      n++;
      sa += x;
      sb += y;
    }
  }
  if (n < 2) return Number.NaN;
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      const dx = x - ma;
      const dy = y - mb;
      sab += dx * dy;
      saa += dx * dx;
      sbb += dy * dy;
    }
  }
  const d = Math.sqrt(saa * sbb);
  if (!(d > 0)) return Number.NaN;
  // Clip rounding noise so |r| never exceeds 1 (as numpy.corrcoef does).
  return Math.max(-1, Math.min(1, sab / d));
}

/** The columns × columns correlation matrix (row-major nested array, symmetric, 1 on the diagonal). */
export function correlationMatrix(rows: readonly Row[], columns: readonly string[]): number[][] {
  const data = columns.map((name) => Float64Array.from(rows, (r) => num(r[name])));
  const k = columns.length;
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(Number.NaN));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const r = pearson(data[i] as Float64Array, data[j] as Float64Array);
      (out[i] as number[])[j] = r;
      (out[j] as number[])[i] = r;
    }
  }
  return out;
}

// Pairwise distances (pure), like scipy.spatial.distance.pdist: the condensed upper triangle in scipy's order, with
// each pair summed in scipy's order (so ties break the same way). Tight, cache-blocked loops over Float64Array rows.
import { describe, fail } from '../errors';
import { type Matrix, type MatrixInput, toMatrix } from '../matrix';
import { allocCondensed, condensedLength, finiteRows } from './condensed';

export type MetricName = 'euclidean' | 'sqeuclidean' | 'correlation' | 'cosine' | 'cityblock' | 'chebyshev';
/** A custom distance between two rows (each a Float64Array view of `cols` values), like a callable scipy metric. */
export type MetricFunction = (a: Float64Array, b: Float64Array) => number;
export type Metric = MetricName | MetricFunction;

export const METRICS: readonly MetricName[] = ['euclidean', 'sqeuclidean', 'correlation', 'cosine', 'cityblock', 'chebyshev'];

export function checkMetric(metric: unknown): Metric {
  if (typeof metric === 'function') return metric as MetricFunction;
  if (typeof metric === 'string' && (METRICS as readonly string[]).includes(metric)) return metric as MetricName;
  return fail(`metric must be one of ${METRICS.map((m) => `'${m}'`).join(', ')} or a function (a, b) => number, got ${describe(metric)}`);
}

/** Reports progress at most ~200 times: `tick(done)` with done in [0, total]. */
export function progressReporter(total: number, onProgress: ((f: number) => void) | undefined, from = 0, to = 1) {
  if (onProgress === undefined || total <= 0) return undefined;
  const step = total / 200;
  let next = 0;
  return (done: number): void => {
    if (done >= next || done >= total) {
      next = done + step;
      onProgress(from + ((to - from) * Math.min(done, total)) / total);
    }
  };
}

/**
 * Condensed pairwise distances of the rows of `data` (scipy's `pdist(X, metric)`): entry for rows i < j at
 * `n*i - i*(i+1)/2 + (j-i-1)`. Fails on NaN/±Infinity cells. Zero rows (cosine) or constant rows (correlation)
 * give NaN distances, as in scipy.
 */
export function pdist(data: MatrixInput, metric: Metric = 'euclidean', onProgress?: (fraction: number) => void): Float64Array {
  const m = toMatrix(data);
  const checked = checkMetric(metric);
  const tick = progressReporter(condensedLength(m.rows), onProgress);
  return pdistMatrix(m, checked, tick);
}

/** pdist on a validated Matrix; `tick(pairsDone)` reports progress; `transposed` only changes error messages. */
export function pdistMatrix(m: Matrix, metric: Metric, tick?: (done: number) => void, transposed = false): Float64Array {
  const n = m.rows;
  const d = m.cols;
  const x = finiteRows(m, transposed);
  const out = allocCondensed(n, transposed ? 'columns' : 'rows');
  if (typeof metric === 'function') {
    callablePairs(x, n, d, out, metric, tick, transposed);
  } else if (metric === 'euclidean' || metric === 'sqeuclidean') {
    blockedPairs(x, n, d, out, sqDiff4, sqDiff1, tick);
    if (metric === 'euclidean') for (let k = 0; k < out.length; k++) out[k] = Math.sqrt(out[k] as number);
  } else if (metric === 'cityblock') {
    blockedPairs(x, n, d, out, absDiff4, absDiff1, tick);
  } else if (metric === 'chebyshev') {
    blockedPairs(x, n, d, out, maxAbs4, maxAbs1, tick);
  } else {
    // scipy: correlation = cosine of the rows minus their (numpy pairwise-summed) means.
    const y = metric === 'correlation' ? centerRows(x, n, d) : x;
    blockedPairs(y, n, d, out, dot4, dot1, tick);
    cosineFromDots(y, n, d, out);
  }
  tick?.(condensedLength(n));
  return out;
}

/** numpy's pairwise summation (np.add.reduce over a contiguous run), bit for bit. */
export function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    let i = 8;
    for (const end = n - (n % 8); i < end; i += 8) {
      const p = start + i;
      r0 += a[p] as number;
      r1 += a[p + 1] as number;
      r2 += a[p + 2] as number;
      r3 += a[p + 3] as number;
      r4 += a[p + 4] as number;
      r5 += a[p + 5] as number;
      r6 += a[p + 6] as number;
      r7 += a[p + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

function centerRows(x: Float64Array, n: number, d: number): Float64Array {
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const mean = pairwiseSum(x, o, d) / d;
    for (let k = 0; k < d; k++) y[o + k] = (x[o + k] as number) - mean;
  }
  return y;
}

/** scipy's C cosine: 1 - dot/(|u||v|), the ratio clipped to [-1, 1]; a zero norm gives NaN. */
function cosineFromDots(y: Float64Array, n: number, d: number, out: Float64Array): void {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(dot1(y, i * d, i * d, d));
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const ni = norms[i] as number;
    for (let j = i + 1; j < n; j++, idx++) {
      let c = (out[idx] as number) / (ni * (norms[j] as number));
      if (Math.abs(c) > 1) c = c > 0 ? 1 : -1;
      out[idx] = 1 - c;
    }
  }
}

const noun = (transposed: boolean) => (transposed ? 'columns' : 'rows');

function callablePairs(x: Float64Array, n: number, d: number, out: Float64Array, f: MetricFunction, tick: ((done: number) => void) | undefined, transposed: boolean): void {
  const rows = Array.from({ length: n }, (_, i) => x.subarray(i * d, (i + 1) * d));
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const a = rows[i] as Float64Array;
    for (let j = i + 1; j < n; j++, idx++) {
      const v: unknown = f(a, rows[j] as Float64Array);
      if (typeof v !== 'number') fail(`the metric function returned ${describe(v)} for ${noun(transposed)} ${i} and ${j}; expected a number`);
      out[idx] = v;
    }
    tick?.(idx);
  }
}

/** Accumulates 4 pairs (i0..i3 against j) at once: 4 independent sums, each in scipy's sequential order. */
type Kernel4 = (x: Float64Array, i0: number, i1: number, i2: number, i3: number, j: number, d: number, out: Float64Array, o0: number, o1: number, o2: number, o3: number) => void;
type Kernel1 = (x: Float64Array, i: number, j: number, d: number) => number;

/**
 * Visits every pair i < j, blocked over i so that a block of rows stays in cache while each row j streams past,
 * four i-rows per kernel call for instruction-level parallelism.
 */
function blockedPairs(x: Float64Array, n: number, d: number, out: Float64Array, k4: Kernel4, k1: Kernel1, tick?: (done: number) => void): void {
  const block = Math.max(4, Math.min(256, Math.floor(16384 / Math.max(1, d)) & ~3));
  // rowBase[i] + j = condensed index of (i, j), i < j.
  const rowBase = new Float64Array(n);
  for (let i = 0; i < n; i++) rowBase[i] = n * i - (i * (i + 1)) / 2 - i - 1;
  let done = 0;
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let j = i0 + 1; j < n; j++) {
      const iEnd = Math.min(i1, j);
      const jo = j * d;
      let i = i0;
      for (; i + 3 < iEnd; i += 4) {
        k4(x, i * d, (i + 1) * d, (i + 2) * d, (i + 3) * d, jo, d, out, (rowBase[i] as number) + j, (rowBase[i + 1] as number) + j, (rowBase[i + 2] as number) + j, (rowBase[i + 3] as number) + j);
      }
      for (; i < iEnd; i++) out[(rowBase[i] as number) + j] = k1(x, i * d, jo, d);
    }
    for (let i = i0; i < i1; i++) done += n - i - 1;
    tick?.(done);
  }
}

function sqDiff4(x: Float64Array, a: number, b: number, c: number, e: number, j: number, d: number, out: Float64Array, o0: number, o1: number, o2: number, o3: number): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < d; k++) {
    const v = x[j + k] as number;
    const t0 = (x[a + k] as number) - v;
    const t1 = (x[b + k] as number) - v;
    const t2 = (x[c + k] as number) - v;
    const t3 = (x[e + k] as number) - v;
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  out[o0] = s0;
  out[o1] = s1;
  out[o2] = s2;
  out[o3] = s3;
}

function sqDiff1(x: Float64Array, a: number, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = (x[a + k] as number) - (x[j + k] as number);
    s += t * t;
  }
  return s;
}

function absDiff4(x: Float64Array, a: number, b: number, c: number, e: number, j: number, d: number, out: Float64Array, o0: number, o1: number, o2: number, o3: number): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < d; k++) {
    const v = x[j + k] as number;
    s0 += Math.abs((x[a + k] as number) - v);
    s1 += Math.abs((x[b + k] as number) - v);
    s2 += Math.abs((x[c + k] as number) - v);
    s3 += Math.abs((x[e + k] as number) - v);
  }
  out[o0] = s0;
  out[o1] = s1;
  out[o2] = s2;
  out[o3] = s3;
}

function absDiff1(x: Float64Array, a: number, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += Math.abs((x[a + k] as number) - (x[j + k] as number));
  return s;
}

function maxAbs4(x: Float64Array, a: number, b: number, c: number, e: number, j: number, d: number, out: Float64Array, o0: number, o1: number, o2: number, o3: number): void {
  out[o0] = maxAbs1(x, a, j, d);
  out[o1] = maxAbs1(x, b, j, d);
  out[o2] = maxAbs1(x, c, j, d);
  out[o3] = maxAbs1(x, e, j, d);
}

function maxAbs1(x: Float64Array, a: number, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    const t = Math.abs((x[a + k] as number) - (x[j + k] as number));
    if (t > s) s = t;
  }
  return s;
}

// Debian's scipy builds its C cosine kernel (dot products and row norms) with a 2-lane SIMD reduction: even and
// odd terms summed separately, then added, then the odd tail. The same order here keeps cosine/correlation
// distances bit-identical to scipy's (so tied distances break the same way).
function dot4(x: Float64Array, a: number, b: number, c: number, e: number, j: number, d: number, out: Float64Array, o0: number, o1: number, o2: number, o3: number): void {
  let s0 = 0;
  let t0 = 0;
  let s1 = 0;
  let t1 = 0;
  let s2 = 0;
  let t2 = 0;
  let s3 = 0;
  let t3 = 0;
  const even = d - (d % 2);
  for (let k = 0; k < even; k += 2) {
    const v = x[j + k] as number;
    const w = x[j + k + 1] as number;
    s0 += (x[a + k] as number) * v;
    t0 += (x[a + k + 1] as number) * w;
    s1 += (x[b + k] as number) * v;
    t1 += (x[b + k + 1] as number) * w;
    s2 += (x[c + k] as number) * v;
    t2 += (x[c + k + 1] as number) * w;
    s3 += (x[e + k] as number) * v;
    t3 += (x[e + k + 1] as number) * w;
  }
  s0 += t0;
  s1 += t1;
  s2 += t2;
  s3 += t3;
  if (even < d) {
    const v = x[j + even] as number;
    s0 += (x[a + even] as number) * v;
    s1 += (x[b + even] as number) * v;
    s2 += (x[c + even] as number) * v;
    s3 += (x[e + even] as number) * v;
  }
  out[o0] = s0;
  out[o1] = s1;
  out[o2] = s2;
  out[o3] = s3;
}

function dot1(x: Float64Array, a: number, j: number, d: number): number {
  let s = 0;
  let t = 0;
  const even = d - (d % 2);
  for (let k = 0; k < even; k += 2) {
    s += (x[a + k] as number) * (x[j + k] as number);
    t += (x[a + k + 1] as number) * (x[j + k + 1] as number);
  }
  s += t;
  if (even < d) s += (x[a + even] as number) * (x[j + even] as number);
  return s;
}

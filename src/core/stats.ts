// Value statistics for colour scaling (pure): finite min/max and numpy-compatible percentiles
// (np.nanpercentile's default 'linear' method), ignoring NaN, ±Infinity and masked cells as seaborn does.

export interface FiniteStats {
  /** Number of finite, unmasked cells. */
  readonly count: number;
  /** Smallest finite unmasked value, NaN when count is 0. */
  readonly min: number;
  /** Largest finite unmasked value, NaN when count is 0. */
  readonly max: number;
  /** Smallest finite unmasked value > 0 (what LogNorm autoscales from), NaN when there is none. */
  readonly minPositive: number;
}

/** Min/max over finite, unmasked values (seaborn masks NaN and ±inf with `masked_invalid`). For a Float32Array
 * without a mask whose values are all finite (the common first frame), `minPositive` is computed when first read:
 * only LogNorm's autoscale needs it. */
export function finiteStats(values: ArrayLike<number>, mask?: Uint8Array): FiniteStats {
  if (mask === undefined && values instanceof Float32Array) {
    const r = scanFloat32(values, 0, values.length);
    if (r) {
      let pos: number | undefined;
      return {
        count: values.length,
        min: r.min,
        max: r.max,
        get minPositive() {
          pos ??= positiveMin(values, 0, values.length, r.min, r.max);
          return pos === Number.POSITIVE_INFINITY ? Number.NaN : pos;
        },
      };
    }
  }
  const acc = new FiniteStatsAccumulator();
  acc.add(values, mask, 0, values.length);
  return acc.result();
}

/** finiteStats in pieces: `add` ranges of the same array in any order (progressive loading), then `result`. */
export class FiniteStatsAccumulator {
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private minPositive = Number.POSITIVE_INFINITY;
  private count = 0;
  /** Finite Float32Array ranges with values on both sides of 0: their smallest positive value is found when
   * `minPositive` is first read (only LogNorm's autoscale reads it), not in a second pass over every range. */
  private deferred: { values: Float32Array; start: number; end: number }[] = [];

  /** Finite (and unmasked) values added so far. */
  get finite(): number {
    return this.count;
  }

  add(values: ArrayLike<number>, mask: Uint8Array | undefined, start: number, end: number): void {
    if (mask === undefined && values instanceof Float32Array) {
      this.addFloat32(values, start, end);
      return;
    }
    let { min, max, minPositive, count } = this;
    for (let i = start; i < end; i++) {
      const v = +values[i];
      // `v - v === 0` is false for NaN and ±Infinity alone: one comparison for both.
      if (v - v !== 0 || (mask !== undefined && mask[i] !== 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v > 0 && v < minPositive) minPositive = v;
      count++;
    }
    Object.assign(this, { min, max, minPositive, count });
  }

  /** A Float32Array without a mask: the fast scan when every value is finite, else the careful loop. */
  private addFloat32(values: Float32Array, start: number, end: number): void {
    const r = scanFloat32(values, start, end);
    if (!r) {
      this.addCareful(values, start, end);
      return;
    }
    this.min = Math.min(this.min, r.min);
    this.max = Math.max(this.max, r.max);
    if (r.min > 0) this.minPositive = Math.min(this.minPositive, r.min);
    else if (r.max > 0) this.deferred.push({ values, start, end });
    this.count += end - start;
  }

  private addCareful(values: Float32Array, start: number, end: number): void {
    let { min, max, minPositive, count } = this;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      if (v - v !== 0) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v > 0 && v < minPositive) minPositive = v;
      count++;
    }
    Object.assign(this, { min, max, minPositive, count });
  }

  /** The statistics so far; `minPositive` is a getter (spread the object and it is computed). */
  result(): FiniteStats {
    const { min, max, count, deferred } = this;
    if (count === 0) return { count, min: Number.NaN, max: Number.NaN, minPositive: Number.NaN };
    let pos = this.minPositive;
    let todo = deferred.slice();
    return {
      count,
      min,
      max,
      get minPositive() {
        for (const d of todo) pos = Math.min(pos, positiveMin(d.values, d.start, d.end, -1, 1));
        todo = [];
        return pos === Number.POSITIVE_INFINITY ? Number.NaN : pos;
      },
    };
  }
}

/**
 * Min and max of values[start, end) when every one is finite, else undefined. Two interleaved pairs of accumulators
 * (branches the CPU predicts: new extremes are rare) and a running sum that a NaN or ±Infinity poisons: about twice
 * the speed of one careful loop, which a non-finite value then falls back to. The loop runs in chunks of 64 Ki values,
 * each a call of its own: a long single loop that starts cold (a new page, or after a garbage collection dropped its
 * optimised code) waits for on-stack replacement and ran 3× slower in a first frame; a short call is optimised soon.
 */
function scanFloat32(values: Float32Array, start: number, end: number): { min: number; max: number } | undefined {
  const acc = SCAN;
  acc[0] = acc[2] = Number.POSITIVE_INFINITY;
  acc[1] = acc[3] = Number.NEGATIVE_INFINITY;
  acc[4] = acc[5] = 0;
  for (let s = start; s < end; s += SCAN_CHUNK) scanChunk(values, s, Math.min(end, s + SCAN_CHUNK), acc);
  const min = Math.min(acc[0] as number, acc[2] as number);
  const max = Math.max(acc[1] as number, acc[3] as number);
  const sum = (acc[4] as number) + (acc[5] as number);
  // A sum can also overflow to ±Infinity from finite values: then the careful loop decides, which is merely slower.
  if (sum - sum !== 0 || min - min !== 0 || max - max !== 0) return undefined;
  return { min, max };
}

const SCAN_CHUNK = 1 << 16;
/** lo0, hi0, lo1, hi1, sum0, sum1 of scanChunk. */
const SCAN = new Float64Array(6);

function scanChunk(values: Float32Array, start: number, end: number, acc: Float64Array): void {
  let lo0 = acc[0] as number;
  let hi0 = acc[1] as number;
  let lo1 = acc[2] as number;
  let hi1 = acc[3] as number;
  let sum0 = acc[4] as number;
  let sum1 = acc[5] as number;
  let i = start;
  for (; i + 1 < end; i += 2) {
    const x = values[i] as number;
    const y = values[i + 1] as number;
    if (x < lo0) lo0 = x;
    if (x > hi0) hi0 = x;
    if (y < lo1) lo1 = y;
    if (y > hi1) hi1 = y;
    sum0 += x;
    sum1 += y;
  }
  if (i < end) {
    const x = values[i] as number;
    if (x < lo0) lo0 = x;
    if (x > hi0) hi0 = x;
    sum0 += x;
  }
  acc[0] = lo0;
  acc[1] = hi0;
  acc[2] = lo1;
  acc[3] = hi1;
  acc[4] = sum0;
  acc[5] = sum1;
}

/** The smallest value > 0 of finite values[start, end) with these extremes (+Infinity when there is none). */
function positiveMin(values: Float32Array, start: number, end: number, min: number, max: number): number {
  if (min > 0) return min;
  if (!(max > 0)) return Number.POSITIVE_INFINITY;
  let pos = Number.POSITIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    pos = v > 0 && v < pos ? v : pos;
  }
  return pos;
}

/** Copies the finite, unmasked values into a new array (the user's data is never reordered). */
function finiteValues(values: ArrayLike<number>, mask: Uint8Array | undefined, count: number): Float64Array | Float32Array {
  // Float32 input is exact in a Float32Array: half the memory for 100M-cell matrices.
  const out = values instanceof Float32Array ? new Float32Array(count) : new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = +values[i];
    if (v - v !== 0 || (mask !== undefined && mask[i] !== 0)) continue;
    out[j++] = v;
  }
  return out;
}

/** Rearranges `a` so that a[k] is the k-th smallest, smaller values before it, larger after (Floyd–Rivest-free quickselect). */
function select(a: Float64Array | Float32Array, k: number, lo0: number, hi0: number): void {
  let lo = lo0;
  let hi = hi0;
  while (hi > lo) {
    // Median of three as pivot keeps sorted and constant inputs linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Percentiles `ps` (0..100) of the finite unmasked values, exactly as `np.nanpercentile(x, p)` with the
 * default linear interpolation: rank = p/100 * (n-1), interpolated between the two neighbouring order statistics.
 * Returns NaN for each p when there is no finite value.
 */
export function percentiles(values: ArrayLike<number>, ps: readonly number[], mask?: Uint8Array): number[] {
  const { count } = finiteStats(values, mask);
  if (count === 0) return ps.map(() => Number.NaN);
  const a = finiteValues(values, mask, count);
  return ps.map((p) => {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
    // numpy's 'linear' method: virtual index (n - 1) * q with q = p / 100, same operations so the rounding matches.
    const q = p / 100;
    const rank = (count - 1) * q;
    const k = Math.min(Math.max(Math.floor(rank), 0), count - 1);
    select(a, k, 0, count - 1);
    const lower = a[k];
    if (k + 1 >= count) return lower;
    // After selection everything right of k is >= a[k]; the next order statistic is their minimum.
    let upper = Number.POSITIVE_INFINITY;
    for (let i = k + 1; i < count; i++) if (a[i] < upper) upper = a[i];
    return lerpNumpy(lower, upper, rank - k);
  });
}

/** numpy's _lerp: a + (b - a) * t, computed from the nearer end for t >= 0.5 (as numpy does, for monotonicity). */
function lerpNumpy(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

// numpy.histogram2d (pure): counts of (x, y) points in a grid of bins, with numpy's edges (np.linspace over the data
// range, a degenerate range widened by ±0.5), its bin rule (searchsorted 'right', the last edge inside the last bin)
// and its handling of points outside a given range (dropped).
import { describe, fail } from './errors';

export interface Histogram2dOptions {
  /** numpy's bins: a count for both axes, one array of increasing edges for both (more than 2 numbers), or
   * [x, y] where each is a count or edges (`[nx, ny]`, `[edges, edges]`, `[nx, edges]`, …). @default 10 */
  bins?: Bins2d | undefined;
  /** [[xmin, xmax], [ymin, ymax]]: bins span these; points outside are not counted. @default the data's ranges */
  range?: readonly [readonly [number, number], readonly [number, number]] | undefined;
  /** A weight per point (counts become sums of weights). @default undefined */
  weights?: ArrayLike<number> | undefined;
}

export type AxisBins = number | readonly number[] | Float64Array | Float32Array;
export type Bins2d = number | readonly number[] | Float64Array | Float32Array | readonly [AxisBins, AxisBins];

/** numpy's reading of `bins`: a sequence of length 2 is per axis, any other sequence the edges of both axes. */
function splitBins(bins: Bins2d): [AxisBins, AxisBins] {
  if (typeof bins === 'number') return [bins, bins];
  if (!(Array.isArray(bins) || bins instanceof Float64Array || bins instanceof Float32Array)) {
    fail(`bins must be a number, an array of edges or [x bins, y bins], got ${describe(bins)}`);
  }
  const seq = bins as ArrayLike<unknown>;
  if (seq.length === 2) return [seq[0] as AxisBins, seq[1] as AxisBins];
  if (seq.length < 2) fail(`bins has ${seq.length} entr${seq.length === 1 ? 'y' : 'ies'}: give a number, [x bins, y bins], or at least 3 edges (numpy reads 2 entries as [x bins, y bins])`);
  for (let i = 0; i < seq.length; i++) if (typeof seq[i] !== 'number') fail(`bins[${i}] must be a number (edges of both axes), got ${describe(seq[i])}`);
  return [seq as readonly number[], seq as readonly number[]];
}

export interface Histogram2d {
  /** counts[i * ny + j]: points with x in bin i and y in bin j (numpy's H[i, j], row-major). */
  counts: Float64Array;
  nx: number;
  ny: number;
  xEdges: Float64Array;
  yEdges: Float64Array;
}

/** np.linspace(start, stop, num): start + i * step, the last value exactly stop. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const step = (stop - start) / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? start + ((i / div) * (stop - start)) : i * step + start;
  out[num - 1] = stop;
  return out;
}

function axisEdges(name: string, values: ArrayLike<number>, bins: AxisBins, range: readonly [number, number] | undefined): Float64Array {
  if (typeof bins !== 'number') {
    if (!(Array.isArray(bins) || bins instanceof Float64Array || bins instanceof Float32Array)) fail(`bins for ${name} must be a count or an array of edges, got ${describe(bins)}`);
    const e = Float64Array.from(bins as ArrayLike<number>);
    if (e.length < 2) fail(`bins for ${name} must have at least 2 edges, got ${e.length}`);
    for (let i = 1; i < e.length; i++) {
      if (!((e[i] as number) >= (e[i - 1] as number))) fail(`bins for ${name} must increase monotonically (numpy: "bins[${name === 'x' ? 0 : 1}] must increase monotonically"), but edge ${i} is ${e[i]} after ${e[i - 1]}`);
    }
    return e;
  }
  if (!(Number.isInteger(bins) && bins >= 1)) fail(`the number of bins for ${name} must be a positive integer, got ${describe(bins)}`);
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi))) fail(`range for ${name} must be finite, got [${lo}, ${hi}]`);
    if (lo > hi) fail(`max must be larger than min in range parameter (${name}: [${lo}, ${hi}])`);
  } else if (values.length === 0) {
    [lo, hi] = [0, 1];
  } else {
    lo = Number.POSITIVE_INFINITY;
    hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) fail(`${name}[${i}] is ${v}: numpy would say "autodetected range of [${v}, ${v}] is not finite"; drop it or give a range`);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  return linspace(lo, hi, bins + 1);
}

/** searchsorted(edges, v, side='right') - 1 with numpy's last-edge rule; -1 when the point is outside. */
function binOf(edges: Float64Array, v: number): number {
  const n = edges.length;
  if (v === edges[n - 1]) return n - 2;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  const bin = lo - 1;
  return bin < 0 || bin > n - 2 ? -1 : bin;
}

export function histogram2d(x: ArrayLike<number>, y: ArrayLike<number>, options: Histogram2dOptions = {}): Histogram2d {
  if (x.length !== y.length) fail(`x and y must have the same length, got ${x.length} and ${y.length}`);
  const w = options.weights;
  if (w !== undefined && w.length !== x.length) fail(`weights has ${w.length} values but there are ${x.length} points`);
  const [bx, by] = splitBins(options.bins ?? 10);
  const xEdges = axisEdges('x', x, bx, options.range?.[0]);
  const yEdges = axisEdges('y', y, by, options.range?.[1]);
  const nx = xEdges.length - 1;
  const ny = yEdges.length - 1;
  const counts = new Float64Array(nx * ny);
  for (let k = 0; k < x.length; k++) {
    const i = binOf(xEdges, x[k] as number);
    if (i < 0) continue;
    const j = binOf(yEdges, y[k] as number);
    if (j < 0) continue;
    counts[i * ny + j] = (counts[i * ny + j] as number) + (w === undefined ? 1 : (w[k] as number));
  }
  return { counts, nx, ny, xEdges, yEdges };
}

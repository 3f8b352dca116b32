// numpy.histogram2d (pure): counts of (x, y) points in a grid of bins, with numpy's edges (np.linspace over the data
// range, a degenerate range widened by ±0.5), its bin rule (searchsorted 'right', the last edge inside the last bin)
// and its handling of points outside a given range (dropped).
import { describe, fail } from './errors';

export interface Histogram2dOptions {
  /** Number of bins for both axes, [nx, ny], or explicit increasing edges per axis (numbers and arrays may mix). @default 10 */
  bins?: number | readonly [number | readonly number[], number | readonly number[]] | undefined;
  /** [[xmin, xmax], [ymin, ymax]]: bins span these; points outside are not counted. @default the data's ranges */
  range?: readonly [readonly [number, number], readonly [number, number]] | undefined;
  /** A weight per point (counts become sums of weights). @default undefined */
  weights?: ArrayLike<number> | undefined;
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

function axisEdges(name: string, values: ArrayLike<number>, bins: number | readonly number[], range: readonly [number, number] | undefined): Float64Array {
  if (typeof bins !== 'number') {
    const e = Float64Array.from(bins);
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
  const bins = options.bins ?? 10;
  const [bx, by] = typeof bins === 'number' ? [bins, bins] : bins;
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

// Hierarchical clustering (pure), like scipy.cluster.hierarchy.linkage: the same Z, row order and cluster
// numbering, via scipy's O(n²) algorithms (MST for single, NN-chain for complete/average/weighted/ward, generic).
import { describe, fail } from '../errors';
import { type Matrix, type MatrixInput, toMatrix } from '../matrix';
import { allocCondensed, condensedLength, finiteRows } from './condensed';
import { genericLinkage } from './generic-linkage';
import { EUCLIDEAN_METHODS, LINKAGE_METHODS, type LinkageMethod, methodCode } from './lance-williams';
import { mstSingleLinkage } from './mst-single';
import { nnChainLinkage } from './nn-chain';
import { checkMetric, type Metric, pairwiseSum, pdistMatrix, progressReporter } from './pdist';

export interface LinkageOptions {
  /** Default 'average' (seaborn's clustermap default). */
  method?: LinkageMethod | undefined;
  /** Default 'euclidean'. centroid/median/ward accept only 'euclidean'. */
  metric?: Metric | undefined;
  /** Called with a fraction in [0, 1] (non-decreasing) during the distances and the merging; 1 at the end. */
  onProgress?: ((fraction: number) => void) | undefined;
  /**
   * Set when `data` is the transpose of the user's matrix (clustering its columns, as seaborn does with data.T):
   * only error messages change, naming columns and cells in the user's orientation.
   */
  transposed?: boolean | undefined;
}

export function checkMethod(method: unknown): LinkageMethod {
  if (typeof method === 'string' && (LINKAGE_METHODS as readonly string[]).includes(method)) return method as LinkageMethod;
  return fail(`method must be one of ${LINKAGE_METHODS.map((m) => `'${m}'`).join(', ')}, got ${describe(method)}`);
}

/**
 * scipy's `linkage(X, method, metric)` on the rows of `data`: (n-1)×4 row-major Z, row k = [idx1, idx2, distance,
 * count] with idx1 < idx2 and the cluster formed by row k numbered n + k.
 */
/** Checks a method and a metric, and that they go together (centroid/median/ward need 'euclidean', as in scipy). */
export function checkLinkage(method: unknown, metric: unknown): { method: LinkageMethod; metric: Metric } {
  const m = checkMethod(method);
  const d = checkMetric(metric);
  if (EUCLIDEAN_METHODS.includes(m) && d !== 'euclidean') {
    fail(
      `method '${m}' requires the Euclidean metric (as in scipy), got ${typeof d === 'function' ? 'a function' : `'${d}'`}; ` +
        "use metric 'euclidean' or another method",
    );
  }
  return { method: m, metric: d };
}

export function linkage(data: MatrixInput, opts: LinkageOptions = {}): Float64Array {
  const { method, metric } = checkLinkage(opts.method ?? 'average', opts.metric ?? 'euclidean');
  const m = toMatrix(data);
  const transposed = opts.transposed === true;
  const items = transposed ? 'columns' : 'rows';
  if (m.rows < 2) fail(`clustering needs at least 2 ${items}, got ${m.rows}`);
  // Weight the progress bar: the distances cost ~cols per pair, the merging a few steps per pair.
  const split = m.cols / (m.cols + 16);
  const onProgress = opts.onProgress;
  const D = pdistMatrix(m, metric, progressReporter(condensedLength(m.rows), onProgress, 0, split), transposed);
  checkFinite(D, m.rows, metric, items, m);
  const Z = cluster(D, m.rows, method, progressReporter(m.rows - 1, onProgress, split, 1));
  onProgress?.(1);
  return Z;
}

/**
 * scipy's `linkage(y, method)` on a condensed distance matrix of n observations (not modified). The caller is
 * responsible for the distances being Euclidean for centroid/median/ward, as in scipy.
 */
export function linkageFromDistances(condensed: ArrayLike<number>, n: number, method: LinkageMethod = 'average', onProgress?: (fraction: number) => void): Float64Array {
  const m = checkMethod(method);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2) fail(`n must be an integer ≥ 2 (the number of observations), got ${describe(n)}`);
  if (condensed === null || typeof condensed !== 'object' || typeof condensed.length !== 'number') {
    fail(`condensed distances must be an array or Float64Array, got ${describe(condensed)}`);
  }
  if (condensed.length !== condensedLength(n)) {
    fail(`a condensed distance matrix for n = ${n} observations has n(n-1)/2 = ${condensedLength(n)} entries, got ${condensed.length}`);
  }
  const D = allocCondensed(n, 'observations');
  for (let i = 0; i < D.length; i++) {
    const v: unknown = condensed[i];
    if (typeof v !== 'number') fail(`condensed distance [${i}] is ${describe(v)}; expected a number`);
    D[i] = v;
  }
  checkFinite(D, n, undefined, 'observations');
  const Z = cluster(D, n, m, progressReporter(n - 1, onProgress));
  onProgress?.(1);
  return Z;
}

function cluster(D: Float64Array, n: number, method: LinkageMethod, tick: ((merges: number) => void) | undefined): Float64Array {
  if (method === 'single') return mstSingleLinkage(D, n, tick);
  if (method === 'centroid' || method === 'median') return genericLinkage(D, n, methodCode(method), tick);
  return nnChainLinkage(D, n, methodCode(method), tick);
}

/** scipy: "The condensed distance matrix must contain only finite values." — here naming the pair and why. */
function checkFinite(D: Float64Array, n: number, metric: Metric | undefined, items: string, rows?: Matrix): void {
  for (let k = 0; k < D.length; k++) {
    const v = D[k] as number;
    if (v - v === 0) continue;
    // Recover (i, j) from the condensed index.
    let i = 0;
    let start = 0;
    while (start + (n - i - 1) <= k) {
      start += n - i - 1;
      i++;
    }
    const j = i + 1 + (k - start);
    let why = '';
    if ((metric === 'correlation' || metric === 'cosine') && rows !== undefined) {
      const r = zeroNormRow(rows, i, metric) ? i : j;
      const item = items.slice(0, -1);
      why =
        metric === 'correlation'
          ? ` because ${item} ${r} is constant (correlation distance divides by its standard deviation)`
          : ` because ${item} ${r} is all zeros (cosine distance divides by its norm)`;
    } else if (typeof metric === 'function') why = ' (returned by the metric function)';
    fail(`the distance between ${items} ${i} and ${j} is ${v}${why}; linkage needs finite distances`);
  }
}

/** Whether row r has zero norm for cosine, or (after subtracting its mean like scipy) for correlation. */
function zeroNormRow(m: Matrix, r: number, metric: 'correlation' | 'cosine'): boolean {
  const x = finiteRows(m);
  const d = m.cols;
  const mean = metric === 'correlation' ? pairwiseSum(x, r * d, d) / d : 0;
  for (let k = 0; k < d; k++) if ((x[r * d + k] as number) - mean !== 0) return false;
  return true;
}

// One clustering job (wiring, no DOM): standardise, then cluster rows and/or columns and order the leaves. Runs in
// the Web Worker, or on the main thread when no worker can be made (or the metric is a function).
import { checkLinkage, type LinkageMethod, type Metric, leafOrder, linkage, standardScale, zScore } from './core/cluster';
import { clip, HeatglError } from './core/errors';

export interface ClusterJob {
  values: Float64Array;
  rows: number;
  cols: number;
  method: LinkageMethod;
  metric: Metric;
  zScore: 0 | 1 | null;
  standardScale: 0 | 1 | null;
  rowCluster: boolean;
  colCluster: boolean;
}

export interface ClusterResult {
  /** The values after z_score / standard_scale (what is drawn), row-major in data order. */
  values: Float64Array;
  rowZ: Float64Array | null;
  colZ: Float64Array | null;
  rowOrder: number[];
  colOrder: number[];
}

/** Checks clustermap's method and metric before any work starts (they reach the worker as they are). */
export function checkClusterOptions(method: unknown, metric: unknown): { method: LinkageMethod; metric: Metric } {
  return checkLinkage(method ?? 'average', metric ?? 'euclidean');
}

/** The error a clustering job settles with when its clustermap is destroyed first. */
export function destroyedError(): HeatglError {
  return new HeatglError('clustermap was destroyed before clustering finished');
}

function transpose(v: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(v.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = v[r * cols + c] as number;
  return t;
}

export function runClusterJob(job: ClusterJob, onProgress: (axis: 'row' | 'col', fraction: number) => void): ClusterResult {
  const { rows, cols } = job;
  let values = job.values;
  const m = { values, rows, cols, rowLabels: undefined, colLabels: undefined };
  if (job.zScore !== null) values = zScore(m, job.zScore);
  else if (job.standardScale !== null) values = standardScale(m, job.standardScale);
  let rowZ: Float64Array | null = null;
  let colZ: Float64Array | null = null;
  let rowOrder = Array.from({ length: rows }, (_, i) => i);
  let colOrder = Array.from({ length: cols }, (_, i) => i);
  if (job.rowCluster && rows > 1) {
    rowZ = linkage({ values, rows, cols }, { method: job.method, metric: job.metric, onProgress: (f) => onProgress('row', f) });
    rowOrder = leafOrder(rowZ);
  }
  if (job.colCluster && cols > 1) {
    colZ = linkage({ values: transpose(values, rows, cols), rows: cols, cols: rows }, { method: job.method, metric: job.metric, transposed: true, onProgress: (f) => onProgress('col', f) });
    colOrder = leafOrder(colZ);
  }
  return { values, rowZ, colZ, rowOrder, colOrder };
}

/**
 * Runs the job on the main thread after a macrotask (so the unclustered heatmap shows first). Whatever it throws
 * rejects the promise: a HeatglError as it is, anything else (a metric function that throws) wrapped in one.
 * `cancel` stops a job that has not started and rejects with the "destroyed" error.
 */
export function runClusterJobSoon(job: ClusterJob, onProgress: (axis: 'row' | 'col', fraction: number) => void): { result: Promise<ClusterResult>; cancel(): void } {
  let cancel: () => void = () => undefined;
  const result = new Promise<ClusterResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        resolve(runClusterJob(job, onProgress));
      } catch (err) {
        if (err instanceof HeatglError) reject(err);
        else reject(new HeatglError(`clustering failed: ${clip(err instanceof Error ? err.message : String(err), 200)}`, { cause: err }));
      }
    }, 0);
    cancel = () => {
      clearTimeout(timer);
      reject(destroyedError());
    };
  });
  return { result, cancel: () => cancel() };
}

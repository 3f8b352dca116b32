// One clustering job (wiring, no DOM): standardise, then cluster rows and/or columns and order the leaves. Runs in
// the Web Worker, or on the main thread when no worker can be made (or the metric is a function).
import { type LinkageMethod, type Metric, leafOrder, linkage, standardScale, zScore } from './core/cluster';

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

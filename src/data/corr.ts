// Pairwise correlation of columns (pure), like pandas.DataFrame.corr: Pearson (Welford, as pandas' nancorr),
// Spearman (pandas' nancorr_spearman) and Kendall tau-b (scipy), on pairwise-complete finite observations.
import type { MatrixObject } from '../core/matrix';
import { describe, fail, quote } from '../core/errors';
import { toNumber } from './cells';
import { kendallTau } from './kendall';
import { rangeLabels } from './labels';
import { averageRanks } from './rank';
import type { DataMatrix } from './types';

export type CorrMethod = 'pearson' | 'spearman' | 'kendall';

export interface CorrOptions {
  /** @default 'pearson' */
  method?: CorrMethod;
  /** Pairs with fewer complete observations give NaN, like pandas' `min_periods`. @default 1 */
  minPeriods?: number;
}

/** A matrix whose columns are the variables, an object of equal-length columns, or an array of records (the shape
 * d3 and JSON data arrive in, as pandas.DataFrame(records)). */
export type CorrInput = MatrixObject | { readonly [column: string]: ArrayLike<unknown> } | readonly Readonly<Record<string, unknown>>[];

interface Columns {
  names: string[];
  data: Float64Array[];
  n: number;
}

function isMatrix(input: object): input is MatrixObject {
  const m = input as Partial<MatrixObject>;
  return typeof m.rows === 'number' && typeof m.cols === 'number' && m.values !== undefined;
}

/**
 * Records as pandas.DataFrame(records).corr(numeric_only=True) reads them: the columns are every key in order of
 * first appearance, a missing key or null is NaN; columns of numbers (and nulls) are kept, columns of booleans are
 * 0 / 1, and any other column (strings, dates, mixed kinds, nothing but nulls) is not numeric and left out.
 */
function recordColumns(records: readonly Readonly<Record<string, unknown>>[]): Columns {
  const names: string[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) fail(`corr: record ${i} is ${describe(r)}; expected an object of named values`);
    for (const key of Object.keys(r)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  });
  const n = records.length;
  const kept: string[] = [];
  const data: Float64Array[] = [];
  for (const name of names) {
    let kind: 'number' | 'boolean' | 'other' | undefined;
    for (const r of records) {
      const v = r[name];
      if (v === null || v === undefined) continue;
      const k = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'other';
      kind = kind === undefined || kind === k ? k : 'other';
      if (kind === 'other') break;
    }
    if (kind === undefined || kind === 'other') continue;
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = records[i]?.[name];
      col[i] = v === null || v === undefined ? Number.NaN : +(v as number | boolean);
    }
    kept.push(name);
    data.push(col);
  }
  if (kept.length === 0) fail(`corr: the records have no numeric field (fields: ${names.map((k) => JSON.stringify(k)).join(', ') || 'none'})`);
  return { names: kept, data, n };
}

function toColumns(input: CorrInput): Columns {
  if (input === null || typeof input !== 'object') fail(`corr: data must be a matrix, an object of columns or an array of records, got ${describe(input)}`);
  if (Array.isArray(input)) return recordColumns(input as readonly Readonly<Record<string, unknown>>[]);
  if (isMatrix(input)) {
    const { rows, cols, values } = input;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1 || values.length !== rows * cols) {
      fail(`corr: matrix has values.length ${values.length} but rows*cols = ${rows}*${cols}`);
    }
    const names = input.colLabels ? input.colLabels.map(String) : rangeLabels(cols);
    if (names.length !== cols) fail(`corr: colLabels has ${names.length} entries but the matrix has ${cols} columns`);
    const data = names.map((name, c) => {
      const col = new Float64Array(rows);
      for (let r = 0; r < rows; r++) col[r] = toNumber(values[r * cols + c], false, () => `corr: column ${quote(name)} row ${r}`);
      return col;
    });
    return { names, data, n: rows };
  }
  const names = Object.keys(input);
  if (names.length === 0) fail('corr: data has no columns; expected at least one');
  let n = -1;
  const data = names.map((name) => {
    const col = (input as Record<string, ArrayLike<unknown>>)[name];
    if (col === null || typeof col !== 'object' || typeof col.length !== 'number') fail(`corr: column ${quote(name)} is ${describe(col)}; expected an array of numbers`);
    if (n >= 0 && col.length !== n) fail(`corr: column ${quote(name)} has ${col.length} values but ${quote(names[0])} has ${n}; columns must have equal lengths`);
    n = col.length;
    if (col instanceof Float64Array) return col;
    return Float64Array.from({ length: n }, (_, r) => toNumber(col[r], false, () => `corr: column ${quote(name)} row ${r}`));
  });
  return { names, data, n };
}

function finiteMask(col: Float64Array): Uint8Array {
  const mask = new Uint8Array(col.length);
  for (let i = 0; i < col.length; i++) mask[i] = Number.isFinite(col[i]) ? 1 : 0;
  return mask;
}

/** pandas' nancorr: Welford's running means and co-moments over rows where both values are finite. */
function pearson(x: Float64Array, y: Float64Array, mx: Uint8Array, my: Uint8Array, minp: number): number {
  let nobs = 0;
  let meanx = 0;
  let meany = 0;
  let ssqdmx = 0;
  let ssqdmy = 0;
  let covxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!mx[i] || !my[i]) continue;
    const vx = x[i];
    const vy = y[i];
    nobs++;
    const dx = vx - meanx;
    const dy = vy - meany;
    meanx += (1 / nobs) * dx;
    meany += (1 / nobs) * dy;
    ssqdmx += (vx - meanx) * dx;
    ssqdmy += (vy - meany) * dy;
    covxy += (vx - meanx) * dy;
  }
  if (nobs < minp) return Number.NaN;
  const divisor = Math.sqrt(ssqdmx * ssqdmy);
  return divisor !== 0 ? covxy / divisor : Number.NaN;
}

function rankSums(rx: ArrayLike<number>, ry: ArrayLike<number>, n: number): number {
  const mean = (n + 1) / 2;
  let sumx = 0;
  let sumxx = 0;
  let sumyy = 0;
  for (let i = 0; i < n; i++) {
    const vx = rx[i] - mean;
    const vy = ry[i] - mean;
    sumx += vx * vy;
    sumxx += vx * vx;
    sumyy += vy * vy;
  }
  const divisor = Math.sqrt(sumxx * sumyy);
  return divisor !== 0 ? sumx / divisor : Number.NaN;
}

/**
 * pandas' nancorr_spearman: columns are ranked once (NaN kept, ±inf ranked); a pair whose finite-value
 * patterns differ is re-ranked on its complete rows.
 */
function spearmanMatrix(cols: Columns, masks: Uint8Array[], minp: number, out: Float64Array): void {
  const { data, n } = cols;
  const k = data.length;
  if (n < minp) {
    out.fill(Number.NaN);
    return;
  }
  const ranked = data.map(averageRanks);
  const noNans = masks.every((m) => m.every((v) => v === 1));
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  for (let xi = 0; xi < k; xi++) {
    for (let yi = 0; yi <= xi; yi++) {
      let r: number;
      if (noNans) r = rankSums(ranked[xi], ranked[yi], n);
      else {
        let nobs = 0;
        let allRanks = true;
        const mx = masks[xi];
        const my = masks[yi];
        for (let i = 0; i < n; i++) {
          if (mx[i] !== my[i]) allRanks = false;
          if (mx[i] && my[i]) {
            bx[nobs] = ranked[xi][i];
            by[nobs] = ranked[yi][i];
            nobs++;
          }
        }
        if (nobs < minp) r = Number.NaN;
        else if (allRanks) r = rankSums(bx, by, nobs);
        else r = rankSums(averageRanks(bx.subarray(0, nobs)), averageRanks(by.subarray(0, nobs)), nobs);
      }
      out[xi * k + yi] = out[yi * k + xi] = r;
    }
  }
}

/** Like pandas' corr('kendall'): the diagonal is 1 whenever min_periods is met, even for a constant column. */
function kendallMatrix(cols: Columns, masks: Uint8Array[], minp: number, out: Float64Array): void {
  const { data, n } = cols;
  const k = data.length;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const valid: number[] = [];
      for (let r = 0; r < n; r++) if (masks[i][r] && masks[j][r]) valid.push(r);
      let c: number;
      if (valid.length < minp) c = Number.NaN;
      else if (i === j) c = 1;
      else c = kendallTau(valid.map((r) => data[i][r]), valid.map((r) => data[j][r]));
      out[i * k + j] = out[j * k + i] = c;
    }
  }
}

/**
 * Correlation matrix of the columns, like `pandas.DataFrame.corr(method, min_periods)`. NaN and ±Infinity
 * drop a row for the pairs it is in; a pair with a constant column gives NaN (Pearson and Spearman also on
 * the diagonal). Row and column labels are the column names.
 */
export function corr(data: CorrInput, options: CorrOptions = {}): DataMatrix {
  const { method = 'pearson', minPeriods = 1 } = options;
  if (method !== 'pearson' && method !== 'spearman' && method !== 'kendall') {
    fail(`corr: method ${describe(method)} is not supported; expected 'pearson', 'spearman' or 'kendall'`);
  }
  if (!Number.isInteger(minPeriods) || minPeriods < 0) fail(`corr: minPeriods must be a non-negative integer, got ${describe(minPeriods)}`);
  const cols = toColumns(data);
  const k = cols.names.length;
  const masks = cols.data.map(finiteMask);
  const out = new Float64Array(k * k);
  if (method === 'pearson') {
    for (let xi = 0; xi < k; xi++) {
      for (let yi = 0; yi <= xi; yi++) {
        out[xi * k + yi] = out[yi * k + xi] = pearson(cols.data[xi], cols.data[yi], masks[xi], masks[yi], minPeriods);
      }
    }
  } else if (method === 'spearman') spearmanMatrix(cols, masks, minPeriods, out);
  else kendallMatrix(cols, masks, minPeriods, out);
  return { values: out, rows: k, cols: k, rowLabels: [...cols.names], colLabels: [...cols.names] };
}

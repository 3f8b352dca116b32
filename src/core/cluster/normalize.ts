// seaborn's ClusterGrid.z_score / standard_scale (pure): standardise each row (axis 0) or each column (axis 1)
// with pandas' NaN-skipping mean, sample std (ddof = 1), min and max. Returns new row-major values.
import { describe, fail } from '../errors';
import { type Matrix, type MatrixInput, toMatrix } from '../matrix';

function checkAxis(name: string, axis: unknown): 0 | 1 {
  if (axis !== 0 && axis !== 1) fail(`${name} must be 0 (standardise each row) or 1 (each column), got ${describe(axis)}`);
  return axis;
}

/**
 * Visits each line (a row for axis 0, a column for axis 1) as (start, step, length) into the flat values and
 * writes f(line) back into a new array.
 */
function perLine(m: Matrix, axis: 0 | 1, f: (v: ArrayLike<number>, out: Float64Array, start: number, step: number, len: number) => void): Float64Array {
  const out = new Float64Array(m.rows * m.cols);
  const values = m.values;
  if (axis === 0) for (let r = 0; r < m.rows; r++) f(values, out, r * m.cols, 1, m.cols);
  else for (let c = 0; c < m.cols; c++) f(values, out, c, m.cols, m.rows);
  return out;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/**
 * seaborn `z_score`: (x - mean) / std per row (axis 0) or column (axis 1), std with ddof = 1 like pandas. NaN
 * cells are skipped in the statistics and stay NaN; a line with one value or constant values gives NaN, as in
 * seaborn (0/0).
 */
export function zScore(data: MatrixInput, axis: 0 | 1): Float64Array {
  checkAxis('z_score axis', axis);
  return perLine(toMatrix(data), axis, (v, out, start, step, len) => {
    let sum = 0;
    let count = 0;
    for (let k = 0, p = start; k < len; k++, p += step) {
      const x = num(v[p]);
      if (Number.isNaN(x)) continue;
      sum += x;
      count++;
    }
    const mean = sum / count;
    let ss = 0;
    for (let k = 0, p = start; k < len; k++, p += step) {
      const x = num(v[p]);
      if (Number.isNaN(x)) continue;
      ss += (x - mean) * (x - mean);
    }
    const std = Math.sqrt(ss / (count - 1));
    for (let k = 0, p = start; k < len; k++, p += step) out[p] = (num(v[p]) - mean) / std;
  });
}

/**
 * seaborn `standard_scale`: (x - min) / (max - min) per row (axis 0) or column (axis 1), NaN skipped; a constant
 * line gives NaN (0/0), as in seaborn.
 */
export function standardScale(data: MatrixInput, axis: 0 | 1): Float64Array {
  checkAxis('standard_scale axis', axis);
  return perLine(toMatrix(data), axis, (v, out, start, step, len) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let count = 0;
    for (let k = 0, p = start; k < len; k++, p += step) {
      const x = num(v[p]);
      if (Number.isNaN(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
      count++;
    }
    if (count === 0) min = max = Number.NaN;
    for (let k = 0, p = start; k < len; k++, p += step) out[p] = (num(v[p]) - min) / (max - min);
  });
}

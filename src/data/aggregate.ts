// Group reductions for pivot (pure), written like pandas' cython groupby kernels so results match to the
// last bit: Kahan-compensated sum and mean, NaN skipped, count of non-NaN values, median of the middle two.
import { describe, fail } from '../core/errors';
import type { AggFunc } from './types';

/** Reduces `values[order[start..end)]` (one group, in record order). */
export type Reducer = (values: Float64Array, order: Int32Array, start: number, end: number) => number;

function kahan(values: Float64Array, order: Int32Array, start: number, end: number, mean: boolean): number {
  // pandas' group_sum / group_mean: y = v - comp; t = sum + y; comp = t - sum - y; sum = t.
  let sum = 0;
  let comp = 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const v = values[order[i]];
    if (Number.isNaN(v)) continue;
    n++;
    const y = v - comp;
    const t = sum + y;
    comp = t - sum - y;
    sum = t;
  }
  if (!mean) return sum;
  return n === 0 ? Number.NaN : sum / n;
}

function extreme(values: Float64Array, order: Int32Array, start: number, end: number, max: boolean): number {
  let out = Number.NaN;
  for (let i = start; i < end; i++) {
    const v = values[order[i]];
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(out) || (max ? v > out : v < out)) out = v;
  }
  return out;
}

function median(values: Float64Array, order: Int32Array, start: number, end: number): number {
  const vals: number[] = [];
  for (let i = start; i < end; i++) {
    const v = values[order[i]];
    if (!Number.isNaN(v)) vals.push(v);
  }
  const n = vals.length;
  if (n === 0) return Number.NaN;
  vals.sort((a, b) => a - b);
  const mid = n >> 1;
  return n % 2 === 1 ? vals[mid] : (vals[mid] + vals[mid - 1]) / 2;
}

const NAMED: Record<string, Reducer> = {
  mean: (v, o, s, e) => kahan(v, o, s, e, true),
  sum: (v, o, s, e) => kahan(v, o, s, e, false),
  count: (v, o, s, e) => {
    let n = 0;
    for (let i = s; i < e; i++) if (!Number.isNaN(v[o[i]])) n++;
    return n;
  },
  min: (v, o, s, e) => extreme(v, o, s, e, false),
  max: (v, o, s, e) => extreme(v, o, s, e, true),
  median,
};

/** The reducer for an aggfunc; a user function gets the group's values (NaN included) as a plain array. */
export function reducer(aggfunc: AggFunc): Reducer {
  if (typeof aggfunc === 'function') {
    return (values, order, start, end) => {
      const group: number[] = [];
      for (let i = start; i < end; i++) group.push(values[order[i]]);
      const out: unknown = aggfunc(group);
      if (typeof out !== 'number') fail(`pivot: aggfunc returned ${describe(out)} for a group of ${group.length} values; expected a number`);
      return out;
    };
  }
  const named = typeof aggfunc === 'string' && Object.hasOwn(NAMED, aggfunc) ? NAMED[aggfunc] : undefined;
  if (named === undefined) {
    fail(`pivot: aggfunc ${describe(aggfunc)} is not supported; expected 'mean', 'sum', 'count', 'min', 'max', 'median' or a function`);
  }
  return named;
}

// Types shared by the data loaders (pure): the DataMatrix every loader returns, and the pivot options that
// both pivot() and fromArrow() accept.
import type { MatrixObject } from '../core/matrix';

/** What every loader returns: a flat row-major matrix with labels, accepted by `heatmap()` as is. */
export interface DataMatrix extends MatrixObject {
  /** Row-major values, `values[row * cols + col]`; NaN marks a missing cell. */
  values: Float32Array | Float64Array;
  rows: number;
  cols: number;
  rowLabels: string[];
  colLabels: string[];
}

/** A record field, or a function of the record (and its position) that computes the key or value. */
export type FieldSpec = string | ((record: Record<string, unknown>, index: number) => unknown);

/**
 * How pivot() reduces the values of one (row, column) group. The named ones skip NaN like pandas' groupby
 * (`count` counts non-NaN values, `sum` of nothing is 0, the others give NaN); a function receives every
 * value of the group in record order, NaN included, exactly as pandas passes a Series to a callable.
 */
export type AggFunc = 'mean' | 'sum' | 'count' | 'min' | 'max' | 'median' | ((values: number[]) => number);

/** Options of {@link pivot}; the counterpart of `pandas.pivot_table(df, index=, columns=, values=, aggfunc=)`. */
export interface PivotOptions {
  /** Field (or function of the record) whose distinct values become the rows. */
  index: FieldSpec;
  /** Field (or function of the record) whose distinct values become the columns. */
  columns: FieldSpec;
  /** Field (or function of the record) holding the numbers to aggregate. */
  values: FieldSpec;
  /** @default 'mean' (pandas' default) */
  aggfunc?: AggFunc;
  /** Fills missing combinations and NaN results, like `fill_value`. @default undefined (leave NaN) */
  fillValue?: number;
  /** Sort the rows like pandas (numbers numerically, then dates, then strings by code point); false keeps first-appearance order. @default true */
  sortRows?: boolean;
  /** As {@link sortRows}, for the columns. @default true */
  sortCols?: boolean;
  /** Like pandas' `dropna`: drop rows and columns whose every aggregate is NaN. @default true */
  dropna?: boolean;
  /** Read strings as numbers and anything unreadable as NaN (pandas' `to_numeric(errors='coerce')`) instead of failing. @default false */
  coerce?: boolean;
}

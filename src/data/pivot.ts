// pandas.pivot_table for records or columns (pure): groups by an index key and a columns key, reduces each
// group's values, and lays the result out as a matrix with pandas' key order and dropna / fill_value rules.
import { describe, fail, quote, quoteList } from '../core/errors';
import { reducer } from './aggregate';
import { toNumber } from './cells';
import { KeyIndex } from './group-keys';
import type { DataMatrix, FieldSpec, PivotOptions } from './types';

/** Long-form data: an array of records, or columns of equal length. */
export type PivotInput = readonly Record<string, unknown>[] | { readonly [column: string]: ArrayLike<unknown> };

const MAX_CELLS = 2 ** 28;

interface Source {
  length: number;
  column(name: string, role: string): (i: number) => unknown;
  record(i: number): Record<string, unknown>;
}

function recordSource(records: readonly Record<string, unknown>[]): Source {
  records.forEach((r, i) => {
    if (r === null || typeof r !== 'object') fail(`pivot: record ${i} is ${describe(r)}; expected an object`);
  });
  return {
    length: records.length,
    column(name, role) {
      if (records.length > 0 && !records.some((r) => name in r)) {
        fail(`pivot: ${role} field ${quote(name)} is in no record; record 0 has ${quoteList(Object.keys(records[0])) || 'no fields'}`);
      }
      return (i) => records[i][name];
    },
    record: (i) => records[i],
  };
}

function columnSource(columns: { readonly [column: string]: ArrayLike<unknown> }): Source {
  const names = Object.keys(columns);
  let length = -1;
  for (const name of names) {
    const col = columns[name];
    if (col === null || typeof col !== 'object' || typeof (col as ArrayLike<unknown>).length !== 'number') {
      fail(`pivot: column ${quote(name)} is ${describe(col)}; expected an array`);
    }
    if (length >= 0 && col.length !== length) fail(`pivot: column ${quote(name)} has ${col.length} values but ${quote(names[0])} has ${length}; columns must have equal lengths`);
    length = col.length;
  }
  let lastIndex = -1;
  let lastRecord: Record<string, unknown> = {};
  return {
    length: Math.max(length, 0),
    column(name, role) {
      if (!Object.hasOwn(columns, name)) {
        fail(`pivot: ${role} column ${quote(name)} does not exist; columns are ${quoteList(names) || 'none'}`);
      }
      const col = columns[name];
      return (i) => col[i];
    },
    record(i) {
      // Index and columns functions usually ask for the same row in turn: build it once.
      if (i !== lastIndex) {
        lastIndex = i;
        lastRecord = {};
        for (const name of names) lastRecord[name] = columns[name][i];
      }
      return lastRecord;
    },
  };
}

function accessor(src: Source, spec: FieldSpec, role: string): (i: number) => unknown {
  if (typeof spec === 'string') return src.column(spec, role);
  if (typeof spec === 'function') return (i) => spec(src.record(i), i);
  return fail(`pivot: ${role} must be a field name or a function of the record, got ${describe(spec)}`);
}

function describeSpec(spec: FieldSpec): string {
  return typeof spec === 'string' ? quote(spec) : 'function';
}

/**
 * Like `pandas.pivot_table(df, index=, columns=, values=, aggfunc=)`: one row per distinct index key, one
 * column per distinct columns key, each cell the aggregate of its group's values (NaN where no record falls).
 * Records with a missing key (null, undefined, NaN, invalid Date) are dropped like pandas' groupby.
 */
export function pivot(data: PivotInput, options: PivotOptions): DataMatrix {
  if (data === null || typeof data !== 'object') fail(`pivot: data must be an array of records or an object of columns, got ${describe(data)}`);
  if (options === null || typeof options !== 'object') fail('pivot: options { index, columns, values } are required');
  const { aggfunc = 'mean', fillValue, sortRows = true, sortCols = true, dropna = true, coerce = false } = options;
  if (fillValue !== undefined && typeof fillValue !== 'number') fail(`pivot: fillValue must be a number, got ${describe(fillValue)}`);
  const reduce = reducer(aggfunc);
  const src = Array.isArray(data) ? recordSource(data) : columnSource(data as { readonly [column: string]: ArrayLike<unknown> });
  const n = src.length;
  if (n === 0) fail('pivot: the data has no records; expected at least one');
  const rowOf = accessor(src, options.index, 'index');
  const colOf = accessor(src, options.columns, 'columns');
  const valOf = accessor(src, options.values, 'values');
  const valueName = describeSpec(options.values);

  const rowKeys = new KeyIndex('index key');
  const colKeys = new KeyIndex('columns key');
  const recRow = new Int32Array(n);
  const recCol = new Int32Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Both keys are registered even when the other is missing: with dropna=false pandas keeps such columns.
    const r = rowKeys.id(rowOf(i), i);
    const c = colKeys.id(colOf(i), i);
    recRow[i] = r;
    recCol[i] = c;
    if (r >= 0 && c >= 0) values[i] = toNumber(valOf(i), coerce, () => `pivot: the value (${valueName}) of record ${i}`);
  }
  const nRows = rowKeys.size;
  const nCols = colKeys.size;
  if (nRows * nCols > MAX_CELLS) fail(`pivot: ${nRows} index keys × ${nCols} columns keys is over ${MAX_CELLS} cells; bin the keys first`);

  // Counting sort of the records by cell keeps each group in record order (the order pandas sums in).
  const cells = nRows * nCols;
  const start = new Int32Array(cells + 1);
  for (let i = 0; i < n; i++) if (recRow[i] >= 0 && recCol[i] >= 0) start[recRow[i] * nCols + recCol[i] + 1]++;
  for (let k = 0; k < cells; k++) start[k + 1] += start[k];
  const order = new Int32Array(start[cells]);
  const fillAt = start.slice(0, cells);
  for (let i = 0; i < n; i++) if (recRow[i] >= 0 && recCol[i] >= 0) order[fillAt[recRow[i] * nCols + recCol[i]]++] = i;
  if (order.length === 0) fail('pivot: every record has a missing index or columns key (null, undefined, NaN or an invalid Date)');

  const agg = new Float64Array(cells).fill(Number.NaN);
  const keepRow = new Uint8Array(nRows);
  const keepCol = new Uint8Array(nCols);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const k = r * nCols + c;
      if (start[k] === start[k + 1]) continue;
      const v = reduce(values, order, start[k], start[k + 1]);
      agg[k] = v;
      // dropna: pandas drops NaN groups before unstacking, so a key survives only with a non-NaN group.
      if (!dropna || !Number.isNaN(v)) {
        keepRow[r] = 1;
        keepCol[c] = 1;
      }
    }
  }
  if (!dropna) keepCol.fill(1);
  const rowIds = rowKeys.order(sortRows).filter((r) => keepRow[r]);
  const colIds = colKeys.order(sortCols).filter((c) => keepCol[c]);
  if (rowIds.length === 0 || colIds.length === 0) fail(`pivot: every group's ${aggName(options.aggfunc)} is NaN; nothing is left after dropna`);
  const out = new Float64Array(rowIds.length * colIds.length);
  let at = 0;
  for (const r of rowIds) {
    for (const c of colIds) {
      const v = agg[r * nCols + c];
      out[at++] = Number.isNaN(v) && fillValue !== undefined ? fillValue : v;
    }
  }
  return {
    values: out,
    rows: rowIds.length,
    cols: colIds.length,
    rowLabels: rowIds.map((r) => rowKeys.label(r)),
    colLabels: colIds.map((c) => colKeys.label(c)),
  };
}

function aggName(aggfunc: PivotOptions['aggfunc']): string {
  return typeof aggfunc === 'string' ? aggfunc : aggfunc === undefined ? 'mean' : 'aggregate';
}

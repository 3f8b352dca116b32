// Apache Arrow IPC (file or stream) or an arrow Table → DataMatrix (pure): a wide table's numeric columns
// become the matrix columns, or long-form data is pivoted; dictionary strings and dates work as keys.
import { DataType, type Table, tableFromIPC, type Vector } from 'apache-arrow';
import { describe, fail, HeatglError, quote, quoteList } from '../core/errors';
import { checkIpcHeaders, checkTable } from './arrow-check';
import { verifyIpcMetadata } from './arrow-flatbuffers';
import { exactBigInt, parseCell } from './cells';
import { formatDate, formatLabel, rangeLabels } from './labels';
import { pivot } from './pivot';
import type { DataMatrix, PivotOptions } from './types';

export interface ArrowOptions {
  /** Column whose values become the row labels (dates as ISO strings). @default none: "0", "1", … */
  indexCol?: string;
  /** Columns to use, in this order. @default every numeric column except indexCol */
  columns?: string[];
  /** Long-form input: pivot it (keys and values name the table's columns, or are functions of a row). */
  pivot?: PivotOptions;
  /** Parse string columns as numbers (unreadable → NaN) instead of failing. @default false */
  coerce?: boolean;
}

/** Largest matrix fromArrow allocates (as NPY_MAX_BYTES for fromNPY). */
const MAX_BYTES = 2 ** 31;

function isTable(input: unknown): input is Table {
  const t = input as Partial<Table> | null;
  return typeof t === 'object' && t !== null && typeof t.getChild === 'function' && typeof t.numRows === 'number' && t.schema !== undefined;
}

function readTable(input: ArrayBuffer | Uint8Array | Table): Table {
  if (isTable(input)) {
    checkTable(input);
    return input;
  }
  if (!(input instanceof ArrayBuffer) && !(input instanceof Uint8Array)) {
    fail(`fromArrow: input must be an ArrayBuffer or Uint8Array of Arrow IPC bytes, or an arrow Table; got ${describe(input)}`);
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0) fail('fromArrow: the input is empty; expected Arrow IPC file or stream bytes');
  // The IPC file format starts and ends with the magic ARROW1: a file cut short says so rather than fail deep inside
  // the reader.
  const magic = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
  const at = (offset: number) => magic.every((b, i) => bytes[offset + i] === b);
  if (at(0) && (bytes.length < 12 || !at(bytes.length - 6))) {
    fail(`fromArrow: truncated Arrow IPC file: it starts with ARROW1 but does not end with it (${bytes.length} bytes read); the file was cut short`);
  }
  return readable(() => {
    // Row counts are checked against the bytes before the arrow reader builds (and pads) columns from them.
    verifyIpcMetadata(bytes, at(0));
    checkIpcHeaders(bytes, at(0));
    const table = tableFromIPC(bytes);
    checkTable(table);
    return table;
  });
}

/** Runs `read`, turning whatever the arrow reader throws on corrupt bytes into a HeatglError. */
function readable<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof HeatglError) throw e;
    return fail(`fromArrow: could not read the Arrow IPC data (file or stream format): ${quote((e as Error)?.message, 200)}`);
  }
}

/** The value type, looking through dictionary encoding. */
function valueType(type: DataType): DataType {
  return DataType.isDictionary(type) ? type.dictionary : type;
}

function isDateLike(type: DataType): boolean {
  const t = valueType(type);
  return DataType.isDate(t) || DataType.isTimestamp(t);
}

function isNumeric(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isBool(type);
}

/** Float32 holds every value of these exactly. */
function fitsFloat32(type: DataType): boolean {
  if (DataType.isBool(type)) return true;
  if (DataType.isFloat(type)) return type.precision <= 1;
  return DataType.isInt(type) && type.bitWidth <= 16;
}

function column(table: Table, name: string, role: string): Vector {
  const vec = table.schema.fields.some((f) => f.name === name) ? table.getChild(name) : null;
  if (vec === null) {
    fail(`fromArrow: ${role} ${quote(name)} is not in the table; columns are ${quoteList(table.schema.fields.map((f) => f.name))}`);
  }
  return vec;
}

/** One column as numbers, written to out[row * stride + offset]. */
function writeNumbers(vec: Vector, name: string, coerce: boolean, out: Float32Array | Float64Array, stride: number, offset: number): void {
  const type = vec.type as DataType;
  const n = vec.length;
  const nulls = vec.nullCount > 0;
  if (DataType.isInt(type) && type.bitWidth === 64) {
    for (let r = 0; r < n; r++) {
      const v = vec.get(r) as bigint | null;
      let x = Number.NaN;
      if (v !== null) {
        const exact = exactBigInt(v);
        if (exact === undefined) fail(`fromArrow: column ${quote(name)} row ${r} is ${v} (${type}), which a float64 cannot hold exactly`);
        x = exact;
      }
      out[r * stride + offset] = x;
    }
  } else if (DataType.isInt(type) || (DataType.isFloat(type) && type.precision > 0)) {
    const data = vec.toArray() as ArrayLike<number>;
    for (let r = 0; r < n; r++) out[r * stride + offset] = nulls && !vec.isValid(r) ? Number.NaN : data[r];
  } else if (isNumeric(type)) {
    for (let r = 0; r < n; r++) {
      const v = vec.get(r) as number | boolean | null;
      out[r * stride + offset] = v === null ? Number.NaN : Number(v);
    }
  } else if (coerce && isText(type)) {
    for (let r = 0; r < n; r++) {
      const v = vec.get(r) as string | null;
      out[r * stride + offset] = v === null ? Number.NaN : (parseCell(v) ?? Number.NaN);
    }
  } else {
    checkReadable(vec, name, coerce);
  }
}

function isText(type: DataType): boolean {
  return DataType.isUtf8(valueType(type)) || DataType.isLargeUtf8(valueType(type));
}

/** Fails unless writeNumbers can read the column (checked for every column before the matrix is allocated). */
function checkReadable(vec: Vector, name: string, coerce: boolean): void {
  const type = vec.type as DataType;
  if (isNumeric(type) || (coerce && isText(type))) return;
  const hint = isDateLike(type)
    ? 'use it as indexCol or as a pivot key'
    : isText(type)
      ? 'pass coerce: true to parse its strings as numbers, or leave it out of columns'
      : 'cast it to a float or int column';
  fail(`fromArrow: column ${quote(name)} has type ${type}, which is not numeric; ${hint}`);
}

/** A column as plain JS values for pivot: dates as Date, nulls as null, int64 as bigint. */
function jsColumn(vec: Vector): ArrayLike<unknown> {
  const type = vec.type as DataType;
  const n = vec.length;
  if (isDateLike(type)) {
    const out = new Array<Date | null>(n);
    for (let r = 0; r < n; r++) {
      const ms = vec.get(r) as number | null;
      out[r] = ms === null ? null : new Date(ms);
    }
    return out;
  }
  if (vec.nullCount === 0 && (DataType.isFloat(type) ? type.precision > 0 : DataType.isInt(type) && type.bitWidth < 64)) {
    return vec.toArray() as ArrayLike<number>;
  }
  const out = new Array<unknown>(n);
  for (let r = 0; r < n; r++) out[r] = vec.get(r);
  return out;
}

function pivotTable(table: Table, opts: PivotOptions, coerce: boolean): DataMatrix {
  const specs = [opts.index, opts.columns, opts.values];
  const names = specs.some((s) => typeof s !== 'string')
    ? table.schema.fields.map((f) => f.name)
    : [...new Set(specs as string[])];
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of names) columns[name] = jsColumn(column(table, name, 'pivot column'));
  return pivot(columns, opts.coerce === undefined ? { ...opts, coerce } : opts);
}

/**
 * Reads Apache Arrow IPC bytes (file or stream format) or a Table. Wide form: numeric columns (or
 * `columns`) become the matrix columns and `indexCol` the row labels. Long form: pass `pivot`.
 */
export function fromArrow(input: ArrayBuffer | Uint8Array | Table, opts: ArrowOptions = {}): DataMatrix {
  const table = readTable(input);
  const coerce = opts.coerce ?? false;
  if (table.numRows === 0) fail('fromArrow: the table has no rows; expected at least one');
  if (opts.pivot !== undefined) return pivotTable(table, opts.pivot, coerce);
  const fields = table.schema.fields;
  const index = opts.indexCol;
  if (index !== undefined) column(table, index, 'indexCol');
  let names: string[];
  if (opts.columns !== undefined) {
    if (!Array.isArray(opts.columns) || opts.columns.length === 0) fail('fromArrow: columns must be a non-empty array of column names');
    names = opts.columns.map(String);
  } else {
    names = fields.filter((f) => f.name !== index && isNumeric(f.type)).map((f) => f.name);
    if (names.length === 0) {
      const listed = fields.slice(0, 20).map((f) => `${quote(f.name)}: ${f.type}`).join(', ');
      fail(`fromArrow: the table has no numeric columns (${listed}${fields.length > 20 ? `, … and ${fields.length - 20} more` : ''}); pass columns or pivot`);
    }
  }
  const vectors = names.map((name) => column(table, name, 'column'));
  for (let c = 0; c < names.length; c++) checkReadable(vectors[c], names[c], coerce);
  const rows = table.numRows;
  const cols = names.length;
  const small = vectors.every((v) => fitsFloat32(v.type as DataType));
  const bytes = rows * cols * (small ? 4 : 8);
  if (bytes > MAX_BYTES) fail(`fromArrow: ${rows} rows × ${cols} columns need ${bytes} bytes, over the ${MAX_BYTES}-byte limit; pass fewer columns`);
  const values = small ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) writeNumbers(vectors[c], names[c], coerce, values, cols, c);
  let rowLabels = rangeLabels(rows);
  if (index !== undefined) {
    const vec = column(table, index, 'indexCol');
    const dates = isDateLike(vec.type as DataType);
    rowLabels = Array.from({ length: rows }, (_, r) => {
      const v: unknown = vec.get(r);
      return dates && typeof v === 'number' ? formatDate(v) : formatLabel(v);
    });
  }
  return { values, rows, cols, rowLabels, colLabels: names };
}

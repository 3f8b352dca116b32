// Matrix input validation and normalisation (pure). Turns the user's nested array or flat object into one
// read-only Matrix view without ever mutating or (for flat input) copying the user's values.
import { describe, fail } from './errors';

/** A flat row-major matrix: `values[row * cols + col]`. Row 0 is drawn at the top, like seaborn. */
export interface MatrixObject {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  rowLabels?: readonly string[] | undefined;
  colLabels?: readonly string[] | undefined;
}

/** What `heatmap()` accepts: a nested row-major `number[][]` (null = NaN) or a flat {@link MatrixObject}. */
export type MatrixInput = readonly (readonly (number | null)[])[] | MatrixObject;

/**
 * Normalised matrix: `values` is the user's array (flat input), or a Float64Array copy (nested input, or a flat
 * plain array holding null / undefined, which become NaN).
 */
export interface Matrix {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly rowLabels: readonly string[] | undefined;
  readonly colLabels: readonly string[] | undefined;
}

/** Mask input: truthy = cell not drawn. Nested rows×cols, or flat row-major of length rows*cols. */
export type MaskInput = readonly (readonly (boolean | number | null | undefined)[])[] | ArrayLike<boolean | number>;

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function checkDim(name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    fail(`${name} must be a positive integer, got ${describe(n)}`);
  }
  return n;
}

function checkLabels(name: string, labels: unknown, n: number): readonly string[] | undefined {
  if (labels === undefined || labels === null) return undefined;
  if (!Array.isArray(labels)) fail(`${name} must be an array of ${n} strings, got ${describe(labels)}`);
  if (labels.length !== n) fail(`${name} has ${labels.length} entries but the matrix has ${n}`);
  return labels.map(String);
}

export function toMatrix(input: MatrixInput): Matrix {
  if (input === null || input === undefined) fail(`data must be a number[][] or { values, rows, cols }, got ${describe(input)}`);
  if (Array.isArray(input)) return fromNested(input as readonly unknown[]);
  if (typeof input !== 'object') fail(`data must be a number[][] or { values, rows, cols }, got ${describe(input)}`);
  const obj = input as MatrixObject;
  const rows = checkDim('data.rows', obj.rows);
  const cols = checkDim('data.cols', obj.cols);
  const values = obj.values;
  if (!isArrayLike(values)) {
    fail(`data.values must be an array or typed array of rows*cols numbers, got ${describe(values)}`);
  }
  if (typeof (values as { length: unknown }).length !== 'number') fail('data.values has no length');
  if (typeof BigInt64Array !== 'undefined' && (values instanceof BigInt64Array || values instanceof BigUint64Array)) {
    fail('data.values is a BigInt64Array/BigUint64Array; convert it to Float64Array (values beyond 2^53 lose precision)');
  }
  if (values.length !== rows * cols) {
    fail(`data.values has length ${values.length} but rows*cols = ${rows}*${cols} = ${rows * cols}`);
  }
  return {
    values: Array.isArray(values) ? plainValues(values, cols) : (values as ArrayLike<number>),
    rows,
    cols,
    rowLabels: checkLabels('data.rowLabels', obj.rowLabels, rows),
    colLabels: checkLabels('data.colLabels', obj.colLabels, cols),
  };
}

/**
 * A plain array's values: the array itself when every entry is a number, else a Float64Array copy with
 * null / undefined as NaN (as in nested input), so that limits, colours, clustering and cellAt all see NaN.
 */
function plainValues(values: readonly unknown[], cols: number): ArrayLike<number> {
  let holes = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') continue;
    if (v !== null && v !== undefined) {
      fail(`data.values[${i}] (row ${Math.floor(i / cols)}, col ${i % cols}) is ${describe(v)}; expected a number or null`);
    }
    holes = true;
  }
  if (!holes) return values as readonly number[];
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : Number.NaN;
  }
  return out;
}

function fromNested(nested: readonly unknown[]): Matrix {
  const rows = nested.length;
  if (rows === 0) fail('data has zero rows; expected at least one row');
  const first = nested[0];
  if (!isArrayLike(first)) fail(`data[0] is ${describe(first)}; expected an array (a row of numbers)`);
  const cols = first.length;
  if (cols === 0) fail('data has zero columns; expected rows with at least one number');
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = nested[r];
    if (!isArrayLike(row)) fail(`data[${r}] is ${describe(row)}; expected an array of ${cols} numbers`);
    if (row.length !== cols) {
      fail(`ragged rows: data[${r}] has ${row.length} values but data[0] has ${cols}; every row must have the same length`);
    }
    for (let c = 0; c < cols; c++) {
      const v: unknown = row[c];
      if (typeof v === 'number') values[r * cols + c] = v;
      else if (v === null || v === undefined) values[r * cols + c] = Number.NaN;
      else fail(`data[${r}][${c}] is ${describe(v)}; expected a number or null`);
    }
  }
  return { values, rows, cols, rowLabels: undefined, colLabels: undefined };
}

/** Validates a mask against the matrix shape and returns it flat (1 = masked), or undefined for no mask. */
export function toMask(mask: MaskInput | null | undefined, rows: number, cols: number): Uint8Array | undefined {
  if (mask === null || mask === undefined) return undefined;
  if (!isArrayLike(mask)) fail(`mask must be a boolean[][] or a flat array of rows*cols, got ${describe(mask)}`);
  const out = new Uint8Array(rows * cols);
  if (mask.length > 0 && isArrayLike(mask[0])) {
    if (mask.length !== rows) fail(`mask has ${mask.length} rows but the data has ${rows} (expected a ${rows}×${cols} mask)`);
    for (let r = 0; r < rows; r++) {
      const row = mask[r];
      if (!isArrayLike(row) || row.length !== cols) {
        fail(`mask row ${r} has ${isArrayLike(row) ? row.length : 'no'} entries but the data has ${cols} columns`);
      }
      for (let c = 0; c < cols; c++) out[r * cols + c] = row[c] ? 1 : 0;
    }
    return out;
  }
  if (mask.length !== rows * cols) {
    fail(`mask has length ${mask.length} but the data has rows*cols = ${rows * cols} cells (expected a ${rows}×${cols} mask)`);
  }
  for (let i = 0; i < out.length; i++) out[i] = mask[i] ? 1 : 0;
  return out;
}

// NumPy .npy (v1.0 / 2.0 / 3.0) → DataMatrix (pure). Bool, int, uint and float dtypes in either byte order,
// C or Fortran order, 1-D or 2-D; sizes are checked against the buffer before anything is allocated.
import { describe, fail } from '../core/errors';
import { exactBigInt } from './cells';
import { checkLabels, rangeLabels } from './labels';
import { type NpyDtype, parseDtype } from './npy-dtype';
import { formatShape, readNpyHeader } from './npy-header';
import type { DataMatrix } from './types';

export interface NpyOptions {
  /** [rows, cols] for a 1-D array (C order, like `arr.reshape(rows, cols)`). @default [1, n] */
  shape?: [number, number];
  /** @default "0", "1", … */
  rowLabels?: readonly string[];
  /** @default "0", "1", … */
  colLabels?: readonly string[];
}

/** Largest data section fromNpy will read. */
export const NPY_MAX_BYTES = 2 ** 31;

const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : Number.NaN;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

/** The data bytes, copied only when they must be byte-swapped or are misaligned for a typed-array view. */
function hostBytes(src: Uint8Array, dtype: NpyDtype): Uint8Array {
  const size = dtype.itemsize;
  if (size === 1) return src;
  const swap = dtype.littleEndian !== HOST_LE;
  if (!swap && src.byteOffset % size === 0) return src;
  const out = src.slice();
  if (swap) {
    for (let at = 0; at < out.length; at += size) {
      for (let a = at, b = at + size - 1; a < b; a++, b--) {
        const t = out[a];
        out[a] = out[b];
        out[b] = t;
      }
    }
  }
  return out;
}

/** Values in file order. `locate(k)` names element k for errors. */
function decode(src: Uint8Array, dtype: NpyDtype, count: number, locate: (k: number) => string): Float32Array | Float64Array {
  const { buffer, byteOffset } = src;
  const out = dtype.fitsFloat32 ? new Float32Array(count) : new Float64Array(count);
  const key = `${dtype.kind}${dtype.itemsize}`;
  switch (key) {
    case 'b1': {
      for (let k = 0; k < count; k++) out[k] = src[k] ? 1 : 0;
      return out;
    }
    case 'i1':
      out.set(new Int8Array(buffer, byteOffset, count));
      return out;
    case 'u1':
      out.set(src.subarray(0, count));
      return out;
    case 'i2':
      out.set(new Int16Array(buffer, byteOffset, count));
      return out;
    case 'u2':
      out.set(new Uint16Array(buffer, byteOffset, count));
      return out;
    case 'i4':
      out.set(new Int32Array(buffer, byteOffset, count));
      return out;
    case 'u4':
      out.set(new Uint32Array(buffer, byteOffset, count));
      return out;
    case 'f4':
      out.set(new Float32Array(buffer, byteOffset, count));
      return out;
    case 'f8':
      out.set(new Float64Array(buffer, byteOffset, count));
      return out;
    case 'f2': {
      const half = new Uint16Array(buffer, byteOffset, count);
      for (let k = 0; k < count; k++) out[k] = halfToFloat(half[k]);
      return out;
    }
  }
  // int64 / uint64: hi * 2^32 + lo is exact while |hi| < 2^21 (|v| < 2^53); beyond that only values that
  // float64 holds exactly are accepted, checked with BigInt.
  const signed = dtype.kind === 'i';
  const lo = new Uint32Array(buffer, byteOffset, count * 2);
  const hiWords = signed ? new Int32Array(buffer, byteOffset, count * 2) : lo;
  const big = signed ? new BigInt64Array(buffer, byteOffset, count) : new BigUint64Array(buffer, byteOffset, count);
  const loAt = HOST_LE ? 0 : 1;
  for (let k = 0; k < count; k++) {
    const hi = hiWords[2 * k + 1 - loAt];
    if (hi < 2097152 && hi >= -2097152) {
      out[k] = hi * 4294967296 + lo[2 * k + loAt];
      continue;
    }
    const v = exactBigInt(big[k]);
    if (v === undefined) {
      fail(
        `fromNpy: element ${k} (${locate(k)}) is ${big[k]} (${dtype.descr}), which a float64 cannot hold exactly ` +
          `(nearest is ${Number(big[k])}); convert the array in NumPy first, e.g. arr.astype(np.float64), if rounding is acceptable`,
      );
    }
    out[k] = v;
  }
  return out;
}

function transpose(src: Float32Array | Float64Array, rows: number, cols: number): Float32Array | Float64Array {
  // Fortran order: element (r, c) is at c * rows + r in the file.
  const out = src instanceof Float32Array ? new Float32Array(src.length) : new Float64Array(src.length);
  let k = 0;
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out[r * cols + c] = src[k++];
  return out;
}

function resolveShape(shape: readonly number[], opt: NpyOptions['shape']): [number, number] {
  const count = shape.reduce((a, b) => a * b, 1);
  if (opt === undefined) return shape.length === 2 ? [shape[0], shape[1]] : [1, count];
  if (!Array.isArray(opt) || opt.length !== 2 || !opt.every((d) => Number.isInteger(d) && d > 0)) {
    fail(`fromNpy: shape option must be [rows, cols] of positive integers, got ${describe(opt)}`);
  }
  if (shape.length === 2 && (opt[0] !== shape[0] || opt[1] !== shape[1])) {
    fail(`fromNpy: shape option [${opt.join(', ')}] is for 1-D arrays; this array is 2-D with shape ${formatShape(shape)}`);
  }
  if (opt[0] * opt[1] !== count) {
    fail(`fromNpy: shape option [${opt.join(', ')}] holds ${opt[0] * opt[1]} values but the array has ${count}`);
  }
  return [opt[0], opt[1]];
}

/** Reads a NumPy .npy file into a matrix; float16/32, (u)int8/16 and bool give a Float32Array, the rest Float64Array. */
export function fromNpy(buffer: ArrayBuffer | Uint8Array, opts: NpyOptions = {}): DataMatrix {
  if (!(buffer instanceof ArrayBuffer) && !(buffer instanceof Uint8Array)) {
    fail(`fromNpy: input must be an ArrayBuffer or Uint8Array with the bytes of a .npy file, got ${describe(buffer)}`);
  }
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const header = readNpyHeader(bytes);
  const dtype = parseDtype(header.descr);
  const { shape } = header;
  const shapeText = formatShape(shape);
  if (shape.length === 0) fail('fromNpy: the array is 0-d (a scalar); expected a 1-D or 2-D array');
  if (shape.length > 2) {
    fail(`fromNpy: the array is ${shape.length}-D with shape ${shapeText}; expected 1-D or 2-D (select a slice such as arr[0] or reshape it in NumPy)`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const nbytes = count * dtype.itemsize;
  const what = `shape ${shapeText} of '${dtype.descr}'`;
  if (nbytes > NPY_MAX_BYTES) fail(`fromNpy: refusing to read: the header claims ${what} = ${nbytes} bytes, over the 2 GiB limit`);
  const available = bytes.length - header.dataOffset;
  if (nbytes > available) fail(`fromNpy: truncated data: ${what} needs ${nbytes} bytes but only ${available} follow the header`);
  if (nbytes < available) {
    fail(`fromNpy: data length mismatch: ${what} needs ${nbytes} bytes but ${available} follow the header (${available - nbytes} extra)`);
  }
  if (count === 0) fail(`fromNpy: the array is empty (${what}); expected at least one value`);
  const [rows, cols] = resolveShape(shape, opts.shape);
  const fortran = header.fortranOrder && shape.length === 2;
  const locate = (k: number) =>
    fortran ? `row ${k % rows}, col ${Math.floor(k / rows)}` : `row ${Math.floor(k / cols)}, col ${k % cols}`;
  const src = hostBytes(bytes.subarray(header.dataOffset, header.dataOffset + nbytes), dtype);
  const flat = decode(src, dtype, count, locate);
  return {
    values: fortran ? transpose(flat, rows, cols) : flat,
    rows,
    cols,
    rowLabels: checkLabels('fromNpy', 'rowLabels', opts.rowLabels, rows) ?? rangeLabels(rows),
    colLabels: checkLabels('fromNpy', 'colLabels', opts.colLabels, cols) ?? rangeLabels(cols),
  };
}

// Deterministic Zarr v2 / v3 store writer for tests (not a reader: heatgl reads with zarrita). Writes into a
// Map<path, bytes> that the test server serves from memory or that can be written to disk. Covers what zarr-python
// writes: v2 (.zarray/.zattrs/.zgroup, compressor zlib/gzip/blosc/zstd or none), v3 (zarr.json, codecs bytes +
// gzip/zstd/blosc, sharding_indexed with a crc32c index), every numeric dtype, and chunks left out (fill_value).
import { gzipSync, deflateSync } from 'node:zlib';
import { toHalf } from '../../src/core/storage';

export type Files = Map<string, Uint8Array>;
export type Dtype = 'float32' | 'float64' | 'float16' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64';
export type Compression = 'raw' | 'gzip' | 'zlib' | 'blosc-lz4' | 'blosc-zstd' | 'zstd';

const V2_DTYPE: Record<Dtype, string> = {
  float32: '<f4', float64: '<f8', float16: '<f2', int8: '|i1', int16: '<i2', int32: '<i4', int64: '<i8', uint8: '|u1', uint16: '<u2', uint32: '<u4', uint64: '<u8',
};
const SIZE: Record<Dtype, number> = { float32: 4, float64: 8, float16: 2, int8: 1, int16: 2, int32: 4, int64: 8, uint8: 1, uint16: 2, uint32: 4, uint64: 8 };

const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o, null, 2));

/** Little-endian bytes of values as dtype (integers must be exact; int64 via BigInt). */
export function encodeValues(values: ArrayLike<number>, dtype: Dtype): Uint8Array {
  const n = values.length;
  const buf = new ArrayBuffer(n * SIZE[dtype]);
  const dv = new DataView(buf);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    switch (dtype) {
      case 'float32': dv.setFloat32(i * 4, v, true); break;
      case 'float64': dv.setFloat64(i * 8, v, true); break;
      case 'float16': dv.setUint16(i * 2, toHalf(v), true); break;
      case 'int8': dv.setInt8(i, v); break;
      case 'uint8': dv.setUint8(i, v); break;
      case 'int16': dv.setInt16(i * 2, v, true); break;
      case 'uint16': dv.setUint16(i * 2, v, true); break;
      case 'int32': dv.setInt32(i * 4, v, true); break;
      case 'uint32': dv.setUint32(i * 4, v, true); break;
      case 'int64': dv.setBigInt64(i * 8, BigInt(v), true); break;
      case 'uint64': dv.setBigUint64(i * 8, BigInt(v), true); break;
    }
  }
  return new Uint8Array(buf);
}

async function compress(bytes: Uint8Array, c: Compression, itemsize: number): Promise<Uint8Array> {
  if (c === 'raw') return bytes;
  if (c === 'gzip') return new Uint8Array(gzipSync(bytes));
  if (c === 'zlib') return new Uint8Array(deflateSync(bytes));
  if (c === 'zstd') {
    const { default: Zstd } = await import('numcodecs/zstd');
    return Zstd.fromConfig({ id: 'zstd', level: 3 }).encode(bytes);
  }
  const { default: Blosc } = await import('numcodecs/blosc');
  return Blosc.fromConfig({ id: 'blosc', cname: c === 'blosc-lz4' ? 'lz4' : 'zstd', clevel: 5, shuffle: itemsize > 1 ? 1 : 0, blocksize: 0 }).encode(bytes);
}

function v2Compressor(c: Compression): unknown {
  if (c === 'raw') return null;
  if (c === 'gzip') return { id: 'gzip', level: 6 };
  if (c === 'zlib') return { id: 'zlib', level: 6 };
  if (c === 'zstd') return { id: 'zstd', level: 3 };
  return { id: 'blosc', cname: c === 'blosc-lz4' ? 'lz4' : 'zstd', clevel: 5, shuffle: 1, blocksize: 0 };
}

function v3BytesCodecs(c: Compression, dtype: Dtype): unknown[] {
  const bytes = { name: 'bytes', configuration: { endian: 'little' } };
  if (c === 'raw') return [bytes];
  if (c === 'gzip') return [bytes, { name: 'gzip', configuration: { level: 6 } }];
  if (c === 'zlib') throw new Error('zlib is not a Zarr v3 codec');
  if (c === 'zstd') return [bytes, { name: 'zstd', configuration: { level: 3, checksum: false } }];
  return [bytes, { name: 'blosc', configuration: { cname: c === 'blosc-lz4' ? 'lz4' : 'zstd', clevel: 5, shuffle: SIZE[dtype] > 1 ? 'shuffle' : 'noshuffle', typesize: SIZE[dtype], blocksize: 0 } }];
}

export interface ArraySpec {
  /** Row-major values of the whole array. */
  values: ArrayLike<number>;
  shape: number[];
  chunks: number[];
  dtype?: Dtype;
  compression?: Compression;
  fillValue?: number | 'NaN';
  /** Chunk keys (e.g. '0.1' in v2, 'c/0/1' in v3) whose files are left out. */
  omit?: (coords: number[]) => boolean;
  /** v3 only: shard shape (a multiple of chunks). */
  shards?: number[];
  attributes?: Record<string, unknown>;
  dimensionNames?: string[];
  /** v2: write .zattrs (zarr-python leaves it out when there are no attributes). */
  separator?: '.' | '/';
}

/** The chunk (an exact chunk-shape block, edges padded with the fill value) at chunk coordinates. */
function chunkValues(spec: ArraySpec, coords: number[], chunkShape: number[]): Float64Array {
  const n = chunkShape.reduce((a, b) => a * b, 1);
  const fill = spec.fillValue === 'NaN' ? Number.NaN : (spec.fillValue ?? 0);
  const out = new Float64Array(n).fill(fill);
  const strides = spec.shape.map((_, i) => spec.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const cstrides = chunkShape.map((_, i) => chunkShape.slice(i + 1).reduce((a, b) => a * b, 1));
  for (let k = 0; k < n; k++) {
    let src = 0;
    let inside = true;
    for (let d = 0; d < chunkShape.length; d++) {
      const local = Math.floor(k / (cstrides[d] as number)) % (chunkShape[d] as number);
      const g = (coords[d] as number) * (chunkShape[d] as number) + local;
      if (g >= (spec.shape[d] as number)) inside = false;
      src += g * (strides[d] as number);
    }
    if (inside) out[k] = spec.values[src] as number;
  }
  return out;
}

function* chunkGrid(shape: number[], chunks: number[]): Generator<number[]> {
  const counts = shape.map((s, i) => Math.ceil(s / (chunks[i] as number)));
  const total = counts.reduce((a, b) => a * b, 1);
  for (let k = 0; k < total; k++) {
    let rest = k;
    const c: number[] = new Array(counts.length);
    for (let d = counts.length - 1; d >= 0; d--) {
      c[d] = rest % (counts[d] as number);
      rest = Math.floor(rest / (counts[d] as number));
    }
    yield c;
  }
}

const prefix = (path: string) => (path === '' ? '' : `${path.replace(/\/$/, '')}/`);

export async function writeArrayV2(files: Files, path: string, spec: ArraySpec): Promise<void> {
  const dtype = spec.dtype ?? 'float32';
  const c = spec.compression ?? 'raw';
  const sep = spec.separator ?? '.';
  const meta: Record<string, unknown> = {
    zarr_format: 2, shape: spec.shape, chunks: spec.chunks, dtype: V2_DTYPE[dtype], compressor: v2Compressor(c),
    fill_value: spec.fillValue ?? 0, order: 'C', filters: null,
  };
  if (sep === '/') meta.dimension_separator = '/';
  files.set(`${prefix(path)}.zarray`, json(meta));
  if (spec.attributes) files.set(`${prefix(path)}.zattrs`, json(spec.attributes));
  for (const coords of chunkGrid(spec.shape, spec.chunks)) {
    if (spec.omit?.(coords)) continue;
    const bytes = encodeValues(chunkValues(spec, coords, spec.chunks), dtype);
    files.set(`${prefix(path)}${coords.join(sep)}`, await compress(bytes, c, SIZE[dtype]));
  }
}

/** CRC-32C (Castagnoli), as the v3 sharding index codec `crc32c` appends. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i] as number;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export async function writeArrayV3(files: Files, path: string, spec: ArraySpec): Promise<void> {
  const dtype = spec.dtype ?? 'float32';
  const c = spec.compression ?? 'raw';
  const fill = spec.fillValue ?? 0;
  const inner = v3BytesCodecs(c, dtype);
  const outer = spec.shards ?? spec.chunks;
  const codecs = spec.shards
    ? [{ name: 'sharding_indexed', configuration: { chunk_shape: spec.chunks, codecs: inner, index_codecs: [{ name: 'bytes', configuration: { endian: 'little' } }, { name: 'crc32c' }], index_location: 'end' } }]
    : inner;
  const meta: Record<string, unknown> = {
    zarr_format: 3, node_type: 'array', shape: spec.shape, data_type: dtype,
    chunk_grid: { name: 'regular', configuration: { chunk_shape: outer } },
    chunk_key_encoding: { name: 'default', configuration: { separator: '/' } },
    fill_value: fill, codecs, attributes: spec.attributes ?? {},
  };
  if (spec.dimensionNames) meta.dimension_names = spec.dimensionNames;
  files.set(`${prefix(path)}zarr.json`, json(meta));
  for (const coords of chunkGrid(spec.shape, outer)) {
    if (spec.omit?.(coords)) continue;
    const key = `${prefix(path)}c/${coords.join('/')}`;
    if (!spec.shards) {
      files.set(key, await compress(encodeValues(chunkValues(spec, coords, spec.chunks), dtype), c, SIZE[dtype]));
      continue;
    }
    // A shard: its inner chunks in C order, then the index (offset, nbytes as uint64 per inner chunk) and its crc32c.
    const per = spec.shards.map((s, i) => s / (spec.chunks[i] as number));
    const parts: Uint8Array[] = [];
    const index = new DataView(new ArrayBuffer(per.reduce((a, b) => a * b, 1) * 16));
    let offset = 0;
    let k = 0;
    for (const sub of chunkGrid(per, per.map(() => 1))) {
      const global = sub.map((s, i) => (coords[i] as number) * (per[i] as number) + s);
      const outside = global.some((g, i) => g * (spec.chunks[i] as number) >= (spec.shape[i] as number));
      if (outside) {
        index.setBigUint64(k * 16, 0xffffffffffffffffn, true);
        index.setBigUint64(k * 16 + 8, 0xffffffffffffffffn, true);
      } else {
        const bytes = await compress(encodeValues(chunkValues(spec, global, spec.chunks), dtype), c, SIZE[dtype]);
        parts.push(bytes);
        index.setBigUint64(k * 16, BigInt(offset), true);
        index.setBigUint64(k * 16 + 8, BigInt(bytes.length), true);
        offset += bytes.length;
      }
      k++;
    }
    const indexBytes = new Uint8Array(index.buffer);
    const crc = new Uint8Array(4);
    new DataView(crc.buffer).setUint32(0, crc32c(indexBytes), true);
    const total = new Uint8Array(offset + indexBytes.length + 4);
    let at = 0;
    for (const p of parts) {
      total.set(p, at);
      at += p.length;
    }
    total.set(indexBytes, at);
    total.set(crc, at + indexBytes.length);
    files.set(key, total);
  }
}

export function writeGroupV2(files: Files, path: string, attributes?: Record<string, unknown>): void {
  files.set(`${prefix(path)}.zgroup`, json({ zarr_format: 2 }));
  if (attributes) files.set(`${prefix(path)}.zattrs`, json(attributes));
}

export function writeGroupV3(files: Files, path: string, attributes: Record<string, unknown> = {}): void {
  files.set(`${prefix(path)}zarr.json`, json({ zarr_format: 3, node_type: 'group', attributes }));
}

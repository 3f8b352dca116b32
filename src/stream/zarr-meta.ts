// The few metadata facts heatgl needs before zarrita opens an array (node kind, shape, chunk shape, data type,
// dimension names, codec names, chunk key encoding) and OME-Zarr 0.4 / 0.5 `multiscales`. zarrita does the real
// decoding; this only reads fields to plan tiles, name chunks in errors and refuse what cannot be drawn up front.
import { StreamError } from './errors';

export type NodeMeta =
  | {
      kind: 'array';
      version: 2 | 3;
      path: string;
      shape: number[];
      /** Read-chunk shape (inner chunks of a sharded array). */
      chunks: number[];
      /** Shape of the stored objects (shards, or the chunks). */
      objects: number[];
      dtype: string;
      dimensionNames: string[] | undefined;
      attributes: Record<string, unknown>;
      codecs: string[];
      keyPrefix: string;
      separator: string;
    }
  | { kind: 'group'; version: 2 | 3; path: string; attributes: Record<string, unknown> };

export const SUPPORTED_DTYPES = new Set(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64']);

const V2_KIND: Record<string, string> = { i: 'int', u: 'uint', f: 'float' };

/** v2 dtype string ('<f4', '|u1', '>i8') as a v3 data type name; others come back as they are (then refused). */
function v2Dtype(s: unknown): string {
  if (typeof s !== 'string') return JSON.stringify(s);
  const m = /^[<>|=]([iuf])(\d+)$/.exec(s);
  if (!m) return s;
  return `${V2_KIND[m[1] as string]}${Number(m[2]) * 8}`;
}

const isObj = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o);
const intArray = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => Number.isInteger(v) && v >= 0);

function v3Codecs(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const names: string[] = [];
  for (const c of list) {
    const name = typeof c === 'string' ? c : isObj(c) ? String(c.name) : String(c);
    if (name === 'sharding_indexed' && isObj(c) && isObj(c.configuration)) {
      names.push(...v3Codecs(c.configuration.codecs), ...v3Codecs(c.configuration.index_codecs));
    } else names.push(name);
  }
  return names;
}

export function parseNode(doc: Record<string, unknown>, attrs: Record<string, unknown> | undefined, version: 2 | 3, url: string, path: string): NodeMeta {
  const bad = (what: string) => new StreamError(`invalid Zarr metadata: ${what}`, { url, path });
  if (version === 3) {
    if (doc.zarr_format !== 3) throw bad(`zarr.json has zarr_format ${String(doc.zarr_format)}, expected 3`);
    const attributes = isObj(doc.attributes) ? doc.attributes : {};
    if (doc.node_type === 'group') return { kind: 'group', version, path, attributes };
    if (doc.node_type !== 'array') throw bad(`node_type ${String(doc.node_type)}`);
    const shape = doc.shape;
    const grid = isObj(doc.chunk_grid) && isObj(doc.chunk_grid.configuration) ? doc.chunk_grid.configuration.chunk_shape : undefined;
    if (!intArray(shape) || !intArray(grid) || grid.length !== shape.length) throw bad('shape or chunk_grid missing');
    const codecs = Array.isArray(doc.codecs) ? doc.codecs : [];
    const shard = codecs.find((c) => isObj(c) && c.name === 'sharding_indexed') as Record<string, unknown> | undefined;
    const inner = shard && isObj(shard.configuration) ? shard.configuration.chunk_shape : undefined;
    const enc = isObj(doc.chunk_key_encoding) ? doc.chunk_key_encoding : { name: 'default' };
    const sep = isObj(enc.configuration) && typeof enc.configuration.separator === 'string' ? enc.configuration.separator : enc.name === 'v2' ? '.' : '/';
    const names = Array.isArray(doc.dimension_names) && doc.dimension_names.every((n) => typeof n === 'string') ? (doc.dimension_names as string[]) : undefined;
    return {
      kind: 'array',
      version,
      path,
      shape,
      chunks: intArray(inner) ? inner : grid,
      objects: grid,
      dtype: String(doc.data_type),
      dimensionNames: names,
      attributes,
      codecs: v3Codecs(codecs),
      keyPrefix: enc.name === 'v2' ? '' : `c${sep}`,
      separator: sep,
    };
  }
  const attributes = attrs ?? {};
  if (doc.zarr_format !== 2) throw bad(`zarr_format ${String(doc.zarr_format)}, expected 2`);
  if (!('shape' in doc)) return { kind: 'group', version, path, attributes };
  if (!intArray(doc.shape) || !intArray(doc.chunks) || doc.chunks.length !== doc.shape.length) throw bad('.zarray shape or chunks missing');
  const codecs: string[] = [];
  if (Array.isArray(doc.filters)) for (const f of doc.filters) codecs.push(isObj(f) ? String(f.id) : String(f));
  if (isObj(doc.compressor)) codecs.push(String(doc.compressor.id));
  const names = Array.isArray(attributes._ARRAY_DIMENSIONS) ? (attributes._ARRAY_DIMENSIONS as string[]) : undefined;
  const sep = typeof doc.dimension_separator === 'string' ? doc.dimension_separator : '.';
  return {
    kind: 'array',
    version,
    path,
    shape: doc.shape,
    chunks: doc.chunks,
    objects: doc.chunks,
    dtype: v2Dtype(doc.dtype),
    dimensionNames: names,
    attributes,
    codecs,
    keyPrefix: '',
    separator: sep,
  };
}

/** The first codec name zarrita has no decoder for, or undefined. */
export function unsupportedCodec(m: NodeMeta, has: (name: string) => boolean): string | undefined {
  if (m.kind !== 'array') return undefined;
  return m.codecs.find((c) => !(has(c) || has(`numcodecs.${c}`)));
}

/**
 * The key of a read chunk ('c/1/3', '1.3') and, for a sharded array, the key of the shard object holding it: the
 * inner chunk is named by its own grid position with the array's key encoding, the shard by the stored object's key.
 */
export function chunkKeysOf(m: NodeMeta, coords: readonly number[]): { chunk: string; shard: string | undefined } {
  if (m.kind !== 'array') return { chunk: '', shard: undefined };
  const chunk = `${m.keyPrefix}${coords.join(m.separator)}`;
  if (m.objects.every((o, d) => o === m.chunks[d])) return { chunk, shard: undefined };
  const outer = coords.map((c, d) => Math.floor((c * (m.chunks[d] as number)) / (m.objects[d] as number)));
  return { chunk, shard: `${m.keyPrefix}${outer.join(m.separator)}` };
}

export interface Multiscale {
  axes: string[] | undefined;
  datasets: { path: string; scale: number[] | undefined; translation: number[] | undefined }[];
  type: string | undefined;
}

/** OME-Zarr `multiscales` (0.5 under attributes.ome, 0.4 at the top of .zattrs). */
export function parseMultiscale(attrs: Record<string, unknown>, index: number, url: string, path: string): Multiscale {
  const ome = isObj(attrs.ome) ? attrs.ome : attrs;
  const list = ome.multiscales;
  if (!Array.isArray(list) || list.length === 0) {
    throw new StreamError('this is a Zarr group without OME-Zarr multiscales: pass the path of an array (option path) or of a multiscale group', { url, path });
  }
  const ms = list[index];
  if (!isObj(ms)) throw new StreamError(`multiscales has ${list.length} entries; there is no entry ${index}`, { url, path });
  const axes = Array.isArray(ms.axes) ? ms.axes.map((a) => (isObj(a) ? String(a.name) : String(a))) : undefined;
  if (!Array.isArray(ms.datasets) || ms.datasets.length === 0) throw new StreamError('multiscales entry has no datasets', { url, path });
  const datasets = ms.datasets.map((d) => {
    if (!isObj(d) || typeof d.path !== 'string') throw new StreamError('a multiscales dataset has no path', { url, path });
    const transforms = Array.isArray(d.coordinateTransformations) ? d.coordinateTransformations.filter(isObj) : [];
    const scale = transforms.find((t) => t.type === 'scale')?.scale;
    const translation = transforms.find((t) => t.type === 'translation')?.translation;
    return { path: d.path, scale: Array.isArray(scale) ? (scale as number[]) : undefined, translation: Array.isArray(translation) ? (translation as number[]) : undefined };
  });
  const meta = isObj(ms.metadata) ? ms.metadata : {};
  const declared = [ms.type, meta.reduction, meta.method].find((t) => typeof t === 'string') as string | undefined;
  const type = declared === undefined ? undefined : /sum/i.test(declared) ? 'sum' : declared;
  return { axes, datasets, type };
}

// openZarr: a streamed matrix source over a Zarr v2/v3 store (plain 2-D array, a 2-D slice of an N-D array, or an
// OME-Zarr 0.4/0.5 multiscale group). Resolves after reading metadata only; tiles (one chunk each, in the two
// displayed dimensions) are read on demand with zarrita, which does all Zarr decoding (codecs, sharding, fill value).
import * as zarr from 'zarrita';
import { fail } from '../core/errors';
import type { PlanLevel } from '../core/stream-plan';
import { HttpError, StreamError } from './errors';
import { createHttpStore, type FetchCounters } from './fetch-store';
import { chunkKeysOf, type NodeMeta, parseNode, parseMultiscale, SUPPORTED_DTYPES, unsupportedCodec } from './zarr-meta';

export type Selection = Readonly<Record<string, number>> | readonly (number | null)[];

export interface OpenZarrOptions {
  /** Path of the array or multiscale group inside the store. @default '' (the URL itself) */
  path?: string;
  /** Fixes every dimension but two: `{ t: 0, c: 1 }` by dimension name, or `[0, 1, null, null]` by position. */
  select?: Selection;
  /** Which entry of `multiscales` to read. @default 0 */
  multiscale?: number;
  /** Overrides the pyramid's declared downsampling ('sum' levels are divided by the cells they cover). */
  reduction?: 'mean' | 'sum';
  /** Your own fetch (authentication, presigned URLs); URL stores only. */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-request time-out in ms. @default 30000 */
  timeoutMs?: number;
  /** A name for the store in error messages when a store object is given. */
  name?: string;
}

/** One pyramid level of a streamed source. */
export interface StreamLevel extends PlanLevel {
  /** Array path inside the store. */
  readonly path: string;
}

/** A tile's values as per-cell means (float32, row-major), rows × cols of the tile (smaller at the edges). */
export interface TileValues {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** A matrix read tile by tile from a chunked multiscale store. */
export interface StreamSource {
  readonly kind: 'zarr';
  readonly url: string;
  /** Base-level shape in the two displayed dimensions. */
  readonly rows: number;
  readonly cols: number;
  /** Finest first. */
  readonly levels: readonly StreamLevel[];
  readonly dtype: string;
  /** The declared downsampling of the pyramid ('mean' when none is declared). */
  readonly reduction: string;
  /** Names of the displayed dimensions (rows, cols). */
  readonly dims: readonly [string, string];
  readonly counters: FetchCounters;
  /** Where the source was found, for reading what lies beside it (coordinate arrays, OME-Zarr transforms). */
  readonly node: SourceNode;
  readTile(level: number, row: number, col: number, signal?: AbortSignal): Promise<TileValues>;
}

/** The node openZarr opened: its store, path and attributes, and which of its dimensions are displayed. */
export interface SourceNode {
  readonly store: ZarrStore;
  /** Path of the array or multiscale group inside the store ('' for the URL itself). */
  readonly path: string;
  readonly kind: 'array' | 'group';
  readonly version: 2 | 3;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The entry of `multiscales` read (groups). */
  readonly multiscale: number;
  /** Base-level shape, every dimension. */
  readonly shape: readonly number[];
  /** Indices of the displayed dimensions (rows, cols) in that shape. */
  readonly displayed: readonly [number, number];
  /** Dimension names (OME-Zarr axes, `dimension_names` or xarray's `_ARRAY_DIMENSIONS`), when the store has them. */
  readonly names: readonly string[] | undefined;
  /** Opens another array of the same store (a coordinate beside the data) with the reader that opened this one. */
  openArray(path: string): Promise<SideArray>;
}

/** An array opened beside the source (see SourceNode.openArray): its metadata and its chunks. */
export interface SideArray {
  readonly shape: readonly number[];
  readonly chunks: readonly number[];
  readonly dtype: string;
  readonly attrs: Readonly<Record<string, unknown>> | undefined;
  readonly dimensionNames: readonly (string | null)[] | undefined;
  getChunk(coords: number[], options?: { signal?: AbortSignal }): Promise<{ data: unknown }>;
}

type Readable = zarr.Readable;
type Arr = zarr.Array<zarr.DataType, Readable>;

type ArrayMeta = Extract<NodeMeta, { kind: 'array' }>;

interface LevelReader {
  array: Arr;
  meta: ArrayMeta;
  /** Chunk index of the fixed (non-displayed) dimensions and the offset inside that chunk. */
  fixed: { dim: number; chunk: number; inside: number }[];
}

const joinPath = (a: string, b: string) => [a, b].filter((s) => s !== '').join('/');
const abs = (p: string) => `/${p}` as zarr.AbsolutePath;

async function readJson(store: Readable, key: string, url: string): Promise<Record<string, unknown> | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await store.get(abs(key));
  } catch (e) {
    throw toStreamError(e, url, key.replace(/\/?[^/]*$/, ''), undefined, 'could not read metadata');
  }
  if (!bytes) return undefined;
  try {
    const o = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error('not a JSON object');
    return o as Record<string, unknown>;
  } catch {
    throw new StreamError(`'${key}' is not valid JSON: not a Zarr store`, { url, path: key });
  }
}

const encodeJson = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

/** Consolidated metadata (v3 `consolidated_metadata` in a group's zarr.json, v2 `.zmetadata`): every node's documents
 * are put in the memo, so opening the levels asks the server for nothing more. */
function primeConsolidated(memo: Memo, path: string, doc: Record<string, unknown>, version: 2 | 3): void {
  const c = version === 3 ? doc.consolidated_metadata : doc;
  const nodes = typeof c === 'object' && c !== null ? (c as { metadata?: unknown }).metadata : undefined;
  if (typeof nodes !== 'object' || nodes === null) return;
  // Consolidated metadata lists every document below `path`: one it leaves out does not exist (no request).
  memo.complete = `/${path === '' ? '' : `${path}/`}`;
  for (const [k, v] of Object.entries(nodes as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null) continue;
    const key = version === 3 ? joinPath(joinPath(path, k), 'zarr.json') : joinPath(path, k);
    if (!memo.docs.has(`/${key}`)) memo.docs.set(`/${key}`, Promise.resolve(encodeJson(v)));
  }
}

/**
 * Reads a node's metadata: v3 zarr.json, else v2 .zarray / .zgroup and .zattrs, read together (with .zmetadata at
 * the root). With `version` known (the levels of a group) only that version's documents are asked for: no probe
 * that answers 404 (and shows in the browser console) per level.
 */
async function readNode(memo: Memo, path: string, url: string, version?: 2 | 3, root = false): Promise<NodeMeta | undefined> {
  const store = memo.store;
  if (version !== 2) {
    const v3 = await readJson(store, joinPath(path, 'zarr.json'), url);
    if (v3) {
      primeConsolidated(memo, path, v3, 3);
      return parseNode(v3, undefined, 3, url, path);
    }
    if (version === 3) return undefined;
  }
  const [zarray, zgroup, zattrs, zmeta] = await Promise.all([
    readJson(store, joinPath(path, '.zarray'), url),
    version === 2 ? undefined : readJson(store, joinPath(path, '.zgroup'), url),
    readJson(store, joinPath(path, '.zattrs'), url),
    root ? readJson(store, joinPath(path, '.zmetadata'), url).catch(() => undefined) : undefined,
  ]);
  if (zmeta) primeConsolidated(memo, path, zmeta, 2);
  if (zarray) return parseNode(zarray, zattrs, 2, url, path);
  if (zgroup || zattrs) return parseNode(zgroup ?? { zarr_format: 2 }, zattrs, 2, url, path);
  return undefined;
}

export function toStreamError(e: unknown, url: string, path: string | undefined, chunk: string | undefined, what: string, shard?: string): StreamError {
  if (e instanceof StreamError) return e;
  if (e instanceof HttpError) return new StreamError(`${what}: ${e.message}`, { url: e.url, path, chunk, shard, status: e.status }, { cause: e });
  const name = (e as { name?: string })?.name ?? 'Error';
  const message = e instanceof Error ? e.message : String(e);
  const cause = (e as { cause?: unknown })?.cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new StreamError(`${what}: ${name === 'CodecPipelineError' ? 'corrupt or undecodable chunk: ' : ''}${message}${detail}`, { url, path, chunk, shard }, { cause: e });
}

function resolveSelection(select: Selection | undefined, names: readonly string[], shape: readonly number[], url: string, path: string): (number | null)[] {
  const n = shape.length;
  const named = names.length === n;
  let sel: (number | null)[];
  if (select === undefined) {
    // Dimensions of size 1 are fixed at 0 (OME-Zarr images are often t, c, z, y, x with t = c = z = 1).
    sel = shape.map((s) => (s === 1 && n > 2 ? 0 : null));
    for (let d = n - 1; d >= 0 && sel.filter((s) => s === null).length < 2; d--) sel[d] = null;
  } else if (Array.isArray(select)) {
    if (select.length !== n) throw new StreamError(`select has ${select.length} entries but the array has ${n} dimensions`, { url, path });
    sel = select.map((s) => (s === null || s === undefined ? null : s));
  } else {
    sel = shape.map(() => null);
    for (const [k, v] of Object.entries(select as Record<string, number>)) {
      const d = named ? names.indexOf(k) : -1;
      if (d < 0) throw new StreamError(`select names dimension '${k}' but the array's dimensions are ${named ? names.join(', ') : 'unnamed'}`, { url, path });
      sel[d] = v;
    }
  }
  for (const [d, v] of sel.entries()) {
    if (v !== null && !(Number.isInteger(v) && v >= 0 && v < (shape[d] as number))) {
      throw new StreamError(`select: index ${String(v)} for dimension ${named ? names[d] : d} is outside 0..${(shape[d] as number) - 1}`, { url, path });
    }
  }
  const free = sel.filter((s) => s === null).length;
  if (free !== 2) {
    const dims = named ? `(${names.join(', ')})` : '';
    throw new StreamError(
      `a heatmap shows 2 dimensions but the array has ${n} dimensions ${dims} with ${free} left free; pass select to fix all but two${n > 2 ? `, e.g. { ${named ? names[0] : 0}: 0 }` : ''}`,
      { url, path },
    );
  }
  return sel;
}

/** A store as zarrita reads it (every @zarrita/storage store fits): keys are absolute paths such as '/zarr.json'.
 * Declared here, not imported from zarrita, so that heatgl's public types need none of zarrita's (whose .d.ts files
 * do not resolve under moduleResolution node16/nodenext). */
export interface ZarrStore {
  get(key: `/${string}`, opts?: { signal?: AbortSignal }): Promise<Uint8Array | undefined> | Uint8Array | undefined;
  getRange?(key: `/${string}`, range: { offset: number; length: number } | { suffixLength: number }, opts?: { signal?: AbortSignal }): Promise<Uint8Array | undefined> | Uint8Array | undefined;
}

/**
 * Opens a Zarr store by URL (with or without a trailing slash) or as a zarrita store object, reading metadata only.
 */
export async function openZarr(source: string | ZarrStore, options: OpenZarrOptions = {}): Promise<StreamSource> {
  const counters: FetchCounters = { requests: 0, bytes: 0, errors: 0, aborted: 0 };
  let store: Readable;
  let url: string;
  if (typeof source === 'string') {
    if (!/^(https?:|blob:|data:)|^\/|^\.\.?\//.test(source)) fail(`openZarr needs an http(s) URL or a store object, got ${JSON.stringify(source)}`);
    url = new URL(source, globalThis.location?.href ?? 'http://localhost/').href;
    store = createHttpStore(url, { fetch: options.fetch, timeoutMs: options.timeoutMs }, counters);
  } else if (source && typeof (source as ZarrStore).get === 'function') {
    store = source as Readable;
    url = options.name ?? 'store';
  } else {
    fail(`openZarr needs a URL string or a store with get(key), got ${typeof source}`);
  }
  const memo = memoStore(store);
  const root = (options.path ?? '').replace(/^\/+|\/+$/g, '');
  const node = await readNode(memo, root, url, undefined, true);
  if (!node) throw new StreamError("not a Zarr store: found no 'zarr.json', '.zarray' or '.zgroup'", { url, path: root });
  let datasets: { path: string; scale: number[] | undefined; translation: number[] | undefined }[];
  let axisNames: string[] | undefined;
  let declared = 'mean';
  if (node.kind === 'array') {
    datasets = [{ path: root, scale: undefined, translation: undefined }];
    axisNames = node.dimensionNames;
  } else {
    const ms = parseMultiscale(node.attributes, options.multiscale ?? 0, url, root);
    datasets = ms.datasets.map((d) => ({ ...d, path: joinPath(root, d.path) }));
    axisNames = ms.axes;
    declared = ms.type ?? 'mean';
  }
  const reduction = options.reduction ?? declared;
  // Every level's metadata, in parallel, the coarsest asked for first; as soon as the coarsest level's metadata is
  // known its few chunks are requested too (2-D arrays), so the first picture does not wait for the other levels,
  // the heatmap's construction or its shader compile.
  const early = new Map<string, Promise<zarr.Chunk<zarr.DataType>>>();
  const last = datasets.length - 1;
  const metas = (
    await Promise.all(
      [...datasets].reverse().map(async (d, i) => {
        const m = d.path === root && node.kind === 'array' ? node : await readNode(memo, d.path, url, node.version);
        if (m?.kind !== 'array') throw new StreamError(`multiscale dataset '${d.path}' is not an array`, { url, path: d.path });
        if (i === 0) requestEarly(memo, m as ArrayMeta, last, options.select === undefined, early);
        return m as ArrayMeta;
      }),
    )
  ).reverse();
  const base = metas[0] as ArrayMeta;
  for (const m of metas) {
    if (m.shape.length !== base.shape.length) throw new StreamError(`levels differ in dimensionality (${base.shape.length} and ${m.shape.length})`, { url, path: m.path });
    if (!SUPPORTED_DTYPES.has(m.dtype)) throw new StreamError(`unsupported data type '${m.dtype}'; expected a numeric type (int8…uint64, float16/32/64)`, { url, path: m.path });
    const codec = unsupportedCodec(m, (name) => zarr.registry.has(name));
    if (codec) throw new StreamError(`unsupported codec '${codec}'`, { url, path: m.path });
  }
  const names = axisNames ?? base.dimensionNames ?? [];
  const sel = resolveSelection(options.select, names, base.shape, url, base.path);
  const [dy, dx] = sel.flatMap((s, d) => (s === null ? [d] : [])) as [number, number];
  const levels: StreamLevel[] = [];
  const readers: LevelReader[] = [];
  const shifted = datasets.some((d) => d.translation?.some((t, i) => t !== (datasets[0]?.translation?.[i] ?? 0)));
  for (const [k, m] of metas.entries()) {
    const d = datasets[k] as (typeof datasets)[number];
    const d0 = datasets[0] as (typeof datasets)[number];
    const factor = (dim: number) => (d.scale && d0.scale ? (d.scale[dim] as number) / (d0.scale[dim] as number) : (base.shape[dim] as number) / (m.shape[dim] as number));
    // OME-Zarr places a cell's centre at scale · index + translation (RFC-5's pixel-centre convention), so a level
    // whose translation moves by (f - 1) / 2 base cells is a block reduction aligned with the base's corner. Levels
    // that all share the base's translation (ome-zarr-py writes none) are taken as aligned at the corner.
    // Rounded to 1e-9 base cells: the transforms' decimal fractions leave float dust (1e-15) that would misplace
    // cell edges by that much.
    const offset = (dim: number) =>
      shifted && d0.scale ? Math.round((((d.translation?.[dim] ?? 0) - (d0.translation?.[dim] ?? 0)) / (d0.scale[dim] as number) + (1 - factor(dim)) / 2) * 1e9) / 1e9 + 0 : 0;
    levels.push({
      path: m.path,
      rows: m.shape[dy] as number,
      cols: m.shape[dx] as number,
      scaleY: factor(dy),
      scaleX: factor(dx),
      offsetY: offset(dy),
      offsetX: offset(dx),
      tileRows: m.chunks[dy] as number,
      tileCols: m.chunks[dx] as number,
    });
    const fixed = sel.flatMap((s, dim) => {
      if (s === null) return [];
      const idx = Math.min((m.shape[dim] as number) - 1, Math.floor(s / factor(dim)));
      return [{ dim, chunk: Math.floor(idx / (m.chunks[dim] as number)), inside: idx % (m.chunks[dim] as number) }];
    });
    readers.push({ array: undefined as unknown as Arr, meta: m, fixed });
  }
  // zarrita opens each level (cheap: the metadata documents already read are served from memory).
  await Promise.all(
    readers.map(async (r) => {
      try {
        const loc = zarr.root(memo.store).resolve(abs(r.meta.path));
        r.array = r.meta.version === 3 ? await zarr.open.v3(loc, { kind: 'array' }) : await zarr.open.v2(loc, { kind: 'array', attrs: false });
      } catch (e) {
        throw toStreamError(e, url, r.meta.path, undefined, 'could not open the array');
      }
    }),
  );
  const dims: [string, string] = [names[dy] ?? String(dy), names[dx] ?? String(dx)];
  const isSum = reduction === 'sum';
  return {
    kind: 'zarr',
    url,
    rows: levels[0]?.rows ?? 0,
    cols: levels[0]?.cols ?? 0,
    levels,
    dtype: base.dtype,
    reduction,
    dims,
    counters,
    node: {
      store: store as ZarrStore,
      path: root,
      kind: node.kind,
      version: node.version,
      attributes: node.attributes,
      multiscale: options.multiscale ?? 0,
      shape: base.shape,
      displayed: [dy, dx],
      names: names.length === base.shape.length ? names : undefined,
      openArray: (path) => openSideArray(store as Readable, path, node.version),
    },
    async readTile(level, row, col, signal) {
      const r = readers[level];
      const l = levels[level];
      if (!r || !l) fail(`level ${level} does not exist (the store has ${levels.length})`);
      const m = r.meta;
      const coords = m.shape.map(() => 0);
      coords[dy] = row;
      coords[dx] = col;
      for (const f of r.fixed) coords[f.dim] = f.chunk;
      const { chunk: key, shard } = chunkKeysOf(m, coords);
      let chunk: zarr.Chunk<zarr.DataType>;
      const tk = `${level}/${row}/${col}`;
      const pre = early.get(tk);
      early.delete(tk);
      try {
        chunk = (pre ? await pre.catch(() => undefined) : undefined) ?? (await r.array.getChunk(coords, signal ? { signal } : {}));
      } catch (e) {
        if ((e as { name?: string })?.name === 'AbortError' || signal?.aborted) throw e;
        throw toStreamError(e, url, m.path, key, 'could not read a tile', shard);
      }
      const expected = m.chunks.reduce((a, b) => a * b, 1);
      if (chunk.data.length !== expected) {
        throw new StreamError(`chunk of the wrong size: ${chunk.data.length} values, expected ${expected} (${m.chunks.join(' × ')})`, { url, path: m.path, chunk: key, shard });
      }
      const rows = Math.min(l.tileRows, l.rows - row * l.tileRows);
      const cols = Math.min(l.tileCols, l.cols - col * l.tileCols);
      const out = new Float32Array(rows * cols);
      const data = chunk.data as ArrayLike<number | bigint>;
      const st = chunk.stride;
      let o = 0;
      for (const f of r.fixed) o += f.inside * (st[f.dim] as number);
      const sy = st[dy] as number;
      const sx = st[dx] as number;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) out[i * cols + j] = Number(data[o + i * sy + j * sx]);
      }
      if (isSum && (l.scaleX !== 1 || l.scaleY !== 1)) {
        // A summed level holds the total of the base cells each cell covers: divide by their number (edges partial).
        for (let i = 0; i < rows; i++) {
          const gy = (row * l.tileRows + i) * l.scaleY;
          const ny = Math.max(1, Math.min(l.scaleY, (levels[0] as StreamLevel).rows - gy));
          for (let j = 0; j < cols; j++) {
            const gx = (col * l.tileCols + j) * l.scaleX;
            const nx = Math.max(1, Math.min(l.scaleX, (levels[0] as StreamLevel).cols - gx));
            out[i * cols + j] /= nx * ny;
          }
        }
      }
      return { values: out, rows, cols };
    },
  };
}

/** Requests the chunks of a small 2-D level (at most 4) right away; readTile takes them from `early` once. */
function requestEarly(memo: Memo, m: ArrayMeta, level: number, plain: boolean, early: Map<string, Promise<zarr.Chunk<zarr.DataType>>>): void {
  if (!plain || m.shape.length !== 2 || !SUPPORTED_DTYPES.has(m.dtype) || unsupportedCodec(m, (n) => zarr.registry.has(n))) return;
  const rows = Math.ceil((m.shape[0] as number) / (m.chunks[0] as number));
  const cols = Math.ceil((m.shape[1] as number) / (m.chunks[1] as number));
  if (rows * cols > 4) return;
  const loc = zarr.root(memo.store).resolve(abs(m.path));
  const array = m.version === 3 ? zarr.open.v3(loc, { kind: 'array' }) : zarr.open.v2(loc, { kind: 'array', attrs: false });
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p = array.then((a) => a.getChunk([r, c]));
      p.catch(() => undefined);
      early.set(`${level}/${r}/${c}`, p);
    }
  }
}

interface Memo {
  store: Readable;
  /** Metadata documents by key ('/0/zarr.json'), read or primed from consolidated metadata. */
  docs: Map<string, Promise<Uint8Array | undefined>>;
  /** Key prefix under which consolidated metadata holds every document. */
  complete?: string;
}

/** Remembers metadata documents so that zarrita's open re-reads them from memory. */
function memoStore(store: Readable): Memo {
  const docs = new Map<string, Promise<Uint8Array | undefined>>();
  const memo: Memo = { store, docs };
  const isMeta = (key: string) => /(zarr\.json|\.zarray|\.zattrs|\.zgroup|\.zmetadata)$/.test(key);
  const wrapped: Readable = {
    async get(key, options) {
      if (!isMeta(key)) return store.get(key, options);
      let p = docs.get(key);
      if (!p && memo.complete !== undefined && key.startsWith(memo.complete)) return undefined;
      if (!p) {
        p = Promise.resolve(store.get(key, options));
        docs.set(key, p);
      }
      return p;
    },
  };
  const getRange = store.getRange?.bind(store);
  if (getRange) wrapped.getRange = async (key, range, options) => getRange(key, range, options);
  memo.store = wrapped;
  return memo;
}

/** Opens the array at `path` in `store` (zarrita reads the metadata, and v2's .zattrs whose _ARRAY_DIMENSIONS become
 * dimensionNames). Kept here so that zarrita has one home: nothing the heatmap imports alone reaches it. */
async function openSideArray(store: Readable, path: string, version: 2 | 3): Promise<SideArray> {
  const loc = zarr.root(store).resolve(`/${path}` as zarr.AbsolutePath);
  const arr = version === 3 ? await zarr.open.v3(loc, { kind: 'array' }) : await zarr.open.v2(loc, { kind: 'array' });
  return arr as unknown as SideArray;
}

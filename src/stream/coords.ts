// Coordinates of a streamed source's displayed dimensions (no DOM, no WebGL), for tick labels, axis labels and the
// tooltip. Two kinds, found from the metadata openZarr read:
//
// - Coordinate arrays, as xarray writes them (`ds.to_zarr()`): beside the data array, a 1-D array named after each
//   dimension (`_ARRAY_DIMENSIONS` in Zarr v2, `dimension_names` in v3) holding one value per cell. They can be as
//   long as the matrix (10⁶ values), so they are read chunk by chunk as labels are asked for: only the chunks holding
//   the labelled cells are fetched, decoded chunks are kept within a byte budget, and the labels made from them are
//   remembered (a bounded number), so a frame's ticks never evict each other.
// - OME-Zarr transforms: cell i's centre is scale · i + translation of the first dataset (OME-Zarr's pixel-centre
//   convention, RFC-5), then the multiscale's own transforms, in the axis's unit. Nothing to fetch.
//
// Dimensions with neither keep index labels. A coordinate array that fails to load falls back to index labels too,
// after reporting the error.
import { type LabelFormat, labelFormat, physicalLabel } from './coord-labels';
import { StreamError } from './errors';
import { type SideArray, type SourceNode, type StreamSource, toStreamError } from './open-zarr';

export interface AxisCoordinates {
  /** The dimension's name ('lat', 'x'). */
  readonly name: string;
  /** Its unit ('micrometer'), '' when none is declared. */
  readonly unit: string;
  /** 'array': a coordinate array's values; 'transform': OME-Zarr's scale and translation. */
  readonly kind: 'array' | 'transform';
  /** Cells along the dimension. */
  readonly length: number;
  /** The label of cell i, or undefined while the chunk holding it loads (its load then starts) or after it failed. */
  label(i: number): string | undefined;
  /** Chunk reads in flight. */
  readonly pending: number;
  destroy(): void;
}

export interface CoordinateOptions {
  /** Decoded coordinate chunks kept per axis, in bytes. @default 16 MiB */
  cacheBytes?: number;
  /** Labels remembered per axis. @default 4096 */
  labelCount?: number;
  /** A chunk arrived (redraw). */
  changed(): void;
  error(e: StreamError): void;
}

const isObj = (o: unknown): o is Record<string, unknown> => typeof o === 'object' && o !== null && !Array.isArray(o);

// ---- OME-Zarr transforms ----------------------------------------------------------------------------------------

interface Affine1 {
  scale: number;
  translation: number;
}

/** scale then translation of a coordinateTransformations list along `dim`; undefined for other transform types. */
function compose(list: unknown, dim: number, into: Affine1): Affine1 | undefined {
  if (list === undefined) return into;
  if (!Array.isArray(list)) return undefined;
  let { scale, translation } = into;
  for (const t of list) {
    if (!isObj(t)) return undefined;
    if (t.type === 'identity') continue;
    const v = t.type === 'scale' ? t.scale : t.type === 'translation' ? t.translation : undefined;
    // Vectors stored in binary (`path`) and other transform types are not read: no physical labels then.
    if (!Array.isArray(v) || typeof v[dim] !== 'number' || !Number.isFinite(v[dim])) return undefined;
    if (t.type === 'scale') {
      scale *= v[dim] as number;
      translation *= v[dim] as number;
    } else translation += v[dim] as number;
  }
  return { scale, translation };
}

/** The physical coordinate (cell centre) of base cell i along each displayed dimension of an OME-Zarr image. */
export function omeAxes(node: Pick<SourceNode, 'attributes' | 'multiscale' | 'displayed' | 'shape'>): [AxisCoordinates | undefined, AxisCoordinates | undefined] {
  const attrs = isObj(node.attributes.ome) ? node.attributes.ome : node.attributes;
  const ms = Array.isArray(attrs.multiscales) ? attrs.multiscales[node.multiscale] : undefined;
  if (!isObj(ms) || !Array.isArray(ms.datasets) || !isObj(ms.datasets[0])) return [undefined, undefined];
  const d0 = ms.datasets[0];
  const axes = Array.isArray(ms.axes) ? ms.axes : [];
  const one = (dim: number): AxisCoordinates | undefined => {
    const local = compose(d0.coordinateTransformations, dim, { scale: 1, translation: 0 });
    const a = local && compose(ms.coordinateTransformations, dim, local);
    const axis = axes[dim];
    const name = isObj(axis) && typeof axis.name === 'string' ? axis.name : typeof axis === 'string' ? axis : String(dim);
    const unit = isObj(axis) && typeof axis.unit === 'string' ? axis.unit : '';
    // Identity without a unit: the physical coordinate is the index, which the index labels already show.
    if (!a || (a.scale === 1 && a.translation === 0 && unit === '')) return undefined;
    const { scale, translation } = a;
    return {
      name,
      unit,
      kind: 'transform',
      length: node.shape[dim] as number,
      label: (i) => physicalLabel(i * scale + translation),
      pending: 0,
      destroy() {},
    };
  };
  return [one(node.displayed[0]), one(node.displayed[1])];
}

// ---- coordinate arrays ------------------------------------------------------------------------------------------

/** What an array axis needs from its store: length, chunk length, a label format and a chunk reader. */
export interface CoordinateReader {
  readonly name: string;
  readonly length: number;
  readonly chunk: number;
  /** Bytes of one decoded value (an estimate for strings). */
  readonly itemBytes: number;
  readonly format: LabelFormat;
  /** The values of chunk k, readable by index. */
  read(k: number, signal: AbortSignal): Promise<{ get(i: number): unknown; length: number }>;
}

/** An axis labelled from a coordinate array, loaded chunk by chunk as labels are asked for. */
export class ArrayAxis implements AxisCoordinates {
  readonly kind = 'array';
  readonly unit: string;
  private readonly chunks = new Map<number, { get(i: number): unknown; length: number }>();
  private readonly labels = new Map<number, string>();
  private readonly loading = new Map<number, AbortController>();
  /** Cells whose labels were asked for while their chunk loads: labelled as it arrives, so that they stay known even
   * when more chunks than the cache holds are needed at once. */
  private readonly wanted = new Map<number, Set<number>>();
  private failed = false;
  private readonly maxChunks: number;
  private readonly maxLabels: number;
  /** Chunk reads issued (for tests and stats). */
  reads = 0;

  constructor(
    private readonly reader: CoordinateReader,
    private readonly o: CoordinateOptions,
    unit = '',
  ) {
    this.unit = unit;
    this.maxChunks = Math.max(2, Math.floor((o.cacheBytes ?? 16 * 2 ** 20) / Math.max(1, reader.chunk * reader.itemBytes)));
    this.maxLabels = Math.max(256, o.labelCount ?? 4096);
  }

  get name(): string {
    return this.reader.name;
  }

  get length(): number {
    return this.reader.length;
  }

  get pending(): number {
    return this.loading.size;
  }

  label(i: number): string | undefined {
    if (this.failed || !(i >= 0 && i < this.reader.length)) return undefined;
    const known = this.labels.get(i);
    if (known !== undefined) return known;
    const k = Math.floor(i / this.reader.chunk);
    const c = this.chunks.get(k);
    if (!c) {
      const w = this.wanted.get(k) ?? new Set<number>();
      this.wanted.set(k, w);
      w.add(i);
      this.load(k);
      return undefined;
    }
    // Most recently used last.
    this.chunks.delete(k);
    this.chunks.set(k, c);
    return this.remember(i, c, k);
  }

  private remember(i: number, c: { get(i: number): unknown }, k: number): string {
    const text = this.reader.format(c.get(i - k * this.reader.chunk));
    this.labels.set(i, text);
    if (this.labels.size > this.maxLabels) this.labels.delete(this.labels.keys().next().value as number);
    return text;
  }

  private load(k: number): void {
    if (this.loading.has(k)) return;
    const ac = new AbortController();
    this.loading.set(k, ac);
    this.reads++;
    this.reader.read(k, ac.signal).then(
      (values) => {
        if (ac.signal.aborted) return;
        this.loading.delete(k);
        for (const i of this.wanted.get(k) ?? []) this.remember(i, values, k);
        this.wanted.delete(k);
        this.chunks.set(k, values);
        if (this.chunks.size > this.maxChunks) this.chunks.delete(this.chunks.keys().next().value as number);
        this.o.changed();
      },
      (e: unknown) => {
        if (ac.signal.aborted) return;
        this.loading.delete(k);
        this.wanted.delete(k);
        this.failed = true;
        this.o.error(e instanceof StreamError ? e : new StreamError(`coordinate array '${this.reader.name}' could not be read, index labels are shown: ${String(e)}`, { url: '', chunk: String(k) }));
        this.o.changed();
      },
    );
  }

  destroy(): void {
    for (const ac of this.loading.values()) ac.abort();
    this.loading.clear();
    this.wanted.clear();
    this.chunks.clear();
    this.labels.clear();
  }
}

const ITEM_BYTES: Record<string, number> = { int8: 1, uint8: 1, bool: 1, int16: 2, uint16: 2, float16: 2, int32: 4, uint32: 4, float32: 4, int64: 8, uint64: 8, float64: 8 };

/** The reader of the coordinate array for dimension `name` beside the array at `path` (Zarr `version`), or undefined if
 * there is none that fits (1-D, `length` values, labelled by that dimension, a type that makes labels). */
export async function coordinateReader(node: Pick<SourceNode, 'openArray'>, url: string, path: string, name: string, length: number): Promise<CoordinateReader | undefined> {
  if (path === '' || name === '' || name.includes('/')) return undefined;
  const at = [...path.split('/').slice(0, -1), name].join('/');
  let arr: SideArray;
  try {
    arr = await node.openArray(at);
  } catch {
    return undefined;
  }
  if (arr.shape.length !== 1 || arr.shape[0] !== length) return undefined;
  if (arr.dimensionNames && arr.dimensionNames[0] !== name) return undefined;
  const format = labelFormat(arr.dtype, arr.attrs ?? {});
  if (!format) return undefined;
  const chunk = arr.chunks[0] as number;
  return {
    name,
    length,
    chunk,
    itemBytes: ITEM_BYTES[arr.dtype] ?? 32,
    format,
    async read(k, signal) {
      let data: unknown;
      try {
        data = (await arr.getChunk([k], { signal })).data;
      } catch (e) {
        throw toStreamError(e, url, at, String(k), `coordinate array '${name}' could not be read, index labels are shown`);
      }
      const d = data as { get?: (i: number) => unknown; length: number } & ArrayLike<unknown>;
      // zarrita's string arrays read through get(i); typed arrays and object arrays by index.
      const get = typeof d.get === 'function' ? (i: number) => (d.get as (i: number) => unknown)(i) : (i: number) => d[i];
      return { get, length: d.length };
    },
  };
}

/** The coordinates of a source's displayed dimensions [rows, cols] (undefined where there are none). */
export async function findCoordinates(source: StreamSource, o: CoordinateOptions): Promise<[AxisCoordinates | undefined, AxisCoordinates | undefined]> {
  const node = source.node as StreamSource['node'] | undefined;
  // A source made by hand (not by openZarr) may not say where it came from: index labels.
  if (!node) return [undefined, undefined];
  if (node.kind === 'group') return omeAxes(node);
  const names = node.names;
  if (!names) return [undefined, undefined];
  const axes = await Promise.all(
    node.displayed.map(async (dim) => {
      const name = names[dim] ?? '';
      try {
        const r = await coordinateReader(node, source.url, node.path, name, node.shape[dim] as number);
        return r ? new ArrayAxis(r, o) : undefined;
      } catch (e) {
        o.error(toStreamError(e, source.url, name, undefined, `coordinate array '${name}' could not be opened, index labels are shown`));
        return undefined;
      }
    }),
  );
  return [axes[0], axes[1]];
}

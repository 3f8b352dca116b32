// The matrix on the GPU (GL layer): one base texture per tile in the chosen storage (src/core/storage.ts), plus
// the level-of-detail pyramid above each tile (src/gl/lod.ts). NaN, ±Infinity and masked cells are stored as bad
// (+Infinity for float storage, the top code for the integer ones), which the fragment shader draws with the bad
// colour.
//
// Uploads go in row bands through texSubImage2D, so the temporary buffer stays small (about 1 M cells) whatever the
// matrix size, and an upload can be spread over many tasks (progressive loading: `uploadSome(budgetMs)`); each tile
// remembers how many of its texture rows hold data and the shader leaves the rest transparent.
//
// Cells come from a MatrixSource (src/source/matrix-source.ts), never from the heatmap: getTile answers at once for an
// in-memory matrix, or later for a remote one, and each band goes up when it arrives. Rows are the source's storage
// rows: with a ring buffer (appendRows) storage row p holds logical row (p - ringOffset) mod rows.
import type { Framebuffer2D, Regl, Texture2D } from 'regl';
import type { Quantizer, Reduce, Storage } from '../core/storage';
import { baseBytesPerCell, LOD_FACTOR, levelBytesPerTexel, levelSizes, toHalf } from '../core/storage';
import { bandRows, type Tile, tileLayout } from '../core/tiles';
import type { MatrixSource, TileBlock } from '../source/matrix-source';
import type { Reducer, ReduceSource } from './lod';

export interface Level {
  readonly texture: Texture2D;
  readonly fbo: Framebuffer2D;
  readonly cols: number;
  readonly rows: number;
  /** Cells per texel along each side: 4^k. */
  readonly scale: number;
}

export interface ValueTile extends Tile {
  readonly texture: Texture2D;
  /** Texture size in texels: the tile plus `halo` cells on every side. */
  readonly texCols: number;
  readonly texRows: number;
  /** Pyramid levels above the base, made on first need (ensureLevels); empty until then and for reduce 'nearest'. */
  levels: Level[];
  /** Levels this tile's pyramid has (0 for reduce 'nearest'). */
  readonly plannedLevels: number;
  /** Texture rows uploaded so far (texRows once loaded). */
  filledRows: number;
}

export interface ValueTextures {
  readonly tiles: readonly ValueTile[];
  readonly tileSize: number;
  /** Cells copied from the neighbouring tiles around each tile (interpolation reads up to 2 cells away). */
  readonly halo: number;
  readonly storage: Storage;
  readonly reduce: Reduce;
  /** The quantisation of 'uint16' / 'uint8' storage (may be set until the first band is uploaded). */
  quant: Quantizer | undefined;
  /** What float storage subtracted from every value, in float64, before the float32 / float16 conversion (0 mostly;
   * see valueOffset in core/storage.ts); may be set until the first band is uploaded. */
  valueOffset: number;
  /** GPU bytes of the base textures (halos included). */
  readonly baseBytes: number;
  /** GPU bytes of the pyramid levels made so far (they are made when a view first needs them). */
  readonly levelBytes: number;
  /** Most levels above the base of any tile (0 without a pyramid). */
  readonly levelCount: number;
  /** The bands partition the matrix (float32, no halo): a BandCheck given to uploadSome sees every cell once, just
   * before it goes up. */
  readonly checksBands: boolean;
  /** Why the pyramid could not be made (e.g. no float render targets), else null; the base is drawn then. */
  readonly lodError: string | null;
  /** The error of a block the source failed to deliver, else null (the cells stay transparent). */
  readonly loadError: Error | null;
  /** Makes and fills the tile's pyramid if it has none yet; false when that is impossible (see lodError). */
  ensureLevels(tile: ValueTile): boolean;
  /** True when the tile's pyramid is made; else false, and the pyramid is made in a task of its own after this frame
   * (so a first frame never waits for it), after which `onArrive` asks for a redraw. */
  levelsReady(tile: ValueTile): boolean;
  /** Makes at once every pyramid levelsReady() put off; true when one was made (the next frame draws from it). */
  settle(): boolean;
  /** Texture rows uploaded and to upload, over all tiles. */
  readonly loadedRows: number;
  readonly totalRows: number;
  readonly done: boolean;
  /** Uploads row bands until `budgetMs` has passed or about `maxCells` cells went up (at least one band); true once
   * everything is uploaded. `check` is asked about each band of a Float32Array whose cells the source does not already
   * know to be finite (see BandCheck). */
  uploadSome(budgetMs: number, maxCells?: number, check?: BandCheck): boolean;
  /** Re-uploads storage cells [row0, row0 + rows) × [col0, col0 + cols) from the source (halos included) and
   * rebuilds the pyramid above them. */
  writeRegion(row0: number, col0: number, rows: number, cols: number): void;
  destroy(): void;
}

/**
 * Asked just before a band goes up from `values`, whose cells are start + r * stride + c for r < rows, c < cols: true
 * when the caller has now seen every one of them finite and unmasked, so the band may go up as it is (no encoding;
 * straight from `values` when it is whole rows). The loader scans the colour limits this way, a band ahead of the GPU
 * process (src/render/loader.ts).
 */
export type BandCheck = (values: Float32Array, start: number, rows: number, cols: number, stride: number) => boolean;

export interface ValueTexturesOptions {
  tileSize: number;
  halo: number;
  storage: Storage;
  reduce: Reduce;
  quant: Quantizer | undefined;
  /** Subtracted from every value before float storage's conversion. @default 0 */
  offset?: number | undefined;
  /** Called when a block that a source answered later (a promise) went up: the owner redraws. */
  onArrive?: (() => void) | undefined;
}

const STORAGE_CODE: Record<Storage, number> = { float32: 0, float16: 0, uint16: 1, uint8: 2 };

/** Shader code of a storage: 0 float (float32 / float16), 1 uint16, 2 uint8. */
export function storageCode(s: Storage): number {
  return STORAGE_CODE[s];
}

/** Bytes per texel of the base texture and the texture format regl takes for it. */
function baseFormat(storage: Storage): { format: 'luminance' | 'luminance alpha'; type: 'float' | 'half float' | 'uint8'; channels: number } {
  if (storage === 'float32') return { format: 'luminance', type: 'float', channels: 1 };
  if (storage === 'float16') return { format: 'luminance', type: 'half float', channels: 1 };
  if (storage === 'uint16') return { format: 'luminance alpha', type: 'uint8', channels: 2 };
  return { format: 'luminance', type: 'uint8', channels: 1 };
}

function levelType(storage: Storage): 'float' | 'half float' | 'uint8' {
  return storage === 'float32' ? 'float' : storage === 'uint8' ? 'uint8' : 'half float';
}

type BandBuffer = Float32Array | Uint16Array | Uint8Array;

function allocBand(storage: Storage, cells: number): BandBuffer {
  if (storage === 'float32') return new Float32Array(cells);
  if (storage === 'float16') return new Uint16Array(cells);
  return new Uint8Array(cells * (storage === 'uint16' ? 2 : 1));
}

/**
 * Encodes a block into `out`: texture row r of the band holds storage row clamp(tileRow0 + r) and column c storage
 * column clamp(tileCol0 + c), clamped to the matrix (edge cells repeat, as matplotlib pads); the block starts at
 * storage (p0, q0).
 */
function encode(block: TileBlock, storage: Storage, quant: Quantizer | undefined, rows: number, cols: number, tileRow0: number, nRows: number, tileCol0: number, nCols: number, p0: number, q0: number, out: BandBuffer, shift = 0): void {
  const { values, mask, offset, stride } = block;
  let j = 0;
  for (let tr = 0; tr < nRows; tr++) {
    const rowBase = offset + (Math.min(rows - 1, Math.max(0, tileRow0 + tr)) - p0) * stride - q0;
    for (let tc = 0; tc < nCols; tc++) {
      const i = rowBase + Math.min(cols - 1, Math.max(0, tileCol0 + tc));
      const v = +(values[i] as number);
      const bad = v - v !== 0 || (mask !== undefined && mask[i] !== 0);
      if (storage === 'float32') (out as Float32Array)[j++] = bad ? Number.POSITIVE_INFINITY : v - shift;
      else if (storage === 'float16') (out as Uint16Array)[j++] = bad ? 0x7c00 : toHalf(v - shift);
      else if (storage === 'uint16') {
        const q = bad ? 65535 : (quant as Quantizer).encode(v);
        out[j++] = q >>> 8;
        out[j++] = q & 0xff;
      } else out[j++] = bad ? 255 : (quant as Quantizer).encode(v);
    }
  }
}

/** Rows [r0, r0 + nRows) × columns [c0, c0 + nCols) of a block (block-relative, all inside it) into `out`, packed. */
function copyRows(block: TileBlock, values: Float32Array, r0: number, nRows: number, c0: number, nCols: number, out: Float32Array): void {
  for (let r = 0; r < nRows; r++) {
    const from = block.offset + (r0 + r) * block.stride + c0;
    out.set(values.subarray(from, from + nCols), r * nCols);
  }
}

const isPromise = <T>(x: T | Promise<T>): x is Promise<T> => typeof (x as { then?: unknown }).then === 'function';

export function createValueTextures(regl: Regl, reducer: Reducer | undefined, source: MatrixSource, o: ValueTexturesOptions): ValueTextures {
  const { tileSize, halo, storage } = o;
  const { rows, cols } = source;
  const reduce = reducer ? o.reduce : 'nearest';
  const fmt = baseFormat(storage);
  const layout = tileLayout(rows, cols, tileSize);
  // Aborts the blocks still on their way when the store is destroyed.
  const abort = typeof AbortController === 'undefined' ? undefined : new AbortController();
  let destroyed = false;
  const tiles: ValueTile[] = [];
  let baseBytes = 0;
  let levelBytes = 0;
  let levelCount = 0;
  let totalRows = 0;
  const destroyAll = () => {
    for (const t of tiles) {
      t.texture.destroy();
      for (const l of t.levels) {
        l.fbo.destroy();
        l.texture.destroy();
      }
      t.levels = [];
    }
  };
  try {
    for (const t of layout) {
      const texCols = t.cols + 2 * halo;
      const texRows = t.rows + 2 * halo;
      const texture = regl.texture({ width: texCols, height: texRows, format: fmt.format, type: fmt.type, min: 'nearest', mag: 'nearest', wrap: 'clamp' });
      const plannedLevels = reduce === 'nearest' ? 0 : levelSizes(t.cols, t.rows).length;
      const tile: ValueTile = { ...t, texture, texCols, texRows, levels: [], plannedLevels, filledRows: 0 };
      tiles.push(tile);
      baseBytes += texCols * texRows * baseBytesPerCell(storage);
      totalRows += texRows;
      levelCount = Math.max(levelCount, plannedLevels);
    }
  } catch (err) {
    destroyAll();
    throw err;
  }
  let lodError: string | null = null;
  // Tiles whose pyramid a frame asked for, made in a later task (levelsReady) or at once (settle).
  const wanted = new Set<ValueTile>();
  let buildTimer: ReturnType<typeof setTimeout> | undefined;
  const buildWanted = (): boolean => {
    let made = false;
    for (const t of wanted) made = store.ensureLevels(t) || made;
    wanted.clear();
    return made;
  };

  /** Allocates a tile's levels (render targets); throws when the GPU cannot render into that format. */
  const allocateLevels = (tile: ValueTile) => {
    let scale = 1;
    try {
      for (const [c, r] of levelSizes(tile.cols, tile.rows)) {
        scale *= LOD_FACTOR;
        const lt = regl.texture({ width: c, height: r, format: 'rgba', type: levelType(storage), min: 'nearest', mag: 'nearest', wrap: 'clamp' });
        let fbo: Framebuffer2D;
        try {
          fbo = regl.framebuffer({ color: lt, depthStencil: false });
        } catch (err) {
          lt.destroy();
          throw err;
        }
        tile.levels.push({ texture: lt, fbo, cols: c, rows: r, scale });
        levelBytes += c * r * levelBytesPerTexel(storage);
      }
    } catch (err) {
      for (const l of tile.levels) {
        l.fbo.destroy();
        l.texture.destroy();
        levelBytes -= l.cols * l.rows * levelBytesPerTexel(storage);
      }
      tile.levels = [];
      throw err;
    }
  };

  /** Rebuilds levels over tile-local cells [r0, r1) × [c0, c1). */
  const refreshLevels = (tile: ValueTile, r0: number, r1: number, c0: number, c1: number) => {
    if (!reducer || tile.levels.length === 0) return;
    let below: ReduceSource = {
      texture: tile.texture,
      size: [tile.texCols, tile.texRows],
      offset: halo,
      cells: [tile.cols, Math.min(tile.rows, Math.max(0, tile.filledRows - halo))],
      kind: 'base',
      storage: storageCode(storage),
    };
    let [a0, a1, b0, b1] = [r0, r1, c0, c1];
    for (const l of tile.levels) {
      a0 = Math.floor(a0 / LOD_FACTOR);
      a1 = Math.min(l.rows, Math.ceil(a1 / LOD_FACTOR));
      b0 = Math.floor(b0 / LOD_FACTOR);
      b1 = Math.min(l.cols, Math.ceil(b1 / LOD_FACTOR));
      reducer.reduce(below, l.fbo, b0, a0, b1, a1);
      below = { texture: l.texture, size: [l.cols, l.rows], offset: 0, cells: [l.cols, l.rows], kind: 'level', storage: 0 };
    }
  };

  // The encoding buffer is made on first need (a Float32Array band straight from the source needs none) and dropped
  // once the upload is complete, so a loaded heatmap keeps no CPU copy of any part of the data.
  let bandBuffer: BandBuffer | undefined;
  // Finite float32 values go up as they are (no encoding); straight from the source's Float32Array when a tile is whole
  // matrix rows in order (no copy at all), else row by row into the band buffer. Finite: the source knows, or the
  // uploadSome's BandCheck (set for its duration) has just seen the band so.
  let bandCheck: BandCheck | undefined;
  const put = (tile: ValueTile, tr0: number, nRows: number, tc0: number, nCols: number, block: TileBlock, p0: number, q0: number) => {
    const cells = nRows * nCols;
    let data: BandBuffer;
    const r0 = tile.row0 + tr0 - p0;
    const c0 = tile.col0 + tc0 - q0;
    const plain =
      storage === 'float32' &&
      halo === 0 &&
      store.valueOffset === 0 &&
      block.values instanceof Float32Array &&
      (source.allFinite || (bandCheck?.(block.values, block.offset + r0 * block.stride + c0, nRows, nCols, block.stride) ?? false));
    if (plain && tile.col0 === 0 && tile.cols === cols && block.stride === nCols) {
      data = block.values.subarray(block.offset, block.offset + cells);
    } else {
      const need = cells * (storage === 'uint16' ? 2 : 1);
      if (!bandBuffer || bandBuffer.length < need) bandBuffer = allocBand(storage, cells);
      data = bandBuffer.subarray(0, need);
      if (plain) copyRows(block, block.values as Float32Array, r0, nRows, c0, nCols, data as Float32Array);
      else encode(block, storage, store.quant, rows, cols, tile.row0 - halo + tr0, nRows, tile.col0 - halo + tc0, nCols, p0, q0, data, store.quant ? 0 : store.valueOffset);
    }
    // Texture row 0 holds storage row tile.row0 - halo: texture v grows with the row index.
    tile.texture.subimage({ data, width: nCols, height: nRows, format: fmt.format, type: fmt.type, alignment: 1 } as never, tc0, tr0);
    // Hand each band to the GPU process now: it converts this band while the next one is read and copied, instead of
    // receiving all of them at the next wait (the first frame's readback or draw). 2048²: first frame 132 → 117 ms.
    regl._gl.flush();
  };
  /** Reads texture rows [tr0, tr0 + nRows) × columns [tc0, tc0 + nCols) of a tile from the source and uploads them,
   * now or when the block arrives; `then` runs after the upload. */
  const upload = (tile: ValueTile, tr0: number, nRows: number, tc0: number, nCols: number, then: () => void) => {
    const clampRow = (r: number) => Math.min(rows - 1, Math.max(0, r));
    const clampCol = (c: number) => Math.min(cols - 1, Math.max(0, c));
    const p0 = clampRow(tile.row0 - halo + tr0);
    const q0 = clampCol(tile.col0 - halo + tc0);
    const request = { level: 0, row0: p0, col0: q0, rows: clampRow(tile.row0 - halo + tr0 + nRows - 1) - p0 + 1, cols: clampCol(tile.col0 - halo + tc0 + nCols - 1) - q0 + 1, signal: abort?.signal };
    const got = source.getTile(request);
    if (!isPromise(got)) {
      put(tile, tr0, nRows, tc0, nCols, got, p0, q0);
      then();
      return;
    }
    got.then(
      (block) => {
        if (destroyed) return;
        put(tile, tr0, nRows, tc0, nCols, block, p0, q0);
        then();
        o.onArrive?.();
      },
      (err: unknown) => {
        if (!destroyed) loadError = err instanceof Error ? err : new Error(String(err));
      },
    );
  };

  // Progressive loading: tiles in order, row bands top to bottom. A tile's `filledRows` grows over the bands that
  // arrived in order (a remote source may answer out of order; the shader leaves the rest transparent).
  let cursorTile = 0;
  let loadedRows = 0;
  const requested = tiles.map(() => 0);
  const arrived = tiles.map(() => new Map<number, number>());
  let loadError: Error | null = null;
  const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const arrive = (index: number, tr0: number, n: number, refresh: boolean) => {
    const tile = tiles[index] as ValueTile;
    const waiting = arrived[index] as Map<number, number>;
    waiting.set(tr0, n);
    const startRow = tile.filledRows;
    for (let got = waiting.get(tile.filledRows); got !== undefined; got = waiting.get(tile.filledRows)) {
      waiting.delete(tile.filledRows);
      tile.filledRows += got;
      loadedRows += got;
    }
    // Levels over the cell rows that gained data (a level texel straddling the end is redone next time).
    if (refresh && tile.filledRows > startRow) refreshLevels(tile, Math.max(0, startRow - halo), Math.min(tile.rows, tile.filledRows - halo), 0, tile.cols);
    if (loadedRows >= totalRows) bandBuffer = undefined;
  };

  /** uploadSome's bands, in order: tiles one after the other, half-million-cell row bands within a tile. */
  const uploadBands = (budgetMs: number, maxCells: number): boolean => {
    const t0 = clock();
    let cells = 0;
    const more = () => clock() - t0 < budgetMs && cells < maxCells;
    while (cursorTile < tiles.length) {
      const index = cursorTile;
      const tile = tiles[index] as ValueTile;
      const startRow = tile.filledRows;
      let sync = true;
      // Half-million-cell bands: a few ms each, so a slice ends close to its budget.
      const band = bandRows(tile.texCols, 1 << 19);
      do {
        const tr0 = requested[index] as number;
        const n = Math.min(band, tile.texRows - tr0);
        requested[index] = tr0 + n;
        let now = true;
        upload(tile, tr0, n, 0, tile.texCols, () => arrive(index, tr0, n, !now));
        if (tile.filledRows < tr0 + n) sync = false;
        now = false;
        cells += n * tile.texCols;
      } while ((requested[index] as number) < tile.texRows && more());
      if (sync && tile.filledRows > startRow) refreshLevels(tile, Math.max(0, startRow - halo), Math.min(tile.rows, tile.filledRows - halo), 0, tile.cols);
      if ((requested[index] as number) >= tile.texRows) cursorTile++;
      if (!more()) break;
    }
    return loadedRows >= totalRows;
  };

  const store: ValueTextures = {
    tiles,
    tileSize,
    halo,
    storage,
    reduce,
    quant: o.quant,
    valueOffset: o.offset ?? 0,
    baseBytes,
    levelCount,
    checksBands: storage === 'float32' && halo === 0,
    totalRows,
    get levelBytes() {
      return levelBytes;
    },
    get lodError() {
      return lodError;
    },
    get loadError() {
      return loadError;
    },
    ensureLevels(tile) {
      if (tile.levels.length > 0) return true;
      if (tile.plannedLevels === 0 || lodError !== null || !reducer) return false;
      try {
        allocateLevels(tile);
        refreshLevels(tile, 0, tile.rows, 0, tile.cols);
        return true;
      } catch (err) {
        const need = storage === 'float32' ? 'WEBGL_color_buffer_float' : storage === 'uint8' ? 'RGBA8 render targets' : 'EXT_color_buffer_half_float';
        lodError = `the level-of-detail pyramid needs ${need}: ${err instanceof Error ? err.message : String(err)}`;
        return false;
      }
    },
    levelsReady(tile) {
      if (tile.levels.length > 0) return true;
      if (tile.plannedLevels === 0 || lodError !== null || !reducer || destroyed) return false;
      wanted.add(tile);
      // One task after the frame that asked: the first picture (from the base) is on screen before the pyramid's
      // passes start, and the redraw then shows the reduced picture.
      buildTimer ??= setTimeout(() => {
        buildTimer = undefined;
        if (destroyed) return;
        if (buildWanted()) o.onArrive?.();
      }, 0);
      return false;
    },
    settle() {
      if (buildTimer !== undefined) clearTimeout(buildTimer);
      buildTimer = undefined;
      return buildWanted();
    },
    get loadedRows() {
      return loadedRows;
    },
    get done() {
      return loadedRows >= totalRows;
    },
    uploadSome(budgetMs, maxCells = Number.POSITIVE_INFINITY, check) {
      bandCheck = check;
      try {
        return uploadBands(budgetMs, maxCells);
      } finally {
        bandCheck = undefined;
      }
    },
    writeRegion(row0, col0, nRows, nCols) {
      for (const tile of tiles) {
        // Texture rows / columns of this tile (halo included) that show the region.
        const tr0 = Math.max(0, row0 - (tile.row0 - halo));
        const tr1 = Math.min(tile.texRows, row0 + nRows - (tile.row0 - halo));
        const tc0 = Math.max(0, col0 - (tile.col0 - halo));
        const tc1 = Math.min(tile.texCols, col0 + nCols - (tile.col0 - halo));
        // Halo rows clamp to the matrix edge: an edge row also feeds the halo beyond it.
        const edgeTop = tile.row0 === 0 && row0 === 0 ? 0 : tr0;
        const edgeBottom = tile.row0 + tile.rows === rows && row0 + nRows === rows ? tile.texRows : tr1;
        const edgeLeft = tile.col0 === 0 && col0 === 0 ? 0 : tc0;
        const edgeRight = tile.col0 + tile.cols === cols && col0 + nCols === cols ? tile.texCols : tc1;
        const r0 = Math.min(tr0, edgeTop);
        const r1 = Math.min(Math.max(tr1, edgeBottom), tile.filledRows);
        const c0 = Math.min(tc0, edgeLeft);
        const c1 = Math.max(tc1, edgeRight);
        if (r1 <= r0 || c1 <= c0) continue;
        const band = Math.max(1, Math.floor((1 << 20) / (c1 - c0)));
        for (let r = r0; r < r1; r += band) upload(tile, r, Math.min(band, r1 - r), c0, c1 - c0, () => undefined);
        const lr0 = Math.max(0, row0 - tile.row0);
        const lr1 = Math.min(tile.rows, row0 + nRows - tile.row0);
        const lc0 = Math.max(0, col0 - tile.col0);
        const lc1 = Math.min(tile.cols, col0 + nCols - tile.col0);
        if (lr1 > lr0 && lc1 > lc0) refreshLevels(tile, lr0, lr1, lc0, lc1);
      }
      if (loadedRows >= totalRows) bandBuffer = undefined;
    },
    destroy() {
      destroyed = true;
      if (buildTimer !== undefined) clearTimeout(buildTimer);
      wanted.clear();
      abort?.abort();
      destroyAll();
      tiles.length = 0;
    },
  };
  return store;
}

/** What a store holds, for stats(): tiles, textures, storage, pyramid, quantisation error and how much is loaded. */
export function storeStats(v: ValueTextures) {
  return {
    tileSize: v.tileSize,
    valueTextures: v.tiles.length,
    textures: v.tiles.reduce((n, t) => n + 1 + t.levels.length, 1),
    storage: v.storage,
    levels: v.levelCount,
    levelBytes: v.levelBytes,
    lodUnavailable: v.lodError,
    quantizationError: v.quant ? v.quant.maxError : 0,
    loaded: v.totalRows > 0 ? v.loadedRows / v.totalRows : 1,
  };
}

// The matrix on the GPU (GL layer): one base texture per tile in the chosen storage (src/core/storage.ts), plus
// the level-of-detail pyramid above each tile (src/gl/lod.ts). NaN, ±Infinity and masked cells are stored as bad
// (+Infinity for float storage, the top code for the integer ones), which the fragment shader draws with the bad
// colour.
//
// Uploads go in row bands through texSubImage2D, so the temporary buffer stays small (about 1 M cells) whatever the
// matrix size, and an upload can be spread over many tasks (progressive loading: `uploadSome(budgetMs)`); each tile
// remembers how many of its texture rows hold data and the shader leaves the rest transparent.
//
// Rows are physical: with a ring buffer (appendRows) physical row p holds logical row (p - ringOffset) mod rows.
import type { Framebuffer2D, Regl, Texture2D } from 'regl';
import type { Quantizer, Reduce, Storage } from '../core/storage';
import { baseBytesPerCell, levelBytesPerTexel, levelSizes, LOD_FACTOR, toHalf } from '../core/storage';
import { bandRows, type Tile, tileLayout } from '../core/tiles';
import type { Reducer, ReduceSource } from './lod';

/** Where the store reads cell values: the current (logical) matrix, its mask and the ring offset. */
export interface ValueSource {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  readonly mask: Uint8Array | undefined;
  /** Physical row of logical row 0 (appendRows); 0 without a ring. */
  readonly ringOffset: number;
  /** True when every value is finite and unmasked (float32 bands can then be uploaded straight from `values`). */
  readonly allFinite: boolean;
}

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
  /** GPU bytes of the base textures (halos included). */
  readonly baseBytes: number;
  /** GPU bytes of the pyramid levels made so far (they are made when a view first needs them). */
  readonly levelBytes: number;
  /** Most levels above the base of any tile (0 without a pyramid). */
  readonly levelCount: number;
  /** Why the pyramid could not be made (e.g. no float render targets), else null; the base is drawn then. */
  readonly lodError: string | null;
  /** Makes and fills the tile's pyramid if it has none yet; false when that is impossible (see lodError). */
  ensureLevels(tile: ValueTile): boolean;
  /** Texture rows uploaded and to upload, over all tiles. */
  readonly loadedRows: number;
  readonly totalRows: number;
  readonly done: boolean;
  /** Uploads row bands until `budgetMs` has passed or about `maxCells` cells went up (at least one band); true once
   * everything is uploaded. */
  uploadSome(budgetMs: number, maxCells?: number): boolean;
  /** Re-uploads physical cells [row0, row0 + rows) × [col0, col0 + cols) from the source (halos included) and
   * rebuilds the pyramid above them. */
  writeRegion(row0: number, col0: number, rows: number, cols: number): void;
  destroy(): void;
}

export interface ValueTexturesOptions {
  tileSize: number;
  halo: number;
  storage: Storage;
  reduce: Reduce;
  quant: Quantizer | undefined;
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
 * Encodes texture rows [tr0, tr0 + nRows) × columns [tc0, tc0 + nCols) of a tile into `out`: texture (r, c) holds
 * physical cell (tile.row0 - halo + r, tile.col0 - halo + c), clamped to the matrix (edge cells repeat, as
 * matplotlib pads).
 */
function fillRect(src: ValueSource, storage: Storage, quant: Quantizer | undefined, tile: Tile, halo: number, tr0: number, nRows: number, tc0: number, nCols: number, out: BandBuffer): void {
  const { values, cols, rows, mask, ringOffset } = src;
  let j = 0;
  for (let tr = tr0; tr < tr0 + nRows; tr++) {
    const p = Math.min(rows - 1, Math.max(0, tile.row0 - halo + tr));
    const logical = ringOffset === 0 ? p : (p - ringOffset + rows) % rows;
    const rowBase = logical * cols;
    for (let tc = tc0; tc < tc0 + nCols; tc++) {
      const i = rowBase + Math.min(cols - 1, Math.max(0, tile.col0 - halo + tc));
      const v = +values[i];
      const bad = v - v !== 0 || (mask !== undefined && mask[i] !== 0);
      if (storage === 'float32') (out as Float32Array)[j++] = bad ? Number.POSITIVE_INFINITY : v;
      else if (storage === 'float16') (out as Uint16Array)[j++] = bad ? 0x7c00 : toHalf(v);
      else if (storage === 'uint16') {
        const q = bad ? 65535 : (quant as Quantizer).encode(v);
        out[j++] = q >>> 8;
        out[j++] = q & 0xff;
      } else out[j++] = bad ? 255 : (quant as Quantizer).encode(v);
    }
  }
}

export function createValueTextures(regl: Regl, reducer: Reducer | undefined, source: () => ValueSource, o: ValueTexturesOptions): ValueTextures {
  const first = source();
  const { tileSize, halo, storage } = o;
  const reduce = reducer ? o.reduce : 'nearest';
  const fmt = baseFormat(storage);
  const layout = tileLayout(first.rows, first.cols, tileSize);
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

  // The encoding buffer is made on first need (a Float32Array band straight from the caller needs none) and dropped
  // once the upload is complete, so a loaded heatmap keeps no CPU copy of any part of the data.
  let bandBuffer: BandBuffer | undefined;
  const upload = (tile: ValueTile, tr0: number, nRows: number, tc0: number, nCols: number) => {
    const src = source();
    const cells = nRows * nCols;
    let data: BandBuffer;
    // Straight from the caller's Float32Array when a band is whole matrix rows in order: no copy at all.
    const contiguous = src.ringOffset === 0 && halo === 0 && tc0 === 0 && nCols === src.cols && tile.col0 === 0;
    if (storage === 'float32' && contiguous && src.allFinite && src.values instanceof Float32Array) {
      const start = (tile.row0 + tr0) * src.cols;
      data = src.values.subarray(start, start + cells);
    } else {
      const need = cells * (storage === 'uint16' ? 2 : 1);
      if (!bandBuffer || bandBuffer.length < need) bandBuffer = allocBand(storage, cells);
      data = bandBuffer.subarray(0, need);
      fillRect(src, storage, store.quant, tile, halo, tr0, nRows, tc0, nCols, data);
    }
    // Texture row 0 holds physical row tile.row0 - halo: texture v grows with the row index.
    tile.texture.subimage({ data, width: nCols, height: nRows, format: fmt.format, type: fmt.type, alignment: 1 } as never, tc0, tr0);
  };

  // Progressive loading: tiles in order, row bands top to bottom.
  let cursorTile = 0;
  let loadedRows = 0;
  const clock = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

  const store: ValueTextures = {
    tiles,
    tileSize,
    halo,
    storage,
    reduce,
    quant: o.quant,
    baseBytes,
    levelCount,
    totalRows,
    get levelBytes() {
      return levelBytes;
    },
    get lodError() {
      return lodError;
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
    get loadedRows() {
      return loadedRows;
    },
    get done() {
      return cursorTile >= tiles.length;
    },
    uploadSome(budgetMs, maxCells = Number.POSITIVE_INFINITY) {
      const t0 = clock();
      let cells = 0;
      const more = () => clock() - t0 < budgetMs && cells < maxCells;
      while (cursorTile < tiles.length) {
        const tile = tiles[cursorTile] as ValueTile;
        const startRow = tile.filledRows;
        // Half-million-cell bands: a few ms each, so a slice ends close to its budget.
        const band = bandRows(tile.texCols, 1 << 19);
        do {
          const n = Math.min(band, tile.texRows - tile.filledRows);
          upload(tile, tile.filledRows, n, 0, tile.texCols);
          tile.filledRows += n;
          loadedRows += n;
          cells += n * tile.texCols;
        } while (tile.filledRows < tile.texRows && more());
        // Levels over the cell rows that gained data (a level texel straddling the end is redone next time).
        refreshLevels(tile, Math.max(0, startRow - halo), Math.min(tile.rows, tile.filledRows - halo), 0, tile.cols);
        if (tile.filledRows >= tile.texRows) cursorTile++;
        if (!more()) break;
      }
      if (cursorTile >= tiles.length) bandBuffer = undefined;
      return cursorTile >= tiles.length;
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
        const edgeBottom = tile.row0 + tile.rows === source().rows && row0 + nRows === source().rows ? tile.texRows : tr1;
        const edgeLeft = tile.col0 === 0 && col0 === 0 ? 0 : tc0;
        const edgeRight = tile.col0 + tile.cols === source().cols && col0 + nCols === source().cols ? tile.texCols : tc1;
        const r0 = Math.min(tr0, edgeTop);
        const r1 = Math.min(Math.max(tr1, edgeBottom), tile.filledRows);
        const c0 = Math.min(tc0, edgeLeft);
        const c1 = Math.max(tc1, edgeRight);
        if (r1 <= r0 || c1 <= c0) continue;
        const band = Math.max(1, Math.floor((1 << 20) / (c1 - c0)));
        for (let r = r0; r < r1; r += band) upload(tile, r, Math.min(band, r1 - r), c0, c1 - c0);
        const lr0 = Math.max(0, row0 - tile.row0);
        const lr1 = Math.min(tile.rows, row0 + nRows - tile.row0);
        const lc0 = Math.max(0, col0 - tile.col0);
        const lc1 = Math.min(tile.cols, col0 + nCols - tile.col0);
        if (lr1 > lr0 && lc1 > lc0) refreshLevels(tile, lr0, lr1, lc0, lc1);
      }
      if (cursorTile >= tiles.length) bandBuffer = undefined;
    },
    destroy() {
      destroyAll();
      tiles.length = 0;
    },
  };
  return store;
}

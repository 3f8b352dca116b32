// The data-source seam (pure: no DOM, no WebGL). The GPU value textures read their cells through this interface and
// never from a heatmap object: an in-memory matrix today (src/source/memory-source.ts), a chunked multiscale store
// over HTTP tomorrow. Modelled on viv's `getTile({ x, y, z, signal })`: the renderer asks for a block at a level, and
// never knows whether it came from memory or over the network.

/** One resolution of a source. Level 0 is the full matrix; level k covers the same cells `scale` times coarser. */
export interface SourceLevel {
  readonly rows: number;
  readonly cols: number;
  /** Cells of level 0 per cell of this level along each side (1 for level 0; e.g. 2, 4, 8 for an OME-Zarr pyramid). */
  readonly scale: number;
}

/** A block of cells a reader wants: rows [row0, row0 + rows) × columns [col0, col0 + cols) of `level`. Rows are the
 * source's *storage* rows (see {@link MatrixSource.ringOffset}); requests always lie inside the level. */
export interface TileRequest {
  readonly level: number;
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
  /** Aborted when the reader no longer wants the block (destroyed, data replaced); a source may then reject. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Cells of a request, as a strided view so that an in-memory source hands out its own array without copying: cell
 * (r, c) of the request is `values[offset + r * stride + c]`, and it is bad (drawn with the bad colour) when it is
 * NaN or ±Infinity or when `mask` is non-zero at that same index. The reader never writes into a block.
 */
export interface TileBlock {
  readonly values: ArrayLike<number>;
  readonly offset: number;
  readonly stride: number;
  readonly mask?: ArrayLike<number> | undefined;
}

/** Storage rows and columns that changed: a reader re-reads them (the GPU re-uploads only those cells). */
export interface SourceRegion {
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
}

export interface MatrixSource {
  /** Shape of level 0. */
  readonly rows: number;
  readonly cols: number;
  /** The resolutions the source holds, level 0 first (an in-memory matrix has only level 0). Readers that build their
   * own pyramid (the GPU value textures) read level 0; a tiled reader may ask coarser levels for a quick first picture. */
  readonly levels: readonly SourceLevel[];
  /** Storage row of logical row 0: a ring buffer (appendRows) writes new rows over the oldest ones, so logical row
   * `l` lives in storage row `(l + ringOffset) % rows`. 0 for every source without a ring. */
  readonly ringOffset: number;
  /** True when every cell is finite and unmasked (float32 blocks can then go to the GPU without being re-encoded). */
  readonly allFinite: boolean;
  /** The cells of a block. An in-memory source answers at once; a remote one returns a promise, and the reader draws
   * what has arrived and redraws as the rest comes in. */
  getTile(request: TileRequest): TileBlock | Promise<TileBlock>;
  /** Calls `listener` with the storage region of every in-place change (updateRegion, appendRows, streamed refinement);
   * returns the function that stops it. */
  onChange(listener: (region: SourceRegion) => void): () => void;
}

/** Reads one cell of a block (NaN for null / undefined). */
export function blockValue(block: TileBlock, r: number, c: number): number {
  const v = block.values[block.offset + r * block.stride + c];
  return v === null || v === undefined ? Number.NaN : +v;
}

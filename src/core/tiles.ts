// Tiling maths (pure): matrices larger than the GPU's MAX_TEXTURE_SIZE are split into a grid of textures.

/** One texture's share of the matrix, in cells. */
export interface Tile {
  readonly row0: number;
  readonly col0: number;
  readonly rows: number;
  readonly cols: number;
}

/** Splits rows×cols into tiles of at most tileSize×tileSize cells, row-major order. */
export function tileLayout(rows: number, cols: number, tileSize: number): Tile[] {
  if (!(Number.isInteger(tileSize) && tileSize >= 1)) throw new RangeError(`tileSize must be a positive integer, got ${tileSize}`);
  const tiles: Tile[] = [];
  for (let row0 = 0; row0 < rows; row0 += tileSize) {
    for (let col0 = 0; col0 < cols; col0 += tileSize) {
      tiles.push({ row0, col0, rows: Math.min(tileSize, rows - row0), cols: Math.min(tileSize, cols - col0) });
    }
  }
  return tiles;
}

/** Rows per upload band so that one band holds about `cellsPerBand` cells (at least one row). */
export function bandRows(tileCols: number, cellsPerBand = 1 << 20): number {
  return Math.max(1, Math.floor(cellsPerBand / tileCols));
}

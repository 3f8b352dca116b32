// Uploads a matrix as float textures, one per tile (GL layer). NaN, ±Infinity and masked cells are written as
// +Infinity, which the fragment shader draws with the bad colour. Uploads go in row bands through texSubImage2D
// so the temporary buffer stays small (about 4 MB) whatever the matrix size.
import type { Regl, Texture2D } from 'regl';
import type { Matrix } from '../core/matrix';
import { bandRows, type Tile, tileLayout } from '../core/tiles';

export interface ValueTile extends Tile {
  readonly texture: Texture2D;
}

export interface ValueTextures {
  readonly tiles: readonly ValueTile[];
  readonly tileSize: number;
  /** GPU bytes held by the value textures (4 per cell). */
  readonly bytes: number;
  destroy(): void;
}

/** Fills `out` (tile.cols × nRows) with rows [row0, row0 + nRows) of the tile, bad cells as +Infinity. */
function fillBand(m: Matrix, mask: Uint8Array | undefined, tile: Tile, row0: number, nRows: number, out: Float32Array): void {
  const { values, cols } = m;
  let j = 0;
  for (let r = row0; r < row0 + nRows; r++) {
    const base = r * cols + tile.col0;
    for (let c = 0; c < tile.cols; c++) {
      const v = +values[base + c];
      out[j++] = v - v !== 0 || (mask !== undefined && mask[base + c] !== 0) ? Number.POSITIVE_INFINITY : v;
    }
  }
}

export function createValueTextures(regl: Regl, m: Matrix, mask: Uint8Array | undefined, tileSize: number): ValueTextures {
  const layout = tileLayout(m.rows, m.cols, tileSize);
  const tiles: ValueTile[] = [];
  try {
    for (const tile of layout) {
      const texture = regl.texture({
        width: tile.cols,
        height: tile.rows,
        format: 'luminance',
        type: 'float',
        min: 'nearest',
        mag: 'nearest',
        wrap: 'clamp',
      });
      tiles.push({ ...tile, texture });
      const band = bandRows(tile.cols);
      const buffer = new Float32Array(tile.cols * Math.min(band, tile.rows));
      for (let r = 0; r < tile.rows; r += band) {
        const n = Math.min(band, tile.rows - r);
        const view = n * tile.cols === buffer.length ? buffer : buffer.subarray(0, n * tile.cols);
        fillBand(m, mask, tile, tile.row0 + r, n, view);
        // Texture row 0 holds matrix row tile.row0: texture v grows with the row index, flipped by the projection.
        texture.subimage({ data: view, width: tile.cols, height: n }, 0, r);
      }
    }
  } catch (err) {
    for (const t of tiles) t.texture.destroy();
    throw err;
  }
  return {
    tiles,
    tileSize,
    bytes: m.rows * m.cols * 4,
    destroy() {
      for (const t of tiles) t.texture.destroy();
      tiles.length = 0;
    },
  };
}

// Uploads a matrix as float textures, one per tile (GL layer). NaN, ±Infinity and masked cells are written as
// +Infinity, which the fragment shader draws with the bad colour. Uploads go in row bands through texSubImage2D
// so the temporary buffer stays small (about 4 MB) whatever the matrix size.
import type { Regl, Texture2D } from 'regl';
import type { Matrix } from '../core/matrix';
import { bandRows, type Tile, tileLayout } from '../core/tiles';

export interface ValueTile extends Tile {
  readonly texture: Texture2D;
  /** Texture size in texels: the tile plus `halo` cells on every side. */
  readonly texCols: number;
  readonly texRows: number;
}

export interface ValueTextures {
  readonly tiles: readonly ValueTile[];
  readonly tileSize: number;
  /** Cells copied from the neighbouring tiles around each tile (interpolation reads up to 2 cells away). */
  readonly halo: number;
  /** GPU bytes held by the value textures (4 per cell, plus halos). */
  readonly bytes: number;
  destroy(): void;
}

/**
 * Fills `out` with texture rows [texRow0, texRow0 + nRows) of a tile with a halo: texture (r, c) holds matrix cell
 * (tile.row0 - halo + r, tile.col0 - halo + c), clamped to the matrix (edge cells repeat, as matplotlib pads), bad
 * cells as +Infinity.
 */
function fillBand(m: Matrix, mask: Uint8Array | undefined, tile: ValueTile, halo: number, texRow0: number, nRows: number, out: Float32Array): void {
  const { values, cols, rows } = m;
  let j = 0;
  for (let tr = texRow0; tr < texRow0 + nRows; tr++) {
    const r = Math.min(rows - 1, Math.max(0, tile.row0 - halo + tr));
    const rowBase = r * cols;
    for (let tc = 0; tc < tile.texCols; tc++) {
      const i = rowBase + Math.min(cols - 1, Math.max(0, tile.col0 - halo + tc));
      const v = +values[i];
      out[j++] = v - v !== 0 || (mask !== undefined && mask[i] !== 0) ? Number.POSITIVE_INFINITY : v;
    }
  }
}

export function createValueTextures(regl: Regl, m: Matrix, mask: Uint8Array | undefined, tileSize: number, halo = 0): ValueTextures {
  const layout = tileLayout(m.rows, m.cols, tileSize);
  const tiles: ValueTile[] = [];
  let bytes = 0;
  try {
    for (const t of layout) {
      const texCols = t.cols + 2 * halo;
      const texRows = t.rows + 2 * halo;
      const texture = regl.texture({ width: texCols, height: texRows, format: 'luminance', type: 'float', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
      const tile: ValueTile = { ...t, texture, texCols, texRows };
      tiles.push(tile);
      bytes += texCols * texRows * 4;
      const band = bandRows(texCols);
      const buffer = new Float32Array(texCols * Math.min(band, texRows));
      for (let r = 0; r < texRows; r += band) {
        const n = Math.min(band, texRows - r);
        const view = n * texCols === buffer.length ? buffer : buffer.subarray(0, n * texCols);
        fillBand(m, mask, tile, halo, r, n, view);
        // Texture row 0 holds matrix row tile.row0 - halo: texture v grows with the row index.
        texture.subimage({ data: view, width: texCols, height: n }, 0, r);
      }
    }
  } catch (err) {
    for (const t of tiles) t.texture.destroy();
    throw err;
  }
  return {
    tiles,
    tileSize,
    halo,
    bytes,
    destroy() {
      for (const t of tiles) t.texture.destroy();
      tiles.length = 0;
    },
  };
}

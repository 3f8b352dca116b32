// Streamed tiles on the GPU (GL layer): a byte-bounded LRU of float tile textures, and their draw with the heatmap
// shader (shaders/heatmap.*.glsl, the same colormap / LUT / norm path as in-memory heatmaps, so every tile and level
// shares one colour domain). Positions are level-relative: all tiles of a level in a frame share one reference cell
// near the view (float64 on the CPU), so the shader works with small numbers at any zoom into a 10⁶ × 10⁶ matrix and
// neighbouring tiles pick cells with the same arithmetic (no seams). Coarser levels are drawn first, finer over them.
import type { Regl, Texture2D } from 'regl';
import vertSource from '../../shaders/heatmap.vert.glsl?raw';
import { ByteLru } from '../core/lru';
import type { NormShaderParams } from '../core/norms';
import type { PlanLevel, Rect, TileRef } from '../core/stream-plan';
import { tileKey } from '../core/stream-plan';
import { gridLine, heatmapCommand, heatmapFrag, lutUniforms } from './heatmap-layer';
import type { LutTexture } from './lut-texture';
import type { HeatmapUniforms } from './heatmap-uniforms';
import { guardShaders } from './shader-check';
import { createTileReducer, reducedBytes } from './tile-reduce';

export interface TileData {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

export interface TileFrame {
  readonly levels: readonly PlanLevel[];
  /** Tiles to draw, coarsest first. */
  readonly tiles: readonly TileRef[];
  /** The tile's values (only asked for tiles not yet on the GPU). */
  readonly data: (t: TileRef) => TileData | undefined;
  /** For a tile of a synthetic level (no stored values): the tile one level finer that it reduces 4 × 4. */
  readonly derive?: ((t: TileRef) => TileRef | undefined) | undefined;
  /** Visible base-cell rectangle (row 0 at the top). */
  readonly view: Rect;
  readonly lut: LutTexture;
  readonly lutSize: number;
  readonly norm: NormShaderParams;
  readonly badColor: readonly number[];
  readonly underColor: readonly number[];
  readonly overColor: readonly number[];
  readonly lineWidthPx: number;
  readonly lineColor: readonly number[];
  readonly widthPx: number;
  readonly heightPx: number;
}

export interface TileLayer {
  draw(frame: TileFrame): void;
  readonly gpuBytes: number;
  readonly gpuTiles: number;
  readonly gpuLimit: number;
  /** Tiles uploaded so far. */
  readonly uploads: number;
  /** Tiles reduced on the GPU so far (synthetic levels). */
  readonly reductions: number;
  /** GPU reduction is available (float render targets). */
  readonly canReduce: boolean;
  /** The tile's texture is on the GPU. */
  has(key: string): boolean;
  destroy(): void;
}

export function createTileLayer(regl: Regl, gpuCacheBytes: number): TileLayer {
  const gl = regl._gl;
  const corners = regl.buffer([0, 0, 1, 0, 0, 1, 1, 1]);
  const placeholder = regl.texture({ width: 1, height: 1, format: 'luminance', type: 'float', data: new Float32Array(1) });
  const bounds = regl.texture({ width: 1, height: 2, format: 'luminance', type: 'float', data: new Float32Array(2), min: 'nearest', mag: 'nearest' });
  let boundsKey: Float32Array | undefined;
  let boundsWidth = 1;
  const textures = new ByteLru<string, Texture2D>(gpuCacheBytes, (_k, t) => t.destroy());
  let uploads = 0;
  let reductions = 0;
  const reducer = createTileReducer(regl);
  const reduced = new WeakSet<Texture2D>();
  let scratch = new Float32Array(0);
  const variants = new Map<string, (props: Record<string, unknown>) => void>();
  const command = (norm: number, lines: number) => {
    const key = `${norm}|${lines}`;
    let cmd = variants.get(key);
    if (cmd) return cmd;
    const frag = heatmapFrag({ NORM: norm, LINES: lines });
    cmd = guardShaders(gl, vertSource, frag, () => heatmapCommand(regl, corners, frag) as unknown as (props: Record<string, unknown>) => void);
    variants.set(key, cmd);
    return cmd;
  };
  const setBounds = (n: NormShaderParams) => {
    if (!n.boundaries || !n.indices || n.boundaries === boundsKey) return;
    boundsKey = n.boundaries;
    boundsWidth = n.indices.length;
    const data = new Float32Array(boundsWidth * 2);
    data.set(n.boundaries, 0);
    data.set(n.indices, boundsWidth);
    bounds({ width: boundsWidth, height: 2, format: 'luminance', type: 'float', data, min: 'nearest', mag: 'nearest' });
  };
  /** The tile's texture, uploading it (bad cells as +Infinity, as the shader expects) when not on the GPU. */
  const textureOf = (t: TileRef, frame: TileFrame, protect: Set<string>): Texture2D | undefined => {
    const key = tileKey(t);
    const have = textures.get(key);
    if (have) return have;
    const d = frame.data(t);
    if (!d) {
      // A synthetic level's tile: reduce the finer tile (itself uploaded or reduced first) on the GPU.
      const from = reducer.supported ? frame.derive?.(t) : undefined;
      const src = from ? textureOf(from, frame, protect) : undefined;
      if (!from || !src) return undefined;
      const tex = reducer.reduce(src, !reduced.has(src));
      reduced.add(tex);
      reductions++;
      textures.set(key, tex, reducedBytes(tex.width, tex.height), (k) => protect.has(k));
      return tex;
    }
    const n = d.rows * d.cols;
    if (scratch.length < n) scratch = new Float32Array(n);
    const buf = scratch.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const v = d.values[i] as number;
      buf[i] = v - v === 0 ? v : Number.POSITIVE_INFINITY;
    }
    const tex = regl.texture({ width: d.cols, height: d.rows, format: 'luminance', type: 'float', data: buf, min: 'nearest', mag: 'nearest', wrap: 'clamp' });
    uploads++;
    textures.set(key, tex, n * 4, (k) => protect.has(k));
    return tex;
  };
  const view = new Float32Array(16);
  const rect = new Float32Array(4);
  const tileOrigin = new Float32Array(2);
  const tileSize = new Float32Array(2);
  const viewOrigin = new Float32Array(2);
  const cellsPerPixel = new Float32Array(2);
  return {
    draw(f) {
      regl.clear({ color: [0, 0, 0, 0] });
      // Compiled on the first frame even with no tile yet: the compile (long in software GL) then overlaps the first
      // requests instead of following their arrival.
      command(f.norm.type, 0);
      setBounds(f.norm);
      const protect = new Set(f.tiles.map(tileKey));
      const vw = f.view.x1 - f.view.x0;
      const vh = f.view.y1 - f.view.y0;
      const cppX = vw / f.widthPx;
      const cppY = vh / f.heightPx;
      const viewport = { x: 0, y: 0, width: f.widthPx, height: f.heightPx };
      const norm = [f.norm.a, f.norm.b, f.norm.c, f.norm.d];
      for (const t of f.tiles) {
        const l = f.levels[t.level];
        if (!l) continue;
        const tex = textureOf(t, f, protect);
        if (!tex) continue;
        // Reference cell of this level near the view's top-left corner (integers, float64 on the CPU).
        const refX = Math.floor((f.view.x0 - l.offsetX) / l.scaleX);
        const refY = Math.floor((f.view.y0 - l.offsetY) / l.scaleY);
        const baseX = l.offsetX + refX * l.scaleX;
        const baseY = l.offsetY + refY * l.scaleY;
        const rows = tex.height;
        const cols = tex.width;
        const c0 = t.col * l.tileCols - refX;
        const r0 = t.row * l.tileRows - refY;
        // Drawn rectangle in level-relative cells: the visible part of the tile widened by a device pixel.
        const padX = cppX / l.scaleX;
        const padY = cppY / l.scaleY;
        const vx0 = (f.view.x0 - baseX) / l.scaleX;
        const vx1 = (f.view.x1 - baseX) / l.scaleX;
        const vy0 = (f.view.y0 - baseY) / l.scaleY;
        const vy1 = (f.view.y1 - baseY) / l.scaleY;
        const x0 = Math.max(vx0, c0 - padX);
        const x1 = Math.min(vx1, c0 + cols + padX);
        const y0 = Math.max(vy0, r0 - padY);
        const y1 = Math.min(vy1, r0 + rows + padY);
        if (x1 <= x0 || y1 <= y0) continue;
        rect.set([x0, y0, x1, y1]);
        // Level-relative cells → clip space: x' = 2 (x - vx0) / (vx1 - vx0) - 1, y' = 1 - 2 (y - vy0) / (vy1 - vy0).
        view.fill(0);
        view[0] = 2 / (vx1 - vx0);
        view[5] = -2 / (vy1 - vy0);
        view[10] = 1;
        view[12] = (-2 * vx0) / (vx1 - vx0) - 1;
        view[13] = (2 * vy0) / (vy1 - vy0) + 1;
        view[15] = 1;
        tileOrigin[0] = c0;
        tileOrigin[1] = r0;
        tileSize[0] = cols;
        tileSize[1] = rows;
        viewOrigin[0] = vx0;
        viewOrigin[1] = vy0;
        cellsPerPixel[0] = cppX / l.scaleX;
        cellsPerPixel[1] = cppY / l.scaleY;
        const cellPxX = l.scaleX / cppX;
        const cellPxY = l.scaleY / cppY;
        const line = gridLine(f.lineWidthPx, f.lineColor, cellPxX, cellPxY);
        // Plain cells, nearest, float storage, no pyramid or ring: those uniforms hold neutral values.
        const uniforms: HeatmapUniforms = {
          uRect: rect, uView: view, uValues: tex, uQuant: [0, 1], uFilledRows: rows, uLevel: placeholder, uLevelTexScale: [1, 1], uLevelStep: 1, uLevelOffset: [0, 0],
          uLevelDecode: [0, 1], uRing: [0, 1], uSampleScale: [1, 1], uSampleOffset: [0, 0], uTileOrigin: tileOrigin, uTileSize: tileSize, uTexScale: [1 / cols, 1 / rows], uTexOffset: [(0.5 - c0) / cols, (0.5 - r0) / rows], uHalo: 0, uMatrixSize: tileSize,
          uViewOrigin: viewOrigin, uCellRef: [0, 0], uTieBias: [0, 0], uCellsPerPixel: cellsPerPixel, uViewportSize: [f.widthPx, f.heightPx], uXEdges: placeholder, uYEdges: placeholder,
          uXEdgesSize: [1, 1], uYEdgesSize: [1, 1], uEdgeCount: [1, 1], uEdgeFlip: [0, 0], uLut: f.lut.texture, uLutSize: f.lutSize, ...lutUniforms(f.lutSize, f.norm), uNorm: norm,
          uBounds: bounds, uBoundsWidth: boundsWidth, uUnderColor: f.underColor, uOverColor: f.overColor, uBadColor: f.badColor,
          uLineWidthPx: line.widthPx, uLineColor: line.color,
        };
        command(f.norm.type, line.widthPx > 0 ? 1 : 0)({ ...uniforms, viewport });
      }
    },
    get gpuBytes() {
      return textures.bytes;
    },
    get gpuTiles() {
      return textures.size;
    },
    get gpuLimit() {
      return textures.limit;
    },
    get uploads() {
      return uploads;
    },
    get reductions() {
      return reductions;
    },
    canReduce: reducer.supported,
    has: (key) => textures.has(key),
    destroy() {
      textures.clear();
      reducer.destroy();
      corners.destroy();
      placeholder.destroy();
      bounds.destroy();
    },
  };
}

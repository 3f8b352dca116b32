// The heatmap draw command (GL layer): one quad per visible value tile, clipped on the CPU to the view (so vertex
// coordinates stay small at any zoom). Once every tile is loaded, a tile's quad covers exactly the pixels whose centre
// lies in it, on whole pixels, and is drawn by a variant without discard; while rows are still arriving (and for a ring
// buffer or a grid) the quad is widened by one device pixel and its variant discards pixels of another tile or of rows
// not yet uploaded. The fragment shader picks the cell from the interpolated data position or the pixel's centre, or
// leaves it to the NEAREST sampler, from the interpolated texture coordinate (texels of at most SAMPLER_TEXEL_PX).
import { mat4 } from 'gl-matrix';
import type { Regl, Texture2D } from 'regl';
import fragSource from '../../shaders/heatmap.frag.glsl?raw';
import vertSource from '../../shaders/heatmap.vert.glsl?raw';
import { type Grid, gridOrigin, shaderEdges } from '../core/grid';
import type { NormShaderParams } from '../core/norms';
import { pickLevel, type Reduce } from '../core/storage';
import { pixelEdges, type Space, screenOrigin, type ViewRect, viewMatrix } from '../core/camera';
import type { LutTexture } from './lut-texture';
import { type HeatmapUniforms, HEATMAP_UNIFORMS } from './heatmap-uniforms';
import { guardShaders } from './shader-check';
import { uniformProps } from './uniforms';
import { storageCode, type ValueTextures, type ValueTile } from './value-textures';

export interface HeatmapFrame {
  readonly values: ValueTextures;
  readonly lut: LutTexture;
  readonly lutSize: number;
  /** Visible data rectangle; data = cell coordinates unless `grid` is set. */
  readonly view: ViewRect;
  readonly space: Space;
  /** pcolormesh / imshow edges, or undefined for unit cells. */
  readonly grid: Grid | undefined;
  readonly norm: NormShaderParams;
  /** Premultiplied RGBA in 0..1. */
  readonly badColor: readonly [number, number, number, number];
  readonly underColor: readonly [number, number, number, number];
  readonly overColor: readonly [number, number, number, number];
  /** 0 nearest, 1 bilinear, 2 bicubic. */
  readonly interpolation: number;
  /** Whole matrix size, for clamping interpolation neighbours. */
  readonly rows: number;
  readonly cols: number;
  /** Grid line width in device pixels (0 for none) and its straight-alpha RGBA colour in 0..1. */
  readonly lineWidthPx: number;
  readonly lineColor: readonly [number, number, number, number];
  /** Drawing-buffer size in device pixels. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Physical row of logical row 0 (appendRows' ring buffer); 0 without one. */
  readonly ringOffset: number;
  /** The reduction to sample the pyramid with (the store holds mean, min and max together). */
  readonly reduce: Reduce;
  /** True when under / over are the colormap's end colours and those are opaque (the shader's HEATGL_ENDS). */
  readonly endsOpaque: boolean;
  /** True when every LUT colour is opaque (the shader's HEATGL_OPAQUE). */
  readonly lutOpaque: boolean;
  /** True when no cell can be bad: no mask, every value finite (the shader's HEATGL_BAD 0). */
  readonly allFinite: boolean;
}

export interface HeatmapLayer {
  /** Draws a frame; returns the pyramid level sampled (0: the base). */
  draw(frame: HeatmapFrame): number;
  /** Compiles the variants a draw of `frame` would use once every tile is loaded (from the base), drawing nothing:
   * called before the values go up, so that no compile waits behind the upload in the GPU process's queue. */
  prepare(frame: HeatmapFrame): void;
  destroy(): void;
}

/**
 * Grid line as drawn: whole device pixels (at least 1) so it stays crisp, thinner lines as 1 px with reduced alpha,
 * and faded out as cells shrink towards the line width (gone at 2 line widths, full from 4).
 */
export function gridLine(widthPx: number, color: readonly number[], cellWidthPx: number, cellHeightPx: number): { widthPx: number; color: number[] } {
  if (!(widthPx > 0)) return { widthPx: 0, color: [0, 0, 0, 0] };
  const w = Math.max(1, Math.round(widthPx));
  const fade = Math.min(1, Math.max(0, (Math.min(cellWidthPx, cellHeightPx) - 2 * w) / (2 * w)));
  const a = (color[3] ?? 1) * Math.min(1, widthPx) * fade;
  if (a <= 0) return { widthPx: 0, color: [0, 0, 0, 0] };
  return { widthPx: w, color: [(color[0] ?? 0) * a, (color[1] ?? 0) * a, (color[2] ?? 0) * a, a] };
}

/** The heatmap fragment shader of one variant: its HEATGL_* defines, then the source. */
export function heatmapFrag(defines: Readonly<Record<string, number>>): string {
  return `${Object.entries(defines)
    .map(([k, v]) => `#define HEATGL_${k} ${v}\n`)
    .join('')}${fragSource}`;
}

/** The heatmap draw command for a variant's fragment source: one quad (`corners`), uniforms of HEATMAP_UNIFORMS. */
export function heatmapCommand(regl: Regl, corners: ReturnType<Regl['buffer']>, frag: string) {
  return regl({
    vert: vertSource,
    frag,
    attributes: { aCorner: corners },
    uniforms: uniformProps(regl, HEATMAP_UNIFORMS),
    primitive: 'triangle strip',
    count: 4,
    depth: { enable: false },
    blend: { enable: false },
    viewport: regl.prop<{ viewport: { x: number; y: number; width: number; height: number } }, 'viewport'>('viewport'),
  });
}

/** How far (device pixels) the shader's data position runs ahead of the true one: more than interpolation is off
 * (SwiftShader's interpolated varyings measured up to 0.03 px off), little enough not to matter (a pixel whose centre
 * lies less than this before a cell edge may show the next cell), and not a dyadic fraction, so that dyadic views
 * (2, 4, 16 cells a pixel) put no pixel centre exactly at this distance from an edge. */
export const TIE_PX = 1 / 19;

/** Largest texel (device pixels along each axis) that HEATGL_SNAP 2 lets the NEAREST sampler pick from the
 * interpolated texture coordinate. The TIE_PX lead is then at least 1/152 texel: above the 1/256 sub-texel precision
 * that Direct3D requires of GPUs (whose interpolation is exact to a hair), and on SwiftShader (a float sampler, varyings
 * up to 0.03 px off) every tie of test/browser/pixel-centres.test.ts comes out right up to 16 px a texel. */
export const SAMPLER_TEXEL_PX = 8;

/** The LUT's coordinate step and the linear norm's scale, as the shader multiplies by them (no division per pixel). */
export function lutUniforms(lutSize: number, norm: NormShaderParams): { uLutCoord: [number, number]; uNormScale: number } {
  return { uLutCoord: [1 / lutSize, 0.5 / lutSize], uNormScale: norm.b === 0 ? 0 : lutSize / norm.b };
}

export function createHeatmapLayer(regl: Regl): HeatmapLayer {
  const gl = regl._gl;
  const corners = regl.buffer([0, 0, 1, 0, 0, 1, 1, 1]);
  // BoundaryNorm's boundaries (row 0) and bin indices (row 1), made when a BoundaryNorm is first drawn; the variants
  // without one do not sample it (the LUT stands in for the sampler).
  let bounds: Texture2D | undefined;
  let boundsKey: Float32Array | undefined;
  // Edge lookups for grids: increasing float32 edges laid out in rows of at most EDGE_ROW texels.
  const EDGE_ROW = 2048;
  // Edges are relative to the grid's float64 origin (gridOrigin), so float32 keeps them exact at any offset.
  const edgeTex = (edges: Float64Array, origin: number) => {
    const n = edges.length;
    const width = Math.min(n, EDGE_ROW);
    const height = Math.ceil(n / width);
    const data = shaderEdges(edges, origin, new Float32Array(width * height));
    return { data, width, height };
  };
  // Made when a grid is first drawn (the LUT stands in for the samplers until then).
  let xEdges: Texture2D | undefined;
  let yEdges: Texture2D | undefined;
  let gridKey: Grid | undefined;
  let xEdgesSize = [1, 1];
  let yEdgesSize = [1, 1];
  const setGrid = (g: Grid | undefined) => {
    if (g === gridKey || !g) return;
    gridKey = g;
    const [ox, oy] = gridOrigin(g);
    const x = edgeTex(g.xEdges, ox);
    const y = edgeTex(g.yEdges, oy);
    const xSpec = { width: x.width, height: x.height, format: 'luminance', type: 'float', data: x.data, min: 'nearest', mag: 'nearest' } as const;
    const ySpec = { width: y.width, height: y.height, format: 'luminance', type: 'float', data: y.data, min: 'nearest', mag: 'nearest' } as const;
    if (xEdges) xEdges(xSpec);
    else xEdges = regl.texture(xSpec);
    if (yEdges) yEdges(ySpec);
    else yEdges = regl.texture(ySpec);
    xEdgesSize = [x.width, x.height];
    yEdgesSize = [y.width, y.height];
  };
  let boundsWidth = 1;
  const setBounds = (p: NormShaderParams) => {
    if (!p.boundaries || !p.indices || p.boundaries === boundsKey) return;
    boundsKey = p.boundaries;
    boundsWidth = p.indices.length;
    const data = new Float32Array(boundsWidth * 2);
    data.set(p.boundaries, 0);
    data.set(p.indices, boundsWidth);
    const spec = { width: boundsWidth, height: 2, format: 'luminance', type: 'float', data, min: 'nearest', mag: 'nearest' } as const;
    if (bounds) bounds(spec);
    else bounds = regl.texture(spec);
  };
  const rect = new Float32Array(4);
  const tileOrigin = new Float32Array(2);
  const tileSize = new Float32Array(2);
  const viewOrigin = new Float32Array(2);
  const cellsPerPixel = new Float32Array(2);
  const relView = mat4.create();
  const tieBias = new Float32Array(2);
  const cellRef = new Float64Array(2);
  const sampleScale = new Float64Array(2);
  const sampleOffset = new Float64Array(2);
  // One program per variant (norm type, grid or not, interpolation), compiled on first use.
  type Draw = (props: HeatmapUniforms & { viewport: { x: number; y: number; width: number; height: number } }) => void;
  const variants = new Map<string, Draw>();
  const variant = (norm: number, grid: number, interp: number, storage: number, lod: number, ring: number, lines: number, clip: number, ends: number, bad: number, opaque: number, snap: number) => {
    const key = `${norm}|${grid}|${interp}|${storage}|${lod}|${ring}|${lines}|${clip}|${ends}|${bad}|${opaque}|${snap}`;
    let cmd = variants.get(key);
    if (!cmd) {
      const frag = heatmapFrag({ NORM: norm, GRID: grid, INTERP: interp, STORAGE: storage, LOD: lod, RING: ring, LINES: lines, CLIP: clip, ENDS: ends, BAD: bad, OPAQUE: opaque, SNAP: snap });
      cmd = guardShaders(gl, vertSource, frag, () => makeDraw(frag) as unknown as Draw);
      variants.set(key, cmd);
    }
    return cmd;
  };
  const makeDraw = (frag: string) => heatmapCommand(regl, corners, frag);

  const run = (f: HeatmapFrame, dry: boolean): number => {
    const viewport = { x: 0, y: 0, width: f.widthPx, height: f.heightPx };
    setBounds(f.norm);
    const store = f.values;
    const storage = storageCode(store.storage);
    const ringOn = f.ringOffset > 0 && !f.grid ? 1 : 0;
    const reduce = store.reduce === 'nearest' ? 'nearest' : f.reduce;
    const reduceCode = reduce === 'mean' ? 1 : reduce === 'max' ? 2 : reduce === 'min' ? 3 : 0;
    setGrid(f.grid);
    const norm = [f.norm.a, f.norm.b, f.norm.c, f.norm.d];
    // A grid is drawn relative to its float64 origin: view, quads and edges are offsets from it.
    const [ox, oy] = f.grid ? gridOrigin(f.grid) : [0, 0];
    const view = f.grid ? { x0: f.view.x0 - ox, x1: f.view.x1 - ox, y0: f.view.y0 - oy, y1: f.view.y1 - oy } : f.view;
    // Plain cells: quads, uView and vData are relative to an integer cell at the view's corner (exact in float32, and
    // small numbers keep the interpolated position precise at any offset).
    const relative = !f.grid && !ringOn;
    const viewX0 = Math.min(view.x0, view.x1);
    const viewY0 = Math.min(view.y0, view.y1);
    // A tile drawn from a pyramid level puts its reference on a level texel's corner: the shader then finds the texel
    // from vData alone (floor(vData × uLevelStep), exact for the power-of-4 step).
    const setRef = (tile: ValueTile, scale: number) => {
      cellRef[0] = relative ? tile.col0 + scale * Math.floor((viewX0 - tile.col0) / scale) : 0;
      cellRef[1] = relative ? tile.row0 + scale * Math.floor((viewY0 - tile.row0) / scale) : 0;
      return viewMatrix({ x0: view.x0 - cellRef[0], x1: view.x1 - cellRef[0], y0: view.y0 - cellRef[1], y1: view.y1 - cellRef[1] }, f.space, relView);
    };
    // Data coordinates at the top-left pixel corner and signed data units per device pixel.
    const o = screenOrigin(view, f.space);
    viewOrigin[0] = o.x;
    viewOrigin[1] = o.y;
    cellsPerPixel[0] = o.dx / f.widthPx;
    cellsPerPixel[1] = o.dy / f.heightPx;
    const g = f.grid;
    const avgCellPx = g
      ? [Math.abs((f.space.x1 - f.space.x0) / g.cols / cellsPerPixel[0]), Math.abs((f.space.y1 - f.space.y0) / g.rows / cellsPerPixel[1])]
      : [Math.abs(1 / cellsPerPixel[0]), Math.abs(1 / cellsPerPixel[1])];
    const line = gridLine(f.lineWidthPx, f.lineColor, avgCellPx[0] as number, avgCellPx[1] as number);
    // Every tile loaded, plain cells, no ring buffer: each tile is one quad over exactly its pixels, drawn without
    // discard (HEATGL_CLIP 0). A partial upload, a ring buffer or a grid draws the tile's quad widened by a pixel
    // with discards (pixels of another tile, or of rows not yet uploaded).
    const whole = !g && !ringOn && (dry || store.tiles.every((t) => t.filledRows >= t.texRows));
    // A view inside the matrix then has every pixel written (blending is off): no clear needed, a full-screen pass
    // saved on each frame.
    if (!dry && !(whole && view.x0 >= 0 && view.y0 >= 0 && view.x1 <= f.cols && view.y1 <= f.rows)) regl.clear({ color: [0, 0, 0, 0] });
    const clip = whole ? 0 : 1;
    const padX = clip * Math.abs(cellsPerPixel[0]);
    const padY = clip * Math.abs(cellsPerPixel[1]);
    const ends = f.norm.type === 0 && f.endsOpaque ? 1 : 0;
    const bad = f.allFinite ? 0 : 1;
    const opaque = f.lutOpaque ? 1 : 0;
    // The interpolated position decides the cell inside a quad that keeps every pixel; a quad that discards (its
    // neighbour must agree on each pixel), a grid, grid lines or interpolation use the pixel centre itself.
    const snapAlways = g || line.widthPx > 0 || f.interpolation > 0;
    // Positions run TIE_PX of a pixel ahead: a centre on a cell edge (2 cells a pixel, a 256-cell matrix over 800 px)
    // shows the cell after it, as floor() of the exact position does, whichever way interpolation rounds.
    tieBias[0] = g ? 0 : Math.abs(cellsPerPixel[0]) * TIE_PX;
    tieBias[1] = g ? 0 : Math.abs(cellsPerPixel[1]) * TIE_PX;
    const lut = lutUniforms(f.lutSize, f.norm);
    const viewportSize = [f.widthPx, f.heightPx];
    const span = (edges: Float64Array | undefined, a: number, b: number, origin: number): [number, number] => {
      if (!edges) return [a, b];
      const p = (edges[a] as number) - origin;
      const q = (edges[b] as number) - origin;
      return p < q ? [p, q] : [q, p];
    };
    // Cells per device pixel along the denser axis picks the pyramid level (plain cells only: a grid's cells vary).
    const cpp = g ? 0 : Math.max(Math.abs(cellsPerPixel[0]), Math.abs(cellsPerPixel[1]));
    const q = store.quant;
    const quant = q ? [q.lo, q.step] : [0, 1];
    const levelDecode = q ? [q.lo, q.hi - q.lo] : [0, 1];
    const ring = [f.ringOffset, f.rows];
    let drawnLevel = 0;
    const edgeCount = g ? [g.cols + 1, g.rows + 1] : [1, 1];
    const flip = (e: Float64Array | undefined) => (e && e.length > 1 && (e[e.length - 1] as number) < (e[0] as number) ? 1 : 0);
    const edgeFlip = g ? [flip(g.xEdges), flip(g.yEdges)] : [0, 0];
    for (const tile of store.tiles) {
      if (tile.filledRows === 0 && !dry) continue;
      let levelIndex = dry ? 0 : pickLevel(cpp, reduce, tile.plannedLevels);
      // The pyramid is made after the first frame that needs it (never for matrices that always fit the screen):
      // until then that frame is drawn from the base, as reduce 'nearest' would.
      if (levelIndex > 0 && !store.levelsReady(tile)) levelIndex = 0;
      const level = levelIndex > 0 ? tile.levels[levelIndex - 1] : undefined;
      drawnLevel = Math.max(drawnLevel, levelIndex);
      const viewMat = setRef(tile, level?.scale ?? 1);
      // Cells per texel of the sampled texture; plain cells in whole tiles whose texels are small enough on screen
      // let the sampler pick the texel (HEATGL_SNAP 2), else the shader floors vData.
      const texelCells = level?.scale ?? 1;
      const texelPx = Math.max(texelCells / Math.abs(cellsPerPixel[0]), texelCells / Math.abs(cellsPerPixel[1]));
      const snap = snapAlways || clip === 1 ? 1 : texelPx <= SAMPLER_TEXEL_PX ? 2 : 0;
      if (level) {
        const sx = level.scale * level.cols;
        const sy = level.scale * level.rows;
        sampleScale[0] = 1 / sx;
        sampleScale[1] = 1 / sy;
        sampleOffset[0] = (cellRef[0] - tile.col0) / sx;
        sampleOffset[1] = (cellRef[1] - tile.row0) / sy;
      } else {
        sampleScale[0] = 1 / tile.texCols;
        sampleScale[1] = 1 / tile.texRows;
        sampleOffset[0] = (cellRef[0] + f.values.halo - tile.col0) / tile.texCols;
        sampleOffset[1] = (cellRef[1] + f.values.halo - tile.row0) / tile.texRows;
      }
      const draw = variant(f.norm.type, g ? 1 : 0, f.interpolation, storage, level ? reduceCode : 0, ringOn, line.widthPx > 0 ? 1 : 0, clip, ends, bad, opaque, snap);
      if (dry) continue;
      const [tx0, tx1] = span(g?.xEdges, tile.col0, tile.col0 + tile.cols, ox);
      // With a ring buffer a tile's physical rows show as one or two runs of logical rows.
      const rowRuns: [number, number][] = [];
      if (ringOn) {
        const l0 = (tile.row0 - f.ringOffset + f.rows) % f.rows;
        if (l0 + tile.rows <= f.rows) rowRuns.push([l0, l0 + tile.rows]);
        else rowRuns.push([l0, f.rows], [0, l0 + tile.rows - f.rows]);
      } else rowRuns.push(span(g?.yEdges, tile.row0, tile.row0 + tile.rows, oy));
      for (const [ty0, ty1] of rowRuns) {
      let x0 = Math.max(view.x0, tx0 - padX);
      let x1 = Math.min(view.x1, tx1 + padX);
      let y0 = Math.max(view.y0, ty0 - padY);
      let y1 = Math.min(view.y1, ty1 + padY);
      if (clip === 0) {
        // Exactly the pixels whose centre (TIE_PX ahead, as the shader's) lies in this tile, corners on whole pixels
        // (where rasterisers put them unchanged: vData is then exact up to float32 rounding). Neighbouring tiles
        // share those edges, so every pixel is drawn once; one whose interpolated position strays over the seam
        // (float32 rounding, a hair from the edge) reads the tile's edge texel, the cell its centre lies in.
        [x0, x1] = pixelEdges(x0, x1, o.x + tieBias[0], cellsPerPixel[0], f.widthPx);
        [y0, y1] = pixelEdges(y0, y1, o.y + tieBias[1], cellsPerPixel[1], f.heightPx);
      }
      if (x1 <= x0 || y1 <= y0) continue;
      rect[0] = x0 - cellRef[0];
      rect[1] = y0 - cellRef[1];
      rect[2] = x1 - cellRef[0];
      rect[3] = y1 - cellRef[1];
      tileOrigin[0] = tile.col0;
      tileOrigin[1] = tile.row0;
      tileSize[0] = tile.cols;
      tileSize[1] = tile.rows;
      draw({
        uRect: rect,
        uTileOrigin: tileOrigin,
        uTileSize: tileSize,
        uViewOrigin: viewOrigin,
        uCellRef: cellRef,
        uTieBias: tieBias,
        uSampleScale: sampleScale,
        uSampleOffset: sampleOffset,
        uCellsPerPixel: cellsPerPixel,
        uViewportSize: viewportSize,
        uTexScale: [1 / tile.texCols, 1 / tile.texRows],
        uTexOffset: [(cellRef[0] + f.values.halo + 0.5 - tile.col0) / tile.texCols, (cellRef[1] + f.values.halo + 0.5 - tile.row0) / tile.texRows],
        uHalo: f.values.halo,
        uMatrixSize: [f.cols, f.rows],
        uXEdges: xEdges ?? f.lut.texture,
        uYEdges: yEdges ?? f.lut.texture,
        uXEdgesSize: xEdgesSize,
        uYEdgesSize: yEdgesSize,
        uEdgeCount: edgeCount,
        uEdgeFlip: edgeFlip,
        uView: viewMat,
        uValues: tile.texture,
        uQuant: quant,
        uFilledRows: tile.filledRows,
        uLevel: (level ?? tile.levels[0])?.texture ?? tile.texture,
        uLevelTexScale: level ? [1 / level.cols, 1 / level.rows] : [1, 1],
        uLevelStep: level ? 1 / level.scale : 1,
        uLevelOffset: level ? [((cellRef[0] - tile.col0) / level.scale + 0.5) / level.cols, ((cellRef[1] - tile.row0) / level.scale + 0.5) / level.rows] : [0, 0],
        uLevelDecode: levelDecode,
        uRing: ring,
        uLut: f.lut.texture,
        uLutSize: f.lutSize,
        uLutCoord: lut.uLutCoord,
        uNormScale: lut.uNormScale,
        uNorm: norm,
        uBounds: bounds ?? f.lut.texture,
        uBoundsWidth: boundsWidth,
        uBadColor: f.badColor,
        uUnderColor: f.underColor,
        uOverColor: f.overColor,
        uLineWidthPx: line.widthPx,
        uLineColor: line.color,
        viewport,
      });
      }
    }
    return drawnLevel;
  };

  return {
    draw: (f) => run(f, false),
    prepare(f) {
      run(f, true);
    },
    destroy() {
      corners.destroy();
      bounds?.destroy();
      xEdges?.destroy();
      yEdges?.destroy();
    },
  };
}

// Types shared by the entry points (heatmap, densitymap, clustermap, hist2d, <heat-map>): events, stats, and the small
// geometry and pixel types. No code and no imports of wiring modules: importing it never creates a cycle.
import type { Reduce, Storage } from './core/storage';

/** A view in cell coordinates: columns [x0, x1) and rows [y0, y1), row 0 at the top. */
export interface CellView {
  x: [number, number];
  y: [number, number];
}

export interface CellInfo {
  row: number;
  col: number;
  /** The data value (NaN for missing cells). */
  value: number;
  /** True when the cell is hidden by `mask`. */
  masked: boolean;
}

/** A cell under the pointer, with its labels. */
export interface HoverInfo extends CellInfo {
  rowLabel: string;
  colLabel: string;
  clientX: number;
  clientY: number;
}

export interface ExportOptions {
  /** Output pixels per CSS pixel. @default the on-screen pixel ratio */
  scale?: number | undefined;
  /** Figure background. @default 'white' (as matplotlib's savefig) */
  background?: string | undefined;
}

export interface ClientRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PixelData {
  width: number;
  height: number;
  /** RGBA bytes, top row first, premultiplied alpha as in the drawing buffer. */
  data: Uint8Array;
}

export interface HeatmapStats {
  renderer: string;
  maxTextureSize: number;
  /** Largest tile side allowed: `tileSize` option or MAX_TEXTURE_SIZE. */
  tileSize: number;
  /** Value textures (tiles) holding the matrix. */
  valueTextures: number;
  /** All textures: value tiles, their pyramid levels and the colormap LUT. */
  textures: number;
  /** Bytes of GPU memory held by value textures, pyramid levels and the LUT. */
  gpuBytes: number;
  /** How cells are stored (option `storage`). */
  storage: Storage;
  /** The reduction the pyramid applies ('nearest' when there is no pyramid). */
  reduce: Reduce;
  /** Pyramid levels above the base (the most of any tile); 0 without a pyramid. */
  levels: number;
  /** Bytes of the pyramid levels (included in gpuBytes). */
  levelBytes: number;
  /** Level the last frame sampled: 0 the base, k the level of 4^k × 4^k cells a texel. */
  drawnLevel: number;
  /** Why the pyramid is off although `reduce` asked for one (missing WebGL extension), else null. */
  lodUnavailable: string | null;
  /** Largest error of quantised storage in value units (0 for 'float32'; float16: relative 2^-11). */
  quantizationError: number;
  /** Fraction of the values on the GPU (below 1 while a progressive upload runs). */
  loaded: number;
  /** Main-thread time of each slice of the last progressive upload (colour limits, then row bands), in ms. */
  uploadSlicesMs: number[];
  /** Time to upload the values (CPU side of texImage calls; the GPU may still be copying). */
  lastUploadMs: number;
  /** CPU time to issue the last frame's draw calls; the GPU finishes later (readPixels waits for it). */
  lastFrameMs: number;
  /** Value uploads so far (data or mask changes); colour options never add one. */
  uploads: number;
  /** Frames drawn so far. */
  frames: number;
  /** Device pixels per CSS pixel the screen canvas is drawn at: the `pixelRatio` option (or the screen's), lowered
   * when the figure would exceed the drawing buffer (MAX_RENDERBUFFER_SIZE / MAX_VIEWPORT_DIMS, a buffer the browser
   * clamped, or 2^25 pixels). */
  pixelRatio: number;
  /** The ratio asked for (option or screen); above `pixelRatio` when it was lowered. */
  pixelRatioAsked: number;
}

/** Event names and payloads: `hm.on(name, cb)` returns an unsubscribe function. */
export interface HeatmapEvents {
  view: CellView;
  render: { durationMs: number };
  /** The cell under the pointer changed (null: the pointer left the cells). */
  hover: HoverInfo | null;
  click: HoverInfo;
  /** The WebGL context was lost; drawing stops until it is restored. */
  contextlost: undefined;
  /** The context is back and the picture redrawn from the kept data, options and view. */
  contextrestored: undefined;
  /** Progressive upload: cells on the GPU so far out of all; fires after every slice and once at the end. */
  progress: { loaded: number; total: number; fraction: number };
}

// The heatmap renderer interface and what it takes (types only): see src/render/renderer.ts for the choice of
// implementation and ARCHITECTURE.md for the three of them.
import type { Space, ViewRect } from '../core/camera';
import type { Grid } from '../core/grid';
import type { ColorScale } from '../core/scale';
import type { Reduce, Storage } from '../core/storage';
import type { ValueTextures } from '../gl/value-textures';
import type { MemorySource } from '../source/memory-source';

/** How the values go to the renderer: what the resolved options ask for. */
export interface ValuesPlan {
  /** Largest tile side wanted (option tileSize), or undefined for the GPU's limit. */
  tileSize: number | undefined;
  /** Halo cells around each tile (2 when interpolating, else 0). */
  halo: number;
  storage: Storage;
  reduce: Reduce;
  maxGpuBytes: number;
  /** Largest finite |value| (float16 storage checks it); computed only when asked. */
  maxAbs: () => number;
  /** Subtracted from every value before float storage's conversion (see valueOffset in core/storage.ts). */
  offset: number;
  /** The colour range that quantised storage encodes. */
  vmin: number;
  vmax: number;
}

/** Everything a frame shows, in plain data. */
export interface HeatmapScene {
  source: MemorySource;
  values: ValueTextures;
  scale: ColorScale;
  view: ViewRect;
  space: Space;
  grid: Grid | undefined;
  /** 0 nearest, 1 bilinear, 2 bicubic. */
  interpolation: number;
  /** Grid lines: width in device pixels and straight RGBA in 0..1. */
  lineWidthPx: number;
  lineColor: [number, number, number, number];
  reduce: Reduce;
  widthPx: number;
  heightPx: number;
  /** No cell is masked or non-finite (the shader leaves out the bad-cell test): the source's allFinite, or for
   * prepare() what a pending scan of the limits is expected to find. */
  allFinite: boolean;
}

export interface RendererHandlers {
  /** The context was lost: drawing stops (render() returns at once) until `restored`. */
  lost(): void;
  /** The context is back and the renderer's own objects rebuilt; the owner uploads its values again. */
  restored(): void;
}

export interface HeatmapRenderer {
  /** What stats().renderer reports. */
  readonly name: string;
  readonly maxTextureSize: number;
  /** True between a context loss and its restore. */
  readonly lost: boolean;
  /** Longest side of a drawing buffer: min(MAX_RENDERBUFFER_SIZE, MAX_VIEWPORT_DIMS). */
  readonly maxCanvasSide: number;
  /** The drawing buffer a widthPx × heightPx frame really gets (browsers clamp large buffers silently, keeping the
   * canvas size): smaller than asked when the frame would be drawn wrong. Call after sizing the canvas. */
  bufferSize(widthPx: number, heightPx: number): { width: number; height: number };
  /** Makes the value store for `source` (tiles on the GPU, or nothing for Canvas2D); throws before allocating when the
   * plan does not fit (maxGpuBytes, float16 range). Nothing is uploaded yet: see ValueTextures.uploadSome. */
  createValues(source: MemorySource, plan: ValuesPlan, onArrive: () => void): ValueTextures;
  /** Draws a frame into the heatmap's canvas; returns the pyramid level sampled (0: the base). */
  draw(scene: HeatmapScene): number;
  /** Readies a draw of `scene` before its values go up, drawing nothing (GL: compiles its shader variants, so that no
   * compile waits behind the upload in the GPU process's queue). */
  prepare(scene: HeatmapScene): void;
  /** The canvas's pixels, top row first, premultiplied alpha; call it right after draw. */
  readPixels(widthPx: number, heightPx: number): Uint8Array;
  destroy(): void;
}

export interface RendererOptions {
  sharedContext: boolean | 'auto';
  preserveDrawingBuffer: boolean;
  fallback: 'none' | 'canvas2d';
}

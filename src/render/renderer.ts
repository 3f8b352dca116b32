// The heatmap renderer interface (wiring layer) and the choice of implementation: its own WebGL context, a WebGL
// context shared with other heatmaps (copied into this heatmap's 2D canvas), or Canvas2D on the CPU. Each one owns
// its GPU objects, restores them after a context loss and frees them on destroy; outside src/render nothing checks
// which one is running.
import type { ColorScale } from '../core/scale';
import type { Grid } from '../core/grid';
import { HeatglError } from '../core/errors';
import type { Reduce, Storage } from '../core/storage';
import type { Space, ViewRect } from '../core/camera';
import type { ValueTextures } from '../gl/value-textures';
import type { MemorySource } from '../source/memory-source';
import { DEDICATED_LIMIT, dedicatedContexts } from '../gl/context';
import { createCpuRenderer } from './cpu-renderer';
import { createGlRenderer } from './gl-renderer';

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
  /** Makes the value store for `source` (tiles on the GPU, or nothing for Canvas2D); throws before allocating when the
   * plan does not fit (maxGpuBytes, float16 range). Nothing is uploaded yet: see ValueTextures.uploadSome. */
  createValues(source: MemorySource, plan: ValuesPlan, onArrive: () => void): ValueTextures;
  /** Draws a frame into the heatmap's canvas; returns the pyramid level sampled (0: the base). */
  draw(scene: HeatmapScene): number;
  /** The canvas's pixels, top row first, premultiplied alpha; call it right after draw. */
  readPixels(widthPx: number, heightPx: number): Uint8Array;
  destroy(): void;
}

export interface RendererOptions {
  sharedContext: boolean | 'auto';
  preserveDrawingBuffer: boolean;
  fallback: 'none' | 'canvas2d';
}

/** The renderer for `canvas`: a shared context once DEDICATED_LIMIT heatmaps hold their own (or when asked), else an
 * own context; Canvas2D when WebGL fails and the options allow it. */
export function createRenderer(canvas: HTMLCanvasElement, o: RendererOptions, handlers: RendererHandlers): HeatmapRenderer {
  const share = o.sharedContext === true || (o.sharedContext === 'auto' && dedicatedContexts() >= DEDICATED_LIMIT);
  try {
    return createGlRenderer(canvas, { shared: share, preserveDrawingBuffer: o.preserveDrawingBuffer }, handlers);
  } catch (err) {
    if (!(err instanceof HeatglError) || o.fallback !== 'canvas2d') throw err;
    const cpu = createCpuRenderer(canvas);
    if (!cpu) throw err;
    return cpu;
  }
}

// The public DensityMap interface and its types (types only): what densitymap() returns.
import type { ColorScale } from './core/scale';
import type { HeatglError } from './core/errors';
import type { DensityPoints, DensitymapOptions } from './options/density';
import type { PixelData } from './types';

/** A view in data coordinates. */
export interface DensityView {
  x: [number, number];
  y: [number, number];
}

/** The aggregated value of every pixel of the last frame: Σ w·K ('sum') or Σ w·K / Σ K ('mean', NaN where no kernel
 *  reaches), top row first. */
export interface DensityGrid {
  width: number;
  height: number;
  data: Float32Array;
}

export interface DensitymapStats {
  renderer: string;
  /** Points drawn. */
  points: number;
  /** Points skipped because x, y or the weight was NaN or ±Infinity. */
  skipped: number;
  /** [hx, hy] in data units, or null with radiusPixels. */
  bandwidth: [number, number] | null;
  radiusPixels: number | null;
  /** The extent in use, [xmin, xmax, ymin, ymax]. */
  extent: [number, number, number, number];
  /** GPU memory: the point buffer, the binned grid and the float framebuffer (each once a frame needed a GPU pass:
   * none where software WebGL has the density computed in JS) and the LUT. */
  gpuBytes: number;
  /** Packing (two passes over the points) and the buffer upload. */
  lastUploadMs: number;
  /** The last frame: splat, colour limits (a float readback unless vmin and vmax are given), colour pass. */
  lastFrameMs: number;
  uploads: number;
  frames: number;
  /** Point sprites of the last frame: their size and how many tiles per axis (kernels wider than the largest point
   *  sprite take tilesX × tilesY passes). */
  sprites: { sizePx: number; tilesX: number; tilesY: number };
  /** How the last frame was aggregated (option `method`): 'exact' splats, or 'binned' with the points binned (those
   *  that can reach the view) and the grid's nodes. */
  aggregation: { method: 'exact' | 'binned'; points: number; nodes: number };
  /** Milliseconds of the last frame's steps on the CPU: binning (with the index query), convolution and its upload
   *  ('binned'), the splat's draw calls ('exact'), the colour limits, the colour pass. GPU work is only queued, so
   *  its time shows in the first step that waits for it (a readback). */
  phases: { bin: number; convolve: number; upload: number; splat: number; limits: number; color: number };
}

export interface DensitymapEvents {
  view: DensityView;
  render: { durationMs: number };
  /** The background image failed to load. */
  error: HeatglError;
  contextlost: undefined;
  contextrestored: undefined;
}

export interface DensityMap {
  /** The WebGL canvas. */
  readonly canvas: HTMLCanvasElement;
  /** The root element: background and canvas, filling the container. */
  readonly element: HTMLElement;
  /** New points (and options); the view resets when the extent changes. */
  setPoints<T>(points: DensityPoints<T>, options?: DensitymapOptions<T>): void;
  /** Kernel and colour options; the points stay uploaded. */
  update(options: DensitymapOptions<never>): void;
  setView(view: Partial<DensityView>): void;
  getView(): DensityView;
  resetView(): void;
  /** The aggregated value at the device pixel under a client position (as readDensity), or null outside. */
  valueAt(clientX: number, clientY: number): number | null;
  /** Data coordinates of a client position, or null outside the canvas. */
  clientToData(clientX: number, clientY: number): [number, number] | null;
  readDensity(): DensityGrid;
  /** RGBA of the canvas, top row first, premultiplied. */
  readPixels(): PixelData;
  render(): void;
  resize(): void;
  getScale(): ColorScale;
  stats(): DensitymapStats;
  on<K extends keyof DensitymapEvents>(name: K, callback: (payload: DensitymapEvents[K]) => void): () => void;
  destroy(): void;
}

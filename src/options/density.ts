// densitymap() options (wiring, no DOM state): their types with defaults, their checks, how later kernel options
// replace earlier ones, and the points resolved into a packed buffer with its extent and bandwidth.
import type { CmapInput } from '../core/colormaps';
import { checkDensityOptions, type DensityExtent, type DensityOptions, defaultExtent, kernelSupport, type PackedPoints, packPoints, pointColumns, scottBandwidth } from '../core/density';
import { describe, fail } from '../core/errors';
import { checkScaleOptions } from '../core/scale';

/** Points: an array of anything read through the x / y / weight accessors, an object of columns, or null when the
 *  options hold the columns. Never copied into JS arrays, never mutated. */
export type DensityPoints<T = unknown> = ArrayLike<T> | { x: ArrayLike<number>; y: ArrayLike<number>; weight?: ArrayLike<number> | undefined } | null;

export interface DensitymapOptions<T = unknown> extends DensityOptions<T> {
  /** Colormap name (`_r` reverses) or a list of colours, as heatmap(). @default 'viridis' */
  cmap?: CmapInput | undefined;
  /** Lower colour limit. @default 0 for 'sum' (the data minimum if it is negative), the visible minimum for 'mean' */
  vmin?: number | undefined;
  /** Upper colour limit. @default the largest value in view (recomputed after each pan/zoom) */
  vmax?: number | undefined;
  /** Limits from the 2nd / 98th percentiles of the visible pixels (seaborn's robust). @default false */
  robust?: boolean | undefined;
  /** seaborn's center (resamples the colormap). @default none */
  center?: number | undefined;
  /** A constant opacity in 0..1, or 'ramp': alpha grows with the value, transparent at vmin (for overlays). @default 1 */
  opacity?: number | 'ramp' | undefined;
  /** An image under the density, spanning `extent`: an image, a canvas (copied) or an image URL. @default none */
  background?: HTMLImageElement | HTMLCanvasElement | string | undefined;
  /** Data y grows downwards (page / image coordinates). @default false: upwards, as a map or a plot */
  yDown?: boolean | undefined;
  /** Drag pans, wheel/pinch zooms about the cursor, double-click resets. @default true */
  interactive?: boolean | undefined;
  /** @default devicePixelRatio */
  pixelRatio?: number | undefined;
  /** Keep the drawing buffer after compositing (for screenshots of the canvas). @default false */
  preserveDrawingBuffer?: boolean | undefined;
}

export function checkOptions(o: DensitymapOptions<never>): void {
  if (!o || typeof o !== 'object') fail(`options must be an object, got ${describe(o)}`);
  checkDensityOptions(o);
  checkScaleOptions({ cmap: o.cmap, vmin: o.vmin, vmax: o.vmax, robust: o.robust, center: o.center });
  if ('norm' in o) fail('densitymap draws with a linear norm only; the norm option is not supported');
  const op = o.opacity;
  if (op !== undefined && op !== 'ramp' && !(typeof op === 'number' && op >= 0 && op <= 1)) fail(`opacity must be a number in 0..1 or 'ramp', got ${describe(op)}`);
  const bg = o.background;
  if (bg !== undefined && typeof bg !== 'string' && !(bg instanceof HTMLImageElement) && !(bg instanceof HTMLCanvasElement)) {
    fail(`background must be an HTMLImageElement, an HTMLCanvasElement or an image URL, got ${describe(bg)}`);
  }
  if (o.pixelRatio !== undefined && !(typeof o.pixelRatio === 'number' && o.pixelRatio > 0 && Number.isFinite(o.pixelRatio))) fail(`pixelRatio must be a positive number, got ${describe(o.pixelRatio)}`);
}

/** Later kernel options replace earlier ones: a new radiusPixels drops an old bandwidth and the other way round. */
export function mergeOptions<T>(old: DensitymapOptions<T>, next: DensitymapOptions<T>): DensitymapOptions<T> {
  const merged = { ...old, ...next };
  if (next.radiusPixels !== undefined && next.bandwidth === undefined) delete merged.bandwidth;
  if (next.bandwidth !== undefined && next.radiusPixels === undefined) delete merged.radiusPixels;
  return merged;
}

export interface Resolved {
  packed: PackedPoints;
  extent: DensityExtent;
  bandwidth: [number, number] | undefined;
}

/** Checks and packs the points (the user's arrays are read, never written) and resolves extent and bandwidth. */
export function resolvePoints<T>(points: DensityPoints<T>, o: DensitymapOptions<T>): Resolved {
  const cols = pointColumns(points, o);
  const extent = o.extent;
  const packed = packPoints(cols, extent ? [(extent[0] + extent[1]) / 2, (extent[2] + extent[3]) / 2] : undefined);
  let bandwidth: [number, number] | undefined;
  if (o.bandwidth !== undefined) bandwidth = typeof o.bandwidth === 'number' ? [o.bandwidth, o.bandwidth] : [o.bandwidth[0], o.bandwidth[1]];
  else if (o.radiusPixels === undefined) bandwidth = scottBandwidth(packed);
  const R = kernelSupport(o.kernel ?? 'gaussian');
  return { packed, bandwidth, extent: extent ?? defaultExtent(packed.bounds, bandwidth ? [bandwidth[0] * R, bandwidth[1] * R] : undefined) };
}

/** The colour-scale options of a density map, with its default colormap. */
export function densityScaleOptions(o: DensitymapOptions<unknown>): { cmap: CmapInput; vmin: number | undefined; vmax: number | undefined; robust: boolean | undefined; center: number | undefined; cbar: false } {
  // No colour bar, so a constant density is not widened as matplotlib's colour bar would widen it.
  return { cmap: o.cmap ?? 'viridis', vmin: o.vmin, vmax: o.vmax, robust: o.robust, center: o.center, cbar: false };
}

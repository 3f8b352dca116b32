// hist2d(): matplotlib's hist2d as a heatmap (wiring): numpy.histogram2d counts drawn with pcolormesh geometry (x bins
// across, y bins upwards, true bin widths), with every heatmap option available.
import { fail } from './core/errors';
import { type Bins2d, type Histogram2d, histogram2d } from './core/histogram2d';
import { type Heatmap, heatmap } from './heatmap';
import type { HeatmapOptions } from './heatmap-options';

export interface Hist2dPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** A weight per point (matplotlib `weights`). */
  weights?: ArrayLike<number> | undefined;
}

export interface Hist2dOptions extends HeatmapOptions {
  /** numpy's bins: a count, one edge array for both axes, [x, y] of counts or edges (mixed too), or { x, y }. @default 10 */
  bins?: Bins2d | { x: readonly number[] | number; y: readonly number[] | number } | undefined;
  /** [[xmin, xmax], [ymin, ymax]]; points outside are not counted (numpy's range). @default the data's ranges */
  range?: readonly [readonly [number, number], readonly [number, number]] | undefined;
}

/** The heatmap of a 2-D histogram; `histogram` holds numpy's counts and edges. */
export type Hist2d = Heatmap & { readonly histogram: Histogram2d };

export function hist2d(container: HTMLElement, points: Hist2dPoints, options: Hist2dOptions = {}): Hist2d {
  if (!points || typeof points !== 'object') fail('points must be { x, y } arrays of numbers (and optionally weights)');
  const { bins, range, ...rest } = options;
  const isXY = (v: unknown): v is { x: readonly number[] | number; y: readonly number[] | number } => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
  const b: Bins2d | undefined = isXY(bins) ? [bins.x, bins.y] : bins;
  const h = histogram2d(points.x, points.y, { bins: b, range, weights: points.weights });
  // numpy's H[i, j] has x bins first; the heatmap wants rows = y bins, columns = x bins (matplotlib draws H.T).
  const values = new Float64Array(h.nx * h.ny);
  for (let i = 0; i < h.nx; i++) for (let j = 0; j < h.ny; j++) values[j * h.nx + i] = h.counts[i * h.ny + j] as number;
  const hm = heatmap(container, { values, rows: h.ny, cols: h.nx }, { cmap: 'viridis', ...rest, xEdges: h.xEdges, yEdges: h.yEdges });
  return Object.assign(hm, { histogram: h });
}

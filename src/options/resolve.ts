// heatmap() options resolved once (wiring, no DOM): the user's options and the matrix become one object in which every
// default lives, validated as a whole before anything changes (a failed call leaves the picture as it was). Readers
// take `resolved.storage`, never `options.storage ?? 'float32'`.
import { type RGBA, parseColor } from '../core/colors';
import type { Space } from '../core/camera';
import { describe, HeatglError } from '../core/errors';
import type { Grid } from '../core/grid';
import { type Matrix, toMask } from '../core/matrix';
import type { Reduce, Storage } from '../core/storage';
import { FIGURE_DEFAULTS, type FigureOptions } from '../figure';
import { checkAll, checkOptions, DEFAULT_MAX_GPU_BYTES, gridOf, type HeatmapOptions, interpolationOf, PROGRESSIVE_CELLS, spaceOf } from '../heatmap-options';
import type { HoverInfo } from '../types';

/** Options that take effect only when a heatmap is created: update() and setData() refuse a new value for them. */
export const CREATION_ONLY = ['interactive', 'fallback', 'sharedContext', 'preserveDrawingBuffer'] as const;

export interface ResolvedOptions {
  /** The user's options, merged over the previous ones (as given: for the figure, the scale and the tooltip function). */
  readonly user: Readonly<HeatmapOptions>;
  readonly figure: FigureOptions;
  /** Values to annotate (validated against the shape), or undefined. */
  readonly annot: ArrayLike<number> | undefined;
  /** The mask as bytes (1 hidden), or undefined. */
  readonly mask: Uint8Array | undefined;
  /** pcolormesh / imshow geometry (log axes in log10 units), or undefined for plain cells; and its data space. */
  readonly grid: Grid | undefined;
  readonly space: Space;
  /** 0 nearest, 1 bilinear, 2 bicubic. */
  readonly interpolation: number;
  /** Cells copied around each value tile (interpolation reads up to two cells beyond a tile). */
  readonly halo: number;
  readonly storage: Storage;
  readonly reduce: Reduce;
  readonly tileSize: number | undefined;
  readonly maxGpuBytes: number;
  /** Whether this matrix is uploaded in row bands over several frames. */
  readonly progressive: boolean;
  /** Limits come from the data (a limit not given, robust, or a non-linear norm): in-place edits recompute them. */
  readonly autoLimits: boolean;
  readonly robust: boolean;
  readonly linearNorm: boolean;
  readonly lineWidth: number;
  /** Grid line colour, straight RGBA in 0..1. */
  readonly lineColor: RGBA;
  readonly pixelRatio: number | undefined;
  readonly fmt: string;
  readonly tooltip: boolean | ((info: HoverInfo) => string);
  readonly xlog: boolean;
  readonly ylog: boolean;
  readonly interactive: boolean;
  readonly fallback: 'none' | 'canvas2d';
  readonly sharedContext: boolean | 'auto';
  readonly preserveDrawingBuffer: boolean;
}

const given = (v: unknown) => v !== undefined && v !== null;

/**
 * Resolves `options` merged over `prev` (if any) for `matrix`. `changed` are the options of this call: a mask not
 * among them is taken over from `prev` unchecked (an unchanged mask is not validated again). Throws a HeatglError for
 * a bad option, and for a creation-only option whose value differs from `prev`'s.
 */
export function resolveOptions(changed: HeatmapOptions, matrix: Matrix, prev?: ResolvedOptions): ResolvedOptions {
  checkOptions(changed);
  if (prev) {
    for (const key of CREATION_ONLY) {
      if (key in changed && changed[key] !== prev.user[key]) {
        throw new HeatglError(`${key} is fixed when a heatmap is created (got ${describe(changed[key])}, the heatmap has ${describe(prev.user[key])}); destroy it and create a new one instead`);
      }
    }
  }
  const o: HeatmapOptions = prev ? { ...prev.user, ...changed } : { ...changed };
  const keepMask = prev !== undefined && !('mask' in changed) && (prev.mask === undefined || prev.mask.length === matrix.rows * matrix.cols);
  const mask = keepMask ? prev.mask : toMask(o.mask, matrix.rows, matrix.cols);
  const { figure, annot } = checkAll(o, matrix);
  const grid = gridOf(o, matrix.rows, matrix.cols);
  const interpolation = interpolationOf(o);
  const linearNorm = !given(o.norm) || o.norm === 'linear';
  const robust = o.robust === true;
  return {
    user: o,
    figure,
    annot,
    mask,
    grid,
    space: spaceOf(grid, matrix.rows, matrix.cols),
    interpolation,
    halo: interpolation > 0 ? 2 : 0,
    storage: o.storage ?? 'float32',
    reduce: o.reduce ?? 'mean',
    tileSize: o.tileSize,
    maxGpuBytes: o.maxGpuBytes ?? DEFAULT_MAX_GPU_BYTES,
    progressive: o.progressive === true || ((o.progressive ?? 'auto') === 'auto' && matrix.rows * matrix.cols > PROGRESSIVE_CELLS),
    autoLimits: !given(o.vmin) || !given(o.vmax) || robust || !linearNorm,
    robust,
    linearNorm,
    lineWidth: o.linewidths ?? 0,
    lineColor: parseColor(o.linecolor ?? 'white', 'linecolor'),
    pixelRatio: o.pixelRatio,
    fmt: o.fmt ?? FIGURE_DEFAULTS.fmt,
    tooltip: o.tooltip ?? true,
    xlog: o.xscale === 'log',
    ylog: o.yscale === 'log',
    interactive: o.interactive !== false,
    fallback: o.fallback ?? 'none',
    sharedContext: o.sharedContext ?? 'auto',
    preserveDrawingBuffer: o.preserveDrawingBuffer === true,
  };
}

/** Whether a value was given for `key` (null counts as not given, as seaborn's None). */
export function isGiven(o: HeatmapOptions, key: keyof HeatmapOptions): boolean {
  if (!(key in o)) return false;
  return given(o[key]);
}



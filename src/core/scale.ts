// seaborn's colour scaling (pure): resolves vmin/vmax/robust/center/cmap/norm into one LUT and a matplotlib norm, and
// maps values to colours on the CPU — the reference the GPU shader is tested against.
import { type CmapInput, type Colormap, centerColormap, getColormap, resampleColormap } from './colormaps';
import { type RGBA, parseColor, toBytes, type ColorInput } from './colors';
import { describe, fail } from './errors';
import { colorIndex, type Norm, type NormSpec, checkNormSpec, resolveNorm } from './norms';
import { finiteStats, percentiles } from './stats';
import { checkFloat32Drawable } from './storage';
import { nonsingular } from './ticks';

export interface ScaleOptions {
  vmin?: number | null | undefined;
  vmax?: number | null | undefined;
  center?: number | null | undefined;
  robust?: boolean | undefined;
  cmap?: CmapInput | null | undefined;
  badColor?: ColorInput | undefined;
  /** matplotlib norm: 'linear', 'log', or { type: 'symlog' | 'power' | 'boundary' | 'twoslope' | 'centered', … }. */
  norm?: NormSpec | null | undefined;
  /** Colour below vmin (matplotlib set_under); default: the colormap's first colour. */
  underColor?: ColorInput | undefined;
  /** Colour above vmax (matplotlib set_over); default: the colormap's last colour. */
  overColor?: ColorInput | undefined;
  /** Resample the colormap to this many colours (discrete steps), like matplotlib's get_cmap(name, levels). */
  levels?: number | undefined;
  /** Whether a colour bar is drawn: it widens a singular linear range (vmin == vmax) as matplotlib's does, which
   * changes the cells' colour too. @default true (set false where no bar is drawn) */
  cbar?: boolean | undefined;
}

/** A resolved colour scale: value v → lut[lutIndex((v - vmin) / (vmax - vmin), lut.n)]; bad cells → badColor. */
export interface ColorScale {
  readonly vmin: number;
  readonly vmax: number;
  readonly center: number | undefined;
  readonly lut: Colormap;
  /** Straight-alpha RGBA bytes for NaN, ±Infinity and masked cells. */
  readonly badColor: readonly [number, number, number, number];
  /** The matplotlib norm values go through (linear unless `norm` was given). */
  readonly norm: Norm;
  /** Straight-alpha RGBA bytes below vmin / above vmax, or null for the colormap's end colours. */
  readonly underColor: readonly [number, number, number, number] | null;
  readonly overColor: readonly [number, number, number, number] | null;
}

function optionalFinite(name: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${name} must be a finite number, got ${describe(v)}`);
  return v;
}

/** Checks the scale options' types without looking at data (cheap; used before any state changes). */
export function checkScaleOptions(o: ScaleOptions): void {
  const vmin = optionalFinite('vmin', o.vmin);
  const vmax = optionalFinite('vmax', o.vmax);
  optionalFinite('center', o.center);
  if (vmin !== undefined && vmax !== undefined && vmin > vmax) fail(`vmin (${vmin}) is greater than vmax (${vmax})`);
  if (o.robust !== undefined && typeof o.robust !== 'boolean') fail(`robust must be true or false, got ${describe(o.robust)}`);
  if (o.cmap !== undefined && o.cmap !== null) getColormap(o.cmap);
  if (o.badColor !== undefined) parseColor(o.badColor, 'badColor');
  if (o.underColor !== undefined) parseColor(o.underColor, 'underColor');
  if (o.overColor !== undefined) parseColor(o.overColor, 'overColor');
  if (o.norm !== undefined && o.norm !== null) checkNormSpec(o.norm);
  if (o.levels !== undefined && !(Number.isInteger(o.levels) && o.levels >= 1)) fail(`levels must be a positive integer, got ${describe(o.levels)}`);
  if (o.center !== undefined && o.center !== null && !isLinear(o.norm)) {
    fail("center applies to the linear norm only (seaborn resamples the colormap); with another norm use { type: 'twoslope', vcenter } or { type: 'centered', vcenter }");
  }
}

function isLinear(norm: NormSpec | null | undefined): boolean {
  return norm === undefined || norm === null || norm === 'linear' || (typeof norm === 'object' && norm.type === 'linear');
}

/** The data's own limits as seaborn computes them: nanmin/nanmax, or the 2nd/98th nanpercentile when robust. */
export interface DataLimits {
  readonly min: number;
  readonly max: number;
  /** Smallest positive value (LogNorm's autoscale), NaN when none. */
  readonly minPositive: number;
  readonly p2: number;
  readonly p98: number;
  /** Finite, unmasked cells (optional for limits built by hand). */
  readonly count?: number;
}

/** Computes data limits; percentiles (a selection pass over a copy) only when `robust` needs them. */
export function dataLimits(values: ArrayLike<number>, mask: Uint8Array | undefined, robust: boolean): DataLimits {
  const s = finiteStats(values, mask);
  const [p2, p98] = robust ? (percentiles(values, [2, 98], mask) as [number, number]) : [Number.NaN, Number.NaN];
  // minPositive read through: finiteStats may compute it only when asked (LogNorm).
  return {
    min: s.min,
    max: s.max,
    get minPositive() {
      return s.minPositive;
    },
    p2,
    p98,
    count: s.count,
  };
}

/** seaborn.heatmap's _determine_cmap_params, returning one LUT the shader can use unchanged. */
/** The colour scale of the options over data with these limits. `offsetStorage`: the values are stored relative to an
 * offset (see valueOffset in storage.ts), so a linear range too narrow for float32 at its magnitude is drawable. */
export function resolveScale(limits: DataLimits, o: ScaleOptions, offsetStorage = false): ColorScale {
  checkScaleOptions(o);
  const robust = o.robust === true;
  const center = optionalFinite('center', o.center);
  const badColor = toBytes(o.badColor === undefined ? [0, 0, 0, 0] : parseColor(o.badColor, 'badColor'));
  const underColor = o.underColor === undefined ? null : toBytes(parseColor(o.underColor, 'underColor'));
  const overColor = o.overColor === undefined ? null : toBytes(parseColor(o.overColor, 'overColor'));
  let lut = getColormap(o.cmap ?? (center === undefined ? 'rocket' : 'icefire'));
  if (o.levels !== undefined) lut = resampleColormap(lut, o.levels);
  if (!isLinear(o.norm)) {
    // matplotlib norms autoscale themselves (LogNorm on positive values only); robust still picks the percentiles.
    const norm = resolveNorm(o.norm as NormSpec, limits, o.vmin ?? (robust ? limits.p2 : undefined), o.vmax ?? (robust ? limits.p98 : undefined));
    checkFloat32Drawable(limits.min, limits.max, norm.vmin, norm.vmax, false, lut.n);
    return { vmin: norm.vmin, vmax: norm.vmax, center: undefined, lut, badColor, norm, underColor, overColor };
  }
  let vmin = optionalFinite('vmin', o.vmin) ?? (robust ? limits.p2 : limits.min);
  let vmax = optionalFinite('vmax', o.vmax) ?? (robust ? limits.p98 : limits.max);
  // No finite cell at all: every cell is drawn with badColor, any domain will do.
  if (Number.isNaN(vmin)) vmin = Number.isNaN(vmax) ? 0 : Math.min(0, vmax);
  if (Number.isNaN(vmax)) vmax = Math.max(vmin, 1);
  if (vmin > vmax) {
    const from = (given: unknown, what: string) => (given === undefined || given === null ? `the data's ${what}` : 'given');
    fail(`vmin (${vmin}, ${from(o.vmin, robust ? '2nd percentile' : 'minimum')}) is greater than vmax (${vmax}, ${from(o.vmax, robust ? '98th percentile' : 'maximum')})`);
  }
  if (vmin === vmax && o.cbar !== false) {
    // matplotlib's colour bar widens a singular range (Colorbar._process_values: nonsingular(expander=0.1)) on the
    // mappable's own norm, so seaborn's cells then take the colormap's middle colour; without a bar they take the first.
    [vmin, vmax] = nonsingular(vmin, vmax, 0.1);
  }
  checkFloat32Drawable(limits.min, limits.max, vmin, vmax, true, lut.n, offsetStorage);
  if (center !== undefined) lut = centerColormap(lut, vmin, vmax, center);
  const clip = typeof o.norm === 'object' && o.norm !== null && o.norm.type === 'linear' && o.norm.clip === true;
  const norm: Norm = clip ? { kind: 'linear', vmin, vmax, clip } : { kind: 'linear', vmin, vmax };
  // Normalize(clip=True) clips values to [vmin, vmax] before the colormap: under / over never apply, values beyond
  // take the end colours (which the shader draws for under / over when these are null).
  if (clip) return { vmin, vmax, center, lut, badColor, norm, underColor: null, overColor: null };
  return { vmin, vmax, center, lut, badColor, norm, underColor, overColor };
}

/** matplotlib's Normalize: (v - vmin) / (vmax - vmin), and 0 when vmin == vmax. */
export function normalize(v: number, vmin: number, vmax: number): number {
  return vmax === vmin ? 0 : (v - vmin) / (vmax - vmin);
}

/** The LUT entry (or under/over/bad) of a cell, as matplotlib's cmap(norm(v)) picks it. */
function pick(value: number, masked: boolean, scale: ColorScale): number | 'under' | 'over' | 'bad' {
  if (masked || value - value !== 0) return 'bad';
  // Every norm, the linear one included, goes through matplotlib's Colormap.__call__ rule, so set_under/set_over
  // colours apply to the linear norm too (as in the shader).
  return colorIndex(scale.norm, value, scale.lut.n);
}

/** CPU reference: the straight-alpha RGBA bytes of a value (NaN, ±Infinity or masked → badColor; beyond the norm's
 *  range → underColor / overColor when set, else the colormap's end colours). */
export function colorOf(value: number, masked: boolean, scale: ColorScale, out: number[] = [0, 0, 0, 0]): number[] {
  const k = pick(value, masked, scale);
  const fixed = k === 'bad' ? scale.badColor : k === 'under' ? scale.underColor : k === 'over' ? scale.overColor : null;
  if (fixed) {
    for (let c = 0; c < 4; c++) out[c] = fixed[c] as number;
    return out;
  }
  const i = (k === 'under' ? 0 : k === 'over' ? scale.lut.n - 1 : (k as number)) * 4;
  for (let c = 0; c < 4; c++) out[c] = scale.lut.rgba[i + c] as number;
  return out;
}

/** The cell's colour as floats in 0..1 (straight alpha), from the LUT's float entries (same choice as colorOf). */
export function colorOfFloat(value: number, masked: boolean, scale: ColorScale, out: number[] = [0, 0, 0, 0]): number[] {
  const k = pick(value, masked, scale);
  const fixed = k === 'bad' ? scale.badColor : k === 'under' ? scale.underColor : k === 'over' ? scale.overColor : null;
  if (fixed) {
    for (let c = 0; c < 4; c++) out[c] = (fixed[c] as number) / 255;
    return out;
  }
  const i = (k === 'under' ? 0 : k === 'over' ? scale.lut.n - 1 : (k as number)) * 4;
  for (let c = 0; c < 4; c++) out[c] = scale.lut.rgbaFloat[i + c] as number;
  return out;
}

export type { RGBA };

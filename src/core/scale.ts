// seaborn's colour scaling (pure): resolves vmin/vmax/robust/center/cmap into one LUT and a linear domain, and maps
// values to colours on the CPU — the reference the GPU shader is tested against.
import { type CmapInput, type Colormap, centerColormap, getColormap, lutIndex } from './colormaps';
import { type RGBA, parseColor, toBytes, type ColorInput } from './colors';
import { describe, fail } from './errors';
import { finiteStats, percentiles } from './stats';

export interface ScaleOptions {
  vmin?: number | null | undefined;
  vmax?: number | null | undefined;
  center?: number | null | undefined;
  robust?: boolean | undefined;
  cmap?: CmapInput | null | undefined;
  badColor?: ColorInput | undefined;
}

/** A resolved colour scale: value v → lut[lutIndex((v - vmin) / (vmax - vmin), lut.n)]; bad cells → badColor. */
export interface ColorScale {
  readonly vmin: number;
  readonly vmax: number;
  readonly center: number | undefined;
  readonly lut: Colormap;
  /** Straight-alpha RGBA bytes for NaN, ±Infinity and masked cells. */
  readonly badColor: readonly [number, number, number, number];
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
}

/** The data's own limits as seaborn computes them: nanmin/nanmax, or the 2nd/98th nanpercentile when robust. */
export interface DataLimits {
  readonly min: number;
  readonly max: number;
  readonly p2: number;
  readonly p98: number;
}

/** Computes data limits; percentiles (a selection pass over a copy) only when `robust` needs them. */
export function dataLimits(values: ArrayLike<number>, mask: Uint8Array | undefined, robust: boolean): DataLimits {
  const s = finiteStats(values, mask);
  if (!robust) return { min: s.min, max: s.max, p2: Number.NaN, p98: Number.NaN };
  const [p2, p98] = percentiles(values, [2, 98], mask) as [number, number];
  return { min: s.min, max: s.max, p2, p98 };
}

/** seaborn.heatmap's _determine_cmap_params, returning one LUT the shader can use unchanged. */
export function resolveScale(limits: DataLimits, o: ScaleOptions): ColorScale {
  checkScaleOptions(o);
  const robust = o.robust === true;
  let vmin = optionalFinite('vmin', o.vmin) ?? (robust ? limits.p2 : limits.min);
  let vmax = optionalFinite('vmax', o.vmax) ?? (robust ? limits.p98 : limits.max);
  // No finite cell at all: every cell is drawn with badColor, any domain will do.
  if (Number.isNaN(vmin)) vmin = Number.isNaN(vmax) ? 0 : Math.min(0, vmax);
  if (Number.isNaN(vmax)) vmax = Math.max(vmin, 1);
  if (vmin > vmax) {
    const from = (given: unknown, what: string) => (given === undefined || given === null ? `the data's ${what}` : 'given');
    fail(`vmin (${vmin}, ${from(o.vmin, robust ? '2nd percentile' : 'minimum')}) is greater than vmax (${vmax}, ${from(o.vmax, robust ? '98th percentile' : 'maximum')})`);
  }
  const center = optionalFinite('center', o.center);
  const cmapInput = o.cmap ?? (center === undefined ? 'rocket' : 'icefire');
  let lut = getColormap(cmapInput);
  if (center !== undefined) lut = centerColormap(lut, vmin, vmax, center);
  const badColor = toBytes(o.badColor === undefined ? [0, 0, 0, 0] : parseColor(o.badColor, 'badColor'));
  return { vmin, vmax, center, lut, badColor };
}

/** matplotlib's Normalize: (v - vmin) / (vmax - vmin), and 0 when vmin == vmax. */
export function normalize(v: number, vmin: number, vmax: number): number {
  return vmax === vmin ? 0 : (v - vmin) / (vmax - vmin);
}

/** CPU reference: the straight-alpha RGBA bytes of a value (NaN, ±Infinity or masked → badColor). */
export function colorOf(value: number, masked: boolean, scale: ColorScale, out: number[] = [0, 0, 0, 0]): number[] {
  if (masked || value - value !== 0) {
    out[0] = scale.badColor[0];
    out[1] = scale.badColor[1];
    out[2] = scale.badColor[2];
    out[3] = scale.badColor[3];
    return out;
  }
  const k = lutIndex(normalize(value, scale.vmin, scale.vmax), scale.lut.n) * 4;
  out[0] = scale.lut.rgba[k] as number;
  out[1] = scale.lut.rgba[k + 1] as number;
  out[2] = scale.lut.rgba[k + 2] as number;
  out[3] = scale.lut.rgba[k + 3] as number;
  return out;
}

/** The cell's colour as floats in 0..1 (straight alpha), from the LUT's float entries; bad cells → badColor. */
export function colorOfFloat(value: number, masked: boolean, scale: ColorScale, out: number[] = [0, 0, 0, 0]): number[] {
  if (masked || value - value !== 0) {
    for (let c = 0; c < 4; c++) out[c] = (scale.badColor[c] as number) / 255;
    return out;
  }
  const k = lutIndex(normalize(value, scale.vmin, scale.vmax), scale.lut.n) * 4;
  for (let c = 0; c < 4; c++) out[c] = scale.lut.rgbaFloat[k + c] as number;
  return out;
}

export type { RGBA };

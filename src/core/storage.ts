// Value storage on the GPU and the level-of-detail pyramid (pure): encodings, quantisation and its error, memory
// estimates, and which pyramid level a zoom samples. The GL layer (src/gl/value-textures.ts) follows these rules.
import { fail } from './errors';

/**
 * How cells are stored on the GPU.
 * - 'float32': 4 bytes a cell, exact (NaN, ±Infinity and masked cells stored as +Infinity).
 * - 'float16': 2 bytes a cell, IEEE half precision (11 significant bits: relative error ≤ 2^-11); finite |v| must stay
 *   ≤ 65504.
 * - 'uint16': 2 bytes a cell, [lo, hi] split linearly into 65535 steps (codes 0..65534; 65535 = bad cell): a value is
 *   drawn as lo + round((v - lo) / step) · step, error ≤ step / 2 = (hi - lo) / 131068; values outside [lo, hi] clip.
 * - 'uint8': 1 byte a cell, 255 steps (codes 0..254; 255 = bad), error ≤ (hi - lo) / 508.
 * For the integer storages [lo, hi] is the colour scale's [vmin, vmax] when the values are uploaded.
 */
export type Storage = 'float32' | 'float16' | 'uint16' | 'uint8';

/** How a pyramid level combines the cells under one texel: values before the colormap, bad cells ignored. */
export type Reduce = 'mean' | 'max' | 'min' | 'nearest';

export const STORAGES: readonly Storage[] = ['float32', 'float16', 'uint16', 'uint8'];
export const REDUCES: readonly Reduce[] = ['mean', 'max', 'min', 'nearest'];

/** Cells along each side reduced into one texel of the next level (4 × 4 = 16 cells). */
export const LOD_FACTOR = 4;

/** Bytes per cell of the base level. */
export function baseBytesPerCell(storage: Storage): number {
  return storage === 'float32' ? 4 : storage === 'uint8' ? 1 : 2;
}

/**
 * Bytes per texel of a pyramid level: RGBA (mean, valid fraction, min, max) in float32 for 'float32', half floats for
 * 'float16' and 'uint16', bytes for 'uint8'. With 16 cells a texel every level above the base takes at most 1/4 of the
 * base's bytes per cell, and the whole pyramid 1/4 · 16/15 ≈ 0.267 of the base (≤ 1/3).
 */
export function levelBytesPerTexel(storage: Storage): number {
  return storage === 'float32' ? 16 : storage === 'uint8' ? 4 : 8;
}

/** Sizes (cols, rows) of the levels above a base of cols × rows cells, down to 1 × 1. */
export function levelSizes(cols: number, rows: number): [number, number][] {
  const out: [number, number][] = [];
  let c = cols;
  let r = rows;
  while (c > 1 || r > 1) {
    c = Math.ceil(c / LOD_FACTOR);
    r = Math.ceil(r / LOD_FACTOR);
    out.push([c, r]);
  }
  return out;
}

/** Bytes of all pyramid levels above a cols × rows base. */
export function pyramidBytes(cols: number, rows: number, storage: Storage): number {
  let n = 0;
  for (const [c, r] of levelSizes(cols, rows)) n += c * r;
  return n * levelBytesPerTexel(storage);
}

/**
 * The level a view samples, given the cells per device pixel along the denser axis. 'max' and 'min' take the first
 * level whose texels are at least a pixel wide (so every cell reaches some pixel: a single hot cell never vanishes);
 * 'mean' the level nearest in scale (log4), so a picture is neither aliased nor blurred by more than 2×.
 */
export function pickLevel(cellsPerPixel: number, reduce: Reduce, levels: number): number {
  if (reduce === 'nearest' || !(cellsPerPixel > 1) || levels <= 0) return 0;
  const l = Math.log(cellsPerPixel) / Math.log(LOD_FACTOR);
  // 1e-9: 16 cells a pixel is exactly level 2, not 3, despite rounding in the log.
  const level = reduce === 'mean' ? Math.floor(l + 0.5) : Math.ceil(l - 1e-9);
  return Math.max(0, Math.min(levels, level));
}

/** The largest finite magnitude float16 holds. */
export const HALF_MAX = 65504;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of v (round to nearest even; overflow → ±Infinity, NaN → NaN). */
export function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half (or zero): shift the implicit-1 mantissa right, rounding to nearest even.
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    if (rest > half || (rest === half && (m & 1) === 1)) m++;
    return sign | m;
  }
  let m = mant >>> 13;
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (m & 1) === 1)) {
    m++;
    if (m === 0x400) {
      m = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | m;
}

/** The number a half-precision bit pattern holds. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Linear quantisation of [lo, hi] into codes 0..qmax (qmax + 1 marks bad cells). */
export interface Quantizer {
  readonly lo: number;
  readonly hi: number;
  /** Largest code of a valid value: 65534 ('uint16') or 254 ('uint8'). */
  readonly qmax: number;
  /** Value units per code. */
  readonly step: number;
  /** Largest difference between a value inside [lo, hi] and the value drawn: step / 2. */
  readonly maxError: number;
  /** Code of v; values outside [lo, hi] clip; callers map bad cells to qmax + 1 themselves. */
  encode(v: number): number;
  decode(code: number): number;
}

export function quantizer(storage: 'uint16' | 'uint8', lo: number, hi: number): Quantizer {
  const qmax = storage === 'uint16' ? 65534 : 254;
  // hi / qmax - lo / qmax rather than (hi - lo) / qmax: finite for any finite limits (±1.7e308 included).
  const step = hi > lo ? hi / qmax - lo / qmax : 0;
  const inv = step > 0 ? 1 / step : 0;
  return {
    lo,
    hi,
    qmax,
    step,
    maxError: step / 2,
    encode(v) {
      // Halved when v - lo would overflow (limits near ±1.8e308).
      const d = v - lo;
      const q = Math.round(Number.isFinite(d) ? d * inv : (v / 2 - lo / 2) * inv * 2);
      return q < 0 ? 0 : Math.min(q, qmax);
    },
    decode(code) {
      const d = lo + code * step;
      return Number.isFinite(d) ? d : 2 * (lo / 2 + code * (step / 2));
    },
  };
}

/** What storing and reducing a rows × cols matrix takes on the GPU, tile by tile. */
export interface GpuEstimate {
  baseBytes: number;
  levelBytes: number;
  total: number;
}

export function estimateGpuBytes(rows: number, cols: number, tileSize: number, halo: number, storage: Storage, reduce: Reduce): GpuEstimate {
  let baseBytes = 0;
  let levelBytes = 0;
  const per = baseBytesPerCell(storage);
  for (let r0 = 0; r0 < rows; r0 += tileSize) {
    const tr = Math.min(tileSize, rows - r0);
    for (let c0 = 0; c0 < cols; c0 += tileSize) {
      const tc = Math.min(tileSize, cols - c0);
      baseBytes += (tr + 2 * halo) * (tc + 2 * halo) * per;
      if (reduce !== 'nearest') levelBytes += pyramidBytes(tc, tr, storage);
    }
  }
  return { baseBytes, levelBytes, total: baseBytes + levelBytes };
}

/** Largest |v - offset| over finite, unmasked values (0 when none): what float16 storage must hold. */
export function finiteMaxAbs(values: ArrayLike<number>, mask?: Uint8Array, offset = 0): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = +values[i] - offset;
    if (v - v !== 0 || (mask !== undefined && mask[i] !== 0)) continue;
    const a = v < 0 ? -v : v;
    if (a > m) m = a;
  }
  return m;
}

/** The largest finite float32: the GPU stores values and colour limits as float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Spacing of float32 numbers near |v| (its unit in the last place). */
export function float32Spacing(v: number): number {
  const a = Math.abs(v);
  if (!(a >= 2 ** -126)) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** Whether float values stored relative to `offset` resolve the linear colour range [vmin, vmax] into `colors`
 * colours: float32's step at the range's largest distance from the offset is at most one colour's width. */
export function offsetResolves(offset: number, vmin: number, vmax: number, colors: number): boolean {
  if (!(vmax > vmin)) return true;
  return float32Spacing(Math.max(Math.abs(vmin - offset), Math.abs(vmax - offset))) <= (vmax - vmin) / Math.max(1, colors);
}

/** The offset float storage subtracts from every value in float64 before the float32 / float16 conversion (and the
 * shader's linear-norm limits with it): 0 while float32 resolves the colour range as it is, else the range's midpoint
 * (epoch milliseconds from 1.7e12 are then stored as ±500, exactly). */
export function valueOffset(vmin: number, vmax: number, colors: number): number {
  return offsetResolves(0, vmin, vmax, colors) ? 0 : (vmin + vmax) / 2;
}

/**
 * Refuses what the GPU, which draws with float32, cannot draw faithfully: finite values or limits beyond ±3.4e38
 * (they would become ±Infinity: a bad cell or one colour), a colour range wider than float32 holds, and, for a
 * linear norm, a range narrower than float32 can resolve at its magnitude (epoch milliseconds from 1.7e12 differ
 * by 2^17 at best: every cell would be one colour) unless the values are stored relative to an offset
 * (`narrowOk`: float storage of an in-memory heatmap, see valueOffset). `colors` is the colormap's number of colours.
 */
export function checkFloat32Drawable(dataMin: number, dataMax: number, vmin: number, vmax: number, linear: boolean, colors: number, narrowOk = false): void {
  const beyond = [dataMin, dataMax, vmin, vmax].find((v) => Number.isFinite(v) && Math.abs(v) > FLOAT32_MAX);
  if (beyond !== undefined) {
    fail(
      `the value ${beyond} is beyond ±3.4e38, the float32 range the GPU draws with; divide the data (and vmin / vmax) by a power of ten, ` +
        'which gives the same colours',
    );
  }
  if (!(vmax - vmin <= FLOAT32_MAX)) {
    fail(`the colour range [${vmin}, ${vmax}] is wider than float32 holds (3.4e38); divide the data (and vmin / vmax) by a power of ten`);
  }
  if ((linear && narrowOk) || !(vmax > vmin)) return;
  const spacing = float32Spacing(Math.max(Math.abs(vmin), Math.abs(vmax)));
  if (spacing > (vmax - vmin) / Math.max(1, colors)) {
    // Non-linear norms map the stored float32 value itself, so no offset can rescue them (it would change the norm).
    const way = linear ? `subtract an offset (such as ${vmin}) from the data and the limits first` : 'use the linear norm (heatgl then stores the values relative to an offset), or subtract an offset from the data first';
    fail(
      `the colour range [${vmin}, ${vmax}] is too narrow for its magnitude: float32, which the GPU draws with, steps by ${spacing} there, ` +
        `coarser than one of the ${colors} colours; ${way}`,
    );
  }
}

// Colour normalisations ported from matplotlib 3.6.3 (colors.py: Normalize, LogNorm, SymLogNorm, PowerNorm,
// BoundaryNorm, TwoSlopeNorm, CenteredNorm) and Colormap.__call__'s choice of LUT index, under/over and bad (pure).
// NaN, ±Infinity and masked cells are bad, as in imshow / pcolormesh / seaborn, which all mask invalid data first.
import { describe, fail } from './errors';
import { finiteStats } from './stats';

export type Extend = 'neither' | 'min' | 'max' | 'both';

/** How values map to colours, like a matplotlib norm (vmin / vmax are passed separately to resolveNorm). */
export type NormSpec =
  | 'linear'
  | 'log'
  | { type: 'linear'; clip?: boolean }
  | { type: 'log' }
  | { type: 'symlog'; linthresh: number; linscale?: number; base?: number }
  | { type: 'power'; gamma: number }
  | { type: 'boundary'; boundaries: readonly number[]; ncolors: number; extend?: Extend; clip?: boolean }
  | { type: 'twoslope'; vcenter: number }
  | { type: 'centered'; vcenter?: number; halfrange?: number };

export type NormKind = 'linear' | 'log' | 'symlog' | 'power' | 'boundary' | 'twoslope' | 'centered';

interface NormBase {
  readonly vmin: number;
  readonly vmax: number;
}
/** matplotlib's Normalize: (v - vmin) / (vmax - vmin); with clip, v is first clipped to [vmin, vmax]. */
export interface LinearNorm extends NormBase {
  readonly kind: 'linear';
  /** Normalize(clip=True): values outside take the end colours, never the under / over colours. */
  readonly clip?: boolean;
}
/** LogNorm (base 10): (log10 v - log10 vmin) / (log10 vmax - log10 vmin); v <= 0 is bad. */
export interface LogNorm extends NormBase {
  readonly kind: 'log';
  readonly tVmin: number;
  readonly tVmax: number;
}
/** SymLogNorm: linear within ±linthresh, logarithmic outside (SymmetricalLogTransform), then rescaled. */
export interface SymlogNorm extends NormBase {
  readonly kind: 'symlog';
  readonly linthresh: number;
  readonly linscale: number;
  readonly base: number;
  /** linscale / (1 - 1 / base): the transform's slope inside ±linthresh. */
  readonly linscaleAdj: number;
  /** ln(base). */
  readonly logBase: number;
  readonly tVmin: number;
  readonly tVmax: number;
}
/** PowerNorm: max(v - vmin, 0) ** gamma / (vmax - vmin) ** gamma (values below vmin get 0, never 'under'). */
export interface PowerNorm extends NormBase {
  readonly kind: 'power';
  readonly gamma: number;
}
/** BoundaryNorm: integer colour indices per bin [b[i], b[i+1]); vmin / vmax are the first / last boundary. */
export interface BoundaryNorm extends NormBase {
  readonly kind: 'boundary';
  readonly boundaries: readonly number[];
  readonly ncolors: number;
  readonly extend: Extend;
  readonly clip: boolean;
  /** Colour bins including extensions. */
  readonly nRegions: number;
  /** binIndex[k]: the index matplotlib returns when k boundaries are <= v (k = 0 … boundaries.length). */
  readonly binIndex: readonly number[];
}
/** TwoSlopeNorm: piecewise linear through (vmin, 0), (vcenter, 0.5), (vmax, 1); -inf / +inf outside. */
export interface TwoSlopeNorm extends NormBase {
  readonly kind: 'twoslope';
  readonly vcenter: number;
}
/** CenteredNorm: Normalize over [vcenter - halfrange, vcenter + halfrange]. */
export interface CenteredNorm extends NormBase {
  readonly kind: 'centered';
  readonly vcenter: number;
  readonly halfrange: number;
}
export type Norm = LinearNorm | LogNorm | SymlogNorm | PowerNorm | BoundaryNorm | TwoSlopeNorm | CenteredNorm;

/** The data's finite, unmasked extremes: min, max and the smallest value > 0 (NaN when there is none). */
export interface NormDataLimits {
  readonly min: number;
  readonly max: number;
  readonly minPositive: number;
}

/** One pass over the values (NaN, ±Infinity and masked cells skipped) for resolveNorm's autoscaling. */
export function normDataLimits(values: ArrayLike<number>, mask?: Uint8Array): NormDataLimits {
  const { min, max, minPositive } = finiteStats(values, mask);
  return { min, max, minPositive };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation and resolution.

const KINDS: readonly NormKind[] = ['linear', 'log', 'symlog', 'power', 'boundary', 'twoslope', 'centered'];
const EXTENDS: readonly Extend[] = ['neither', 'min', 'max', 'both'];

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function finiteParam(kind: string, name: string, v: unknown): number {
  if (!isFiniteNumber(v)) fail(`${kind} norm: ${name} must be a finite number, got ${describe(v)}`);
  return v;
}

function optionalParam(kind: string, name: string, v: unknown, dflt: number): number {
  return v === undefined ? dflt : finiteParam(kind, name, v);
}

type Params = { type: NormKind } & Record<string, unknown>;

/** The keys each norm takes (matplotlib's constructor arguments, less vmin / vmax which are options of their own). */
const KEYS: Readonly<Record<NormKind, readonly string[]>> = {
  linear: ['clip'],
  log: [],
  symlog: ['linthresh', 'linscale', 'base'],
  power: ['gamma'],
  boundary: ['boundaries', 'ncolors', 'extend', 'clip'],
  twoslope: ['vcenter'],
  centered: ['vcenter', 'halfrange'],
};

/** Checks a norm spec's shape and parameters without data (cheap); returns it in object form. */
export function checkNormSpec(spec: NormSpec): Params {
  const obj: unknown = typeof spec === 'string' ? { type: spec } : spec;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    fail(`norm must be one of ${KINDS.map((k) => `'${k}'`).join(', ')} or an object { type, ... }, got ${describe(spec)}`);
  }
  const p = obj as Params;
  if (!KINDS.includes(p.type)) fail(`unknown norm type ${describe(p.type)}; expected one of ${KINDS.join(', ')}`);
  const allowed = KEYS[p.type];
  for (const key of Object.keys(p)) {
    if (key === 'type' || allowed.includes(key)) continue;
    const hint = key === 'vmin' || key === 'vmax' ? ` (give ${key} as an option of its own, beside norm)` : '';
    fail(`${p.type} norm: unknown key '${key}'${hint}; it takes ${allowed.length > 0 ? allowed.map((k) => `'${k}'`).join(', ') : 'no other keys'}`);
  }
  switch (p.type) {
    case 'linear':
      if (p.clip !== undefined && typeof p.clip !== 'boolean') fail(`linear norm: clip must be true or false, got ${describe(p.clip)}`);
      break;
    case 'symlog': {
      const linthresh = finiteParam('symlog', 'linthresh', p.linthresh);
      if (!(linthresh > 0)) fail(`symlog norm: 'linthresh' must be positive, got ${linthresh}`);
      const linscale = optionalParam('symlog', 'linscale', p.linscale, 1);
      if (!(linscale > 0)) fail(`symlog norm: 'linscale' must be positive, got ${linscale}`);
      const base = optionalParam('symlog', 'base', p.base, 10);
      if (!(base > 1)) fail(`symlog norm: 'base' must be larger than 1, got ${base}`);
      break;
    }
    case 'power': {
      const gamma = finiteParam('power', 'gamma', p.gamma);
      if (!(gamma > 0)) fail(`power norm: gamma must be > 0, got ${gamma}`);
      break;
    }
    case 'boundary': {
      const b = p.boundaries;
      if (!Array.isArray(b) && !ArrayBuffer.isView(b)) fail(`boundary norm: boundaries must be an array of numbers, got ${describe(b)}`);
      const list = Array.from(b as ArrayLike<unknown>);
      if (list.length < 2) fail(`boundary norm: you must provide at least 2 boundaries (1 region) but you passed in ${list.length}`);
      for (let i = 0; i < list.length; i++) finiteParam('boundary', `boundaries[${i}]`, list[i]);
      for (let i = 1; i < list.length; i++) {
        if (!((list[i] as number) > (list[i - 1] as number))) {
          fail(`boundary norm: boundaries must be strictly increasing, but boundaries[${i}] = ${list[i]} follows ${list[i - 1]}`);
        }
      }
      const ncolors = p.ncolors;
      if (typeof ncolors !== 'number' || !Number.isInteger(ncolors) || ncolors < 1) fail(`boundary norm: ncolors must be a positive integer, got ${describe(ncolors)}`);
      // matplotlib casts BoundaryNorm's indices to int16.
      if (ncolors > 32767) fail(`boundary norm: ncolors must be at most 32767 (matplotlib stores the indices as int16), got ${ncolors}`);
      const extend = p.extend ?? 'neither';
      if (!EXTENDS.includes(extend as Extend)) fail(`boundary norm: extend must be one of ${EXTENDS.join(', ')}, got ${describe(extend)}`);
      if (p.clip !== undefined && typeof p.clip !== 'boolean') fail(`boundary norm: clip must be true or false, got ${describe(p.clip)}`);
      if (p.clip === true && extend !== 'neither') fail(`boundary norm: 'clip=True' is not compatible with 'extend' (got extend '${extend}')`);
      const nRegions = list.length - 1 + (extend === 'min' || extend === 'both' ? 1 : 0) + (extend === 'max' || extend === 'both' ? 1 : 0);
      if (nRegions > ncolors) {
        fail(`boundary norm: there are ${nRegions} color bins including extensions, but ncolors = ${ncolors}; ncolors must equal or exceed the number of bins`);
      }
      break;
    }
    case 'twoslope':
      finiteParam('twoslope', 'vcenter', p.vcenter);
      break;
    case 'centered':
      optionalParam('centered', 'vcenter', p.vcenter, 0);
      if (p.halfrange !== undefined) finiteParam('centered', 'halfrange', p.halfrange);
      break;
    default:
  }
  return p;
}

function optionalLimit(name: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isFiniteNumber(v)) fail(`${name} must be a finite number, got ${describe(v)}`);
  return v;
}

function checkOrder(kind: string, vmin: number, vmax: number, givenMin: number | undefined, givenMax: number | undefined, what: string): void {
  if (vmin > vmax) {
    const src = (g: number | undefined, w: string) => (g === undefined ? `the data's ${w}` : 'given');
    fail(`${kind} norm: vmin (${vmin}, ${src(givenMin, what === 'log' ? 'smallest positive value' : 'minimum')}) is greater than vmax (${vmax}, ${src(givenMax, 'maximum')})`);
  }
}

/** The data's [min, max] (given limits win); with no finite data, a small default range (every cell is bad then). */
function linearLimits(limits: NormDataLimits, givenMin: number | undefined, givenMax: number | undefined): [number, number] {
  let vmin = givenMin ?? limits.min;
  let vmax = givenMax ?? limits.max;
  if (Number.isNaN(vmin)) vmin = Number.isNaN(vmax) ? 0 : Math.min(0, vmax);
  if (Number.isNaN(vmax)) vmax = Math.max(vmin, 1);
  return [vmin, vmax];
}

/** matplotlib's SymmetricalLogTransform of one value (its operation order). */
export function symlogTransform(a: number, linthresh: number, adj: number, logBase: number): number {
  const abs = Math.abs(a);
  if (abs <= linthresh) return a * adj;
  return Math.sign(a) * linthresh * (adj + Math.log(abs / linthresh) / logBase);
}

function boundaryBinIndex(nBoundaries: number, ncolors: number, nRegions: number, offset: number, clip: boolean): number[] {
  const stretch = (r: number): number => {
    if (ncolors <= nRegions) return r;
    if (nRegions === 1) return r === 0 ? Math.floor((ncolors - 1) / 2) : r;
    return Math.trunc(((ncolors - 1) / (nRegions - 1)) * r);
  };
  const out: number[] = [clip ? stretch(offset) : -1];
  for (let k = 1; k < nBoundaries; k++) out.push(stretch(k - 1 + offset));
  out.push(clip ? ncolors - 1 : ncolors);
  return out;
}

/**
 * Resolves a norm against the data like matplotlib's `autoscale_None`: vmin / vmax given win, the others come from
 * the data's finite values — LogNorm uses only positive values, TwoSlopeNorm keeps vcenter inside [vmin, vmax],
 * CenteredNorm takes halfrange = max |data - vcenter|. BoundaryNorm and CenteredNorm take no vmin / vmax.
 */
export function resolveNorm(spec: NormSpec, limits: NormDataLimits, vmin?: number | null, vmax?: number | null): Norm {
  const p = checkNormSpec(spec);
  const givenMin = optionalLimit('vmin', vmin);
  const givenMax = optionalLimit('vmax', vmax);
  const kind = p.type;
  if ((kind === 'boundary' || kind === 'centered') && (givenMin !== undefined || givenMax !== undefined)) {
    fail(kind === 'boundary'
      ? 'boundary norm: vmin and vmax cannot be given; they are the first and last boundaries'
      : 'centered norm: vmin and vmax cannot be given; use vcenter and halfrange');
  }
  switch (kind) {
    case 'linear':
    case 'power': {
      const [lo, hi] = linearLimits(limits, givenMin, givenMax);
      checkOrder(kind, lo, hi, givenMin, givenMax, 'linear');
      if (kind === 'power') return { kind, vmin: lo, vmax: hi, gamma: p.gamma as number };
      return p.clip === true ? { kind, vmin: lo, vmax: hi, clip: true } : { kind, vmin: lo, vmax: hi };
    }
    case 'log': {
      if (givenMin !== undefined && !(givenMin > 0)) fail(`log norm: vmin must be > 0, got ${givenMin}`);
      if (givenMax !== undefined && !(givenMax > 0)) fail(`log norm: vmax must be > 0, got ${givenMax}`);
      let lo = givenMin ?? limits.minPositive;
      let hi = givenMax ?? (limits.max > 0 ? limits.max : Number.NaN);
      if (Number.isNaN(lo) || Number.isNaN(hi)) {
        if (!Number.isNaN(limits.min)) {
          fail(`log norm: the data has no positive values, and therefore can not be log-scaled; give ${Number.isNaN(lo) ? 'vmin' : 'vmax'} > 0`);
        }
        // No finite data at all (every cell is bad): matplotlib's LogLocator default range.
        if (Number.isNaN(lo)) lo = Number.isNaN(hi) ? 1 : Math.min(1, hi);
        if (Number.isNaN(hi)) hi = Math.max(lo, 10);
      }
      checkOrder(kind, lo, hi, givenMin, givenMax, 'log');
      return { kind, vmin: lo, vmax: hi, tVmin: Math.log10(lo), tVmax: Math.log10(hi) };
    }
    case 'symlog': {
      const linthresh = p.linthresh as number;
      const linscale = (p.linscale as number | undefined) ?? 1;
      const base = (p.base as number | undefined) ?? 10;
      const [lo, hi] = linearLimits(limits, givenMin, givenMax);
      checkOrder(kind, lo, hi, givenMin, givenMax, 'linear');
      const linscaleAdj = linscale / (1 - 1 / base);
      const logBase = Math.log(base);
      const tVmin = symlogTransform(lo, linthresh, linscaleAdj, logBase);
      const tVmax = symlogTransform(hi, linthresh, linscaleAdj, logBase);
      return { kind, vmin: lo, vmax: hi, linthresh, linscale, base, linscaleAdj, logBase, tVmin, tVmax };
    }
    case 'boundary': {
      const boundaries = Array.from(p.boundaries as ArrayLike<number>);
      const ncolors = p.ncolors as number;
      const extend = (p.extend as Extend | undefined) ?? 'neither';
      const clip = p.clip === true;
      const offset = extend === 'min' || extend === 'both' ? 1 : 0;
      const nRegions = boundaries.length - 1 + offset + (extend === 'max' || extend === 'both' ? 1 : 0);
      const binIndex = boundaryBinIndex(boundaries.length, ncolors, nRegions, offset, clip);
      return { kind, vmin: boundaries[0] as number, vmax: boundaries[boundaries.length - 1] as number, boundaries, ncolors, extend, clip, nRegions, binIndex };
    }
    case 'twoslope': {
      const vcenter = p.vcenter as number;
      if ((givenMax !== undefined && vcenter >= givenMax) || (givenMin !== undefined && vcenter <= givenMin)) {
        fail(`twoslope norm: vmin, vcenter, and vmax must be in ascending order (got vmin ${givenMin ?? 'from data'}, vcenter ${vcenter}, vmax ${givenMax ?? 'from data'})`);
      }
      let lo = givenMin ?? limits.min;
      let hi = givenMax ?? limits.max;
      if (Number.isNaN(lo)) lo = vcenter - 1;
      if (Number.isNaN(hi)) hi = vcenter + 1;
      // TwoSlopeNorm.autoscale_None clips the data's range at vcenter.
      if (lo > vcenter) lo = vcenter;
      if (hi < vcenter) hi = vcenter;
      return { kind, vmin: lo, vmax: hi, vcenter };
    }
    case 'centered': {
      const vcenter = (p.vcenter as number | undefined) ?? 0;
      let halfrange: number;
      if (p.halfrange !== undefined) halfrange = Math.abs(p.halfrange as number);
      else if (Number.isNaN(limits.min)) halfrange = 1;
      else halfrange = Math.max(vcenter - limits.min, limits.max - vcenter);
      return { kind, vmin: vcenter - halfrange, vmax: vcenter + halfrange, vcenter, halfrange };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Normalising and LUT lookup.

/** numpy.interp(x, [x0, x1, x2], [0, 0.5, 1], left=-inf, right=inf), numpy's branch order and arithmetic. */
function interp3(x: number, x0: number, x1: number, x2: number): number {
  if (x > x2) return Number.POSITIVE_INFINITY;
  if (x < x0) return Number.NEGATIVE_INFINITY;
  const j = x >= x2 ? 2 : x >= x1 ? 1 : 0;
  if (j === 2) return 1;
  const lo = j === 0 ? x0 : x1;
  const hi = j === 0 ? x1 : x2;
  const y = j * 0.5;
  if (lo === x) return y;
  return (0.5 / (hi - lo)) * (x - lo) + y;
}

/**
 * matplotlib's `norm(v)` for one value: a float, 0..1 inside [vmin, vmax], below 0 / above 1 outside (TwoSlopeNorm
 * gives -Infinity / +Infinity there; PowerNorm gives 0 below vmin). BoundaryNorm returns matplotlib's integer
 * colour index instead (-1 below, ncolors above, unless clip). NaN means masked: NaN, ±Infinity, and v <= 0 for
 * LogNorm. A degenerate range (vmin == vmax) gives 0 for every other value (LogNorm's v <= 0 included), as
 * matplotlib does.
 */
export function normalize(norm: Norm, v: number): number {
  if (v - v !== 0) return Number.NaN;
  switch (norm.kind) {
    case 'linear':
    case 'centered': {
      if (norm.vmin === norm.vmax) return 0;
      const c = norm.kind === 'linear' && norm.clip === true ? Math.min(norm.vmax, Math.max(norm.vmin, v)) : v;
      return (c - norm.vmin) / (norm.vmax - norm.vmin);
    }
    case 'log': {
      // A degenerate LogNorm returns zeros before its transform masks v <= 0.
      if (norm.vmin === norm.vmax) return 0;
      if (!(v > 0)) return Number.NaN;
      return (Math.log10(v) - norm.tVmin) / (norm.tVmax - norm.tVmin);
    }
    case 'symlog': {
      if (norm.vmin === norm.vmax) return 0;
      const t = symlogTransform(v, norm.linthresh, norm.linscaleAdj, norm.logBase);
      return (t - norm.tVmin) / (norm.tVmax - norm.tVmin);
    }
    case 'power': {
      if (norm.vmin === norm.vmax) return 0;
      let d = v - norm.vmin;
      if (d < 0) d = 0;
      return d ** norm.gamma / (norm.vmax - norm.vmin) ** norm.gamma;
    }
    case 'twoslope':
      return interp3(v, norm.vmin, norm.vcenter, norm.vmax);
    case 'boundary': {
      const b = norm.boundaries;
      // np.digitize: the number of boundaries <= v (binary search; boundaries strictly increase).
      let lo = 0;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((b[mid] as number) <= v) lo = mid + 1;
        else hi = mid;
      }
      return norm.binIndex[lo] as number;
    }
  }
}

/** The LUT entry matplotlib's `cmap(norm(v))` draws for a LUT of `lutN` colours: an index, or 'under' / 'over'
 *  (the colormap's set_under / set_over colours; by default its end colours) or 'bad' (NaN, ±Infinity, masked,
 *  LogNorm's v <= 0). Floats follow Colormap.__call__ (floor(t·N), t·N == N → N − 1, t < 0 under, t·N > N over);
 *  BoundaryNorm's integers index the LUT directly (< 0 under, > N − 1 over). */
export function colorIndex(norm: Norm, v: number, lutN: number): number | 'under' | 'over' | 'bad' {
  if (!Number.isInteger(lutN) || lutN < 1) fail(`lutN must be a positive integer, got ${describe(lutN)}`);
  const t = normalize(norm, v);
  if (Number.isNaN(t)) return 'bad';
  if (norm.kind === 'boundary') return t < 0 ? 'under' : t > lutN - 1 ? 'over' : t;
  const x = t * lutN;
  if (x < 0) return 'under';
  if (x > lutN) return 'over';
  return x === lutN ? lutN - 1 : Math.floor(x);
}

// ---------------------------------------------------------------------------------------------------------------
// GPU parameters.

/**
 * Uniforms for a fragment shader that reproduces `colorIndex` (in float32: results can differ from the CPU
 * reference only for values within float32 rounding of a bin edge). v is the cell value; bad cells (NaN, ±Inf,
 * masked) never reach these formulas.
 *
 *   type 0  linear, centered:  t = b == 0 ? 0 : (v - a) / b                    a = vmin, b = vmax - vmin
 *   type 1  log:               b == 0 → t = 0 (even for v <= 0: a degenerate LogNorm masks nothing);
 *                              else v <= 0 → bad; t = (log(v) * c - a) / b
 *                              a = log10(vmin), b = log10(vmax) - log10(vmin), c = 1 / ln 10
 *   type 2  symlog:            t = (|v| <= a ? v * b : sign(v) * (a * b + c * log(|v| / a))) - d
 *                              a = linthresh, b = linscaleAdj / R, c = linthresh / (R ln base), d = T(vmin) / R,
 *                              R = T(vmax) - T(vmin) (T: the symlog transform); vmin == vmax → b = c = d = 0, t = 0
 *   type 3  power:             t = d == 0 ? 0 : (v <= a ? 0 : pow(v - a, c) / d)   a = vmin, c = gamma,
 *                              d = (vmax - vmin) ** gamma (0 when vmin == vmax); b = vmax
 *   type 5  twoslope:          a = vmin, b = vcenter, c = vmax;  v < a → t = -inf (under); v > c → +inf (over);
 *                              v == c → 1; v >= b → 0.5 + (v - b) * (0.5 / (c - b)); else (v - a) * (0.5 / (b - a))
 *   then (types 0-3, 5), with N the LUT size:  x = t * N;  x < 0 → under colour;  x > N → over colour;
 *                              else LUT[min(floor(x), N - 1)].
 *   type 4  boundary:          k = number of boundaries[j] <= v (0 … a, a = boundaries.length);
 *                              i = indices[k];  i < 0 → under colour;  i > N - 1 → over colour;  else LUT[i].
 *                              b = ncolors. boundaries / indices are float32 (indices are small exact integers).
 *
 * vmin / vmax are there for an optional guard that makes the range's ends exact in float32 (log / symlog / power
 * recompute the end values through log / pow, which can land a hair outside [0, 1]): for types 0-3 with
 * vmin < vmax, v < vmin → under colour (power: t = 0), v > vmax → over colour, otherwise clamp t to [0, 1].
 */
export interface NormShaderParams {
  type: 0 | 1 | 2 | 3 | 4 | 5;
  a: number;
  b: number;
  c: number;
  d: number;
  vmin: number;
  vmax: number;
  /** type 4: the boundaries, increasing. */
  boundaries?: Float32Array;
  /** type 4: the colour index for each k = 0 … boundaries.length (-1: under; >= ncolors: over, unless clip). */
  indices?: Float32Array;
}

/** The linear norm's parameters for values stored relative to `offset` (float storage, see valueOffset in
 * storage.ts): its limits shifted by the same offset, in float64. Other norms are never offset. */
export function offsetParams(p: NormShaderParams, offset: number): NormShaderParams {
  if (offset === 0 || p.type !== 0) return p;
  return { ...p, a: p.a - offset, vmin: p.vmin - offset, vmax: p.vmax - offset };
}

export function shaderParams(norm: Norm): NormShaderParams {
  const { vmin, vmax } = norm;
  switch (norm.kind) {
    case 'linear':
    case 'centered':
      return { type: 0, a: vmin, b: vmax - vmin, c: 0, d: 0, vmin, vmax };
    case 'log':
      return { type: 1, a: norm.tVmin, b: norm.tVmax - norm.tVmin, c: Math.LOG10E, d: 0, vmin, vmax };
    case 'symlog': {
      const r = norm.tVmax - norm.tVmin;
      if (r === 0) return { type: 2, a: norm.linthresh, b: 0, c: 0, d: 0, vmin, vmax };
      return { type: 2, a: norm.linthresh, b: norm.linscaleAdj / r, c: norm.linthresh / (r * norm.logBase), d: norm.tVmin / r, vmin, vmax };
    }
    case 'power':
      return { type: 3, a: vmin, b: vmax, c: norm.gamma, d: vmin === vmax ? 0 : (vmax - vmin) ** norm.gamma, vmin, vmax };
    case 'boundary':
      return {
        type: 4,
        a: norm.boundaries.length,
        b: norm.ncolors,
        c: 0,
        d: 0,
        vmin,
        vmax,
        boundaries: Float32Array.from(norm.boundaries),
        indices: Float32Array.from(norm.binIndex),
      };
    case 'twoslope':
      return { type: 5, a: vmin, b: norm.vcenter, c: vmax, d: 0, vmin, vmax };
  }
}

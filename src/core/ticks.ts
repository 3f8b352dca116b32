// Tick placement and tick labels, ported from seaborn 0.12.2 (heatmap row/column labels) and matplotlib 3.6.3
// (MaxNLocator / AutoLocator, ScalarFormatter, the colourbar's long axis). Pure: no DOM, no Node.
//
// The float arithmetic follows matplotlib's operation by operation (Python's floor division and divmod, numpy's
// round-half-even, glibc's pow and log10, exactly rounded '%.Nf' formatting) so tick values come out bit-for-bit
// equal to matplotlib's and the labels character-for-character.

import { clip, fail } from './errors';
import { type DD, ddAdd, ddDiv, ddMul, twoSum } from './double-double';

// ---------------------------------------------------------------------------------------------------------------
// Numeric helpers reproducing CPython / numpy / glibc behaviour.

/** `10.0 ** k` for an integer k as glibc's pow computes it (correctly rounded except at 1e23 and 1e210, where glibc
 *  picks the other neighbour of an exact tie). JS `10 ** k` is off by an ulp for dozens of k, so it is not used. */
function pow10(k: number): number {
  if (k === 23) return 1.0000000000000001e23;
  if (k === 210) return 1.0000000000000001e210;
  return Number(`1e${k}`);
}

/** Python `int(10 ** k)` converted to float (correctly rounded; exact up to 1e22). For k >= 0 only. */
function pow10Int(k: number): number {
  return Number(`1e${k}`);
}

/** numpy's `power_of_ten(n)` used by np.round (table, then repeated multiplication). */
function npPowerOfTen(n: number): number {
  const p10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
  if (n < 9) return p10[n] as number;
  let ret = 1e9;
  while (n-- > 9) ret *= 10;
  return ret;
}

/** Python / numpy float divmod: [floor quotient, remainder with the divisor's sign]. */
function pyDivmod(a: number, b: number): [number, number] {
  let mod = a % b; // C fmod, exact
  if (b === 0) return [a / b, mod];
  let div = (a - mod) / b;
  if (mod) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = Math.sign(a / b) < 0 || Object.is(a / b, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

/** Python / numpy float floor division `a // b`. */
function pyFloorDiv(a: number, b: number): number {
  return pyDivmod(a, b)[0];
}

/** numpy rint: round half to even. */
function rint(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 4503599627370496) return x;
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f === 0 && x < 0 ? -0 : f;
  if (d > 0.5) return f + 1 === 0 && x < 0 ? -0 : f + 1;
  const r = f % 2 === 0 ? f : f + 1;
  return r === 0 && x < 0 ? -0 : r;
}

/** np.round(x, decimals) for decimals >= 0: rint(x * 10**d) / 10**d. */
function npRound(x: number, decimals: number): number {
  const f = npPowerOfTen(decimals);
  return rint(x * f) / f;
}

// --- double-double arithmetic, for a correctly rounded natural log (glibc's log is, in practice) -----------------

/** ln(m) for m in [0.5, 2], correctly rounded (via 2·atanh((m-1)/(m+1)) in double-double). */
function logReduced(m: number): number {
  if (m === 1) return 0;
  const s = ddDiv([m - 1, 0], twoSum(m, 1)); // m - 1 is exact on [0.5, 2]
  const s2 = ddMul(s, s);
  let t: DD = ddDiv([1, 0], [2 * 40 + 1, 0]);
  for (let k = 39; k >= 0; k--) t = ddAdd(ddMul(t, s2), ddDiv([1, 0], [2 * k + 1, 0]));
  const r = ddMul(ddMul(s, t), [2, 0]);
  return r[0] + r[1];
}

const LOG_VIEW = new DataView(new ArrayBuffer(8));

/** log10 exactly as glibc 2.36 computes it (`__ieee754_log10`: exponent split + log of the mantissa). V8's
 *  Math.log10 rounds differently near powers of ten, which moves floor(log10(x)) for a few inputs. */
function log10(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  const ivln10 = Math.LOG10E; // 0x3FDBCB7B1526E50E, glibc's ivln10
  const log10_2hi = 0.30102999566361177; // 0x3FD34413509F6000
  const log10_2lo = 3.694239077158931e-13; // 0x3D59FEF311F12B36
  let k = 0;
  LOG_VIEW.setFloat64(0, x);
  let hx = LOG_VIEW.getInt32(0);
  if (hx < 0x00100000) {
    k -= 54;
    LOG_VIEW.setFloat64(0, x * 1.8014398509481984e16);
    hx = LOG_VIEW.getInt32(0);
  }
  k += (hx >> 20) - 1023;
  const i = k < 0 ? 1 : 0;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  LOG_VIEW.setInt32(0, hx);
  const m = LOG_VIEW.getFloat64(0);
  const z = y * log10_2lo + ivln10 * logReduced(m);
  return z + y * log10_2hi;
}

// --- exact decimal formatting (CPython's '%.Nf', '%.Ng', round(x, n)) -------------------------------------------

/** |x| = mant * 2**exp exactly (x finite). */
function decompose(x: number): { mant: bigint; exp: number } {
  LOG_VIEW.setFloat64(0, x);
  const hi = LOG_VIEW.getUint32(0);
  const lo = LOG_VIEW.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: e - 1075 };
}

/** round(|x| * 10**d) half-to-even, exactly, as a BigInt. */
function scaledRound(x: number, d: number): bigint {
  const { mant, exp } = decompose(x);
  if (d >= 0) {
    const num = mant * 10n ** BigInt(d);
    if (exp >= 0) return num << BigInt(exp);
    return divRoundHalfEven(num, 1n << BigInt(-exp));
  }
  // d < 0: divide by 10**-d as well.
  const den = 10n ** BigInt(-d);
  if (exp >= 0) return divRoundHalfEven(mant << BigInt(exp), den);
  return divRoundHalfEven(mant, den << BigInt(-exp));
}

function divRoundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** CPython `'%.{d}f' % x` (exact value of the double, rounded half to even). */
function formatFixed(x: number, d: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  let digits = scaledRound(x, d).toString();
  if (d > 0) {
    digits = digits.padStart(d + 1, '0');
    digits = `${digits.slice(0, -d)}.${digits.slice(-d)}`;
  }
  return (isNegative(x) ? '-' : '') + digits;
}

/** CPython `round(x, n)` for a float (correctly rounded, half to even). */
function pyRound(x: number, n: number): number {
  return Number(formatFixed(x, n));
}

/** CPython `'%.{p}g' % x` (p >= 1). */
function formatG(x: number, p: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = isNegative(x) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const ax = Math.abs(x);
  // Decimal exponent after rounding to p significant digits.
  let e = Math.floor(log10(ax));
  let digits = scaledRound(ax, p - 1 - e).toString();
  if (digits.length > p) {
    // log10 estimate one too small, or rounding carried into a new digit.
    e += 1;
    digits = scaledRound(ax, p - 1 - e).toString();
  } else if (digits.length < p) {
    e -= 1;
    digits = scaledRound(ax, p - 1 - e).toString();
  }
  if (e >= -4 && e < p) {
    let s = formatFixed(ax, p - 1 - e);
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    return sign + s;
  }
  let mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
  const ae = Math.abs(e);
  return `${sign}${mant}e${e < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
}

/** matplotlib's Formatter.fix_minus with rcParams['axes.unicode_minus'] = True. */
function fixMinus(s: string): string {
  return s.replaceAll('-', '\u2212');
}

function checkFinite(name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${name} must be a finite number, got ${clip(v)}`);
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) fail(`${name} must be a non-negative integer, got ${clip(v)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// 1. seaborn heatmap row / column label thinning.

/** What to label along one heatmap axis, like seaborn.heatmap's `xticklabels` / `yticklabels`:
 *  'auto' thins labels so they do not overlap, `true` labels every cell, `false` none, an integer n every n-th cell
 *  (0 = none), a list of strings gives the labels themselves (one per cell). */
export type TickLabelSpec = 'auto' | boolean | number | readonly string[];

/** The cells whose centres get a label (ascending indices) and the label texts. */
export interface TickSelection {
  indices: number[];
  labels: string[];
}

/** seaborn's `_HeatMapper._auto_ticks` step: `max_ticks = axisLength // fontSize` (floor division, same unit for both —
 *  seaborn divides the axis length in inches by fontsize/72), `every = nLabels // max_ticks + 1`. Returns 0 (no
 *  labels) when not even one font size fits along the axis. */
export function autoTickEvery(nLabels: number, axisLength: number, fontSize: number): number {
  checkCount('nLabels', nLabels);
  checkFinite('axisLength', axisLength);
  checkFinite('fontSize', fontSize);
  if (!(fontSize > 0)) fail(`fontSize must be > 0, got ${fontSize}`);
  const maxTicks = Math.trunc(pyFloorDiv(axisLength, fontSize));
  if (maxTicks < 1) return 0;
  const every = Math.floor(nLabels / maxTicks) + 1;
  return every === 0 ? 1 : every;
}

function skipTicks(labels: readonly string[], every: number): TickSelection {
  const indices: number[] = [];
  const out: string[] = [];
  if (every < 1) return { indices, labels: out };
  for (let i = 0; i < labels.length; i += every) {
    indices.push(i);
    out.push(labels[i] as string);
  }
  return { indices, labels: out };
}

/** The labels seaborn.heatmap keeps along an axis of `n` cells (`_HeatMapper.__init__` / `_skip_ticks` /
 *  `_auto_ticks`). `axisLength` and `fontSize` (same unit) are only used by 'auto'. Default labels are the cell
 *  indices as strings, or `defaultLabels` (the data's row / column names; length n).
 *
 *  A shorter list labels the first cells, as seaborn's. Differences from seaborn, both for inputs it silently
 *  mishandles: a longer list throws (seaborn's ticks at 0.5, 1.5, … widen its axis past the data with empty cells),
 *  and a negative integer throws (seaborn shows no labels). 0 shows no labels, as in seaborn. */
export function selectTicks(
  n: number,
  spec: TickLabelSpec,
  axisLength: number,
  fontSize: number,
  defaultLabels?: readonly string[],
): TickSelection {
  checkCount('n', n);
  if (defaultLabels !== undefined && defaultLabels.length !== n) {
    fail(`defaultLabels has ${defaultLabels.length} labels for an axis of ${n} cells`);
  }
  const labels = (): readonly string[] => defaultLabels ?? Array.from({ length: n }, (_, i) => String(i));
  if (spec === 'auto') {
    if (n === 0) return { indices: [], labels: [] };
    return skipTicks(labels(), autoTickEvery(n, axisLength, fontSize));
  }
  if (spec === true) return skipTicks(labels(), 1);
  if (spec === false) return { indices: [], labels: [] };
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0) {
      fail(`tick label spec must be 'auto', true, false, a non-negative integer (label every n-th cell) or a list of labels, got ${clip(spec)}`);
    }
    return skipTicks(labels(), spec);
  }
  if (Array.isArray(spec)) {
    // seaborn's _skip_ticks: a shorter list labels the first cells. A longer one widens seaborn's axes (set_xticks
    // expands the view) with empty cells: refused here.
    if (spec.length > n) fail(`${spec.length} tick labels given for an axis of ${n} cells (at most one per cell; a shorter list labels the first cells)`);
    const list = spec as readonly unknown[];
    if (!list.every((s) => typeof s === 'string')) fail('tick labels must be strings');
    return skipTicks(spec as readonly string[], 1);
  }
  return fail(`tick label spec must be 'auto', true, false, a non-negative integer or a list of labels, got ${clip(spec)}`);
}

/** Cell indices in [first, last] that are multiples of `every` — labels that stay put while panning (heatgl's own;
 *  seaborn has no pan/zoom). `every` 0 (see autoTickEvery) gives none. */
export function visibleTicks(first: number, last: number, every: number): number[] {
  checkFinite('first', first);
  checkFinite('last', last);
  checkCount('every', every);
  const out: number[] = [];
  if (every === 0 || first > last) return out;
  let k = Math.ceil(first / every);
  if (Object.is(k, -0)) k = 0;
  for (let i = k * every; i <= last; i += every) out.push(i);
  return out;
}

/** An extent along an axis (a label's box projected on the axis). */
export interface Interval {
  start: number;
  end: number;
}

/** seaborn's `axis_ticklabels_overlap` (matplotlib's `Bbox.count_overlaps`) along one axis: true when some box
 *  overlaps another. Touching boxes do not overlap; a box of zero length overlaps nothing but a box strictly
 *  containing its position. Assumes the boxes overlap across the axis, as tick labels on one axis do. */
export function labelsOverlap(boxes: readonly Interval[]): boolean {
  const norm = boxes.map((b) => (b.end < b.start ? { start: b.end, end: b.start } : b));
  for (const a of norm) {
    let count = 0;
    for (const b of norm) {
      if (!(b.end <= a.start || b.start >= a.end)) count++;
    }
    if (count > 1) return true;
  }
  return false;
}

/** seaborn.heatmap's final label rotation in degrees: x labels horizontal (0) unless they overlap, then vertical
 *  (90); y labels vertical (90) unless, drawn vertically, they overlap, then horizontal (0). */
export function heatmapLabelRotation(axis: 'x' | 'y', overlap: boolean): 0 | 90 {
  return axis === 'x' ? (overlap ? 90 : 0) : overlap ? 0 : 90;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. matplotlib MaxNLocator / AutoLocator.

/** MaxNLocator's default `steps` (when none are given). */
export const MAXN_DEFAULT_STEPS: readonly number[] = Object.freeze([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]);
/** AutoLocator's steps (matplotlib's default locator for linear axes and colourbars). */
export const AUTO_LOCATOR_STEPS: readonly number[] = Object.freeze([1, 2, 2.5, 5, 10]);

export interface MaxNLocatorOptions {
  /** Nice multiples between 1 and 10, increasing; default MAXN_DEFAULT_STEPS (pass AUTO_LOCATOR_STEPS for
   *  AutoLocator). 1 and 10 are added when missing, as matplotlib does. */
  steps?: readonly number[];
  /** Only integer ticks (when at least minNTicks integers are in range). Default false. */
  integer?: boolean;
  /** Relax nbins / integer to get at least this many ticks in range. Default 2 (values below 1 count as 1). */
  minNTicks?: number;
}

/** matplotlib.transforms.nonsingular: widen a degenerate range; swaps reversed limits (increasing=True). */
export function nonsingular(vmin: number, vmax: number, expander = 0.001, tiny = 1e-15): [number, number] {
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) return [-expander, expander];
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  const maxabs = Math.max(Math.abs(vmin), Math.abs(vmax));
  if (maxabs < (1e6 / tiny) * 2.2250738585072014e-308) {
    vmin = -expander;
    vmax = expander;
  } else if (vmax - vmin <= maxabs * tiny) {
    if (vmax === 0 && vmin === 0) {
      vmin = -expander;
      vmax = expander;
    } else {
      vmin -= expander * Math.abs(vmin);
      vmax += expander * Math.abs(vmax);
    }
  }
  return [vmin, vmax];
}

function validateSteps(steps: readonly number[]): number[] {
  const bad = () =>
    fail(`steps must be an increasing sequence of numbers between 1 and 10 inclusive, got [${steps.join(', ')}]`);
  if (steps.length === 0 || steps.some((s) => typeof s !== 'number' || !Number.isFinite(s))) bad();
  for (let i = 1; i < steps.length; i++) if ((steps[i] as number) - (steps[i - 1] as number) <= 0) bad();
  if ((steps[steps.length - 1] as number) > 10 || (steps[0] as number) < 1) bad();
  const out = [...steps];
  if (out[0] !== 1) out.unshift(1);
  if (out[out.length - 1] !== 10) out.push(10);
  return out;
}

function staircase(steps: readonly number[]): number[] {
  return [...steps.slice(0, -1).map((s) => 0.1 * s), ...steps, 10 * (steps[1] as number)];
}

function scaleRange(vmin: number, vmax: number, n: number): [number, number] {
  const dv = Math.abs(vmax - vmin);
  const meanv = (vmax + vmin) / 2;
  let offset = 0;
  if (!(Math.abs(meanv) / dv < 100)) {
    const p = pow10(pyFloorDiv(log10(Math.abs(meanv)), 1));
    offset = meanv < 0 || Object.is(meanv, -0) ? -p : p;
  }
  const scale = pow10(pyFloorDiv(log10(dv / n), 1));
  return [scale, offset];
}

/** matplotlib's _Edge_integer. */
class EdgeInteger {
  private readonly offset: number;
  constructor(
    private readonly step: number,
    offset: number,
  ) {
    this.offset = Math.abs(offset);
  }
  private closeto(ms: number, edge: number): boolean {
    let tol = 1e-10;
    if (this.offset > 0) {
      const digits = log10(this.offset / this.step);
      tol = Math.min(0.4999, Math.max(1e-10, 10 ** (digits - 12)));
    }
    return Math.abs(ms - edge) < tol;
  }
  le(x: number): number {
    const [d, m] = pyDivmod(x, this.step);
    return this.closeto(m / this.step, 1) ? d + 1 : d;
  }
  ge(x: number): number {
    const [d, m] = pyDivmod(x, this.step);
    return this.closeto(m / this.step, 0) ? d : d + 1;
  }
}

function rawTicks(vmin: number, vmax: number, nbins: number, extended: readonly number[], integer: boolean, minN: number): number[] {
  const [scale, offset] = scaleRange(vmin, vmax, nbins);
  const lo = vmin - offset;
  const hi = vmax - offset;
  const rawStep = (hi - lo) / nbins;
  let steps = extended.map((s) => s * scale);
  if (integer) steps = steps.filter((s) => s < 1 || Math.abs(s - rint(s)) < 0.001);
  const first = steps.findIndex((s) => s >= rawStep);
  if (first < 0) fail(`MaxNLocator found no step for the range [${vmin}, ${vmax}] with nbins=${nbins}`);
  let ticks: number[] = [];
  for (let istep = first; istep >= 0; istep--) {
    let step = steps[istep] as number;
    if (integer && Math.floor(hi) - Math.ceil(lo) >= minN - 1) step = Math.max(1, step);
    const bestVmin = pyFloorDiv(lo, step) * step;
    const edge = new EdgeInteger(step, offset);
    const low = edge.le(lo - bestVmin);
    const high = edge.ge(hi - bestVmin);
    ticks = [];
    for (let k = low; k < high + 1; k++) ticks.push(k * step + bestVmin);
    let n = 0;
    for (const t of ticks) if (t <= hi && t >= lo) n++;
    if (n >= minN) break;
  }
  return ticks.map((t) => t + offset);
}

/** `MaxNLocator(nbins, steps=…, integer=…, min_n_ticks=…).tick_values(vmin, vmax)`: nice tick values covering
 *  [vmin, vmax], at most nbins + 1 of them inside the range, plus possibly one beyond each end (as matplotlib).
 *  Reversed limits are swapped; equal limits are widened (nonsingular with expander 1e-13, tiny 1e-14). */
export function maxNLocatorTicks(vmin: number, vmax: number, nbins: number, opts: MaxNLocatorOptions = {}): number[] {
  if (typeof vmin !== 'number' || typeof vmax !== 'number' || Number.isNaN(vmin) || Number.isNaN(vmax)) {
    fail(`vmin and vmax must be numbers, got ${String(vmin)}, ${String(vmax)}`);
  }
  if (!Number.isInteger(nbins) || nbins < 1) fail(`nbins must be a positive integer, got ${String(nbins)}`);
  const steps = opts.steps === undefined ? [...MAXN_DEFAULT_STEPS] : validateSteps(opts.steps);
  const minN = Math.max(1, opts.minNTicks ?? 2);
  if (!Number.isInteger(minN)) fail(`minNTicks must be an integer, got ${String(opts.minNTicks)}`);
  const [lo, hi] = nonsingular(vmin, vmax, 1e-13, 1e-14);
  return rawTicks(lo, hi, nbins, staircase(steps), opts.integer ?? false, minN);
}

/** matplotlib's `Axis.get_tick_space()`: how many tick labels fit — axis length / (2 × font size) on a vertical
 *  (y) axis, / (3 × font size) on a horizontal (x) one, floored. Lengths and sizes in points. */
export function tickSpace(axisLengthPt: number, fontSizePt: number, orientation: 'vertical' | 'horizontal'): number {
  checkFinite('axisLengthPt', axisLengthPt);
  checkFinite('fontSizePt', fontSizePt);
  const size = fontSizePt * (orientation === 'vertical' ? 2 : 3);
  return size > 0 ? Math.floor(axisLengthPt / size) : 2 ** 31 - 1;
}

/** AutoLocator's nbins ('auto'): tickSpace clipped to [1, 9] (`np.clip(tick_space, max(1, min_n_ticks - 1), 9)`). */
export function autoTickCount(axisLengthPt: number, fontSizePt: number, orientation: 'vertical' | 'horizontal'): number {
  return Math.min(9, Math.max(1, tickSpace(axisLengthPt, fontSizePt, orientation)));
}

// ---------------------------------------------------------------------------------------------------------------
// 3. matplotlib ScalarFormatter.

/** Tick labels plus the text matplotlib prints at the end of the axis (scientific multiplier and/or additive
 *  offset, e.g. '1e6', '+1e6', '1e−5+1'; '' when none). Minus signs are U+2212, as matplotlib draws them. */
export interface FormattedTicks {
  labels: string[];
  offset: string;
}

function computeOffset(locs: readonly number[], vmin: number, vmax: number): number {
  const vis = locs.filter((v) => vmin <= v && v <= vmax);
  if (vis.length === 0) return 0;
  const lmin = Math.min(...vis);
  const lmax = Math.max(...vis);
  if (lmin === lmax || (lmin <= 0 && 0 <= lmax)) return 0;
  const a = Math.abs(lmin);
  const b = Math.abs(lmax);
  const absMin = Math.min(a, b);
  const absMax = Math.max(a, b);
  const sign = lmin < 0 ? -1 : 1;
  const oomMax = Math.ceil(log10(absMax));
  const search = (differ: (p: number) => boolean): number => {
    for (let oom = oomMax; oom > oomMax - 800; oom--) {
      const p = pow10(oom);
      if (p === 0) break;
      if (differ(p)) return oom + 1;
    }
    return fail('ScalarFormatter offset search did not terminate');
  };
  let oom = search((p) => pyFloorDiv(absMin, p) !== pyFloorDiv(absMax, p));
  if ((absMax - absMin) / pow10(oom) <= 1e-2) {
    oom = search((p) => pyFloorDiv(absMax, p) - pyFloorDiv(absMin, p) > 1);
  }
  const q = pyFloorDiv(absMax, pow10(oom));
  return q >= 1000 ? sign * q * pow10(oom) : 0;
}

function orderOfMagnitude(locs: readonly number[], offset: number, vmin: number, vmax: number): number {
  const vis = locs.filter((v) => vmin <= v && v <= vmax).map(Math.abs);
  if (vis.length === 0) return 0;
  let oom: number;
  if (offset) {
    oom = Math.floor(log10(vmax - vmin));
  } else {
    const val = Math.max(...vis);
    oom = val === 0 ? 0 : Math.floor(log10(val));
  }
  return oom <= -5 || oom >= 6 ? oom : 0;
}

function formatDecimals(locs: readonly number[], offset: number, oom: number, view: readonly [number, number]): number {
  const withEnds = locs.length < 2 ? [...locs, view[0], view[1]] : [...locs];
  const div = pow10(oom);
  let scaled = withEnds.map((v) => (v - offset) / div);
  let range = Math.max(...scaled) - Math.min(...scaled);
  if (range === 0) range = Math.max(...scaled.map(Math.abs));
  if (range === 0) range = 1;
  if (locs.length < 2) scaled = scaled.slice(0, -2);
  const rangeOom = Math.floor(log10(range));
  let sigfigs = Math.max(0, 3 - rangeOom);
  const thresh = 1e-3 * (rangeOom >= 0 ? pow10Int(rangeOom) : pow10(rangeOom));
  while (sigfigs >= 0) {
    let worst = 0;
    for (const v of scaled) worst = Math.max(worst, Math.abs(v - npRound(v, sigfigs)));
    if (scaled.length > 0 && worst < thresh) sigfigs -= 1;
    else break;
  }
  return sigfigs + 1;
}

/** ScalarFormatter.format_data (the offset's own text, before fix_minus). */
function formatData(value: number): string {
  const e = Math.floor(log10(Math.abs(value)));
  const s = pyRound(value / (e >= 0 ? pow10Int(e) : pow10(e)), 10);
  const significand = s % 1 === 0 ? String(Math.trunc(s)) : formatG(s, 10);
  return e === 0 ? significand : `${significand}e${e}`;
}

/** matplotlib's default ScalarFormatter (rcParams defaults: useOffset True, offset_threshold 4, powerlimits
 *  (-5, 6), no mathtext, unicode minus) applied to tick locations `locs` on an axis whose view interval is `view`
 *  (default: the range of locs). As in matplotlib, every location counts for the number of decimals while only
 *  those inside the view decide the offset and the power of ten — pass all the locator's ticks and the view. */
export function formatTicks(locs: readonly number[], view?: readonly [number, number]): FormattedTicks {
  for (const v of locs) checkFinite('tick location', v);
  if (locs.length === 0) return { labels: [], offset: '' };
  const v: readonly [number, number] = view ?? [Math.min(...locs), Math.max(...locs)];
  checkFinite('view[0]', v[0]);
  checkFinite('view[1]', v[1]);
  const vmin = Math.min(v[0], v[1]);
  const vmax = Math.max(v[0], v[1]);
  const offset = computeOffset(locs, vmin, vmax);
  const oom = orderOfMagnitude(locs, offset, vmin, vmax);
  const decimals = formatDecimals(locs, offset, oom, v);
  const div = pow10(oom);
  const labels = locs.map((x) => {
    let xp = (x - offset) / div;
    if (Math.abs(xp) < 1e-8) xp = 0;
    return fixMinus(formatFixed(xp, decimals));
  });
  let text = '';
  if (oom || offset) {
    let offsetStr = '';
    if (offset) {
      offsetStr = formatData(offset);
      if (offset > 0) offsetStr = `+${offsetStr}`;
    }
    text = (oom ? `1e${oom}` : '') + offsetStr;
  }
  return { labels, offset: fixMinus(text) };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. A default matplotlib colourbar's long axis.

/** Everything a default colourbar (Normalize(vmin, vmax), AutoLocator, ScalarFormatter) shows along its long axis. */
export interface ColorbarAxis {
  /** The axis' view interval (vmin, vmax after matplotlib's widening of a degenerate range). */
  view: [number, number];
  /** AutoLocator's nbins for this axis length and font size. */
  nbins: number;
  /** The tick values drawn (the locator's ticks inside the view, within matplotlib's 1e-10 relative slack). */
  ticks: number[];
  /** Their labels. */
  labels: string[];
  /** Offset / multiplier text at the end of the axis ('' when none). */
  offset: string;
}

/** The ticks and labels of a default matplotlib 3.6 colourbar for Normalize(vmin, vmax) whose long axis is
 *  `axisLengthPt` long with `fontSizePt` tick labels (seaborn.heatmap's colourbar at default settings: vertical,
 *  10 pt labels). vmin == vmax is widened by 10 % each side like the colourbar does (0 → ±0.1). */
export function colorbarAxis(
  vmin: number,
  vmax: number,
  axisLengthPt: number,
  fontSizePt: number,
  orientation: 'vertical' | 'horizontal',
): ColorbarAxis {
  checkFinite('vmin', vmin);
  checkFinite('vmax', vmax);
  if (vmin > vmax) fail(`vmin (${vmin}) must not exceed vmax (${vmax})`);
  // Colorbar._process_values: the norm's limits are made nonsingular, boundaries = norm.inverse(linspace(0, 1)).
  const [nmin, nmax] = nonsingular(vmin, vmax, 0.1);
  const span = nmax - nmin;
  const lower = nmin + 0 * span;
  const upper = nmin + 1 * span;
  // ax.set_ylim(lower, upper) runs the locator's nonsingular (expander 0.05).
  const view = nonsingular(lower, upper, 0.05);
  const nbins = autoTickCount(axisLengthPt, fontSizePt, orientation);
  const all = maxNLocatorTicks(view[0], view[1], nbins, { steps: AUTO_LOCATOR_STEPS });
  const formatted = formatTicks(all, view);
  // Axis._update_ticks draws the ticks within the view interval, with a relative slack of 1e-10.
  const [a, b] = view;
  const slack = (b - a) * 1e-10;
  const ticks: number[] = [];
  const labels: string[] = [];
  all.forEach((t, i) => {
    if (a - slack <= t && t <= b + slack) {
      ticks.push(t);
      labels.push(formatted.labels[i] as string);
    }
  });
  return { view, nbins, ticks, labels, offset: formatted.offset };
}

/** The tick values a default matplotlib colourbar draws for Normalize(vmin, vmax) (see colorbarAxis). */
export function colorbarTicks(
  vmin: number,
  vmax: number,
  axisLengthPt: number,
  fontSizePt: number,
  orientation: 'vertical' | 'horizontal',
): number[] {
  return colorbarAxis(vmin, vmax, axisLengthPt, fontSizePt, orientation).ticks;
}

// The long axis of a matplotlib 3.6.3 colourbar for each norm (colorbar.py + ticker.py): LogLocator with
// LogFormatterSciNotation, SymmetricalLogLocator, AutoLocator on a function scale (PowerNorm, TwoSlopeNorm,
// CenteredNorm) and BoundaryNorm's uniform spacing with FixedLocator ticks; plus the colour bands the bar shows.
import { clip, fail } from './errors';
import { type Extend, type Norm, type SymlogNorm, colorIndex, normalize, symlogTransform } from './norms';
import { AUTO_LOCATOR_STEPS, autoTickCount, formatTicks, maxNLocatorTicks, nonsingular, tickSpace } from './ticks';
import { type DD, ddAdd, ddDiv, ddMul, twoSum } from './double-double';

// ---------------------------------------------------------------------------------------------------------------
// Numeric helpers reproducing CPython (glibc) arithmetic; the ones ticks.ts keeps private are re-derived here.

const LN2: DD = [Math.LN2, 2.3190468138462996e-17];
const VIEW = new DataView(new ArrayBuffer(8));

/** Python's math.log (glibc: correctly rounded in practice): x = m·2^k, m in [√½, √2), ln m by a double-double
 *  atanh series. V8's Math.log may differ by an ulp, which moves floor(log(x) / log(b)) at exact decades. */
function ln(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === 0 ? Number.NEGATIVE_INFINITY : x > 0 ? x : Number.NaN;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54
    k = -54;
  }
  VIEW.setFloat64(0, x);
  const hi = VIEW.getUint32(0);
  k += (hi >>> 20) - 1023;
  VIEW.setUint32(0, (hi & 0x000fffff) | 0x3ff00000);
  let m = VIEW.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  if (m === 1 && k === 0) return 0;
  // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172; m - 1 is exact here.
  const s = ddDiv([m - 1, 0], twoSum(m, 1));
  const s2 = ddMul(s, s);
  let t: DD = [1 / 45, 0];
  for (let j = 21; j >= 0; j--) t = ddAdd(ddMul(t, s2), ddDiv([1, 0], [2 * j + 1, 0]));
  const r = ddAdd(ddMul([k, 0], LN2), ddMul(ddMul(s, t), [2, 0]));
  return r[0] + r[1];
}

/** `base ** k` for an integer k: correctly rounded powers of ten (numpy's SIMD pow is not, e.g. 10.0 ** -1 gives
 *  0.09999999999999999 on AVX-512 machines; glibc's is), Math.pow otherwise. */
function basePow(base: number, k: number): number {
  return base === 10 ? Number(`1e${k}`) : base ** k;
}

/** Python round(x) (half to even). */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** math.isclose(x, y) with its defaults (rel_tol 1e-9, abs_tol 0). */
function isClose(x: number, y: number): boolean {
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/** CPython '%g' % x (6 significant digits, exact half-to-even rounding of the double's value). */
function formatG(x: number): string {
  if (x === 0) return '0';
  const neg = x < 0;
  const ax = Math.abs(x);
  VIEW.setFloat64(0, ax);
  const hi = VIEW.getUint32(0);
  const lo = VIEW.getUint32(4);
  const e2 = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mant = e2 === 0 ? frac : frac | (1n << 52n);
  const exp2 = e2 === 0 ? -1074 : e2 - 1075;
  // digits = round(ax · 10^d) for d = 5 - e (e: decimal exponent), exactly.
  const scaled = (d: number): bigint => {
    let num = mant;
    let den = 1n;
    if (d >= 0) num *= 10n ** BigInt(d);
    else den *= 10n ** BigInt(-d);
    if (exp2 >= 0) num <<= BigInt(exp2);
    else den <<= BigInt(-exp2);
    const q = num / den;
    const r2 = (num % den) * 2n;
    return r2 > den || (r2 === den && q % 2n === 1n) ? q + 1n : q;
  };
  let e = Math.floor(Math.log10(ax));
  let digits = scaled(5 - e).toString();
  if (digits.length > 6) digits = scaled(5 - ++e).toString();
  else if (digits.length < 6) digits = scaled(5 - --e).toString();
  let out: string;
  if (e >= -4 && e < 6) {
    const padded = e < 0 ? '0'.repeat(-e) + digits : digits;
    const point = e < 0 ? 1 : e + 1;
    out = `${padded.slice(0, point)}.${padded.slice(point)}`.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    const m = `${digits[0]}.${digits.slice(1)}`.replace(/0+$/, '').replace(/\.$/, '');
    out = `${m}e${e < 0 ? '-' : '+'}${Math.abs(e) < 10 ? '0' : ''}${Math.abs(e)}`;
  }
  return (neg ? '-' : '') + out;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** An integer exponent in Unicode superscripts ('⁻' U+207B for minus). */
function superscript(k: number): string {
  const s = String(Math.abs(k)).replace(/\d/g, (d) => SUPERSCRIPTS.charAt(Number(d)));
  return k < 0 ? `⁻${s}` : s;
}

// ---------------------------------------------------------------------------------------------------------------
// LogFormatterSciNotation, as plain text.

/** LogFormatter.set_locs: which coefficients (c·base^n) get a label, from the decades the view spans. */
function sublabels(base: number, view: readonly [number, number], linthresh: number | undefined): Set<number> {
  const [vmin, vmax] = view[0] <= view[1] ? view : [view[1], view[0]];
  if (linthresh === undefined && vmin <= 0) return new Set([1]);
  let numdec: number;
  if (linthresh !== undefined) {
    numdec = 0;
    if (vmin < -linthresh) numdec += ln(vmin / Math.min(vmax, -linthresh)) / ln(base);
    if (vmax > linthresh) numdec += ln(vmax / Math.max(vmin, linthresh)) / ln(base);
  } else {
    numdec = Math.abs(ln(vmax) / ln(base) - ln(vmin) / ln(base));
  }
  if (numdec > 1) return new Set([1]);
  if (numdec > 0.4) {
    // np.round(np.geomspace(1, base, int(base) // 2 + 1)): base 10 → {1, 2, 3, 4, 6, 10}.
    const n = Math.floor(base / 2) + 1;
    const step = Math.log10(base) / (n - 1);
    const out = new Set<number>([1, pyRound(base)]);
    for (let i = 1; i < n - 1; i++) out.add(pyRound(10 ** (i * step)));
    return out;
  }
  const out = new Set<number>();
  for (let c = 1; c < base + 1; c++) out.add(c);
  return out;
}

/**
 * LogFormatterSciNotation's label for x without mathtext: '$\mathdefault{10^{-2}}$' → '10⁻²',
 * '$\mathdefault{2\times10^{1}}$' → '2×10¹', '$\mathdefault{-10^{3}}$' → '−10³' (U+2212 for a leading minus,
 * superscript digits and U+207B for the exponent's), 0 → '0'; '' for a coefficient outside `subs`. A base that is
 * not an integer is written like Python's str (base e: '2.718281828459045²').
 */
export function logTickLabel(x: number, base: number, subs: ReadonlySet<number> | null): string {
  if (x === 0) return '0';
  const sign = x < 0 ? '\u2212' : '';
  x = Math.abs(x);
  let fx = ln(x) / ln(base);
  const isDecade = isClose(fx, pyRound(fx));
  const exponent = isDecade ? pyRound(fx) : Math.floor(fx);
  const coeff = pyRound(base ** (fx - exponent));
  if (isDecade) fx = pyRound(fx);
  if (subs !== null && !subs.has(coeff)) return '';
  const baseText = base % 1 === 0 ? String(Math.trunc(base)) : String(base);
  if (isDecade) return `${sign}${baseText}${superscript(fx)}`;
  const b = Number(baseText);
  const e = Math.floor(fx);
  let c = b ** (fx - e);
  if (isClose(c, pyRound(c))) c = pyRound(c);
  return `${sign}${formatG(c)}×${baseText}${superscript(e)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Locators.

/** LogLocator(base, subs).tick_values(vmin, vmax) with numticks = clip(tick space, 2, 9); subs 'auto' for minor. */
function logLocatorTicks(vmin: number, vmax: number, base: number, numticks: number, minor: boolean): number[] {
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  const logVmin = ln(vmin) / ln(base);
  const logVmax = ln(vmax) / ln(base);
  const numdec = Math.floor(logVmax) - Math.ceil(logVmin);
  let subs = [1];
  if (minor) {
    if (numdec > 10 || base < 3) return [];
    subs = [];
    for (let s = 2; s < base; s++) subs.push(s);
  }
  let stride = Math.floor((numdec + 1) / numticks) + 1;
  if (stride >= numdec) stride = Math.max(1, numdec - 1);
  const haveSubs = subs.length > 1 || subs[0] !== 1;
  const decades: number[] = [];
  for (let d = Math.floor(logVmin) - stride; d < Math.ceil(logVmax) + 2 * stride; d += stride) decades.push(d);
  let locs: number[] = [];
  if (haveSubs) {
    if (stride === 1) for (const d of decades) for (const s of subs) locs.push(s * basePow(base, d));
  } else {
    locs = decades.map((d) => basePow(base, d));
  }
  if (subs.length > 1 && stride === 1 && locs.filter((t) => vmin <= t && t <= vmax).length <= 1) {
    // A minor locator that would show at most one tick falls back to AutoLocator (nbins 9, no axis).
    return maxNLocatorTicks(vmin, vmax, 9, { steps: AUTO_LOCATOR_STEPS });
  }
  return locs;
}

/** SymmetricalLogLocator(transform).tick_values(vmin, vmax) (numticks 15, subs [1]). */
function symlogLocatorTicks(vmin: number, vmax: number, base: number, linthresh: number): number[] {
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  if (-linthresh < vmin && vmin < vmax && vmax < linthresh) return [vmin, vmax];
  const hasA = vmin < -linthresh;
  const hasC = vmax > linthresh;
  const hasB = (hasA && vmax > -linthresh) || (hasC && vmin < linthresh);
  const logRange = (lo: number, hi: number): [number, number] => [Math.floor(ln(lo) / ln(base)), Math.ceil(ln(hi) / ln(base))];
  let [aLo, aHi] = [0, 0];
  if (hasA) [aLo, aHi] = logRange(Math.abs(Math.min(-linthresh, vmax)), Math.abs(vmin) + 1);
  let [cLo, cHi] = [0, 0];
  if (hasC) [cLo, cHi] = logRange(Math.max(linthresh, vmin), vmax + 1);
  let total = aHi - aLo + (cHi - cLo);
  if (hasB) total += 1;
  const stride = Math.max(Math.floor(total / 14), 1);
  const out: number[] = [];
  if (hasA) {
    const ks: number[] = [];
    for (let k = aLo; k < aHi; k += stride) ks.push(k);
    for (const k of ks.reverse()) out.push(-basePow(base, k));
  }
  if (hasB) out.push(0);
  if (hasC) for (let k = cLo; k < cHi; k += stride) out.push(basePow(base, k));
  return out;
}

/** FixedLocator(locs, nbins=10): every step-th location, offset so the smallest |value| is kept. */
function fixedLocatorTicks(locs: readonly number[], nbins: number): number[] {
  const step = Math.max(Math.ceil(locs.length / nbins), 1);
  const every = (start: number) => locs.filter((_, i) => i >= start && (i - start) % step === 0);
  const minAbs = (a: number[]) => Math.min(...a.map(Math.abs));
  let ticks = every(0);
  for (let i = 1; i < step; i++) {
    const t = every(i);
    if (minAbs(t) < minAbs(ticks)) ticks = t;
  }
  return ticks;
}

// ---------------------------------------------------------------------------------------------------------------
// The colourbar's long axis.

/** numpy.interp(x, xp, fp) (default left / right = end values) for increasing xp. */
function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  const n = xp.length;
  if (x > (xp[n - 1] as number)) return fp[n - 1] as number;
  if (x < (xp[0] as number)) return fp[0] as number;
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((xp[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  if (lo === n - 1 || xp[lo] === x) return fp[lo] as number;
  const slope = ((fp[lo + 1] as number) - (fp[lo] as number)) / ((xp[lo + 1] as number) - (xp[lo] as number));
  return slope * (x - (xp[lo] as number)) + (fp[lo] as number);
}

/** np.linspace(0, 1, n). */
function linspace01(n: number): number[] {
  const step = 1 / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : i * step));
}

/** The norm with vmin / vmax replaced (the colourbar widens a degenerate range in place). */
function withLimits(norm: Norm, vmin: number, vmax: number): Norm {
  if (vmin === norm.vmin && vmax === norm.vmax) return norm;
  switch (norm.kind) {
    case 'log':
      return { ...norm, vmin, vmax, tVmin: Math.log10(vmin), tVmax: Math.log10(vmax) };
    case 'symlog':
      return { ...norm, vmin, vmax, tVmin: symlogT(norm, vmin), tVmax: symlogT(norm, vmax) };
    case 'centered':
      return { ...norm, vmin, vmax, halfrange: (vmax - vmin) / 2 };
    default:
      return { ...norm, vmin, vmax };
  }
}

function symlogT(norm: SymlogNorm, a: number): number {
  return symlogTransform(a, norm.linthresh, norm.linscaleAdj, norm.logBase);
}

/** norm.inverse(t) for t = 0 and 1: the colourbar's view limits (matplotlib's arithmetic, which may miss vmax by
 *  an ulp). */
function inverseEnds(norm: Norm): [number, number] {
  switch (norm.kind) {
    case 'log':
      return [10 ** (0 * (norm.tVmax - norm.tVmin) + norm.tVmin), 10 ** (1 * (norm.tVmax - norm.tVmin) + norm.tVmin)];
    case 'symlog': {
      const inv = (t: number): number => {
        const a = t * (norm.tVmax - norm.tVmin) + norm.tVmin;
        const abs = Math.abs(a);
        if (abs <= norm.linthresh * norm.linscaleAdj) return a / norm.linscaleAdj;
        return Math.sign(a) * norm.linthresh * norm.base ** (abs / norm.linthresh - norm.linscaleAdj);
      };
      return [inv(0), inv(1)];
    }
    case 'power':
      return [norm.vmin, norm.vmax - norm.vmin + norm.vmin];
    case 'twoslope':
    case 'boundary':
      return [norm.vmin, norm.vmax];
    default:
      return [norm.vmin + 0 * (norm.vmax - norm.vmin), norm.vmin + 1 * (norm.vmax - norm.vmin)];
  }
}

export interface NormColorbarTicks {
  values: number[];
  labels: string[];
  /** Fractions 0..1 along the bar (from vmin to vmax; the extend triangles lie outside). */
  positions: number[];
}

/** Everything a matplotlib colourbar for `norm` shows along its long axis. */
export interface NormColorbarAxis extends NormColorbarTicks {
  /** The axis' view interval: vmin / vmax as the colourbar recomputes them (a degenerate range widened by 10 %). */
  view: [number, number];
  /** Minor ticks drawn (log: the 2…9 multiples, labelled when the bar spans about a decade or less — a bar
   *  inside one decade has no major tick at all; BoundaryNorm: boundaries the major ticks skipped; else none).
   *  Labels are '' where matplotlib leaves a minor tick unlabelled. */
  minor: NormColorbarTicks;
  /** ScalarFormatter's offset / multiplier text ('' for log and symlog bars). */
  offset: string;
  /** Lengths of the lower / upper extend triangles as fractions of the inner bar (0 without one). */
  extendLengths: [number, number];
}

export interface NormColorbarOptions {
  /** The colourbar's extend triangles; default: the BoundaryNorm's extend, else 'neither'. */
  extend?: Extend;
}

function resolveExtend(norm: Norm, options: NormColorbarOptions): Extend {
  const extend = options.extend ?? (norm.kind === 'boundary' ? norm.extend : 'neither');
  if (!['neither', 'min', 'max', 'both'].includes(extend)) fail(`extend must be 'neither', 'min', 'max' or 'both', got ${clip(extend)}`);
  return extend;
}

/** BoundaryNorm's colourbar boundaries including the extension ones (b[0] - 1, b[-1] + 1). */
function extendedBoundaries(norm: Norm & { kind: 'boundary' }, extend: Extend): number[] {
  const b = [...norm.boundaries];
  if (extend === 'min' || extend === 'both') b.unshift((b[0] as number) - 1);
  if (extend === 'max' || extend === 'both') b.push((b[b.length - 1] as number) + 1);
  return b;
}

/**
 * The ticks and labels of `fig.colorbar(ScalarMappable(norm, cmap))` in matplotlib 3.6.3. `axisLength` is the
 * inner bar's length (matplotlib shrinks the bar by 1 + extend lengths to fit the triangles) and `fontSize` the
 * tick labels' size, in the same unit (matplotlib: points); they set how many ticks fit (as colorbarAxis in
 * ticks.ts). Linear-like norms (linear, centered, power, twoslope) use AutoLocator + ScalarFormatter on a scale
 * whose transform is the norm itself, so PowerNorm / TwoSlopeNorm ticks are unevenly spaced (and PowerNorm's ticks
 * below vmin all sit at 0); log uses LogLocator + LogFormatterSciNotation; symlog SymmetricalLogLocator; boundary
 * FixedLocator(boundaries, nbins=10) with ScalarFormatter and every bin the same length ('uniform' spacing).
 */
export function normColorbarAxis(
  norm: Norm,
  axisLength: number,
  fontSize: number,
  orientation: 'vertical' | 'horizontal',
  options: NormColorbarOptions = {},
): NormColorbarAxis {
  const extend = resolveExtend(norm, options);
  const extendLengths: [number, number] = [extend === 'min' || extend === 'both' ? 0.05 : 0, extend === 'max' || extend === 'both' ? 0.05 : 0];
  // Colorbar._process_values widens a degenerate range, then takes the view from norm.inverse(0 / 1).
  const cnorm = norm.kind === 'boundary' ? norm : withLimits(norm, ...nonsingular(norm.vmin, norm.vmax, 0.1));
  let [lo, hi] = inverseEnds(cnorm);
  // Axis.set_ylim runs the locator's nonsingular (LogLocator: only an equal pair, which cannot happen here).
  if (norm.kind !== 'log') [lo, hi] = nonsingular(lo, hi, 0.05);
  const view: [number, number] = [lo, hi];

  // The axis scale's transform: ticks are kept and placed in its coordinates.
  let T: (v: number) => number;
  if (norm.kind === 'log') T = Math.log10;
  else if (norm.kind === 'symlog') T = (v) => symlogT(cnorm as SymlogNorm, v);
  else if (norm.kind === 'linear') T = (v) => v;
  else if (norm.kind === 'boundary') {
    const b = extendedBoundaries(norm, extend);
    const y = linspace01(b.length);
    const eps = ((b[b.length - 1] as number) - (b[0] as number)) * 1e-6;
    T = (v) => (v < (b[0] as number) - eps ? -1 : v > (b[b.length - 1] as number) + eps ? 2 : interp(v, b, y));
  } else T = (v) => normalize(cnorm, v);
  const tLo = T(lo);
  const tHi = T(hi);
  const slack = Math.abs(tHi - tLo) * 1e-10;
  const [a, b] = tLo <= tHi ? [tLo, tHi] : [tHi, tLo];
  const drawn = (locs: readonly number[], labels: readonly string[]): NormColorbarTicks => {
    const out: NormColorbarTicks = { values: [], labels: [], positions: [] };
    locs.forEach((v, i) => {
      const t = T(v);
      if (a - slack <= t && t <= b + slack) {
        out.values.push(v);
        out.labels.push(labels[i] as string);
        out.positions.push((t - tLo) / (tHi - tLo));
      }
    });
    return out;
  };
  // Axis.get_minorticklocs drops minor ticks within 1e-5 of the view (in scale coordinates) of a major one.
  const withoutMajors = (minor: readonly number[], major: readonly number[]) => {
    const tol = (b - a) * 1e-5;
    const tm = major.map(T);
    return minor.filter((v) => !tm.some((m) => Math.abs(T(v) - m) <= tol));
  };

  const none: NormColorbarTicks = { values: [], labels: [], positions: [] };
  if (norm.kind === 'log' || norm.kind === 'symlog') {
    const base = norm.kind === 'log' ? 10 : norm.base;
    const linthresh = norm.kind === 'symlog' ? norm.linthresh : undefined;
    const subs = sublabels(base, view, linthresh);
    let major: number[];
    let minor: number[] = [];
    if (norm.kind === 'log') {
      const numticks = Math.min(9, Math.max(2, tickSpace(axisLength, fontSize, orientation)));
      major = logLocatorTicks(lo, hi, base, numticks, false);
      minor = withoutMajors(logLocatorTicks(lo, hi, base, numticks, true), major);
    } else {
      // The symlog minor locator has subs [1] in 3.6.3: the same ticks as the major one, all removed.
      major = symlogLocatorTicks(lo, hi, base, norm.linthresh);
    }
    const label = (v: number) => logTickLabel(v, base, subs);
    return {
      view,
      ...drawn(major, major.map(label)),
      minor: minor.length ? drawn(minor, minor.map(label)) : none,
      offset: '',
      extendLengths,
    };
  }
  if (norm.kind === 'boundary') {
    const major = fixedLocatorTicks(norm.boundaries, 10);
    const minor = withoutMajors(norm.boundaries, major);
    const f = formatTicks(major, view);
    return { view, ...drawn(major, f.labels), minor: drawn(minor, minor.map(() => '')), offset: f.offset, extendLengths };
  }
  const nbins = autoTickCount(axisLength, fontSize, orientation);
  const all = maxNLocatorTicks(lo, hi, nbins, { steps: AUTO_LOCATOR_STEPS });
  const f = formatTicks(all, view);
  return { view, ...drawn(all, f.labels), minor: none, offset: f.offset, extendLengths };
}

// ---------------------------------------------------------------------------------------------------------------
// Colour bands.

export type BandColor = number | 'under' | 'over' | 'bad';

export interface ColorbarBands {
  /** The bar from 0 (vmin) to 1 (vmax): [start, end) fractions and the LUT entry each band shows. */
  bands: { start: number; end: number; color: BandColor }[];
  /** Colour of the lower / upper extend triangle, when there is one. */
  lower?: BandColor;
  upper?: BandColor;
}

/**
 * What the colourbar paints for a LUT of `lutN` colours. BoundaryNorm: one band per bin, all the same length,
 * coloured like cmap(norm(bin midpoint)) — with ncolors < lutN these are the LUT's first entries, not spread over
 * it — and triangles coloured cmap(norm(b[0] - 0.5)) / cmap(norm(b[-1] + 0.5)), i.e. under / over. Other norms:
 * LUT entry i over [i / N, (i + 1) / N] and 'under' / 'over' triangles (matplotlib differs from this only for a
 * TwoSlopeNorm whose vcenter equals vmin or vmax, where its bands and ticks disagree, and PowerNorm's lower
 * triangle).
 */
export function colorbarBands(norm: Norm, lutN: number, options: NormColorbarOptions = {}): ColorbarBands {
  if (!Number.isInteger(lutN) || lutN < 1) fail(`lutN must be a positive integer, got ${String(lutN)}`);
  const extend = resolveExtend(norm, options);
  const lowerExt = extend === 'min' || extend === 'both';
  const upperExt = extend === 'max' || extend === 'both';
  const out: ColorbarBands = { bands: [] };
  if (norm.kind === 'boundary') {
    const b = extendedBoundaries(norm, extend);
    const y = linspace01(b.length);
    const first = lowerExt ? 1 : 0;
    const last = b.length - 1 - (upperExt ? 1 : 0);
    const y0 = y[first] as number;
    const span = (y[last] as number) - y0;
    for (let i = first; i < last; i++) {
      const mid = 0.5 * ((b[i] as number) + (b[i + 1] as number));
      out.bands.push({ start: ((y[i] as number) - y0) / span, end: ((y[i + 1] as number) - y0) / span, color: colorIndex(norm, mid, lutN) });
    }
    if (lowerExt) out.lower = colorIndex(norm, 0.5 * ((b[0] as number) + (b[1] as number)), lutN);
    if (upperExt) out.upper = colorIndex(norm, 0.5 * ((b[b.length - 2] as number) + (b[b.length - 1] as number)), lutN);
    return out;
  }
  for (let i = 0; i < lutN; i++) out.bands.push({ start: i / lutN, end: (i + 1) / lutN, color: i });
  if (lowerExt) out.lower = 'under';
  if (upperExt) out.upper = 'over';
  return out;
}

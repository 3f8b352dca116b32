// Norms, LUT indices and colourbar axes against real matplotlib 3.6.3 (test/fixtures/norms/generate.py).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { getColormap } from '../../src/core/colormaps';
import { HeatglError } from '../../src/core/errors';
import { colorbarBands, logTickLabel, normColorbarAxis } from '../../src/core/norm-ticks';
import {
  type Norm,
  type NormDataLimits,
  type NormSpec,
  checkNormSpec,
  colorIndex,
  normDataLimits,
  normalize,
  resolveNorm,
  shaderParams,
} from '../../src/core/norms';

type Num = number | null | 'Infinity' | '-Infinity';
type Index = number | 'under' | 'over' | 'bad';
interface TickRec {
  value: number;
  label: string;
  plain: string;
  position: number;
}
interface Colorbar {
  orientation: 'vertical' | 'horizontal';
  axisLengthPt: number;
  fontSize: number;
  tickSpace: number;
  view: [number, number];
  extendLengths: [number, number];
  major: TickRec[];
  minor: TickRec[];
  offset: string;
  segments?: ({ start: number; end: number; rgba: number[] } | { extend: 'lower' | 'upper'; rgba: number[] })[];
}
interface Case {
  name: string;
  spec: NormSpec;
  vmin: number | null;
  vmax: number | null;
  data: Num[];
  limits: { min: number | null; max: number | null; minPositive: number | null };
  resolved: { vmin: number; vmax: number; vcenter?: number; halfrange?: number };
  values: Num[];
  norm: Num[];
  index: { viridis: Index[]; listed7: Index[] };
  rgba: { viridis: number[][]; listed7: number[][] };
  colorbar: Colorbar | null;
}
interface ErrorCase {
  name: string;
  spec: NormSpec;
  vmin: number | 'NaN' | null;
  vmax: number | null;
  limits: Case['limits'];
  matplotlib: string | null;
}
interface Fixture {
  cmaps: { viridis: { n: number }; listed7: { n: number; colors: string[] } };
  cases: Case[];
  errors: ErrorCase[];
}

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/norms/norms.json'), 'utf8')) as Fixture;
const num = (v: Num): number => (v === null ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
const lim = (l: Case['limits']): NormDataLimits => ({ min: l.min ?? Number.NaN, max: l.max ?? Number.NaN, minPositive: l.minPositive ?? Number.NaN });
const LUTS = { viridis: getColormap('viridis'), listed7: getColormap(fixture.cmaps.listed7.colors) };

function close(a: number, b: number, rel: number): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
}

function bytesOf(i: Index, lut: (typeof LUTS)['viridis']): number[] {
  if (i === 'bad') return [0, 0, 0, 0];
  const k = i === 'under' ? 0 : i === 'over' ? lut.n - 1 : i;
  return Array.from(lut.rgbaFloat.subarray(k * 4, k * 4 + 4), (f) => f * 255);
}

// Index mismatches tolerated at bin edges, reported at the end.
const knife: string[] = [];
let indexMatches = 0;
afterAll(() => {
  console.log(`LUT indices: ${indexMatches} equal to matplotlib's, ${knife.length} differ exactly at a bin edge${knife.length ? `:\n  ${knife.join('\n  ')}` : ''}`);
});

function resolveCase(c: Case): Norm {
  return resolveNorm(c.spec, normDataLimits(c.data.map(num)), c.vmin, c.vmax);
}

describe('norms against matplotlib', () => {
  for (const c of fixture.cases) {
    describe(c.name, () => {
      test('data limits and the resolved vmin / vmax', () => {
        const l = normDataLimits(c.data.map(num));
        const want = lim(c.limits);
        expect(l.min).toBe(want.min);
        expect(l.max).toBe(want.max);
        expect(l.minPositive).toBe(want.minPositive);
        const norm = resolveCase(c);
        expect(norm.vmin).toBe(c.resolved.vmin);
        expect(norm.vmax).toBe(c.resolved.vmax);
        if (c.resolved.vcenter !== undefined) expect((norm as { vcenter: number }).vcenter).toBe(c.resolved.vcenter);
        if (c.resolved.halfrange !== undefined) expect((norm as { halfrange: number }).halfrange).toBe(c.resolved.halfrange);
      });

      test('norm(values) to 1e-12', () => {
        const norm = resolveCase(c);
        const bad: string[] = [];
        c.values.forEach((v, i) => {
          const got = normalize(norm, num(v));
          const want = num(c.norm[i] as Num);
          if (!close(got, want, 1e-12)) bad.push(`norm(${num(v)}) = ${got}, matplotlib ${want}`);
        });
        expect(bad).toEqual([]);
      });

      test('LUT index (N = 256 and 7), under / over / bad, and RGBA within 2/255', () => {
        const norm = resolveCase(c);
        const bad: string[] = [];
        for (const name of ['viridis', 'listed7'] as const) {
          const lut = LUTS[name];
          c.values.forEach((v, i) => {
            const got = colorIndex(norm, num(v), lut.n);
            const want = c.index[name][i] as Index;
            // numpy's log / pow (SIMD on AVX-512) and V8's differ in the last bit: tolerated exactly at bin edges.
            const edge = norm.kind !== 'boundary' && knifeEdge(norm, num(v), num(c.norm[i] as Num), lut.n);
            if (got !== want) (edge ? knife : bad).push(`${c.name} ${name}: index(${num(v)}) = ${got}, matplotlib ${want}`);
            else indexMatches++;
            const rgb = bytesOf(got, lut);
            const wantRgb = c.rgba[name][i] as number[];
            if (!edge && rgb.some((x, ch) => Math.abs(x - (wantRgb[ch] as number)) > 2)) bad.push(`${name}: rgba(${num(v)}) = ${rgb}, matplotlib ${wantRgb}`);
          });
        }
        expect(bad).toEqual([]);
      });

      test('shaderParams formulas (with and without the end guard) give the same LUT index', () => {
        const norm = resolveCase(c);
        const p = shaderParams(norm);
        const bad: string[] = [];
        for (const n of [256, 7]) {
          for (const v of c.values.map(num)) {
            const want = colorIndex(norm, v, n);
            for (const guard of [false, true]) {
              let got = emulateShader(p, v, n, guard);
              // Normalize(clip=True): the heatmap draws the shader's under / over with the end colours (resolveScale
              // sets no under / over colour), which is where the clipped values land.
              if (norm.kind === 'linear' && norm.clip === true) got = got === 'under' ? 0 : got === 'over' ? n - 1 : got;
              if (got !== want && !knifeEdge(norm, v, normalize(norm, v), n)) bad.push(`N=${n} v=${v} guard=${guard}: shader ${got}, colorIndex ${want}`);
            }
          }
        }
        expect(bad).toEqual([]);
      });

      if (c.colorbar === null) return;
      const cb = c.colorbar;
      test(`colorbar ticks (${cb.orientation}, ${cb.axisLengthPt.toFixed(1)} pt, ${cb.fontSize} pt labels)`, () => {
        const norm = resolveCase(c);
        const axis = normColorbarAxis(norm, cb.axisLengthPt, cb.fontSize, cb.orientation);
        expect(close(axis.view[0], cb.view[0], 1e-12) && close(axis.view[1], cb.view[1], 1e-12), `view ${axis.view} vs ${cb.view}`).toBe(true);
        const check = (got: { values: number[]; labels: string[]; positions: number[] }, want: TickRec[], what: string) => {
          expect(got.labels, `${what} labels`).toEqual(want.map((t) => t.plain));
          expect(got.values.length).toBe(want.length);
          got.values.forEach((v, i) => {
            expect(close(v, want[i]!.value, 1e-12), `${what} value ${v} vs ${want[i]!.value}`).toBe(true);
            expect(Math.abs((got.positions[i] as number) - want[i]!.position), `${what} position of ${v}`).toBeLessThan(1e-9);
          });
        };
        check(axis, cb.major, 'major');
        check(axis.minor, cb.minor, 'minor');
        expect(axis.offset).toBe(cb.offset);
        expect(axis.extendLengths).toEqual(cb.extendLengths);
      });

      if (cb.segments === undefined) return;
      test('colorbar colour bands (BoundaryNorm, uniform spacing, extend triangles)', () => {
        const norm = resolveCase(c);
        const lut = LUTS.viridis;
        const bands = colorbarBands(norm, lut.n);
        const inner = cb.segments!.filter((s) => 'start' in s) as { start: number; end: number; rgba: number[] }[];
        expect(bands.bands.length).toBe(inner.length);
        inner.forEach((s, i) => {
          const band = bands.bands[i]!;
          expect(Math.abs(band.start - s.start)).toBeLessThan(1e-12);
          expect(Math.abs(band.end - s.end)).toBeLessThan(1e-12);
          const rgb = bytesOf(band.color, lut);
          rgb.forEach((x, ch) => {
            expect(Math.abs(x - (s.rgba[ch] as number) * 255)).toBeLessThanOrEqual(2);
          });
        });
        for (const s of cb.segments!) {
          if (!('extend' in s)) continue;
          const color = s.extend === 'lower' ? bands.lower : bands.upper;
          expect(color, `${s.extend} triangle`).toBeDefined();
          bytesOf(color!, lut).forEach((x, ch) => {
            expect(Math.abs(x - (s.rgba[ch] as number) * 255)).toBeLessThanOrEqual(2);
          });
        }
        const ext = cb.segments!.filter((s) => 'extend' in s).length;
        expect((bands.lower === undefined ? 0 : 1) + (bands.upper === undefined ? 0 : 1)).toBe(ext);
      });
    });
  }
});

/** The shader recipe documented at NormShaderParams, in float64 (values rounded to float32 for type 4, as on the
 *  GPU); `guard` adds the optional vmin / vmax end guard. */
function emulateShader(p: ReturnType<typeof shaderParams>, v: number, n: number, guard = false): Index {
  if (v - v !== 0) return 'bad';
  const { a, b, c, d, vmin, vmax } = p;
  if (p.type === 4) {
    const f = Math.fround(v);
    let k = 0;
    for (const e of p.boundaries!) if (e <= f) k++;
    const i = p.indices![k]!;
    return i < 0 ? 'under' : i > n - 1 ? 'over' : i;
  }
  const guarded = guard && p.type !== 5 && vmin < vmax;
  if (guarded && !(p.type === 1 && v <= 0)) {
    if (v < vmin && p.type !== 3) return 'under';
    if (v > vmax) return 'over';
  }
  let t: number;
  switch (p.type) {
    case 0:
      t = b === 0 ? 0 : (v - a) / b;
      break;
    case 1:
      if (b === 0) t = 0;
      else if (v <= 0) return 'bad';
      else t = (Math.log(v) * c - a) / b;
      break;
    case 2:
      t = (Math.abs(v) <= a ? v * b : Math.sign(v) * (a * b + c * Math.log(Math.abs(v) / a))) - d;
      break;
    case 3:
      t = d === 0 ? 0 : v <= a ? 0 : (v - a) ** c / d;
      break;
    default:
      t = v < a ? -Infinity : v > c ? Infinity : v === c ? 1 : v >= b ? 0.5 + (v - b) * (0.5 / (c - b)) : (v - a) * (0.5 / (b - a));
  }
  if (guarded) t = Math.min(1, Math.max(0, t));
  const x = t * n;
  if (x < 0) return 'under';
  if (x > n) return 'over';
  return Math.min(Math.floor(x), n - 1);
}

/** A value whose LUT index legitimately depends on the last bits: t·N within 1e-9·N of an integer (bin edges,
 *  vmin, vmax), or (BoundaryNorm on the GPU) within float32 rounding of a boundary. */
function knifeEdge(norm: Norm, v: number, t: number, n: number): boolean {
  if (norm.kind === 'boundary') return norm.boundaries.some((e) => Math.abs(v - e) <= 1.2e-7 * Math.max(1, Math.abs(e)));
  const x = t * n;
  return Number.isFinite(x) && Math.abs(x - Math.round(x)) <= 1e-9 * n;
}

describe('rejected parameters', () => {
  for (const e of fixture.errors) {
    test(`${e.name}${e.matplotlib === null ? '' : ` (matplotlib: ${e.matplotlib})`}`, () => {
      const vmin = e.vmin === 'NaN' ? Number.NaN : e.vmin;
      expect(() => resolveNorm(e.spec, lim(e.limits), vmin, e.vmax)).toThrow(HeatglError);
    });
  }

  test('messages say what was wrong', () => {
    const l = { min: -1, max: 10, minPositive: 0.5 };
    expect(() => resolveNorm('log', l, 0, 10)).toThrow('log norm: vmin must be > 0, got 0');
    expect(() => resolveNorm('log', { min: -5, max: -1, minPositive: Number.NaN })).toThrow('no positive values');
    expect(() => resolveNorm({ type: 'power', gamma: 0 }, l)).toThrow('gamma must be > 0');
    expect(() => resolveNorm({ type: 'boundary', boundaries: [0, 2, 1], ncolors: 4 }, l)).toThrow('strictly increasing');
    expect(() => resolveNorm({ type: 'boundary', boundaries: [0, 1, 2, 3], ncolors: 2 }, l)).toThrow(
      'there are 3 color bins including extensions, but ncolors = 2; ncolors must equal or exceed the number of bins',
    );
    expect(() => resolveNorm({ type: 'twoslope', vcenter: 0 }, l, 1, 5)).toThrow('vmin, vcenter, and vmax must be in ascending order');
    expect(() => resolveNorm('linear', l, 5, 1)).toThrow('vmin (5, given) is greater than vmax (1, given)');
    expect(() => resolveNorm('linear', l, 20)).toThrow("vmin (20, given) is greater than vmax (10, the data's maximum)");
    expect(() => resolveNorm({ type: 'symlog', linthresh: -1 }, l)).toThrow("'linthresh' must be positive");
    expect(() => checkNormSpec({ type: 'nope' } as unknown as NormSpec)).toThrow('unknown norm type "nope"');
    expect(() => checkNormSpec(42 as unknown as NormSpec)).toThrow('norm must be one of');
    expect(() => colorIndex(resolveNorm('linear', l), 1, 0)).toThrow('lutN must be a positive integer');
  });
});

describe('details', () => {
  test('normDataLimits skips NaN, ±Infinity and masked cells', () => {
    expect(normDataLimits([Number.NaN, 3, -2, Infinity, 0.5, 0], Uint8Array.from([0, 0, 0, 0, 1, 0]))).toEqual({ min: -2, max: 3, minPositive: 3 });
    const none = normDataLimits([Number.NaN, -Infinity]);
    expect(Number.isNaN(none.min) && Number.isNaN(none.max) && Number.isNaN(none.minPositive)).toBe(true);
  });

  test('no finite data: a default range, every cell bad', () => {
    const none = normDataLimits([Number.NaN]);
    expect(resolveNorm('log', none)).toMatchObject({ vmin: 1, vmax: 10 });
    expect(resolveNorm('linear', none)).toMatchObject({ vmin: 0, vmax: 1 });
    expect(resolveNorm({ type: 'centered', vcenter: 2 }, none)).toMatchObject({ vmin: 1, vmax: 3 });
    expect(resolveNorm({ type: 'twoslope', vcenter: 2 }, none)).toMatchObject({ vmin: 1, vmax: 3 });
    expect(colorIndex(resolveNorm('linear', none), Number.NaN, 256)).toBe('bad');
  });

  test('BoundaryNorm: the top boundary is already over; ncolors < N keeps indices in the LUT', () => {
    const l = { min: 0, max: 1, minPositive: 1 };
    const n = resolveNorm({ type: 'boundary', boundaries: [0, 1, 2], ncolors: 2 }, l);
    expect([0, 0.5, 1, 1.999, 2].map((v) => colorIndex(n, v, 2))).toEqual([0, 0, 1, 1, 'over']);
    // With a 256-colour LUT, 'over' is index 2 (= ncolors), a real colour.
    expect(colorIndex(n, 2, 256)).toBe(2);
    expect(colorIndex(n, -1, 256)).toBe('under');
  });

  test('LogFormatterSciNotation as plain text', () => {
    expect(logTickLabel(100, 10, null)).toBe('10²');
    expect(logTickLabel(0.001, 10, null)).toBe('10⁻³');
    expect(logTickLabel(-1000, 10, null)).toBe('\u221210³');
    expect(logTickLabel(2e-5, 10, null)).toBe('2×10⁻⁵');
    expect(logTickLabel(2.5, 10, null)).toBe('2.5×10⁰');
    expect(logTickLabel(5, 10, new Set([1, 2, 3, 4, 6, 10]))).toBe('');
    expect(logTickLabel(0, 10, null)).toBe('0');
    expect(logTickLabel(8, 2, null)).toBe('2³');
  });

  test('colorbar extend option and continuous colour bands', () => {
    const l = { min: 1, max: 100, minPositive: 1 };
    const log = resolveNorm('log', l);
    const plain = normColorbarAxis(log, 288, 10, 'vertical');
    const ext = normColorbarAxis(log, 288 / 1.1, 10, 'vertical', { extend: 'both' });
    expect(plain.extendLengths).toEqual([0, 0]);
    expect(ext.extendLengths).toEqual([0.05, 0.05]);
    expect(ext.labels).toEqual(['10⁰', '10¹', '10²']);
    const bands = colorbarBands(log, 4, { extend: 'max' });
    expect(bands.bands).toEqual([0, 1, 2, 3].map((i) => ({ start: i / 4, end: (i + 1) / 4, color: i })));
    expect(bands.lower).toBeUndefined();
    expect(bands.upper).toBe('over');
    expect(() => normColorbarAxis(log, 288, 10, 'vertical', { extend: 'up' as 'both' })).toThrow(HeatglError);
  });

  test('shaderParams for a BoundaryNorm: float32 boundaries and the index table', () => {
    const n = resolveNorm({ type: 'boundary', boundaries: [0, 1, 2, 4], ncolors: 7, extend: 'min' }, { min: 0, max: 1, minPositive: 1 });
    const p = shaderParams(n);
    expect(p.type).toBe(4);
    expect(Array.from(p.boundaries!)).toEqual([0, 1, 2, 4]);
    // k = 0 (below 0): under; bins (regions 1..3 of 0..3 stretched to 0..6): 2, 4, 6; k = 4 (>= 4): ncolors = over.
    expect(Array.from(p.indices!)).toEqual([-1, 2, 4, 6, 7]);
  });
});

import { describe, expect, test } from 'vitest';
import { colorOf, dataLimits, resolveScale } from '../../src/core/scale';
import { toMask } from '../../src/core/matrix';
import { flatten, seabornCases } from '../fixtures/load';

// seaborn 0.12 computes vmin/vmax with ±inf still in the data (so every finite cell gets cmap(0)); heatgl ignores
// ±inf for the limits like NaN. That one case is checked separately below.
const cases = seabornCases().filter((c) => c.name !== 'infs');

describe('colour scaling matches seaborn.heatmap (fixtures from seaborn)', () => {
  for (const c of cases) {
    test(c.name, () => {
      const values = flatten(c.data);
      const rows = c.data.length;
      const cols = c.data[0]?.length ?? 0;
      const mask = toMask(c.mask, rows, cols);
      const scale = resolveScale(dataLimits(values, mask, c.kwargs.robust === true), { ...c.kwargs, cbar: false });
      expect(scale.vmin).toBe(c.vmin);
      expect(scale.vmax).toBe(c.vmax);
      // The final LUT (after seaborn's center resampling) within rounding of matplotlib's floats.
      expect(scale.lut.n).toBe(c.cmapN);
      c.lut.forEach((rgba, i) => {
        for (let ch = 0; ch < 4; ch++) {
          expect(Math.abs((scale.lut.rgba[i * 4 + ch] as number) - (rgba[ch] as number) * 255), `lut[${i}][${ch}]`).toBeLessThanOrEqual(0.5 + 1e-9);
        }
      });
      const out = [0, 0, 0, 0];
      for (let r = 0; r < rows; r++) {
        for (let col = 0; col < cols; col++) {
          const want = c.colors[r]?.[col];
          const i = r * cols + col;
          colorOf(values[i] as number, mask?.[i] === 1, scale, out);
          if (want === null || want === undefined) {
            expect(out[3], `cell ${r},${col} should not be drawn`).toBe(0);
          } else {
            for (let ch = 0; ch < 4; ch++) expect(Math.abs((out[ch] as number) - (want[ch] as number) * 255), `cell ${r},${col} ch ${ch}`).toBeLessThanOrEqual(0.5 + 1e-9);
          }
        }
      }
    });
  }
});

describe('colour scaling details', () => {
  test('infinite cells are not drawn; the limits come from the finite cells', () => {
    const c = seabornCases().find((x) => x.name === 'infs');
    expect(c).toBeDefined();
    if (!c) return;
    const values = flatten(c.data);
    const scale = resolveScale(dataLimits(values, undefined, false), { ...c.kwargs, cbar: false });
    const finite = Array.from(values).filter(Number.isFinite);
    expect(scale.vmin).toBe(Math.min(...finite));
    expect(scale.vmax).toBe(Math.max(...finite));
    values.forEach((v, i) => {
      const drawn = c.colors[Math.floor(i / (c.data[0]?.length ?? 1))]?.[i % (c.data[0]?.length ?? 1)];
      if (!Number.isFinite(v)) {
        expect(drawn).toBeNull();
        expect(colorOf(v, false, scale)[3]).toBe(0);
      }
    });
  });
  test('all-equal data without a colour bar does not divide by zero: every cell gets the first colour', () => {
    const scale = resolveScale(dataLimits([2, 2, 2], undefined, false), { cbar: false });
    expect(colorOf(2, false, scale)).toEqual(Array.from(scale.lut.rgba.subarray(0, 4)));
  });
  test('no finite cell: a default domain, every cell bad', () => {
    const scale = resolveScale(dataLimits([Number.NaN, Number.NaN], undefined, false), {});
    expect([scale.vmin, scale.vmax]).toEqual([0, 1]);
    expect(colorOf(Number.NaN, false, scale)).toEqual([0, 0, 0, 0]);
  });
  test('default colormaps: rocket, or icefire with center', () => {
    const limits = dataLimits([0, 1], undefined, false);
    expect(resolveScale(limits, {}).lut.name).toBe('rocket');
    expect(resolveScale(limits, { center: 0.5 }).lut.name).toMatch(/^icefire/);
  });
  test('badColor is parsed', () => {
    const scale = resolveScale(dataLimits([0, 1], undefined, false), { badColor: 'red' });
    expect(colorOf(Number.NaN, false, scale)).toEqual([255, 0, 0, 255]);
    expect(colorOf(0.5, true, scale)).toEqual([255, 0, 0, 255]);
  });
  test.each([
    [{ vmin: Number.NaN }, /vmin must be a finite number, got number NaN/],
    [{ vmax: Infinity }, /vmax must be a finite number, got number Infinity/],
    [{ vmin: 3, vmax: 1 }, /vmin \(3\) is greater than vmax \(1\)/],
    [{ vmin: 50 }, /vmin \(50, given\) is greater than vmax \(1, the data's maximum\)/],
    [{ cmap: 'nope' }, /unknown colormap "nope"/],
    [{ center: 'x' as unknown as number }, /center must be a finite number/],
    [{ badColor: 'blurple' }, /badColor "blurple" is not a colour/],
  ])('bad option %o', (opts, message) => {
    expect(() => resolveScale(dataLimits([0, 1], undefined, false), opts)).toThrow(message);
  });
});

// seaborn / pandas edge cases of issue 18 against test/fixtures/edge/edge.json (real seaborn 0.12, pandas 1.5).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { colorOfFloat, dataLimits, resolveScale } from '../../src/core/scale';
import { selectTicks } from '../../src/core/ticks';
import { corr } from '../../src/data/corr';

interface Edge {
  constant: { value: number; cbar: boolean; kwargs: { cmap?: string }; vmin: number; vmax: number; rgba: number[]; same: boolean }[];
  ticklabels: { name: string; rows: number; cols: number; xticklabels: string[]; yticklabels: string[]; x: [number, string][]; y: [number, string][] }[];
  corrRecords: { records: Record<string, unknown>[]; methods: Record<'pearson' | 'spearman' | 'kendall', { columns: string[]; values: (number | null)[][] }> };
}
const edge = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/edge/edge.json'), 'utf8')) as Edge;

describe('a constant matrix is coloured as seaborn draws it (the colour bar widens a singular range)', () => {
  for (const c of edge.constant) {
    test(`value ${c.value}, cbar ${c.cbar}, ${c.kwargs.cmap ?? 'rocket'}`, () => {
      const values = new Array(12).fill(c.value);
      const scale = resolveScale(dataLimits(values, undefined, false), { ...c.kwargs, cbar: c.cbar });
      expect(scale.vmin).toBeCloseTo(c.vmin, 25);
      expect(scale.vmax).toBeCloseTo(c.vmax, 25);
      expect(scale.vmin).toBe(c.vmin);
      expect(scale.vmax).toBe(c.vmax);
      const got = colorOfFloat(c.value, false, scale);
      // The LUT keeps 16 bits a channel: within 1e-5 of matplotlib's float colour.
      for (let k = 0; k < 4; k++) expect(Math.abs((got[k] as number) - (c.rgba[k] as number))).toBeLessThan(1e-5);
      expect(c.same).toBe(true);
    });
  }
});

describe('tick-label lists of another length, as seaborn labels them', () => {
  for (const t of edge.ticklabels) {
    test(t.name, () => {
      for (const [axis, n, list, want] of [['x', t.cols, t.xticklabels, t.x], ['y', t.rows, t.yticklabels, t.y]] as const) {
        if (list.length > n) {
          // seaborn widens its axes with empty cells to reach the extra ticks; heatgl refuses (README).
          expect(want.some(([pos]) => pos > n), `${axis}: seaborn put ticks past the data`).toBe(true);
          expect(() => selectTicks(n, list, 0, 10)).toThrow(/tick labels given for an axis of/);
          continue;
        }
        const sel = selectTicks(n, list, 0, 10);
        expect(sel.indices.map((i) => i + 0.5)).toEqual(want.map(([pos]) => pos));
        expect(sel.labels).toEqual(want.map(([, label]) => label));
      }
    });
  }
});

describe('corr of an array of records equals pandas.DataFrame(records).corr()', () => {
  for (const method of ['pearson', 'spearman', 'kendall'] as const) {
    test(method, () => {
      const want = edge.corrRecords.methods[method];
      const got = corr(edge.corrRecords.records, { method });
      expect(got.colLabels).toEqual(want.columns);
      expect(got.rowLabels).toEqual(want.columns);
      const flat = want.values.flat();
      flat.forEach((v, i) => {
        if (v === null) expect(got.values[i]).toBeNaN();
        else expect(got.values[i] as number).toBeCloseTo(v, 12);
      });
    });
  }
  test('records without a numeric field are an error', () => {
    expect(() => corr([{ a: 'x' }, { a: 'y' }])).toThrow(/no numeric field/);
    expect(() => corr([{ a: 1 }, 5 as never])).toThrow(/record 1/);
  });
});

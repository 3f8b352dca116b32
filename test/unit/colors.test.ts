import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveColorBars } from '../../src/core/color-bars';
import { type ColorInput, cssColor, parseColor } from '../../src/core/colors';
import { treeStyleOf } from '../../src/overlay/cluster-overlay';

interface ColorsFixture {
  to_rgba: ({ input: string | number[]; rgba: number[] } | { input: string | number[]; error: string })[];
  annot: { color: string; text_rgba: number[]; n: number }[];
  strips: { name: string; rowBars?: number; rowNames?: string[]; colBars?: number; colNames?: string[] }[];
}
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/colors/colors.json'), 'utf8')) as ColorsFixture;

describe("parseColor equals matplotlib.colors.to_rgba (fixtures from matplotlib 3.6)", () => {
  const accepted = fixture.to_rgba.filter((c) => 'rgba' in c);
  const refused = fixture.to_rgba.filter((c) => 'error' in c);
  test(`${accepted.length} colours matplotlib accepts`, () => {
    expect(accepted.length).toBeGreaterThan(90);
    for (const c of accepted) {
      const got = parseColor(c.input as ColorInput, 'x');
      const want = (c as { rgba: number[] }).rgba;
      for (let k = 0; k < 4; k++) expect(got[k], `${JSON.stringify(c.input)} channel ${k}`).toBeCloseTo(want[k] as number, 12);
    }
  });
  test(`${refused.length} inputs matplotlib refuses are errors naming the option`, () => {
    expect(refused.length).toBeGreaterThan(10);
    for (const c of refused) expect(() => parseColor(c.input as ColorInput, 'annotKws.color'), JSON.stringify(c.input)).toThrow(/annotKws\.color/);
  });
});

test("annotKws.color as seaborn takes it (annot_kws={'color': …}): the text colour seaborn draws", () => {
  for (const a of fixture.annot) {
    const [r, g, b, al] = a.text_rgba.map((v) => Math.round(v * 255));
    expect(cssColor(a.color, 'annotKws.color')).toBe(`rgba(${r}, ${g}, ${b}, ${+((al as number) / 255).toFixed(4)})`);
  }
});

describe('colour strips as seaborn.clustermap reads them (fixtures from seaborn 0.12)', () => {
  const inputs: Record<string, { row?: unknown; col?: unknown }> = {
    row_frame: { row: { group: ['r', 'g', 'b', 'r', 'g', 'b'], batch: ['C0', 'C1', 'C0', 'C1', 'C0', 'C1'] } },
    row_series: { row: { tissue: ['r', 'g', 'b', 'r', 'g', 'b'] } },
    col_tuples: { col: [[1.0, 0.5, 0.2], [0.0, 0.0, 1.0], [0.2, 0.8, 0.2], [0.5, 0.5, 0.5]] },
    col_lists: { col: [['r', 'g', 'b', 'k'], ['C0', 'C1', 'C2', 'C3']] },
    col_frame: { col: { kind: ['r', 'g', 'b', 'k'] } },
  };
  for (const s of fixture.strips) {
    test(s.name, () => {
      const input = inputs[s.name];
      if (s.rowBars !== undefined) {
        const bars = resolveColorBars(input?.row as never, 6, 'rowColors');
        expect(bars.bars.length).toBe(s.rowBars);
        expect(bars.names.filter((n) => n !== '')).toEqual(s.rowNames);
      }
      if (s.colBars !== undefined) {
        const bars = resolveColorBars(input?.col as never, 4, 'colColors');
        expect(bars.bars.length).toBe(s.colBars);
        expect(bars.names.filter((n) => n !== '')).toEqual(s.colNames);
      }
    });
  }
  test('a list of RGB tuples is one strip, each tuple one colour', () => {
    const bars = resolveColorBars([[1, 0.5, 0.2], [0, 0, 1], [0.2, 0.8, 0.2]], 3, 'rowColors');
    expect(bars.bars).toEqual([['rgba(255, 128, 51, 1)', 'rgba(0, 0, 255, 1)', 'rgba(51, 204, 51, 1)']]);
  });
});

test('treeKws colours and widths: matplotlib colours, seaborn spellings, errors naming the key', () => {
  expect(treeStyleOf(undefined)).toMatchObject({ color: 'rgba(51, 51, 51, 1)', lineWidth: 1 });
  expect(treeStyleOf({ color: [1, 0, 0], linewidth: 2 })).toMatchObject({ color: 'rgba(255, 0, 0, 1)', lineWidth: 2 });
  expect(treeStyleOf({ colors: '0.3', linewidths: 3 })).toMatchObject({ color: 'rgba(77, 77, 77, 1)', lineWidth: 3 });
  expect(() => treeStyleOf({ color: 'nope' })).toThrow(/treeKws\.color/);
  expect(() => treeStyleOf({ colors: [2, 0, 0] })).toThrow(/treeKws\.colors/);
  expect(() => treeStyleOf({ linewidth: -1 })).toThrow(/treeKws\.linewidth/);
});

import { describe, expect, test } from 'vitest';
import { dendrogramCoords, leafOrder, linkage } from '../../src/core/cluster';
import { resolveColorBars } from '../../src/core/color-bars';
import { treeLayout } from '../../src/core/dendrogram-layout';

describe('treeLayout', () => {
  test("draws the same links as scipy's dendrogram coordinates", () => {
    const values = Array.from({ length: 12 * 3 }, (_, i) => Math.sin(i * 1.7) + (i % 5));
    const Z = linkage({ values, rows: 12, cols: 3 }, { method: 'average' });
    const order = leafOrder(Z);
    const mine = treeLayout(Z, order);
    const scipy = dendrogramCoords(Z);
    const key = (ic: readonly number[], dc: readonly number[]) => `${ic.map((v) => v.toFixed(6))}|${dc.map((v) => v.toFixed(9))}`;
    const a = mine.icoord.map((ic, k) => key(ic, mine.dcoord[k] as number[])).sort();
    const b = scipy.icoord.map((ic, k) => key(ic, scipy.dcoord[k] as number[])).sort();
    expect(a).toEqual(b);
  });
  test('each link spans a contiguous run of leaves; the root spans all; subtrees nest', () => {
    const values = Array.from({ length: 9 * 2 }, (_, i) => (i * 37) % 11);
    const Z = linkage({ values, rows: 9, cols: 2 }, { method: 'ward' });
    const t = treeLayout(Z, leafOrder(Z));
    expect(t.range[7]).toEqual([0, 8]);
    expect(t.subtree(7).length).toBe(8);
    for (const k of t.subtree(5)) {
      const [lo, hi] = t.range[k] as [number, number];
      expect(lo).toBeGreaterThanOrEqual((t.range[5] as [number, number])[0]);
      expect(hi).toBeLessThanOrEqual((t.range[5] as [number, number])[1]);
    }
  });
});

describe('colour bars', () => {
  test('colours are parsed; categories get tab10 in order of appearance with a legend', () => {
    const a = resolveColorBars(['red', '#00f', 'rgb(0, 128, 0)'], 3, 'rowColors');
    expect(a.bars).toEqual([['rgba(255, 0, 0, 1)', 'rgba(0, 0, 255, 1)', 'rgba(0, 128, 0, 1)']]);
    expect(a.legend).toEqual([[]]);
    const b = resolveColorBars({ tissue: ['liver', 'brain', 'liver'] }, 3, 'rowColors');
    expect(b.names).toEqual(['tissue']);
    expect(b.bars[0]?.[0]).toBe(b.bars[0]?.[2]);
    expect(b.legend[0]?.map((l) => l.label)).toEqual(['liver', 'brain']);
    expect(b.legend[0]?.[0]?.color).toBe('rgb(31, 119, 180)');
  });
  test('wrong length is an error', () => {
    expect(() => resolveColorBars(['red'], 3, 'colColors')).toThrow(/colColors has 1 entries but there are 3 columns/);
  });
});

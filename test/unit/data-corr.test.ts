import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type CorrMethod, corr } from '../../src/data/corr';
import { kendallTau } from '../../src/data/kendall';
import { averageRanks } from '../../src/data/rank';
import { expectTable, type FixtureNumber, type FixtureTable, num, readFixture, readText, simpleRecords, vegaDir } from '../fixtures/data/load';

interface CorrCase extends FixtureTable {
  name: string;
  source: 'cars' | 'seattle' | 'edge' | 'random';
  method: CorrMethod;
  minPeriods: number;
  columns: string[];
  data?: Record<string, FixtureNumber[]>;
}

const recordSources: Record<string, () => Record<string, unknown>[]> = {
  cars: () => JSON.parse(readText(resolve(vegaDir, 'cars.json'))) as Record<string, unknown>[],
  seattle: () => simpleRecords(readText(resolve(vegaDir, 'seattle-weather.csv'))),
};

function columnsFor(c: CorrCase): Record<string, unknown[]> {
  if (c.data) return Object.fromEntries(c.columns.map((n) => [n, c.data![n].map(num)]));
  const records = recordSources[c.source]();
  return Object.fromEntries(c.columns.map((n) => [n, records.map((r) => r[n])]));
}

describe('corr matches pandas.DataFrame.corr (pandas 1.5, scipy 1.10 kendalltau)', () => {
  for (const c of readFixture<CorrCase[]>('corr.json')) {
    test(c.name, () => {
      const columns = columnsFor(c);
      const m = corr(columns, { method: c.method, minPeriods: c.minPeriods });
      expectTable(m, c);
      // The same data as a row-major matrix with column labels.
      const rows = columns[c.columns[0]].length;
      const values = new Float64Array(rows * c.columns.length);
      c.columns.forEach((n, j) => {
        columns[n].forEach((v, r) => {
          values[r * c.columns.length + j] = v === null ? Number.NaN : (v as number);
        });
      });
      expectTable(corr({ values, rows, cols: c.columns.length, colLabels: c.columns }, { method: c.method, minPeriods: c.minPeriods }), c);
    });
  }
});

describe('corr pieces', () => {
  test('average ranks', () => {
    expect(Array.from(averageRanks([3, 1, 4, 1, 5, Number.NaN, -Infinity]))).toEqual([4, 2.5, 5, 2.5, 6, Number.NaN, 1]);
  });
  test('kendall tau-b', () => {
    // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) → -0.47140452079103173
    expect(kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 15);
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTau([1], [2])).toBeNaN();
  });
  test('the input is not changed and labels are copies', () => {
    const a = Float64Array.from([1, 2, Number.NaN, 4]);
    const names = ['a', 'b'];
    const m = corr({ values: Float64Array.from([1, 2, 3, 1, 2, 3, 4, 9]), rows: 4, cols: 2, colLabels: names }, { method: 'spearman' });
    m.rowLabels.push('x');
    expect(names).toEqual(['a', 'b']);
    corr({ a, b: [4, 3, 2, 1] }, { method: 'kendall' });
    expect(Array.from(a)).toEqual([1, 2, Number.NaN, 4]);
  });
});

describe('corr errors', () => {
  test.each([
    [{ a: [1, 2], b: [1] }, {}, /column "b" has 1 values but "a" has 2/],
    [{ a: [1, 'x'] }, {}, /corr: column "a" row 1 is "x"; expected a number/],
    [{}, {}, /no columns/],
    [{ a: [1] }, { method: 'pearsons' }, /method "pearsons" is not supported/],
    [{ a: [1] }, { minPeriods: -1 }, /minPeriods must be a non-negative integer/],
    [{ values: [1, 2, 3], rows: 2, cols: 2 }, {}, /values.length 3 but rows\*cols = 2\*2/],
    [null, {}, /data must be a matrix, an object of columns/],
  ])('%j %j', (data, opts, message) => {
    expect(() => corr(data as never, opts as never)).toThrow(message);
  });
});

import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareCodePoints } from '../../src/data/group-keys';
import { pivot } from '../../src/data/pivot';
import type { AggFunc, FieldSpec, PivotOptions } from '../../src/data/types';
import { expectTable, type FixtureTable, readFixture, readText, simpleRecords, vegaDir } from '../fixtures/data/load';

interface PivotCase extends FixtureTable {
  name: string;
  source: 'seattle' | 'github' | 'flights2k' | 'records' | 'dated';
  index: string;
  columns: string;
  valueField: string;
  aggfunc: string;
  fillValue?: number;
  dropna?: boolean;
  sort?: boolean;
  records?: Record<string, unknown>[];
}

type Rec = Record<string, unknown>;
const str = (r: Rec, k: string) => r[k] as string;

const sources: Record<string, () => Rec[]> = {
  seattle: () => simpleRecords(readText(resolve(vegaDir, 'seattle-weather.csv'))),
  github: () => simpleRecords(readText(resolve(vegaDir, 'github.csv'))),
  flights2k: () => JSON.parse(readText(resolve(vegaDir, 'flights-2k.json'))) as Rec[],
};

/** The derived keys generate.py adds as columns, here as functions of the record. */
const derived: Record<string, Record<string, FieldSpec>> = {
  seattle: { month: (r) => Number(str(r, 'date').slice(5, 7)) },
  github: {
    // "2015/01/01 01:00:00" → pandas dayofweek (Monday = 0) and hour.
    weekday: (r) => {
      const [y, m, d] = str(r, 'time').slice(0, 10).split('/').map(Number);
      return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
    },
    hour: (r) => Number(str(r, 'time').slice(11, 13)),
  },
  flights2k: {
    hour: (r) => Number(str(r, 'date').slice(11, 13)),
    distbin: (r) => Math.floor((r.distance as number) / 500) * 500,
  },
};

const aggfuncs: Record<string, AggFunc> = {
  // pandas' `lambda s: s.max() - s.min()` (Series max/min skip NaN) and `len` (counts NaN too).
  range: (vals) => {
    const v = vals.filter((x) => !Number.isNaN(x));
    return v.length ? Math.max(...v) - Math.min(...v) : Number.NaN;
  },
  len: (vals) => vals.length,
};

function recordsFor(c: PivotCase): Rec[] {
  if (c.source === 'dated') return c.records!.map((r) => ({ ...r, d: new Date(`${r.d as string}T00:00:00Z`) }));
  return c.records ?? sources[c.source]();
}

function optionsFor(c: PivotCase): PivotOptions {
  const key = (name: string) => derived[c.source]?.[name] ?? name;
  const opts: PivotOptions = {
    index: key(c.index),
    columns: key(c.columns),
    values: c.valueField,
    aggfunc: aggfuncs[c.aggfunc] ?? (c.aggfunc as AggFunc),
  };
  if (c.fillValue !== undefined) opts.fillValue = c.fillValue;
  if (c.dropna !== undefined) opts.dropna = c.dropna;
  if (c.sort !== undefined) {
    opts.sortRows = c.sort;
    opts.sortCols = c.sort;
  }
  return opts;
}

function toColumns(records: Rec[]): Record<string, unknown[]> {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(names.map((n) => [n, records.map((r) => r[n])]));
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('pivot matches pandas.pivot_table (fixtures from pandas 1.5 on vega-datasets)', () => {
  for (const c of readFixture<PivotCase[]>('pivot.json')) {
    test(c.name, () => {
      const records = deepFreeze(recordsFor(c));
      const opts = optionsFor(c);
      expectTable(pivot(records, opts), c);
      expectTable(pivot(toColumns(records), opts), c);
    });
  }
});

describe('pivot details', () => {
  test('keys sort by code point like Python, not by UTF-16 unit', () => {
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    const m = pivot(
      [
        { k: '\u{1F600}', c: 'x', v: 1 },
        { k: '\uFFFD', c: 'x', v: 2 },
        { k: 'a', c: 'x', v: 3 },
      ],
      { index: 'k', columns: 'c', values: 'v' },
    );
    expect(m.rowLabels).toEqual(['a', '\uFFFD', '\u{1F600}']);
  });
  test('key functions get the record and its position', () => {
    const m = pivot([{ v: 1 }, { v: 2 }, { v: 4 }], { index: (_r, i) => i % 2, columns: () => 'all', values: 'v', aggfunc: 'sum' });
    expect(m.rowLabels).toEqual(['0', '1']);
    expect(Array.from(m.values)).toEqual([5, 2]);
  });
  test('values may be a function, booleans and bigints count as numbers, Dates as ISO labels', () => {
    const m = pivot(
      [
        { d: new Date('2020-01-01T00:00:00Z'), c: true, v: 2n },
        { d: new Date('2020-01-01T06:30:00Z'), c: false, v: 3 },
      ],
      { index: 'd', columns: 'c', values: (r) => r.v, aggfunc: 'max' },
    );
    expect(m.rowLabels).toEqual(['2020-01-01', '2020-01-01T06:30:00.000Z']);
    expect(m.colLabels).toEqual(['False', 'True']);
    expect(Array.from(m.values)).toEqual([Number.NaN, 2, 3, Number.NaN]);
  });
  test('Kahan summation like pandas', () => {
    const m = pivot({ k: ['a', 'a', 'a'], c: [1, 1, 1], v: [1e16, 1, 1] }, { index: 'k', columns: 'c', values: 'v', aggfunc: 'sum' });
    expect(m.values[0]).toBe(1e16 + 2);
  });
  test('coerce parses numeric strings', () => {
    const m = pivot({ k: ['a', 'a', 'b'], c: [1, 1, 1], v: ['1.5', 'oops', 'NA'] }, { index: 'k', columns: 'c', values: 'v', coerce: true });
    // 'oops' → NaN is skipped by the mean; b's only value is NaN, so dropna drops row b.
    expect(Array.from(m.values)).toEqual([1.5]);
    expect(m.rowLabels).toEqual(['a']);
  });
});

describe('pivot errors name what was wrong', () => {
  const base = { index: 'k', columns: 'c', values: 'v' } as const;
  const cases: [string, unknown, unknown, RegExp][] = [
    ['unknown field', [{ k: 1, c: 1, v: 1 }], { ...base, values: 'value' }, /values field "value" is in no record; record 0 has "k", "c", "v"/],
    ['unknown column', { k: [1], c: [1], v: [1] }, { ...base, index: 'x' }, /index column "x" does not exist; columns are "k", "c", "v"/],
    ['string value', [{ k: 1, c: 1, v: 1 }, { k: 1, c: 1, v: 'abc' }], base, /the value \("v"\) of record 1 is "abc"; expected a number \(pass coerce: true/],
    ['inexact bigint', [{ k: 1, c: 1, v: 2n ** 60n + 1n }], base, /record 0 is 1152921504606846977n, which a float64 cannot hold exactly/],
    ['object key', [{ k: { a: 1 }, c: 1, v: 1 }], base, /the index key of record 0 is an object; expected a string, number, boolean or Date/],
    ['bad aggfunc', [{ k: 1, c: 1, v: 1 }], { ...base, aggfunc: 'avg' }, /aggfunc "avg" is not supported/],
    ['aggfunc result', [{ k: 1, c: 1, v: 1 }], { ...base, aggfunc: () => 'x' }, /aggfunc returned "x" for a group of 1 values; expected a number/],
    ['no records', [], base, /no records/],
    ['every key missing', [{ k: null, c: 1, v: 1 }], base, /every record has a missing index or columns key/],
    ['all NaN', [{ k: 1, c: 1, v: null }], base, /every group's mean is NaN/],
    ['unequal columns', { k: [1, 2], c: [1], v: [1, 2] }, base, /column "c" has 1 values but "k" has 2/],
    ['record not an object', [null], base, /record 0 is null; expected an object/],
    ['no options', [{ k: 1 }], undefined, /options \{ index, columns, values \} are required/],
    ['bad fillValue', [{ k: 1, c: 1, v: 1 }], { ...base, fillValue: '0' }, /fillValue must be a number/],
  ];
  for (const [name, data, opts, message] of cases) {
    test(name, () => {
      expect(() => pivot(data as never, opts as never)).toThrow(message);
    });
  }
});

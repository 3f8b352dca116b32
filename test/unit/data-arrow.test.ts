import { resolve } from 'node:path';
import { Dictionary, Float64, Int8, Int32, makeData, makeVector, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { fromArrow } from '../../src/data/arrow';
import { expectTable, type FixtureTable, fixtureDir, readBytes, readFixture, readText, simpleRecords, vegaDir } from '../fixtures/data/load';

const expected = readFixture<Record<string, FixtureTable>>('arrow.json');
const seattleFile = readBytes(resolve(fixtureDir, 'seattle.arrow'));
const seattleStream = readBytes(resolve(fixtureDir, 'seattle.arrows'));
const types = readBytes(resolve(fixtureDir, 'types.arrow'));
const month = (r: Record<string, unknown>) => (r.date as Date).getUTCMonth() + 1;

describe('fromArrow wide tables', () => {
  const csv = simpleRecords(readText(resolve(vegaDir, 'seattle-weather.csv')));
  const numeric = ['precipitation', 'temp_max', 'temp_min', 'wind'];

  test('seattle-weather (file format): numeric columns, Date32 index as ISO dates', () => {
    const m = fromArrow(seattleFile, { indexCol: 'date' });
    expect(m.colLabels).toEqual(numeric);
    expect(m.rowLabels).toEqual(csv.map((r) => r.date));
    expect(m.values).toBeInstanceOf(Float64Array);
    expect(Array.from(m.values)).toEqual(csv.flatMap((r) => numeric.map((n) => r[n])));
  });

  test('stream format, Timestamp index, chosen columns', () => {
    const m = fromArrow(seattleStream.buffer.slice(seattleStream.byteOffset, seattleStream.byteOffset + seattleStream.byteLength) as ArrayBuffer, { indexCol: 'ts', columns: ['wind', 'temp_max'] });
    expect(m.rows).toBe(60);
    expect(m.rowLabels.slice(0, 2)).toEqual(['2012-01-01', '2012-01-02']);
    expect(Array.from(m.values.subarray(0, 4))).toEqual([csv[0].wind, csv[0].temp_max, csv[1].wind, csv[1].temp_max]);
  });

  test('vega-datasets flights-200k.arrow (a third-party file): Int16 and Float32 columns → Float32Array', () => {
    const bytes = readBytes(resolve(vegaDir, 'flights-200k.arrow'));
    const m = fromArrow(bytes);
    const json = JSON.parse(readText(resolve(vegaDir, 'flights-200k.json'))) as { delay: number; distance: number; time: number }[];
    expect([m.rows, m.cols]).toEqual([json.length, 3]);
    expect(m.colLabels).toEqual(['delay', 'distance', 'time']);
    expect(m.values).toBeInstanceOf(Float32Array);
    let bad = 0;
    json.forEach((r, i) => {
      if (m.values[3 * i] !== r.delay || m.values[3 * i + 1] !== r.distance || m.values[3 * i + 2] !== Math.fround(r.time)) bad++;
    });
    expect(bad).toBe(0);
  });

  test('every numeric type, nulls → NaN, exact int64 and uint64', () => {
    const m = fromArrow(types, { indexCol: 'label' });
    expect(m.colLabels).toEqual(['i8', 'i16', 'i32', 'i64', 'u8', 'u16', 'u32', 'u64', 'f16', 'f32', 'f64', 'flag']);
    expect(m.rowLabels).toEqual(['a', 'b', 'c']);
    expect(m.values).toBeInstanceOf(Float64Array);
    const row = (r: number) => Array.from(m.values.subarray(r * 12, r * 12 + 12));
    expect(row(0)).toEqual([-128, -32768, -(2 ** 31), -(2 ** 63), 0, 0, 0, 0, 1, Math.fround(0.1), 0.1, 1]);
    expect(row(1)).toEqual([127, 32767, 2 ** 31 - 1, 2 ** 53, 255, 65535, 2 ** 32 - 1, 2 ** 63, -2.5, Number.NaN, Number.NaN, 0]);
    expect(row(2)).toEqual([Number.NaN, 1, Number.NaN, 2 ** 62, 3, 3, 3, 2 ** 64 - 2048, Infinity, -2.5, Number.NaN, Number.NaN]);
  });

  test('small types give a Float32Array', () => {
    const m = fromArrow(types, { columns: ['i8', 'u16', 'f16', 'f32', 'flag'] });
    expect(m.values).toBeInstanceOf(Float32Array);
    expect(m.rowLabels).toEqual(['0', '1', '2']);
  });

  test('coerce parses a string column', () => {
    expect(Array.from(fromArrow(types, { columns: ['text'], coerce: true }).values)).toEqual([1.5, Number.NaN, Number.NaN]);
  });

  test('an arrow Table is read directly and not changed', () => {
    const table = tableFromIPC(seattleFile);
    const m = fromArrow(table.slice(0, 3), { indexCol: 'date' });
    expect(m.rows).toBe(3);
    expect(table.numRows).toBe(1461);
  });
});

describe('fromArrow pivot (long form) matches pandas.pivot_table', () => {
  test('seattle month (from a Date32 column) × dictionary-encoded weather', () => {
    expectTable(fromArrow(seattleFile, { pivot: { index: month, columns: 'weather', values: 'temp_max' } }), expected.seattle_month);
  });
  test('Date32 and Timestamp columns as keys, stream format', () => {
    const first40 = tableFromIPC(seattleStream).slice(0, 40);
    expectTable(fromArrow(first40, { pivot: { index: 'date', columns: 'weather', values: 'temp_max' } }), expected.seattle_dates);
    expectTable(fromArrow(first40, { pivot: { index: 'ts', columns: 'weather', values: 'temp_max' } }), expected.seattle_dates);
    expectTable(
      fromArrow(first40, { pivot: { index: 'weather', columns: 'date', values: 'precipitation', aggfunc: 'sum' } }),
      expected.seattle_weather_by_date,
    );
  });
  test('flights-200k.arrow: mean and max delay by hour × 250-mile distance bin', () => {
    const bytes = readBytes(resolve(vegaDir, 'flights-200k.arrow'));
    const keys = { index: (r: Record<string, unknown>) => Math.floor(r.time as number), columns: (r: Record<string, unknown>) => Math.floor((r.distance as number) / 250) * 250, values: 'delay' };
    expectTable(fromArrow(bytes, { pivot: keys }), expected.flights_mean);
    expectTable(fromArrow(bytes, { pivot: { ...keys, aggfunc: 'max' } }), expected.flights_max);
  });
});

describe('fromArrow errors', () => {
  test.each([
    [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), {}, /could not read the Arrow IPC data/],
    [new Uint8Array(0), {}, /the input is empty/],
    ['x', {}, /input must be an ArrayBuffer or Uint8Array of Arrow IPC bytes, or an arrow Table/],
    [types, { indexCol: 'nope' }, /indexCol "nope" is not in the table; columns are "label", "i8"/],
    [types, { columns: ['text'] }, /column "text" has type Utf8, which is not numeric; pass coerce: true/],
    [types, { columns: ['day'] }, /column "day" has type Date32<DAY>, which is not numeric; use it as indexCol or as a pivot key/],
    [types, { columns: ['label'] }, /column "label" has type Dictionary<Int8, Utf8>, which is not numeric/],
    [types, { pivot: { index: 'label', columns: 'nope', values: 'i8' } }, /pivot column "nope" is not in the table/],
    [readBytes(resolve(fixtureDir, 'int64-inexact.arrows')), {}, /column "big" row 1 is 9007199254740993 \(Int64\), which a float64 cannot hold exactly/],
  ])('%#', (input, opts, message) => {
    expect(() => fromArrow(input as never, opts as never)).toThrow(HeatglError);
    expect(() => fromArrow(input as never, opts as never)).toThrow(message);
  });
  test('a table with no numeric columns', () => {
    const t = tableFromIPC(types).select(['label', 'text']);
    expect(() => fromArrow(t)).toThrow(/no numeric columns \("label": Dictionary<Int8, Utf8>, "text": Utf8\); pass columns or pivot/);
  });
});

describe('truncated Arrow files', () => {
  test('a file cut short is reported as truncated, at any length', () => {
    const bytes = readBytes(resolve(vegaDir, 'flights-200k.arrow'));
    for (const n of [8, 1000, 100_000, bytes.length - 10]) {
      expect(() => fromArrow(bytes.subarray(0, n))).toThrow(/truncated Arrow IPC file: it starts with ARROW1 but does not end with it/);
    }
  });
});

describe('row counts are checked against the bytes (issue 16.12)', () => {
  const ROWS = 5;
  const table = new Table({
    a: vectorFromArray([1.5, 2.5, 3.5, 4.5, 5.5], new Float64()),
    b: vectorFromArray([1, 2, null, 4, 5], new Int32()),
    s: vectorFromArray(['x', 'y', 'z', 'w', 'v'], new Utf8()),
    k: vectorFromArray(['p', 'q', 'p', 'q', 'p'], new Dictionary(new Utf8(), new Int8())),
  });
  /** The IPC bytes with every little-endian int64 equal to ROWS (the batch and field-node lengths) replaced. */
  function claiming(format: 'file' | 'stream', rows: bigint, only?: (i: number, count: number) => boolean): Uint8Array {
    const bytes = tableToIPC(table, format).slice();
    const view = new DataView(bytes.buffer);
    const hits: number[] = [];
    for (let i = 0; i + 8 <= bytes.length; i += 8) if (view.getBigInt64(i, true) === BigInt(ROWS)) hits.push(i);
    hits.forEach((at, i) => {
      if (only === undefined || only(i, hits.length)) view.setBigInt64(at, rows, true);
    });
    return bytes;
  }

  test.each(['file', 'stream'] as const)('the unedited %s reads back', (format) => {
    const m = fromArrow(claiming(format, BigInt(ROWS)));
    expect([m.rows, m.cols]).toEqual([ROWS, 2]);
    expect(Array.from(m.values)).toEqual([1.5, 1, 2.5, 2, 3.5, Number.NaN, 4.5, 4, 5.5, 5]);
  });

  test.each([
    ['file', 1000n],
    ['stream', 1000n],
    ['file', 2n ** 31n],
    ['stream', 2n ** 31n],
    ['stream', 2n ** 40n],
  ] as const)('a %s claiming %d rows is refused with a HeatglError', (format, rows) => {
    const bytes = claiming(format, rows);
    const t0 = performance.now();
    expect(() => fromArrow(bytes)).toThrow(HeatglError);
    expect(() => fromArrow(bytes)).toThrow(/claims \d+ rows but holds .* for \d+; the file is corrupt|claims \d+ rows/);
    expect(() => fromArrow(bytes, { pivot: { index: 'k', columns: 's', values: 'a' } })).toThrow(HeatglError);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('a batch claiming more rows than its columns is refused before the reader pads the columns', () => {
    const plain = new Table({ a: vectorFromArray([1.5, 2.5, 3.5, 4.5, 5.5], new Float64()), c: vectorFromArray([1, 2, 3, 4, 5], new Int32()) });
    for (const format of ['file', 'stream'] as const) {
      const bytes = tableToIPC(plain, format).slice();
      const view = new DataView(bytes.buffer);
      // The batch length is the one int64 equal to ROWS whose change alone makes the reader pad every column
      // (found with a harmless 7; with 2^30 the reader would allocate a 128 MiB validity bitmap per column).
      const at = [...Array(bytes.length >> 3).keys()].map((i) => i * 8).filter((i) => {
        if (view.getBigInt64(i, true) !== BigInt(ROWS)) return false;
        view.setBigInt64(i, 7n, true);
        let padded = false;
        try {
          padded = tableFromIPC(bytes).data[0].children.every((c) => c.length === 7);
        } catch {}
        view.setBigInt64(i, BigInt(ROWS), true);
        return padded;
      });
      expect(at.length).toBe(1);
      view.setBigInt64(at[0], 2n ** 30n, true);
      const before = process.memoryUsage().arrayBuffers;
      expect(() => fromArrow(bytes)).toThrow(/record batch 0 claims 1073741824 rows but its column "a" claims 5; the file is corrupt/);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
    }
  });

  test('an in-memory Table whose data claims more rows than it holds', () => {
    const data = makeData({ type: new Float64(), length: 1000, data: new Float64Array(3) });
    expect(() => fromArrow(new Table({ x: makeVector(data) }))).toThrow(/column "x" of record batch 0 claims 1000 rows but holds values for 3/);
  });
});

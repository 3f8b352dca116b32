import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { fromNpy, type NpyOptions } from '../../src/data/npy';
import { parsePyLiteral } from '../../src/data/npy-header';
import { type FixtureNumber, fixtureDir, num, readBytes, readFixture, readText, vegaDir } from '../fixtures/data/load';

interface NpyCase {
  file: string;
  rows?: number;
  cols?: number;
  arrayType?: 'Float32Array' | 'Float64Array';
  values?: FixtureNumber[] | 'volcano';
  options?: NpyOptions;
  error?: string;
}

const manifest = readFixture<NpyCase[]>('npy/manifest.json');
const npy = (file: string) => readBytes(resolve(fixtureDir, 'npy', file));
const volcano = (JSON.parse(readText(resolve(vegaDir, 'volcano.json'))) as { values: number[] }).values;

/** The same bytes at an odd offset inside a larger buffer (typed-array views must not assume alignment). */
function misaligned(bytes: Uint8Array): Uint8Array {
  const big = new Uint8Array(bytes.length + 3);
  big.set(bytes, 3);
  return big.subarray(3);
}

describe('fromNpy reads files written by numpy 1.24', () => {
  for (const c of manifest.filter((m) => m.error === undefined)) {
    test(c.file, () => {
      const bytes = npy(c.file);
      const before = bytes.slice();
      for (const input of [bytes, misaligned(bytes), bytes.slice().buffer]) {
        const m = fromNpy(input, c.options);
        expect([m.rows, m.cols]).toEqual([c.rows, c.cols]);
        expect(m.values.constructor.name).toBe(c.arrayType);
        const expected = c.values === 'volcano' ? volcano : c.values!.map(num);
        expect(m.values.length).toBe(expected.length);
        const bad: string[] = [];
        expected.forEach((e, i) => {
          if (!Object.is(m.values[i], e) && bad.length < 5) bad.push(`[${i}] got ${m.values[i]}, expected ${e}`);
        });
        expect(bad).toEqual([]);
        expect(m.rowLabels).toEqual(Array.from({ length: m.rows }, (_, i) => String(i)));
      }
      expect(bytes).toEqual(before);
    });
  }
});

describe('fromNpy refuses bad files with a specific error', () => {
  for (const c of manifest.filter((m) => m.error !== undefined)) {
    test(`${c.file}: ${c.error}`, () => {
      const bytes = npy(c.file);
      expect(() => fromNpy(bytes)).toThrow(HeatglError);
      expect(() => fromNpy(bytes)).toThrow(c.error);
    });
  }

  test('every truncation of a valid file is a HeatglError, never a crash', () => {
    for (const file of ['float64-le-c.npy', 'int64-be-f.npy', 'float64-v2.npy', 'float16-le-1d.npy']) {
      const bytes = npy(file);
      for (let n = 0; n < bytes.length; n++) expect(() => fromNpy(bytes.subarray(0, n))).toThrow(HeatglError);
    }
  });

  test('random byte flips never throw anything but HeatglError', () => {
    const bytes = npy('float64-le-c.npy');
    let seed = 1;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 2000; i++) {
      const copy = bytes.slice();
      copy[Math.floor(rand() * 128)] = Math.floor(rand() * 256);
      try {
        fromNpy(copy);
      } catch (e) {
        expect(e).toBeInstanceOf(HeatglError);
      }
    }
  });

  test('a 1-D array with a shape of the wrong size', () => {
    expect(() => fromNpy(npy('float64-1d-reshaped.npy'), { shape: [5, 3] })).toThrow(/shape option \[5, 3\] holds 15 values but the array has 12/);
    expect(() => fromNpy(npy('float64-le-c.npy'), { shape: [3, 2] })).toThrow(/shape option \[3, 2\] is for 1-D arrays; this array is 2-D with shape \(2, 3\)/);
  });

  test('labels must match the shape', () => {
    expect(() => fromNpy(npy('float64-le-c.npy'), { rowLabels: ['a'] })).toThrow(/rowLabels has 1 entries but the matrix has 2/);
    const m = fromNpy(npy('float64-le-c.npy'), { rowLabels: ['a', 'b'], colLabels: ['x', 'y', 'z'] });
    expect([m.rowLabels, m.colLabels]).toEqual([
      ['a', 'b'],
      ['x', 'y', 'z'],
    ]);
  });

  test('not bytes', () => {
    expect(() => fromNpy('abc' as unknown as Uint8Array)).toThrow(/input must be an ArrayBuffer or Uint8Array/);
  });
});

describe('header parser', () => {
  test('Python literals', () => {
    const d = parsePyLiteral("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }") as Map<string, unknown>;
    expect(d.get('descr')).toBe('<f8');
    expect(d.get('fortran_order')).toBe(false);
    expect(d.get('shape')).toEqual({ tuple: [3, 4] });
    expect(parsePyLiteral('(3,)')).toEqual({ tuple: [3] });
    expect(parsePyLiteral('()')).toEqual({ tuple: [] });
    expect(parsePyLiteral('(3)')).toBe(3);
    expect(parsePyLiteral('(3L, 4L)')).toEqual({ tuple: [3, 4] });
    expect(parsePyLiteral("[('x', '<f4')]")).toEqual([{ tuple: ['x', '<f4'] }]);
  });
  test.each(["{'a': 1", "{'a' 1}", '{1: 2}', "{'a': 1, 'a': 2}", "{'a': x}", '((((((((((((((((((1))))))))))))))))))', "'abc"])(
    'rejects %j',
    (src) => {
      expect(() => parsePyLiteral(src)).toThrow(/bad header/);
    },
  );
});

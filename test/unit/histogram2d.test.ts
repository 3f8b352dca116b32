import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { histogram2d } from '../../src/core/histogram2d';

interface Case {
  name: string;
  x: number[];
  y: number[];
  args: { bins?: number | number[] | (number | number[])[]; range?: [number, number][]; weights?: number[] };
  counts: number[][];
  xEdges: number[];
  yEdges: number[];
}
const cases = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/hist/histogram2d.json'), 'utf8')) as Case[];

describe('histogram2d equals numpy.histogram2d (fixtures from numpy)', () => {
  for (const c of cases) {
    test(c.name, () => {
      const h = histogram2d(c.x, c.y, c.args as never);
      expect(Array.from(h.xEdges)).toEqual(c.xEdges);
      expect(Array.from(h.yEdges)).toEqual(c.yEdges);
      expect([h.nx, h.ny]).toEqual([c.counts.length, c.counts[0]?.length]);
      const flat = c.counts.flat();
      for (let i = 0; i < flat.length; i++) expect(h.counts[i]).toBeCloseTo(flat[i] as number, 9);
    });
  }
});

test('bad input is a clear error', () => {
  expect(() => histogram2d([1, 2], [1])).toThrow(/same length/);
  expect(() => histogram2d([1, Number.NaN], [1, 2])).toThrow(/x\[1\] is NaN/);
  expect(() => histogram2d([1, 2], [1, 2], { bins: [[0, 2, 1], 3] })).toThrow(/increase monotonically/);
  expect(() => histogram2d([1, 2], [1, 2], { bins: 0 })).toThrow(/positive integer/);
  // numpy: a sequence of 2 is [x bins, y bins] (so [0, 1] is 0 x bins), 1 entry is not a valid form.
  expect(() => histogram2d([1, 2], [1, 2], { bins: [0, 1] })).toThrow(/positive integer/);
  expect(() => histogram2d([1, 2], [1, 2], { bins: [5] as never })).toThrow(/bins has 1 entry/);
  expect(() => histogram2d([1, 2], [1, 2], { bins: [1, 'a', 3] as never })).toThrow(/bins\[1\] must be a number/);
});

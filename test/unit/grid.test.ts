// Heatmap cell geometry against real matplotlib 3.6.3 pcolormesh / imshow (test/fixtures/norms/generate.py).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { type GridOptions, cellAtData, gridOrigin, resolveGrid, shaderEdges } from '../../src/core/grid';

interface Mesh {
  name: string;
  rows: number;
  cols: number;
  given: { xEdges?: number[]; yEdges?: number[]; x?: number[]; y?: number[] };
  xEdges: number[];
  yEdges: number[];
  yInverted: boolean;
  points: { x: number; y: number; cells: [number, number][] }[];
}
interface Image {
  name: string;
  rows: number;
  cols: number;
  origin: 'upper' | 'lower';
  extent: [number, number, number, number] | null;
  getExtent: [number, number, number, number];
  xEdges: number[];
  yEdges: number[];
  xInverted: boolean;
  yInverted: boolean;
  points: { x: number; y: number; cell: [number, number] | null; arrayX: number; arrayY: number }[];
}
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/norms/grid.json'), 'utf8')) as { meshes: Mesh[]; images: Image[] };

/** True when v is on one of the edges (within 1e-9 of the axis span): matplotlib's answer there is not a rule. */
function onEdge(edges: ArrayLike<number>, v: number): boolean {
  const span = Math.abs((edges[edges.length - 1] as number) - (edges[0] as number));
  return Array.from(edges).some((e) => Math.abs(v - e) <= 1e-9 * span);
}

function expectEdges(got: Float64Array, want: number[], what: string): void {
  expect(got.length, `${what} length`).toBe(want.length);
  const span = Math.abs((want[want.length - 1] as number) - (want[0] as number));
  want.forEach((w, i) => {
    expect(Math.abs((got[i] as number) - w), `${what}[${i}]`).toBeLessThanOrEqual(1e-12 * span);
  });
}

// On exact edges QuadMesh.contains has no consistent owner (both cells on vertical edges, the lower one on
// horizontal edges, none on an inverted axis): those points are skipped; cellAtData's rule is tested below.
describe('pcolormesh grids', () => {
  for (const m of fixture.meshes) {
    const inside = m.points.filter((p) => !onEdge(m.xEdges, p.x) && !onEdge(m.yEdges, p.y));
    test(`${m.name}: edges, and the cell QuadMesh.contains reports for ${inside.length} points off the edges`, () => {
      const grid = resolveGrid(m.rows, m.cols, m.given);
      expectEdges(grid.xEdges, m.xEdges, 'xEdges');
      expectEdges(grid.yEdges, m.yEdges, 'yEdges');
      expect(grid.xInverted || grid.yInverted).toBe(false);
      for (const p of inside) {
        expect(p.cells.length).toBeLessThanOrEqual(1);
        const want = p.cells.length === 0 ? null : { row: p.cells[0]![0], col: p.cells[0]![1] };
        expect(cellAtData(grid, p.x, p.y), `point (${p.x}, ${p.y})`).toEqual(want);
      }
    });
  }
});

describe('imshow grids', () => {
  for (const im of fixture.images) {
    test(`${im.name}: extent ${JSON.stringify(im.getExtent)}, origin ${im.origin}`, () => {
      const opts: GridOptions = { origin: im.origin };
      if (im.extent !== null) opts.extent = im.extent;
      const grid = resolveGrid(im.rows, im.cols, opts);
      expectEdges(grid.xEdges, im.xEdges, 'xEdges');
      expectEdges(grid.yEdges, im.yEdges, 'yEdges');
      expect(grid.xInverted).toBe(im.xInverted);
      expect(grid.yInverted).toBe(im.yInverted);
    });
    test(`${im.name}: the cell AxesImage.get_cursor_data returns`, () => {
      const opts: GridOptions = { origin: im.origin };
      if (im.extent !== null) opts.extent = im.extent;
      const grid = resolveGrid(im.rows, im.cols, opts);
      for (const p of im.points) {
        const got = cellAtData(grid, p.x, p.y);
        const onEdges = onEdge(im.xEdges, p.x) || onEdge(im.yEdges, p.y);
        // get_cursor_data truncates array coordinates toward zero: within one cell before row / column 0 it still
        // answers cell 0; heatgl says outside.
        const truncBug = (p.arrayX > -1 && p.arrayX < 0) || (p.arrayY > -1 && p.arrayY < 0);
        const want = p.cell === null || truncBug ? null : { row: p.cell[0], col: p.cell[1] };
        if (onEdges) {
          // The array index rule: floor of the exact array coordinates.
          const i = Math.floor(Math.round(p.arrayY * 1e6) / 1e6);
          const j = Math.floor(Math.round(p.arrayX * 1e6) / 1e6);
          const inGrid = i >= 0 && i < im.rows && j >= 0 && j < im.cols;
          expect(got, `edge point (${p.x}, ${p.y})`).toEqual(inGrid ? { row: i, col: j } : null);
        } else {
          expect(got, `point (${p.x}, ${p.y})`).toEqual(want);
        }
      }
    });
  }
});

describe('cellAtData', () => {
  test('a shared edge belongs to the cell with the larger index; the last edges are outside; NaN is outside', () => {
    const g = resolveGrid(2, 3, { xEdges: [0, 1, 3, 7], yEdges: [0, 2, 5] });
    expect(cellAtData(g, 1, 1)).toEqual({ row: 0, col: 1 });
    expect(cellAtData(g, 0, 0)).toEqual({ row: 0, col: 0 });
    expect(cellAtData(g, 0.5, 2)).toEqual({ row: 1, col: 0 });
    expect(cellAtData(g, 7, 1)).toBeNull();
    expect(cellAtData(g, 1, 5)).toBeNull();
    expect(cellAtData(g, -1e-9, 1)).toBeNull();
    expect(cellAtData(g, Number.NaN, 1)).toBeNull();
    const dec = resolveGrid(1, 3, { xEdges: [7, 3, 1, 0], yEdges: [0, 1] });
    expect(cellAtData(dec, 3, 0.5)).toEqual({ row: 0, col: 1 });
    expect(cellAtData(dec, 7, 0.5)).toEqual({ row: 0, col: 0 });
    expect(cellAtData(dec, 0, 0.5)).toBeNull();
    expect(cellAtData(dec, 0.5, 0.5)).toEqual({ row: 0, col: 2 });
  });

  test('default layouts: pcolormesh 0..n, imshow centred on integers', () => {
    const g = resolveGrid(2, 3);
    expect(Array.from(g.xEdges)).toEqual([0, 1, 2, 3]);
    expect(Array.from(g.yEdges)).toEqual([0, 1, 2]);
    const im = resolveGrid(2, 3, { origin: 'upper' });
    expect(Array.from(im.yEdges)).toEqual([-0.5, 0.5, 1.5]);
    expect(im.yInverted).toBe(true);
    expect(cellAtData(im, 0, 0)).toEqual({ row: 0, col: 0 });
    expect(cellAtData(im, 2.2, 1.4)).toEqual({ row: 1, col: 2 });
  });
});

describe('bad input', () => {
  const cases: [string, () => unknown, string][] = [
    ['wrong edge count', () => resolveGrid(2, 3, { xEdges: [0, 1, 2] }), 'xEdges has 3 values; expected 4'],
    ['non-monotonic edges', () => resolveGrid(2, 3, { xEdges: [0, 2, 1, 3] }), 'strictly increasing or strictly decreasing'],
    ['repeated edge', () => resolveGrid(1, 2, { yEdges: [0, 0] }), 'strictly increasing'],
    ['NaN edge', () => resolveGrid(1, 2, { xEdges: [0, Number.NaN, 2] }), 'xEdges[1] must be a finite number'],
    ['edges and centres', () => resolveGrid(1, 2, { x: [0, 1], xEdges: [0, 1, 2] }), 'either xEdges or x'],
    ['single centre', () => resolveGrid(1, 1, { x: [3] }), 'single centre'],
    ['wrong centre count', () => resolveGrid(2, 2, { y: [0, 1, 2] }), 'y has 3 values; expected 2'],
    ['extent and edges', () => resolveGrid(2, 2, { extent: [0, 1, 0, 1], xEdges: [0, 1, 2] }), 'cannot be combined with xEdges'],
    ['zero-width extent', () => resolveGrid(2, 2, { extent: [1, 1, 0, 1] }), 'left == right'],
    ['bad origin', () => resolveGrid(2, 2, { origin: 'top' as 'upper' }), "origin must be 'upper' or 'lower'"],
    ['bad rows', () => resolveGrid(0, 2), 'rows must be a positive integer'],
    ['bad extent', () => resolveGrid(2, 2, { extent: [0, 1, 2] as unknown as [number, number, number, number] }), 'extent has 3 values'],
  ];
  for (const [name, fn, message] of cases) {
    test(name, () => {
      expect(fn).toThrow(HeatglError);
      expect(fn).toThrow(message);
    });
  }
});

describe('shader edges are exact at any offset (issue 16.2)', () => {
  test('edges relative to the float64 origin survive float32', () => {
    const g = resolveGrid(1, 6, { xEdges: [0, 30, 60, 90, 120, 150, 180].map((s) => 1.7e9 + s), yEdges: [5e9 + 1, 5e9] });
    const [ox, oy] = gridOrigin(g);
    expect([ox, oy]).toEqual([1.7e9, 5e9 + 1]);
    expect(Array.from(shaderEdges(g.xEdges, ox))).toEqual([0, 30, 60, 90, 120, 150, 180]);
    // Decreasing edges go to the shader increasing (it flips the index), still relative to the first edge.
    expect(Array.from(shaderEdges(g.yEdges, oy))).toEqual([-1, 0]);
    // Without the origin float32 would merge all of them into two values.
    expect(new Set(Float32Array.from(g.xEdges)).size).toBe(2);
  });
});

import { vec4 } from 'gl-matrix';
import { rng } from '../support/random';
import { describe, expect, test } from 'vitest';
import { cellSpace, clampView, dataToFraction, fractionToData, fullView, panBy, pixelEdges, type Space, viewMatrix, zoomAbout } from '../../src/core/camera';

const cells = (rows: number, cols: number) => cellSpace(rows, cols);

describe('camera', () => {
  test('zoom keeps the anchor point fixed', () => {
    const s = cells(100, 200);
    const v = fullView(s);
    const [ax, ay] = fractionToData(v, 0.3, 0.8, s);
    const z = zoomAbout(v, 4, ax, ay);
    const [bx, by] = fractionToData(z, 0.3, 0.8, s);
    expect(bx).toBeCloseTo(ax, 10);
    expect(by).toBeCloseTo(ay, 10);
    expect(z.x1 - z.x0).toBeCloseTo(50, 10);
  });
  test('clamping keeps the view inside the matrix, at least one cell, at most all of it', () => {
    const s = cells(10, 10);
    expect(clampView(panBy(fullView(s), 5, -3), s)).toEqual(fullView(s));
    expect(clampView({ x0: 8, x1: 12, y0: -2, y1: 2 }, s)).toEqual({ x0: 6, x1: 10, y0: 0, y1: 4 });
    expect(clampView({ x0: 4.9, x1: 5, y0: 0, y1: 50 }, s)).toEqual({ x0: 4.45, x1: 5.45, y0: 0, y1: 10 });
    expect(clampView({ x0: 0, x1: 0.2, y0: 0, y1: 0.5 }, cells(1, 1))).toEqual({ x0: 0, x1: 1, y0: 0, y1: 1 });
  });
  test('view matrix maps the view corners to clip space with row 0 at the top', () => {
    const m = viewMatrix({ x0: 10, x1: 20, y0: 5, y1: 9 }, cells(100, 100));
    const tl = vec4.transformMat4(vec4.create(), [10, 5, 0, 1], m);
    const br = vec4.transformMat4(vec4.create(), [20, 9, 0, 1], m);
    expect(Array.from(tl).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([-1, 1, 0, 1]);
    expect(Array.from(br).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1, -1, 0, 1]);
  });
  test('a data space with y up and x flipped (pcolormesh / imshow extents) maps both ways consistently', () => {
    const s: Space = { x0: -5, x1: 5, y0: 100, y1: 300, xFlip: true, yDown: false, minSpanX: 1, minSpanY: 1 };
    const v = fullView(s);
    // Top-left of the screen shows the largest x and the largest y.
    expect(fractionToData(v, 0, 0, s)).toEqual([5, 300]);
    expect(fractionToData(v, 1, 1, s)).toEqual([-5, 100]);
    expect(dataToFraction(v, 0, 200, s)).toEqual([0.5, 0.5]);
    const m = viewMatrix(v, s);
    const tl = vec4.transformMat4(vec4.create(), [5, 300, 0, 1], m);
    // gl-matrix works in float32.
    expect(Array.from(tl).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([-1, 1, 0, 1]);
  });
});

describe('pixelEdges: the whole-pixel edges around the pixels whose centre lies in a data span', () => {
  // By the definition: pixel p is in when origin + (p + 0.5) × step lies in [a, b).
  const brute = (a: number, b: number, origin: number, step: number, pixels: number) => {
    const inside: number[] = [];
    for (let p = 0; p < pixels; p++) {
      const d = origin + (p + 0.5) * step;
      if (d >= a && d < b) inside.push(p);
    }
    return inside;
  };
  const covered = ([e0, e1]: [number, number], origin: number, step: number, pixels: number) => {
    const inside: number[] = [];
    for (let p = 0; p < pixels; p++) {
      const c = origin + (p + 0.5) * step;
      if (c > Math.min(e0, e1) && c < Math.max(e0, e1)) inside.push(p);
    }
    return inside;
  };
  test('ties at 2 cells a pixel (centres exactly on edges) and a flipped axis, against the definition', () => {
    const cases: [number, number, number, number, number][] = [
      [3, 9, 0, 2, 10], // centres at 1, 3, 5, …: 3 is in, 9 is out
      [0, 20, 0, 2, 10],
      [2.5, 7.25, 0.75, 0.5, 20],
      [3, 9, 20, -2, 10], // flipped: centres at 19, 17, …
      [-5, 4, 0, 1, 8],
      [6, 6, 0, 1, 8],
    ];
    for (const [a, b, o, s, n] of cases) {
      const edges = pixelEdges(a, b, o, s, n);
      expect(covered(edges, o, s, n), `[${a}, ${b}) origin ${o} step ${s}`).toEqual(brute(a, b, o, s, n));
      // The edges fall on whole pixels.
      for (const e of edges) expect(Number.isInteger((e - o) / s) || edges[0] === edges[1]).toBe(true);
    }
  });
  test('random spans and steps', () => {
    const rand = rng(7);
    for (let i = 0; i < 500; i++) {
      const s = (rand() < 0.3 ? -1 : 1) * 2 ** Math.floor(rand() * 6 - 3) * (rand() < 0.5 ? 1 : 0.37);
      const o = Math.round(rand() * 40 - 20) * 0.25;
      const a = o + Math.round(rand() * 200 - 100) * 0.125;
      const b = a + rand() * 30;
      expect(covered(pixelEdges(a, b, o, s, 64), o, s, 64)).toEqual(brute(a, b, o, s, 64));
    }
  });
});

import { vec4 } from 'gl-matrix';
import { describe, expect, test } from 'vitest';
import { cellSpace, clampView, dataToFraction, fractionToData, fullView, panBy, type Space, viewMatrix, zoomAbout } from '../../src/core/camera';

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

import { vec4 } from 'gl-matrix';
import { describe, expect, test } from 'vitest';
import { clampView, fractionToData, fullView, panBy, viewMatrix, zoomAbout } from '../../src/view/camera';

describe('camera', () => {
  test('zoom keeps the anchor point fixed', () => {
    const v = fullView(100, 200);
    const [ax, ay] = fractionToData(v, 0.3, 0.8);
    const z = zoomAbout(v, 4, ax, ay);
    const [bx, by] = fractionToData(z, 0.3, 0.8);
    expect(bx).toBeCloseTo(ax, 10);
    expect(by).toBeCloseTo(ay, 10);
    expect(z.x1 - z.x0).toBeCloseTo(50, 10);
  });
  test('clamping keeps the view inside the matrix, at least one cell, at most all of it', () => {
    expect(clampView(panBy(fullView(10, 10), 5, -3), 10, 10)).toEqual(fullView(10, 10));
    expect(clampView({ x0: 8, x1: 12, y0: -2, y1: 2 }, 10, 10)).toEqual({ x0: 6, x1: 10, y0: 0, y1: 4 });
    expect(clampView({ x0: 4.9, x1: 5, y0: 0, y1: 50 }, 10, 10)).toEqual({ x0: 4.45, x1: 5.45, y0: 0, y1: 10 });
    expect(clampView({ x0: 0, x1: 0.2, y0: 0, y1: 0.5 }, 1, 1)).toEqual({ x0: 0, x1: 1, y0: 0, y1: 1 });
  });
  test('view matrix maps the view corners to clip space with row 0 at the top', () => {
    const m = viewMatrix({ x0: 10, x1: 20, y0: 5, y1: 9 });
    const tl = vec4.transformMat4(vec4.create(), [10, 5, 0, 1], m);
    const br = vec4.transformMat4(vec4.create(), [20, 9, 0, 1], m);
    expect(Array.from(tl).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([-1, 1, 0, 1]);
    expect(Array.from(br).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1, -1, 0, 1]);
  });
});

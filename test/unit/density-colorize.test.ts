// src/core/density-colorize.ts in Node: the colour pass for densities computed in JS writes straight RGBA8 (top row
// first) for putImageData whose exact re-premultiplication (what the canvas stores) is, byte for byte, the
// premultiplied colour the shader's rule gives (rounded to the nearest byte, ties to even, as a Uint8ClampedArray
// store and the GPU's conversion round), on both density layouts and with ties on purpose (opacity 0.5).
import { expect, test } from 'vitest';
import { getColormap } from '../../src/core/colormaps';
import { colorizeImage, premultiplyInPlace } from '../../src/core/density-colorize';

/** The reference: premultiplied bytes of pixel values in GL rows, written through a Uint8ClampedArray. */
function reference(sum: Float32Array, kern: Float32Array, cmap: string, vmin: number, vmax: number, opacity: number | 'ramp', mean: boolean): Uint8ClampedArray {
  const lut = getColormap(cmap);
  const out = new Uint8ClampedArray(sum.length * 4);
  const lo = Math.fround(vmin);
  const range = Math.fround(Math.fround(vmax) - lo);
  for (let i = 0; i < sum.length; i++) {
    let v = sum[i] as number;
    if (mean) {
      if (!((kern[i] as number) > 0)) continue;
      v /= kern[i] as number;
    }
    const t = range === 0 ? 0 : (v - lo) / range;
    if (opacity === 'ramp' && !(t > 0)) continue;
    const k = Math.min(Math.max(Math.floor(t * lut.n), 0), lut.n - 1);
    const s = opacity === 'ramp' ? Math.min(t, 1) : 1;
    const a = ((lut.rgba[4 * k + 3] as number) / 255) * (opacity === 'ramp' ? 1 : opacity);
    for (let c = 0; c < 3; c++) out[4 * i + c] = (lut.rgba[4 * k + c] as number) * a * s;
    out[4 * i + 3] = 255 * a * s;
  }
  return out;
}

const W = 37;
const H = 23;

function density(seed: number): { sum: Float32Array; kern: Float32Array } {
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const sum = new Float32Array(W * H);
  const kern = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) {
    // Zeros, values below vmin, inside, above vmax; and exact multiples that hit the LUT boundaries.
    const r = rand();
    kern[i] = r < 0.1 ? 0 : 0.5 + rand();
    sum[i] = r < 0.2 ? 0 : r < 0.3 ? -1 : r < 0.4 ? Math.round(rand() * 64) / 16 : rand() * 4.5;
  }
  return { sum, kern };
}

for (const [cmap, opacity, mean, vmin, vmax] of [
  ['turbo', 'ramp', false, 0, 4],
  ['viridis', 0.5, false, 0, 4],
  ['magma', 1, false, 0.5, 3],
  ['rocket_r', 'ramp', true, 0, 3],
  ['rocket_r', 0.6, true, 0.2, 3.5],
] as const) {
  test(`${cmap}, opacity ${opacity}${mean ? ', mean' : ''}: re-premultiplied, the image is the shader's bytes, rows flipped`, () => {
    const { sum, kern } = density(7);
    const want = reference(sum, kern, cmap, vmin, vmax, opacity, mean);
    const lut = getColormap(cmap);
    // Planes (the exact sum's layout) and RGBA floats (the convolution's).
    const rgba = new Float32Array(W * H * 4);
    for (let i = 0; i < W * H; i++) {
      rgba[4 * i] = sum[i] as number;
      rgba[4 * i + 1] = kern[i] as number;
    }
    for (const d of [{ sum, kern, stride: 1, kOff: 0 }, { sum: rgba, kern: rgba, stride: 4, kOff: 1 }]) {
      const out = new Uint8ClampedArray(W * H * 4);
      colorizeImage(d, W, H, lut, vmin, vmax, opacity, mean, out);
      premultiplyInPlace(out);
      let differ = 0;
      let visible = 0;
      for (let row = 0; row < H; row++) {
        for (let i = 0; i < W * 4; i++) {
          const got = out[row * W * 4 + i] as number;
          const exp = want[(H - 1 - row) * W * 4 + i] as number;
          if (got !== exp) differ++;
          if (i % 4 === 3 && exp > 0) visible++;
        }
      }
      expect(differ).toBe(0);
      expect(visible).toBeGreaterThan(W * H * 0.4);
    }
  });
}

test('every premultiplied byte p ≤ a comes back from its straight value: round(round(p · 255 / a) · a / 255) = p', () => {
  let bad = 0;
  for (let a = 1; a < 256; a++) {
    for (let p = 0; p <= a; p++) {
      const rgba = new Uint8ClampedArray([Math.round((p * 255) / a), 0, 0, a]);
      premultiplyInPlace(rgba);
      if (rgba[0] !== p) bad++;
    }
  }
  expect(bad).toBe(0);
});

// The colour pass of a density on the CPU (pure): what shaders/density-color.frag.glsl computes, as a typed-array
// loop, for densities computed in JS (software renderers): the pixels are then shown by putImageData on a 2D canvas
// (src/gl/density-image.ts), which on an emulated GPU costs far less than any draw. Same rule:
// matplotlib's Colormap.__call__ with a linear norm (index floor(t · N), clamped to the end colours), alpha from the
// colour times a constant opacity or the ramp (t clamped to 0..1), premultiplied; t in float32 as the shader has it.
import type { Colormap } from './colormaps';

/**
 * Colours a density of width × height pixels in GL rows (pixel i's Σ w·K at sum[i · stride], its Σ K at
 * kern[i · stride + kOff]: the RGBA floats of src/core/density-convolve.ts, or the planes of density-splat.ts) for
 * putImageData: straight (not premultiplied) RGBA8, top row first. `mean`: the value is red / green,
 * transparent where green is 0. Each pixel's premultiplied bytes are what the shader writes (rounded to the nearest
 * byte, as the GPU's conversion), then divided by their alpha: the canvas, premultiplying again with exact rounding
 * (round(u · a / 255), what Chromium's Skia does), holds those very bytes, since every u within 0.5 of p · 255 / a
 * gives p back (for a < 255 the error is at most 0.5 · a / 255 < 0.5; for a = 255, u = p).
 */
export function colorizeImage(density: { sum: Float32Array; kern: Float32Array; stride: number; kOff: number }, width: number, height: number, lut: Colormap, vmin: number, vmax: number, opacity: number | 'ramp', mean: boolean, out: Uint8ClampedArray): void {
  const lo = Math.fround(vmin);
  const range = Math.fround(Math.fround(vmax) - lo);
  const inv = range === 0 ? 0 : 1 / range;
  const n = lut.n;
  const c = lut.rgba;
  const ramp = opacity === 'ramp';
  const op = ramp ? 1 : opacity;
  const pr = new Float64Array(n);
  const pg = new Float64Array(n);
  const pb = new Float64Array(n);
  const pa = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = ((c[4 * k + 3] as number) / 255) * op;
    pr[k] = (c[4 * k] as number) * a;
    pg[k] = (c[4 * k + 1] as number) * a;
    pb[k] = (c[4 * k + 2] as number) * a;
    pa[k] = 255 * a;
  }
  const scale = straightScale();
  // One 32-bit store per pixel: R | G << 8 | B << 16 | A << 24 is RGBA in memory on little-endian machines (every
  // browser's).
  const out32 = new Int32Array(out.buffer, out.byteOffset, width * height);
  // In calls of 8 rows (see splatPoints's CHUNK).
  for (let row = 0; row < height; row += 8) colorRows(density.sum, density.kern, density.stride, density.kOff, width, height, row, Math.min(height, row + 8), lo, inv, n, pr, pg, pb, pa, scale, ramp, mean, out32);
}

/**
 * colorizeImage's pixel loop over rows rowStart..rowEnd − 1 of the image, on its own (typed arrays, numbers and booleans only, so that its optimised code depends on
 * no object shape and survives garbage collections between frames).
 */
function colorRows(sum: Float32Array, kern: Float32Array, stride: number, kOff: number, width: number, height: number, rowStart: number, rowEnd: number, lo: number, inv: number, n: number, pr: Float64Array, pg: Float64Array, pb: Float64Array, pa: Float64Array, scale: Float64Array, ramp: boolean, mean: boolean, out32: Int32Array): void {
  for (let row = rowStart; row < rowEnd; row++) {
    let j = (height - 1 - row) * width * stride;
    let o = row * width;
    for (let end = o + width; o < end; o++, j += stride) {
      let v = sum[j] as number;
      if (mean) {
        const w = kern[j + kOff] as number;
        if (!(w > 0)) {
          out32[o] = 0;
          continue;
        }
        v = v / w;
      }
      const t = (v - lo) * inv;
      if (ramp && !(t > 0)) {
        out32[o] = 0;
        continue;
      }
      let k = Math.floor(t * n);
      k = k < 0 ? 0 : k >= n ? n - 1 : k;
      const s = ramp ? Math.min(t, 1) : 1;
      // Each byte rounded as a Uint8ClampedArray store rounds (to the nearest, ties to even; x + 0.5 can round up
      // past the tie, hence d > 0.5), written out: a helper call here costs more than all the rest of the loop.
      const xa = (pa[k] as number) * s;
      let a = (xa + 0.5) | 0;
      let d = a - xa;
      if (d > 0.5 || (d === 0.5 && (a & 1) === 1)) a--;
      if (a === 0) {
        out32[o] = 0;
        continue;
      }
      const xr = (pr[k] as number) * s;
      let r = (xr + 0.5) | 0;
      d = r - xr;
      if (d > 0.5 || (d === 0.5 && (r & 1) === 1)) r--;
      const xg = (pg[k] as number) * s;
      let g = (xg + 0.5) | 0;
      d = g - xg;
      if (d > 0.5 || (d === 0.5 && (g & 1) === 1)) g--;
      const xb = (pb[k] as number) * s;
      let b = (xb + 0.5) | 0;
      d = b - xb;
      if (d > 0.5 || (d === 0.5 && (b & 1) === 1)) b--;
      // Premultiplied → straight: any value within 0.5 of p · 255 / a does (see above).
      const f = scale[a] as number;
      r = (r * f + 0.5) | 0;
      g = (g * f + 0.5) | 0;
      b = (b * f + 0.5) | 0;
      out32[o] = r | (g << 8) | (b << 16) | (a << 24);
    }
  }
}

let straight: Float64Array | undefined;
/** 255 / a for each alpha a (index 0 unused). */
function straightScale(): Float64Array {
  if (!straight) {
    straight = new Float64Array(256);
    for (let a = 1; a < 256; a++) straight[a] = 255 / a;
  }
  return straight;
}

/** The inverse, for reading a 2D canvas back as the drawing buffer stores it: straight RGBA8 (top row first) →
 *  premultiplied, rounded as the canvas rounds (round(u · a / 255)), in place. */
export function premultiplyInPlace(rgba: Uint8ClampedArray | Uint8Array): void {
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] as number;
    if (a === 255) continue;
    rgba[i] = Math.round(((rgba[i] as number) * a) / 255);
    rgba[i + 1] = Math.round(((rgba[i + 1] as number) * a) / 255);
    rgba[i + 2] = Math.round(((rgba[i + 2] as number) * a) / 255);
  }
}

// The colour pass of a density on the CPU (pure): what shaders/density-color.frag.glsl computes, as a typed-array
// loop, for densities computed in JS (software renderers): the pixels are then uploaded as RGBA8 and drawn by a
// plain copy, which on an emulated GPU costs less than sampling a float texture and the LUT per pixel. Same rule:
// matplotlib's Colormap.__call__ with a linear norm (index floor(t · N), clamped to the end colours), alpha from the
// colour times a constant opacity or the ramp (t clamped to 0..1), premultiplied; t in float32 as the shader has it.
import type { Colormap } from './colormaps';

/**
 * Colours RGBA floats (red Σ w·K, green Σ K; GL rows, as src/core/density-splat.ts and density-convolve.ts write
 * them) into premultiplied RGBA8 of the same layout. `mean`: the value is red / green, transparent where green is 0.
 */
export function colorizeDensity(density: Float32Array, pixels: number, lut: Colormap, vmin: number, vmax: number, opacity: number | 'ramp', mean: boolean, out: Uint8ClampedArray): void {
  // The shader's uniforms are float32.
  const lo = Math.fround(vmin);
  const range = Math.fround(Math.fround(vmax) - lo);
  const inv = range === 0 ? 0 : 1 / range;
  const n = lut.n;
  const c = lut.rgba;
  const ramp = opacity === 'ramp';
  const op = ramp ? 1 : opacity;
  // Per LUT entry: its colour premultiplied by its alpha (and a constant opacity); the ramp scales it by t.
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
  // The bytes are written through a Uint8ClampedArray: rounding to the nearest byte, as the GPU's conversion.
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    let v = density[j] as number;
    if (mean) {
      const w = density[j + 1] as number;
      if (!(w > 0)) {
        out[j] = 0;
        out[j + 1] = 0;
        out[j + 2] = 0;
        out[j + 3] = 0;
        continue;
      }
      v = v / w;
    }
    const t = (v - lo) * inv;
    if (ramp && !(t > 0)) {
      // Transparent at and below vmin.
      out[j] = 0;
      out[j + 1] = 0;
      out[j + 2] = 0;
      out[j + 3] = 0;
      continue;
    }
    let k = Math.floor(t * n);
    k = k < 0 ? 0 : k >= n ? n - 1 : k;
    const s = ramp ? (t > 1 ? 1 : t) : 1;
    out[j] = (pr[k] as number) * s;
    out[j + 1] = (pg[k] as number) * s;
    out[j + 2] = (pb[k] as number) * s;
    out[j + 3] = (pa[k] as number) * s;
  }
}

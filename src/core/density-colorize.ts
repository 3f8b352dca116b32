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
export function colorizeDensity(density: Float32Array, pixels: number, lut: Colormap, vmin: number, vmax: number, opacity: number | 'ramp', mean: boolean, out: Uint8Array): void {
  const f = Math.fround;
  const lo = f(vmin);
  const range = f(f(vmax) - lo);
  const n = lut.n;
  const c = lut.rgba;
  const ramp = opacity === 'ramp';
  const op = ramp ? 1 : opacity;
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    let v = density[j] as number;
    if (mean) {
      const k = density[j + 1] as number;
      if (!(k > 0)) {
        out[j] = 0;
        out[j + 1] = 0;
        out[j + 2] = 0;
        out[j + 3] = 0;
        continue;
      }
      v = f(v / k);
    }
    const t = range === 0 ? 0 : f(f(v - lo) / range);
    let k = Math.floor(t * n);
    k = k < 0 ? 0 : k >= n ? n - 1 : k;
    const a = ((c[4 * k + 3] as number) / 255) * (ramp ? (t < 0 ? 0 : t > 1 ? 1 : t) : op);
    out[j] = Math.round((c[4 * k] as number) * a);
    out[j + 1] = Math.round((c[4 * k + 1] as number) * a);
    out[j + 2] = Math.round((c[4 * k + 2] as number) * a);
    out[j + 3] = Math.round(255 * a);
  }
}

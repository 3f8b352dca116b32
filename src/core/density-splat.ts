// The exact density on the CPU (pure): every point's kernel added into the view's pixels, as the GPU splat does it.
// Used where the GPU is emulated on the CPU (SwiftShader, llvmpipe) and the points are few: there a typed-array loop
// over each point's disc of pixels costs a few nanoseconds per pixel, against a draw call, a float framebuffer and
// its readback on the emulated GPU. Same sums as shaders/density-splat.frag.glsl (kernelValue of src/core/density.ts
// at every pixel centre within the support), accumulated in float32 like the GPU's blending. No DOM, no WebGL.
import type { DensityFrame } from './density';
import { frameKernel, kernelSupport } from './density';
import type { BinSource } from './density-binning';

/** Scratch buffers reused from frame to frame. */
export interface SplatScratch {
  sum?: Float32Array;
  kern?: Float32Array;
  ux?: Float64Array;
  ex?: Float64Array;
  uy?: Float64Array;
  params?: Float64Array;
}

/**
 * Adds every point's kernel into the view's pixels, GL rows (bottom first): `sum` Σ w·K and `kern` Σ K (the splat
 * framebuffer's red and green; the same array when the points are unweighted), in scratch arrays reused by the next
 * call. Points are packed offsets from `origin` (src/core/density.ts packPoints); those whose support misses the view
 * add nothing. Returns the planes and the points that reached the view.
 */
export function splatPoints(src: BinSource, f: DensityFrame, origin: readonly [number, number], scratch: SplatScratch = {}): { sum: Float32Array; kern: Float32Array; drawn: number } {
  const W = f.widthPx;
  const H = f.heightPx;
  // The kernels are added into one float per pixel (Σ w·K), and a second plane (Σ K) only for weighted points: a
  // quarter of the memory traffic of the RGBA layout, which is made only if asked for (read back, a GPU pass).
  const plane = (a: Float32Array | undefined) => (a && a.length >= W * H ? a.subarray(0, W * H) : new Float32Array(W * H));
  const sum = plane(scratch.sum);
  scratch.sum = sum;
  sum.fill(0);
  const weighted = src.stride === 3;
  const kern = weighted ? plane(scratch.kern) : sum;
  if (weighted) {
    scratch.kern = kern;
    kern.fill(0);
  }
  const k = frameKernel(f);
  const R = kernelSupport(f.kernel);
  const R2 = R * R;
  const gaussian = f.kernel === 'gaussian';
  const epan = f.kernel === 'epanechnikov';
  const { view } = f;
  const pxX = W / (view.x1 - view.x0);
  const pxY = ((f.yDown ? -1 : 1) * H) / (view.y1 - view.y0);
  const vx = view.x0 - origin[0];
  const vy = (f.yDown ? view.y1 : view.y0) - origin[1];
  const ihx = 1 / k.hxPx;
  const ihy = 1 / k.hyPx;
  const reachX = R * k.hxPx;
  const reachY = R * k.hyPx;
  const span = Math.ceil(2 * Math.max(reachX, reachY)) + 2;
  const grow = (a: Float64Array | undefined) => (a && a.length >= span ? a : new Float64Array(span));
  // Per pixel column of a point's support: u_x² and exp(−u_x²/2); per row: u_y².
  const ux = grow(scratch.ux);
  const ex = grow(scratch.ex);
  const uy = grow(scratch.uy);
  Object.assign(scratch, { ux, ex, uy });
  const { data, stride } = src;
  const runs = src.runs ?? [[0, data.length / stride]];
  const g = scratch.params ?? new Float64Array(PARAMS);
  scratch.params = g;
  g.set([W, H, vx, vy, pxX, pxY, reachX, reachY, ihx, ihy, R2, k.norm, gaussian ? 0 : epan ? 1 : 2]);
  let drawn = 0;
  // In calls of at most CHUNK points: a new map's first frame then runs optimised code after a few chunks instead of
  // waiting for on-stack replacement of one long call (a compile the busy machine may give its thread late).
  for (const [start, end] of runs) {
    for (let a = start; a < end; a += CHUNK) drawn += splatRun(data, stride, a, Math.min(end, a + CHUNK), g, sum, kern, ux, ex, uy);
  }
  return { sum, kern, drawn };
}

/** Slots of the numbers splatRun takes in one Float64Array. */
const PARAMS = 13;
/** Points per splatRun call. */
const CHUNK = 256;

/**
 * Adds the kernels of points start..end − 1 (splatPoints's inner loop, on its own: typed arrays and numbers only, so
 * that its optimised code depends on no object shape and survives garbage collections between frames). Returns the
 * points that reached the view.
 */
function splatRun(data: Float32Array, stride: number, start: number, end: number, g: Float64Array, sum: Float32Array, kern: Float32Array, ux: Float64Array, ex: Float64Array, uy: Float64Array): number {
  const W = g[0] as number;
  const H = g[1] as number;
  const vx = g[2] as number;
  const vy = g[3] as number;
  const pxX = g[4] as number;
  const pxY = g[5] as number;
  const reachX = g[6] as number;
  const reachY = g[7] as number;
  const ihx = g[8] as number;
  const ihy = g[9] as number;
  const R2 = g[10] as number;
  const norm = g[11] as number;
  const gaussian = g[12] === 0;
  const epan = g[12] === 1;
  const weighted = stride === 3;
  let drawn = 0;
  for (let i = start; i < end; i++) {
    const o = i * stride;
    // Pixel coordinates of the point (GL: x right, y up; pixel centres at k + 0.5), as the splat's vertex shader.
    const px = ((data[o] as number) - vx) * pxX;
    const py = ((data[o + 1] as number) - vy) * pxY;
    const c0 = Math.max(0, Math.ceil(px - reachX - 0.5));
    const c1 = Math.min(W - 1, Math.floor(px + reachX - 0.5));
    const r0 = Math.max(0, Math.ceil(py - reachY - 0.5));
    const r1 = Math.min(H - 1, Math.floor(py + reachY - 0.5));
    if (c0 > c1 || r0 > r1) continue;
    drawn++;
    const w = weighted ? (data[o + 2] as number) : 1;
    const n = c1 - c0 + 1;
    for (let j = 0; j < n; j++) {
      const d = (c0 + j + 0.5 - px) * ihx;
      ux[j] = d * d;
      ex[j] = gaussian ? Math.exp(-0.5 * d * d) : 0;
    }
    for (let row = r0; row <= r1; row++) {
      const d = (row + 0.5 - py) * ihy;
      uy[row - r0] = d * d;
    }
    for (let row = r0; row <= r1; row++) {
      const vy2 = uy[row - r0] as number;
      if (vy2 >= R2) continue;
      // K = c/(hx·hy) · profile: the gaussian's exp(−(u_x² + u_y²)/2) as the product of its two factors.
      const rowScale = norm * (gaussian ? Math.exp(-0.5 * vy2) : 1);
      let p = row * W + c0;
      if (!weighted && gaussian) {
        // The columns inside the support on this row: ux is largest at the ends of the span and falls towards the
        // point, so they are one run [j0, j1) (the same u_x² + u_y² < R² test as below, per column).
        let j0 = 0;
        let j1 = n;
        while (j0 < j1 && (ux[j0] as number) + vy2 >= R2) j0++;
        while (j1 > j0 && (ux[j1 - 1] as number) + vy2 >= R2) j1--;
        for (let j = j0, q = p + j0; j < j1; j++, q++) sum[q] = (sum[q] as number) + rowScale * (ex[j] as number);
        continue;
      }
      if (!weighted) {
        for (let j = 0; j < n; j++, p++) {
          const u2 = (ux[j] as number) + vy2;
          if (u2 >= R2) continue;
          sum[p] = (sum[p] as number) + rowScale * (gaussian ? (ex[j] as number) : epan ? 1 - u2 : 1);
        }
        continue;
      }
      for (let j = 0; j < n; j++, p++) {
        const u2 = (ux[j] as number) + vy2;
        if (u2 >= R2) continue;
        const kv = rowScale * (gaussian ? (ex[j] as number) : epan ? 1 - u2 : 1);
        sum[p] = (sum[p] as number) + w * kv;
        kern[p] = (kern[p] as number) + kv;
      }
    }
  }
  return drawn;
}

// Helpers shared by the benchmark pages: the timing box, a synchronous GPU round trip, frame and sleep promises.
import type { Heatmap } from '../src/index';

export function box(id = 'box'): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the bench page`);
  return el;
}

/** The WebGL context heatgl created on its canvas (getContext with the same type returns the same object). */
export function heatmapGl(hm: Heatmap): WebGLRenderingContext {
  const gl = hm.canvas.getContext('webgl');
  if (!gl) throw new Error('no WebGL context on the heatmap canvas');
  return gl;
}

/** Reads one pixel of the default framebuffer: a synchronous round trip that waits until the GPU has drawn. */
export function readOnePixel(gl: WebGLRenderingContext | WebGL2RenderingContext): void {
  const px = new Uint8Array(4);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
}

export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The benchmarks' n×n field (row-major Float32Array): a separable smooth part (sums and a product of 1-D waves, no
 * per-cell trigonometry) plus xorshift32 noise; every benchmark page draws these values.
 */
export function syntheticField(n: number): Float32Array {
  const out = new Float32Array(n * n);
  const ra = new Float32Array(n);
  const rb = new Float32Array(n);
  const ca = new Float32Array(n);
  const cb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / n;
    ra[i] = Math.sin(2 * Math.PI * 3 * t);
    rb[i] = Math.cos(2 * Math.PI * 1.5 * t);
    ca[i] = Math.cos(2 * Math.PI * 2 * t);
    cb[i] = Math.sin(2 * Math.PI * 5 * t);
  }
  let s = 0x9e3779b9 | 0;
  for (let r = 0; r < n; r++) {
    const a = ra[r];
    const b = rb[r];
    const base = r * n;
    for (let c = 0; c < n; c++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[base + c] = a + ca[c] + b * cb[c] + (s / 4294967296) * 0.4;
    }
  }
  return out;
}

/** The redraw views of the peer and GPU benchmarks: 2× zooms at different places alternating with the full view, as
 * fractions (x0, y0, w, h) of the matrix. */
export const VIEWS: readonly [number, number, number, number][] = [
  [0, 0, 0.5, 0.5],
  [0.5, 0.5, 0.5, 0.5],
  [0, 0, 1, 1],
  [0.25, 0.25, 0.5, 0.5],
  [0.5, 0, 0.5, 0.5],
  [0, 0, 1, 1],
  [0, 0.5, 0.5, 0.5],
  [0.125, 0.375, 0.5, 0.5],
  [0, 0, 1, 1],
  [0.375, 0.125, 0.5, 0.5],
];

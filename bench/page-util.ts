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

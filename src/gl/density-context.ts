// The WebGL context of a density map (GL layer): WebGL1 with the three extensions GPU density needs, checked one by one
// so that a browser without one gets a HeatglError naming it instead of a blank canvas.
import createRegl from 'regl';
import type { Regl } from 'regl';
import { HeatglError } from '../core/errors';

export interface DensityContext {
  readonly regl: Regl;
  readonly gl: WebGLRenderingContext;
  /** UNMASKED_RENDERER_WEBGL when the browser exposes it, else RENDERER. */
  readonly renderer: string;
  destroy(): void;
}

/** Why each extension is needed (the error names the first one missing). */
export const DENSITY_EXTENSIONS: readonly [string, string][] = [
  ['OES_texture_float', 'float textures to hold the density'],
  ['WEBGL_color_buffer_float', 'rendering into a float framebuffer'],
  ['EXT_float_blend', 'additive blending into a float framebuffer'],
];

export function createDensityContext(canvas: HTMLCanvasElement, options: { preserveDrawingBuffer?: boolean } = {}): DensityContext {
  const gl = canvas.getContext('webgl', {
    alpha: true,
    antialias: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: true,
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
  });
  if (!gl) throw new HeatglError('WebGL is not available: canvas.getContext("webgl") returned null (WebGL disabled or unsupported)');
  for (const [name, why] of DENSITY_EXTENSIONS) {
    if (!gl.getExtension(name)) {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      throw new HeatglError(`this browser lacks the WebGL extension ${name}, which densitymap needs for ${why}`);
    }
  }
  const regl = createRegl({ gl, extensions: DENSITY_EXTENSIONS.map(([name]) => name) });
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return {
    regl,
    gl,
    renderer,
    destroy() {
      regl.destroy();
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}

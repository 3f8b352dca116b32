// Creates the regl instance for a canvas (GL layer).
//
// Path chosen: a WebGL1 context with OES_texture_float. regl is WebGL1-first; handed a WebGL2 context it still asks
// for OES_texture_float, which WebGL2 does not expose (regl issue 697), and it has no R32F format. WebGL1 LUMINANCE +
// FLOAT keeps one 32-bit float per cell, works in every browser with the extension and in headless Chromium's
// SwiftShader.
import createRegl from 'regl';
import type { Regl } from 'regl';
import { HeatglError } from '../core/errors';

export interface GlContext {
  readonly regl: Regl;
  readonly gl: WebGLRenderingContext;
  readonly maxTextureSize: number;
  /** UNMASKED_RENDERER_WEBGL when the browser exposes it, else RENDERER. */
  readonly renderer: string;
  destroy(): void;
}

export interface ContextOptions {
  preserveDrawingBuffer?: boolean;
}

export function createContext(canvas: HTMLCanvasElement, options: ContextOptions = {}): GlContext {
  const gl = canvas.getContext('webgl', {
    alpha: true,
    antialias: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: true,
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
  });
  if (!gl) throw new HeatglError('WebGL is not available: canvas.getContext("webgl") returned null (WebGL disabled or unsupported)');
  if (!gl.getExtension('OES_texture_float')) {
    throw new HeatglError('this browser lacks the WebGL extension OES_texture_float, which heatgl needs for float value textures');
  }
  const regl = createRegl({ gl, extensions: ['OES_texture_float'] });
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return {
    regl,
    gl,
    maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    renderer,
    destroy: () => regl.destroy(),
  };
}

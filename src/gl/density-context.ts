// The WebGL context of a density map (GL layer): WebGL1 with the three extensions GPU density needs, checked one by one
// so that a browser without one gets a HeatglError naming it instead of a blank canvas. regl is made on first use:
// where WebGL is software-emulated the density map draws its CPU-computed colours with raw WebGL (src/gl/density-blit.ts)
// and never needs regl, whose set-up (generated code, state queries) is most of a small map's first frame there.
import type { Regl } from 'regl';
import { type ContextOptions, openWebGl, wrapRegl } from './context';

export interface DensityContext {
  readonly gl: WebGLRenderingContext;
  readonly maxTextureSize: number;
  /** UNMASKED_RENDERER_WEBGL when the browser exposes it, else RENDERER. */
  readonly renderer: string;
  /** regl over the context, made on first access. */
  readonly regl: Regl;
  /** regl if it was made, else null (nothing is made). */
  readonly reglIfMade: Regl | null;
  destroy(): void;
}

/** Why each extension is needed (the error names the first one missing). */
export const DENSITY_EXTENSIONS: readonly [string, string][] = [
  ['OES_texture_float', 'float textures to hold the density'],
  ['WEBGL_color_buffer_float', 'rendering into a float framebuffer'],
  ['EXT_float_blend', 'additive blending into a float framebuffer'],
];

export function createDensityContext(canvas: HTMLCanvasElement, options: { preserveDrawingBuffer?: boolean } = {}): DensityContext {
  const o: ContextOptions = {
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
    required: DENSITY_EXTENSIONS.map(([name, why]) => [name, `which densitymap needs for ${why}`] as const),
    optional: [],
  };
  const c = openWebGl(canvas, o);
  let regl: Regl | null = null;
  return {
    gl: c.gl,
    renderer: c.renderer,
    get maxTextureSize() {
      return c.maxTextureSize;
    },
    get regl() {
      regl ??= wrapRegl(c.gl, o);
      return regl;
    },
    get reglIfMade() {
      return regl;
    },
    // Free the context now rather than when the canvas is collected: browsers keep only a few alive.
    destroy() {
      regl?.destroy();
      c.gl.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}

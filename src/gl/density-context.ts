// The WebGL context of a density map (GL layer): WebGL1 with the three extensions GPU density needs, checked one by one
// so that a browser without one gets a HeatglError naming it instead of a blank canvas.
import { createContext, type GlContext } from './context';

export type DensityContext = GlContext;

/** Why each extension is needed (the error names the first one missing). */
export const DENSITY_EXTENSIONS: readonly [string, string][] = [
  ['OES_texture_float', 'float textures to hold the density'],
  ['WEBGL_color_buffer_float', 'rendering into a float framebuffer'],
  ['EXT_float_blend', 'additive blending into a float framebuffer'],
];

export function createDensityContext(canvas: HTMLCanvasElement, options: { preserveDrawingBuffer?: boolean } = {}): DensityContext {
  return createContext(canvas, {
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
    required: DENSITY_EXTENSIONS.map(([name, why]) => [name, `which densitymap needs for ${why}`] as const),
    optional: [],
  });
}

// The colour limits of a density on the GPU (GL layer): the minimum and maximum of the value over the view, reduced
// by passes of 8 × 8 blocks (shaders/density-limits.frag.glsl) into one texel that the colour pass reads as its
// automatic vmin / vmax, so a frame needs no readback. read() fetches that texel (for getScale()).
import type { Framebuffer2D, Regl, Texture2D } from 'regl';
import limitsFrag from '../../shaders/density-limits.frag.glsl?raw';
import quadVert from '../../shaders/quad.vert.glsl?raw';
import { guardShaders } from './shader-check';
import { type UniformValues, uniformProps } from './uniforms';

/** The uniforms of shaders/density-limits.frag.glsl (with quad.vert.glsl). */
export const LIMITS_UNIFORMS = {
  uSource: 'sampler2D',
  uSourceSize: 'vec2',
  uOrigin: 'vec2',
  uRegion: 'vec2',
  uFirst: 'float',
} as const;

/** Texels per side of the block one output texel of a pass reduces. */
const BLOCK = 8;

type LimitsProps = UniformValues<typeof LIMITS_UNIFORMS> & { framebuffer: Framebuffer2D; viewport: { x: number; y: number; width: number; height: number } };

export interface DensityLimits {
  /** Reduces the region (x, y, width, height) of the density texture (value in red) of the given size. */
  reduce(source: Texture2D, sourceWidth: number, sourceHeight: number, x: number, y: number, width: number, height: number): void;
  /** The 1 × 1 result: red the minimum, green the maximum (after reduce). */
  readonly texture: Texture2D;
  /** Reads the result back: [min, max]. */
  read(): [number, number];
  destroy(): void;
}

export function createDensityLimits(regl: Regl): DensityLimits {
  const gl = regl._gl;
  const corners = regl.buffer([0, 0, 1, 0, 0, 1, 1, 1]);
  const levels: { texture: Texture2D; fbo: Framebuffer2D; w: number; h: number }[] = [];
  const level = (i: number, w: number, h: number) => {
    let l = levels[i];
    if (!l) {
      const texture = regl.texture({ width: w, height: h, type: 'float', format: 'rgba', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
      l = { texture, fbo: regl.framebuffer({ color: texture, depthStencil: false }), w, h };
      levels[i] = l;
    } else if (l.w !== w || l.h !== h) {
      l.fbo.resize(w, h);
      l.w = w;
      l.h = h;
    }
    return l;
  };
  // The last level is always 1 × 1: its texture exists from the start so that the colour pass can bind it.
  const result = regl.texture({ width: 1, height: 1, type: 'float', format: 'rgba', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
  const resultFbo = regl.framebuffer({ color: result, depthStencil: false });
  let pass: ((p: LimitsProps) => void) | undefined;
  const make = () =>
    guardShaders<LimitsProps>(gl, quadVert, limitsFrag, () => regl<Record<string, any>, Record<string, any>, LimitsProps>({
      vert: quadVert,
      frag: limitsFrag,
      attributes: { aCorner: corners },
      uniforms: uniformProps(regl, LIMITS_UNIFORMS),
      primitive: 'triangle strip',
      count: 4,
      framebuffer: regl.prop<LimitsProps, 'framebuffer'>('framebuffer'),
      viewport: regl.prop<LimitsProps, 'viewport'>('viewport'),
      depth: { enable: false },
      blend: { enable: false },
    }) as unknown as (p: LimitsProps) => void);

  return {
    texture: result,
    reduce(source, sw, sh, x, y, width, height) {
      pass ??= make();
      let src: Texture2D = source;
      let size = [sw, sh];
      let origin = [x, y];
      let region = [width, height];
      let first = 1;
      for (let i = 0; ; i++) {
        const w = Math.ceil((region[0] as number) / BLOCK);
        const h = Math.ceil((region[1] as number) / BLOCK);
        const last = w === 1 && h === 1;
        const target = last ? { texture: result, fbo: resultFbo } : level(i, w, h);
        pass({ uSource: src, uSourceSize: new Float32Array(size), uOrigin: new Float32Array(origin), uRegion: new Float32Array(region), uFirst: first, framebuffer: target.fbo, viewport: { x: 0, y: 0, width: w, height: h } });
        if (last) return;
        src = target.texture;
        size = [w, h];
        origin = [0, 0];
        region = [w, h];
        first = 0;
      }
    },
    read() {
      const px = new Float32Array(4);
      regl({ framebuffer: resultFbo })(() => {
        regl.read({ x: 0, y: 0, width: 1, height: 1, data: px });
      });
      return [px[0] as number, px[1] as number];
    },
    destroy() {
      for (const l of levels) {
        l.fbo.destroy();
        l.texture.destroy();
      }
      levels.length = 0;
      resultFbo.destroy();
      result.destroy();
      corners.destroy();
    },
  };
}

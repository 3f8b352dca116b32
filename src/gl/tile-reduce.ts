// GPU reduction of streamed tiles (GL layer), for stores without a pyramid: a render-to-texture pass makes a tile
// of the next synthetic level from one tile one level finer, each texel the mean of a 4 × 4 block ignoring bad
// cells (shaders/tile-reduce.frag.glsl). The result is an RGBA float texture (mean, count of base cells) that the
// heatmap shader reads as a float value texture (.r), so reduced tiles are drawn by the same path as stored ones.
import type { Framebuffer2D, Regl, Texture2D } from 'regl';
import vertSource from '../../shaders/quad.vert.glsl?raw';
import fragSource from '../../shaders/tile-reduce.frag.glsl?raw';
import { guardShaders } from './shader-check';

export interface TileReducer {
  /** Float render targets are available (WEBGL_color_buffer_float); without them nothing is reduced. */
  readonly supported: boolean;
  /** The reduced tile (ceil(cols / 4) × ceil(rows / 4) texels) of `source`: a stored tile (`fromBase`) or a reduced one. */
  reduce(source: Texture2D, fromBase: boolean): Texture2D;
  destroy(): void;
}

/** Bytes of a reduced tile texture (RGBA float). */
export const reducedBytes = (cols: number, rows: number) => cols * rows * 16;

export function createTileReducer(regl: Regl): TileReducer {
  const gl = regl._gl;
  const supported = regl.hasExtension('WEBGL_color_buffer_float') || regl.hasExtension('EXT_color_buffer_float');
  const corners = regl.buffer([0, 0, 1, 0, 0, 1, 1, 1]);
  let fbo: Framebuffer2D | undefined;
  type Props = { uSrc: Texture2D; uSrcSize: [number, number]; uFromBase: number; target: Framebuffer2D; viewport: { x: number; y: number; width: number; height: number } };
  let pass: ((p: Props) => void) | undefined;
  const command = () => {
    pass ??= guardShaders(gl, vertSource, fragSource, () =>
      regl({
        vert: vertSource,
        frag: fragSource,
        attributes: { aCorner: corners },
        uniforms: {
          uSrc: regl.prop<Props, 'uSrc'>('uSrc'),
          uSrcSize: regl.prop<Props, 'uSrcSize'>('uSrcSize'),
          uFromBase: regl.prop<Props, 'uFromBase'>('uFromBase'),
        },
        framebuffer: regl.prop<Props, 'target'>('target'),
        viewport: regl.prop<Props, 'viewport'>('viewport'),
        primitive: 'triangle strip',
        count: 4,
        depth: { enable: false },
        blend: { enable: false },
      }) as unknown as (p: Props) => void,
    );
    return pass;
  };
  return {
    supported,
    reduce(source, fromBase) {
      const cols = Math.ceil(source.width / 4);
      const rows = Math.ceil(source.height / 4);
      const out = regl.texture({ width: cols, height: rows, format: 'rgba', type: 'float', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
      // One framebuffer, re-pointed at each new texture (regl keeps a reference count per attachment, so the texture
      // outlives the re-pointing).
      if (fbo) fbo({ color: out, depthStencil: false });
      else fbo = regl.framebuffer({ color: out, depthStencil: false });
      command()({ uSrc: source, uSrcSize: [source.width, source.height], uFromBase: fromBase ? 1 : 0, target: fbo, viewport: { x: 0, y: 0, width: cols, height: rows } });
      return out;
    },
    destroy() {
      fbo?.destroy();
      corners.destroy();
    },
  };
}

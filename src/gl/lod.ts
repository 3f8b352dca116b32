// Builds the level-of-detail pyramid on the GPU (GL layer): render-to-texture passes, each texel of a level reducing
// a 4 × 4 block of the level below (shaders/reduce.frag.glsl). Only a region is redrawn after a partial upload, an
// updateRegion() or an appended row band, so live updates stay local.
import type { Framebuffer2D, Regl, Texture2D } from 'regl';
import vertSource from '../../shaders/quad.vert.glsl?raw';
import fragSource from '../../shaders/reduce.frag.glsl?raw';
import { guardShaders } from './shader-check';
import { type UniformValues, uniformProps } from './uniforms';

/** The uniforms of shaders/reduce.frag.glsl, declared once. */
export const REDUCE_UNIFORMS = { uSrc: 'sampler2D', uSrcSize: 'vec2', uSrcOffset: 'vec2', uSrcCells: 'vec2' } as const;
type ReduceUniforms = UniformValues<typeof REDUCE_UNIFORMS>;

export interface ReduceSource {
  texture: Texture2D;
  /** Texture size in texels. */
  size: [number, number];
  /** Texel of cell (0, 0): the halo of a base texture, 0 for levels. */
  offset: number;
  /** Valid cells (cols, rows) in the source. */
  cells: [number, number];
  /** 'base' reads encoded values of `storage`; 'level' reads (mean, fraction, min, max). */
  kind: 'base' | 'level';
  /** 0 float, 1 uint16, 2 uint8 (base only). */
  storage: number;
}

export interface Reducer {
  /** Compiles the programs a storage needs now, while the GPU is idle (a compile status check waits for the GPU, and
   * after a large allocation that wait is long). */
  prepare(storage: number): void;
  /** Writes texels [x0, x1) × [y0, y1) of `target` from `source`. */
  reduce(source: ReduceSource, target: Framebuffer2D, x0: number, y0: number, x1: number, y1: number): void;
  destroy(): void;
}

export function createReducer(regl: Regl): Reducer {
  const gl = regl._gl;
  const corners = regl.buffer([0, 0, 1, 0, 0, 1, 1, 1]);
  type Pass = (props: ReduceUniforms & { target: Framebuffer2D; viewport: { x: number; y: number; width: number; height: number } }) => void;
  const commands = new Map<string, Pass>();
  function make(frag: string) {
    return regl({
      vert: vertSource,
      frag,
      attributes: { aCorner: corners },
      uniforms: uniformProps(regl, REDUCE_UNIFORMS),
      framebuffer: regl.prop<never, never>('target' as never),
      viewport: regl.prop<{ viewport: { x: number; y: number; width: number; height: number } }, 'viewport'>('viewport'),
      primitive: 'triangle strip',
      count: 4,
      depth: { enable: false },
      blend: { enable: false },
    });
  }
  const command = (kind: 'base' | 'level', storage: number) => {
    const key = `${kind}|${storage}`;
    let cmd = commands.get(key);
    if (!cmd) {
      const frag = `#define HEATGL_FROM_BASE ${kind === 'base' ? 1 : 0}\n#define HEATGL_STORAGE ${storage}\n${fragSource}`;
      cmd = guardShaders(gl, vertSource, frag, () => make(frag) as unknown as Pass);
      commands.set(key, cmd);
    }
    return cmd;
  };
  return {
    prepare(storage) {
      command('base', storage);
      command('level', 0);
    },
    reduce(s, target, x0, y0, x1, y1) {
      if (x1 <= x0 || y1 <= y0) return;
      const cmd = command(s.kind, s.kind === 'base' ? s.storage : 0);
      cmd({
        uSrc: s.texture,
        uSrcSize: s.size,
        uSrcOffset: [s.offset, s.offset],
        uSrcCells: s.cells,
        target,
        viewport: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
      });
    },
    destroy() {
      corners.destroy();
    },
  };
}

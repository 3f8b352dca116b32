// The uniforms of the density shaders (GL layer), declared once: shaders/density-splat.{vert,frag}.glsl and
// shaders/density-color.frag.glsl. src/gl/density-layer.ts derives its regl props and value types from these lists.
import type { UniformValues } from './uniforms';

export const SPLAT_UNIFORMS = {
  uViewOrigin: 'vec2',
  uPxPerUnit: 'vec2',
  uPadPx: 'float',
  uViewportPx: 'vec2',
  uTileOffsetPx: 'vec2',
  uSpritePx: 'float',
  uInvScalePx: 'vec2',
  uNorm: 'float',
  uTilePx: 'float',
  uTiles: 'vec2',
  uTileIndex: 'vec2',
} as const;

export const COLOR_UNIFORMS = {
  uDensity: 'sampler2D',
  uSizePx: 'vec2',
  uPadPx: 'vec2',
  uMean: 'float',
  uLut: 'sampler2D',
  uLutSize: 'float',
  uRange: 'vec2',
  uOpacity: 'float',
  uLimits: 'sampler2D',
  uAutoLimits: 'float',
} as const;

export type SplatUniforms = UniformValues<typeof SPLAT_UNIFORMS>;
export type ColorUniforms = UniformValues<typeof COLOR_UNIFORMS>;

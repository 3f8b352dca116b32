// The uniforms of shaders/heatmap.vert.glsl and shaders/heatmap.frag.glsl (GL layer), declared once: the draw command
// (src/gl/heatmap-layer.ts) derives its regl props and the type of its per-tile values from this list.
import type { UniformValues } from './uniforms';

export const HEATMAP_UNIFORMS = {
  uRect: 'vec4',
  uView: 'mat4',
  uValues: 'sampler2D',
  uQuant: 'vec2',
  uFilledRows: 'float',
  uLevel: 'sampler2D',
  uLevelSize: 'vec2',
  uLevelScale: 'float',
  uLevelDecode: 'vec2',
  uRing: 'vec2',
  uTileOrigin: 'vec2',
  uTileSize: 'vec2',
  uTexSize: 'vec2',
  uHalo: 'float',
  uMatrixSize: 'vec2',
  uViewOrigin: 'vec2',
  uCellsPerPixel: 'vec2',
  uViewportHeight: 'float',
  uXEdges: 'sampler2D',
  uYEdges: 'sampler2D',
  uXEdgesSize: 'vec2',
  uYEdgesSize: 'vec2',
  uEdgeCount: 'vec2',
  uEdgeFlip: 'vec2',
  uLut: 'sampler2D',
  uLutSize: 'float',
  uNorm: 'vec4',
  uBounds: 'sampler2D',
  uBoundsWidth: 'float',
  uUnderColor: 'vec4',
  uOverColor: 'vec4',
  uBadColor: 'vec4',
  uLineWidthPx: 'float',
  uLineColor: 'vec4',
} as const;

export type HeatmapUniforms = UniformValues<typeof HEATMAP_UNIFORMS>;

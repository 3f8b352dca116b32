// The colormap LUT as an N×1 RGBA8 texture, NEAREST (GL layer). The shader picks texel floor(t * N) itself.
import type { Regl, Texture2D } from 'regl';
import type { Colormap } from '../core/colormaps';

export interface LutTexture {
  readonly texture: Texture2D;
  set(lut: Colormap): void;
  destroy(): void;
}

export function createLutTexture(regl: Regl): LutTexture {
  const texture = regl.texture({ width: 1, height: 1, format: 'rgba', type: 'uint8', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
  return {
    texture,
    set(lut) {
      texture({ width: lut.n, height: 1, data: lut.rgba, format: 'rgba', type: 'uint8', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
    },
    destroy: () => texture.destroy(),
  };
}

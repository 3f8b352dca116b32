#define SHADER_NAME density-splat.frag
// One point's kernel at one pixel centre of its sprite, added (blend ONE, ONE) into a float framebuffer: red Σ w·K, green Σ K.
// K is src/core/density.ts kernelValue: uNorm · profile(u), u the distance in units of h, cut at the support.
precision highp float;

#ifndef DENSITY_KERNEL
#define DENSITY_KERNEL 0
#endif

uniform vec2 uInvScalePx;   // 1 / h in framebuffer pixels along x and y
uniform float uNorm;        // c / (hx hy) for a bandwidth in data units, c / r^2 for radiusPixels
uniform float uTilePx;      // side of the square each sprite owns
uniform vec2 uTiles;        // tiles per axis around each point
uniform vec2 uTileIndex;    // the tile this pass draws

varying vec2 vCentrePx;
varying float vWeight;

// Kernel profiles (0 gaussian, 1 Epanechnikov, 2 box) and their support in u^2; the gaussian is cut at 4 sigma.
float support2() {
#if DENSITY_KERNEL == 0
  return 16.0;
#else
  return 1.0;
#endif
}

float profile(float u2) {
#if DENSITY_KERNEL == 0
  return exp(-0.5 * u2);
#elif DENSITY_KERNEL == 1
  return 1.0 - u2;
#else
  return 1.0;
#endif
}

void main() {
  // gl_FragCoord.xy is the pixel centre; vCentrePx is the same for the whole sprite.
  vec2 rel = gl_FragCoord.xy - vCentrePx;
  // Every pass computes the owner tile with the same expression: a pixel is counted once, whatever the sprites'
  // overlap (with several tiles each is drawn a pixel larger than its square).
  vec2 tile = floor(rel / uTilePx + 0.5 * uTiles);
  if (tile != uTileIndex) discard;
  vec2 d = rel * uInvScalePx;
  float u2 = dot(d, d);
  if (u2 >= support2()) discard;
  float k = uNorm * profile(u2);
  gl_FragColor = vec4(vWeight * k, k, 0.0, 0.0);
}

#define SHADER_NAME density-splat.vert
// One point as a point sprite (gl.POINTS: one vertex per point, far cheaper than instanced quads on SwiftShader).
// A kernel wider than the largest sprite is drawn in several passes, each pass one tile of a grid of sprites around
// the point; the fragment shader keeps only the pixels its tile owns. Framebuffer pixels are the view's pixels
// shifted by a padding, so that a sprite reaching into the view never has its centre outside the viewport (GL
// discards points whose centre is clipped).
precision highp float;

attribute vec2 aPoint;       // data coordinates minus the data origin (float32)
attribute float aWeight;     // a constant 1 without weights
uniform vec2 uViewOrigin;    // data coordinates (minus the origin) at the view's bottom-left corner
uniform vec2 uPxPerUnit;     // signed view pixels per data unit along x and y
uniform float uPadPx;        // framebuffer pixels around the view
uniform vec2 uViewportPx;    // framebuffer size in pixels
uniform vec2 uTileOffsetPx;  // this pass's sprite centre minus the point's centre
uniform float uSpritePx;     // sprite size in pixels

varying vec2 vCentrePx;
varying float vWeight;

void main() {
  // Both operands are float32 values of similar size when the point is in view: the difference is exact.
  vec2 centre = (aPoint - uViewOrigin) * uPxPerUnit + uPadPx;
  vCentrePx = centre;
  vWeight = aWeight;
  gl_Position = vec4((centre + uTileOffsetPx) / uViewportPx * 2.0 - 1.0, 0.0, 1.0);
  gl_PointSize = uSpritePx;
}

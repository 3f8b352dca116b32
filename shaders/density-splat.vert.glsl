#define SHADER_NAME density-splat.vert
// One point as an instanced quad covering its kernel's support (plus a pixel) in framebuffer pixels. The fragment
// shader evaluates the kernel at each covered pixel centre; the quad only has to contain every such centre.
precision highp float;

attribute vec2 aCorner;     // quad corner, -1..1
attribute vec2 aPoint;      // data coordinates minus the data origin (float32, per instance)
attribute float aWeight;    // per instance (a constant 1 without weights)
uniform vec2 uViewOrigin;   // data coordinates (minus the origin) at framebuffer pixel (0, 0), the bottom-left corner
uniform vec2 uPxPerUnit;    // signed framebuffer pixels per data unit along x and y
uniform vec2 uSupportPx;    // kernel support radius in framebuffer pixels along x and y
uniform vec2 uViewportPx;   // framebuffer size in pixels

varying vec2 vCentrePx;
varying float vWeight;

void main() {
  // Both operands are float32 values of similar size when the point is in view: the difference is exact.
  vec2 centre = (aPoint - uViewOrigin) * uPxPerUnit;
  vCentrePx = centre;
  vWeight = aWeight;
  vec2 corner = centre + aCorner * (uSupportPx + 1.0);
  gl_Position = vec4(corner / uViewportPx * 2.0 - 1.0, 0.0, 1.0);
}

#define SHADER_NAME density-bin.vert
// Binning on the GPU (src/gl/density-binned.ts): one point as a 4 × 4 point sprite over the grid nodes its cubic
// Lagrange stencil reaches (nodes j − 1 … j + 2 per axis, src/core/density-binning.ts binPoints), framebuffer texel k
// being node k. Points whose stencil would leave the grid's inner range are dropped (outside the clip volume).
precision highp float;

attribute vec2 aPoint;      // data coordinates minus the data origin (float32)
attribute float aWeight;    // a constant 1 without weights
uniform vec2 uViewOrigin;   // data coordinates (minus the origin) at the view's bottom-left corner
uniform vec2 uPxPerUnit;    // signed view pixels per data unit along x and y
uniform vec2 uNode0;        // view pixel coordinates of node (0, 0)
uniform vec2 uNodeStep;     // node spacing in pixels
uniform vec2 uGridSize;     // nodes per row, rows

varying vec2 vBase;         // node j of the stencil's second column / row
varying vec2 vFrac;         // the point's offset from it, in nodes (0..1)
varying float vWeight;

void main() {
  // Both operands are float32 values of similar size when the point is in view: the difference is exact.
  vec2 px = (aPoint - uViewOrigin) * uPxPerUnit;
  vec2 t = (px - uNode0) / uNodeStep;
  vec2 j = floor(t);
  vBase = j;
  vFrac = t - j;
  vWeight = aWeight;
  bool inside = t.x >= 1.0 && t.x < uGridSize.x - 2.0 && t.y >= 1.0 && t.y < uGridSize.y - 2.0;
  gl_Position = inside ? vec4((j + 1.0) / uGridSize * 2.0 - 1.0, 0.0, 1.0) : vec4(2.0, 2.0, 2.0, 1.0);
  gl_PointSize = 4.0;
}

#define SHADER_NAME heatmap.vert
// One quad of a value tile in cell coordinates (col, row) relative to an integer reference cell, projected by uView.
// The fragment shader decides which cell a pixel shows, from the pixel's position vPx (device pixels, y down; it snaps
// it to the pixel centre), from the interpolated data position vData, or from its texture coordinate vTex.
precision highp float;

attribute vec2 aCorner;     // unit-quad corner, 0..1
uniform vec4 uRect;         // drawn rectangle in cell coordinates relative to the reference: (col0, row0, col1, row1)
uniform mat4 uView;         // those coordinates -> clip space (row 0 at the top)
uniform vec2 uViewportSize; // device pixels (the viewport starts at 0, 0)
uniform vec2 uTieBias;      // cells added to vData (see heatmap.frag.glsl)
uniform vec2 uSampleScale;  // vData -> texture coordinate of the texture HEATGL_SNAP 2 samples: vData * scale + offset
uniform vec2 uSampleOffset;
varying vec2 vPx;
varying vec2 vData;
varying vec2 vTex;

void main() {
  vec2 cell = mix(uRect.xy, uRect.zw, aCorner);
  gl_Position = uView * vec4(cell, 0.0, 1.0);
  vData = cell + uTieBias;
  vTex = vData * uSampleScale + uSampleOffset;
  vPx = vec2(gl_Position.x + 1.0, 1.0 - gl_Position.y) * (0.5 * uViewportSize);
}

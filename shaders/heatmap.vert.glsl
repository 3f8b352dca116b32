#define SHADER_NAME heatmap.vert
// One value tile: a quad over the visible part of the tile (widened by a pixel so seams are always covered),
// in cell coordinates (col, row), projected by uView. The fragment shader decides which cell a pixel shows.
precision highp float;

attribute vec2 aCorner;     // unit-quad corner, 0..1
uniform vec4 uRect;         // drawn rectangle in cell coordinates: (col0, row0, col1, row1)
uniform mat4 uView;         // cell coordinates -> clip space (row 0 at the top)

void main() {
  vec2 cell = mix(uRect.xy, uRect.zw, aCorner);
  gl_Position = uView * vec4(cell, 0.0, 1.0);
}

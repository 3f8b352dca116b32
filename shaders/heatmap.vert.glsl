#define SHADER_NAME heatmap.vert
// One value tile: a quad over the visible part of the tile, in cell coordinates (col, row), projected by uView.
precision highp float;

attribute vec2 aCorner;     // unit-quad corner, 0..1
uniform vec4 uRect;         // drawn rectangle in cell coordinates: (col0, row0, col1, row1)
uniform vec2 uTileOrigin;   // (col, row) of the tile's first cell
uniform vec2 uTileSize;     // tile size in cells: (cols, rows)
uniform mat4 uView;         // cell coordinates -> clip space (row 0 at the top)
varying vec2 vTexCoord;     // tile texture coordinate, 0..1

void main() {
  vec2 cell = mix(uRect.xy, uRect.zw, aCorner);
  vTexCoord = (cell - uTileOrigin) / uTileSize;
  gl_Position = uView * vec4(cell, 0.0, 1.0);
}

#define SHADER_NAME heatmap.frag
// Pixel -> cell -> value -> colour. The cell comes from gl_FragCoord with the same arithmetic in every tile, so tiled
// and untiled pictures are identical; pixels whose cell lies outside this tile are left to the neighbouring tile.
// Colour: seaborn/matplotlib normalisation t = (v - vmin) / (vmax - vmin) (0 when vmin == vmax), LUT index
// floor(t * N) clamped to [0, N - 1].
precision highp float;

uniform sampler2D uValues;      // LUMINANCE float texture, NEAREST; NaN, +-Infinity and masked cells hold +Infinity
uniform vec2 uTileOrigin;       // (col, row) of the tile's first cell
uniform vec2 uTileSize;         // tile size in cells: (cols, rows)
uniform vec2 uViewOrigin;       // cell coordinates at the viewport's top-left corner
uniform vec2 uCellsPerPixel;    // cells per device pixel along x and y
uniform float uViewportHeight;  // device pixels
uniform sampler2D uLut;         // N x 1 RGBA8 colormap, NEAREST, straight alpha
uniform float uLutSize;         // N
uniform float uVmin;
uniform float uRange;           // vmax - vmin
uniform vec4 uBadColor;         // premultiplied RGBA for bad cells
uniform float uLineWidthPx;     // grid line width in whole device pixels (0: no lines)
uniform vec4 uLineColor;        // premultiplied RGBA, alpha already scaled for sub-pixel widths and fading

// Bad cells are uploaded as +Infinity: a comparison survives every compiler, a NaN test (v != v) may not.
const float BAD_THRESHOLD = 3.4e38;

// 1.0 when pixel index floor(p) lies on the grid line nearest to p along one axis. The line is snapped to whole
// pixels (like matplotlib's Agg snapping) so it is crisp at every zoom: w pixels starting floor(w / 2) before the
// pixel edge closest to the cell boundary.
float onLine(float p, float cellCoord, float cellPx, float w) {
  float f = fract(cellCoord) * cellPx;
  float boundary = f < 0.5 * cellPx ? p - f : p + (cellPx - f);
  float first = floor(boundary + 0.5) - floor(w * 0.5);
  float i = floor(p);
  return (i >= first && i < first + w) ? 1.0 : 0.0;
}

void main() {
  vec2 devPx = vec2(gl_FragCoord.x, uViewportHeight - gl_FragCoord.y);
  vec2 cellPos = uViewOrigin + devPx * uCellsPerPixel;
  vec2 local = floor(cellPos) - uTileOrigin;
  if (local.x < 0.0 || local.y < 0.0 || local.x >= uTileSize.x || local.y >= uTileSize.y) discard;
  float v = texture2D(uValues, (local + 0.5) / uTileSize).r;
  if (v > BAD_THRESHOLD) {
    gl_FragColor = uBadColor;
    return;
  }
  float t = uRange > 0.0 ? (v - uVmin) / uRange : 0.0;
  float k = clamp(floor(t * uLutSize), 0.0, uLutSize - 1.0);
  vec4 c = texture2D(uLut, vec2((k + 0.5) / uLutSize, 0.5));
  c = vec4(c.rgb * c.a, c.a);
  if (uLineWidthPx > 0.0) {
    vec2 cellPx = 1.0 / uCellsPerPixel;
    float line = max(onLine(devPx.x, cellPos.x, cellPx.x, uLineWidthPx), onLine(devPx.y, cellPos.y, cellPx.y, uLineWidthPx));
    c = mix(c, uLineColor, line);
  }
  gl_FragColor = c;
}

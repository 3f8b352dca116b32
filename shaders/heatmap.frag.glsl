#define SHADER_NAME heatmap.frag
// Pixel -> cell -> value -> colour. The cell comes from the pixel's centre with the same arithmetic in every tile, so
// tiled and untiled pictures are identical; pixels whose cell lies outside this tile are left to the neighbouring tile.
// Software rasterisers pay for every operation of a pixel: divisions are multiplications by reciprocals the CPU
// computed (uTexScale, uLutCoord, uNormScale, uLevelStep), the pixel centre comes from a varying, not gl_FragCoord
// (which ANGLE rewrites with a flip per pixel), and where texels are small on screen the sampler floors a texture
// coordinate varying itself (HEATGL_SNAP 2).
// Colour: matplotlib's cmap(norm(v)) for the norms of src/core/norms.ts (shaderParams documents the formulas): the
// LUT index floor(t * N), under/over colours beyond the range, BoundaryNorm's integer bins by binary search.
precision highp float;

// Variants: src/gl/heatmap-layer.ts compiles one program per combination actually used, with these defines first,
// so a pixel only runs its own path (SwiftShader pays for every branch it compiles, taken or not).
#ifndef HEATGL_NORM
#define HEATGL_NORM 0
#endif
#ifndef HEATGL_GRID
#define HEATGL_GRID 0
#endif
#ifndef HEATGL_INTERP
#define HEATGL_INTERP 0
#endif
// Base storage: 0 float (float32 / float16), 1 uint16 as LUMINANCE_ALPHA bytes (hi, lo), 2 uint8.
#ifndef HEATGL_STORAGE
#define HEATGL_STORAGE 0
#endif
// Level of detail: 0 the base texture, else a pyramid level reduced by 1 mean, 2 max, 3 min.
#ifndef HEATGL_LOD
#define HEATGL_LOD 0
#endif
// 1 when rows live in a ring buffer (appendRows): physical row = (row + offset) mod rows.
#ifndef HEATGL_RING
#define HEATGL_RING 0
#endif
// 1 when grid lines are drawn (linewidths > 0 and cells big enough for them).
#ifndef HEATGL_LINES
#define HEATGL_LINES 0
#endif
// 1 when a pixel may fall outside this tile or its uploaded rows (several tiles, a partial upload, a ring buffer, a
// grid): such pixels are discarded. 0 for a whole matrix in one loaded tile, whose quad is exactly the matrix (the
// common case: no discard, which costs software rasterisers much).
#ifndef HEATGL_CLIP
#define HEATGL_CLIP 1
#endif
// 1 when, for the linear norm, under / over take the colormap's end colours and those are opaque: the LUT index is
// then simply clamped (the same colours, fewer selects).
#ifndef HEATGL_ENDS
#define HEATGL_ENDS 0
#endif
// 0 when no cell can be bad (no mask, every value finite): the bad-colour select is left out.
#ifndef HEATGL_BAD
#define HEATGL_BAD 1
#endif
// 1 when every LUT colour is opaque: premultiplying by alpha changes nothing and is left out.
#ifndef HEATGL_OPAQUE
#define HEATGL_OPAQUE 0
#endif
// How a pixel finds its data position. 1: from its centre, as uViewOrigin + centre * uCellsPerPixel + uTieBias, the
// same in every quad (quads that discard, grids, grid lines, interpolation). 0: the interpolated vData (plain cells),
// off by interpolation error only (up to ~0.03 px on SwiftShader). 2: plain cells whose texels (base or level) span
// at most SAMPLER_TEXEL_PX = 8 device pixels: the interpolated texture coordinate vTex goes straight to the NEAREST
// sampler, which floors it to the texel (no per-pixel arithmetic; the bias below is then >= 1/152 texel, above the
// 1/256 sub-texel precision GPUs must have). All run TIE_PX = 1/19 px ahead (src/gl/heatmap-layer.ts): a centre exactly on a cell edge
// shows the cell after it, whichever way interpolation rounds; one less than 1/19 px before an edge may show the next
// cell.
#ifndef HEATGL_SNAP
#define HEATGL_SNAP 1
#endif

#if HEATGL_SNAP == 1
varying vec2 vPx;               // device pixel position (y down), within a hair of the truth
#elif HEATGL_SNAP == 0
varying vec2 vData;             // data position relative to uCellRef (TIE_PX ahead)
#else
varying vec2 vTex;              // texture coordinate of that position in the sampled texture (uValues or uLevel)
#endif
uniform vec2 uCellRef;          // the integer cell the quads, uView and vData are relative to (0 with a grid or ring)
uniform vec2 uTieBias;          // TIE_PX of a pixel in cells along each axis (0 for a grid)


uniform sampler2D uValues;      // base texture, NEAREST: float (bad cells +Infinity) or integer codes (bad: top code)
uniform vec2 uQuant;            // integer storage: value = uQuant.x + code * uQuant.y
uniform float uFilledRows;      // texture rows of uValues uploaded so far; pixels below stay transparent
uniform sampler2D uLevel;       // pyramid level (RGBA: mean, valid fraction, min, max), NEAREST
uniform vec2 uLevelTexScale;    // 1 / its size in texels
uniform float uLevelStep;       // level texels per cell along each side (4^-level, exact)
uniform vec2 uLevelOffset;      // ((uCellRef - uTileOrigin) * uLevelStep + 0.5) * uLevelTexScale (uCellRef on a texel corner)
uniform vec2 uLevelDecode;      // value = uLevelDecode.x + stat * uLevelDecode.y
uniform vec2 uRing;             // ring buffer: (offset, rows)
uniform vec2 uTileOrigin;       // (col, row) of the tile's first cell
uniform vec2 uTileSize;         // tile size in cells: (cols, rows)
uniform vec2 uTexScale;         // 1 / texture size in texels (the tile plus uHalo cells on every side)
uniform vec2 uTexOffset;        // (uCellRef + uHalo + 0.5 - uTileOrigin) * uTexScale: coordinate = (cell - uCellRef) * uTexScale + this
uniform float uHalo;            // cells of the neighbouring tiles copied around this one
uniform vec2 uMatrixSize;       // (cols, rows) of the whole matrix
uniform vec2 uViewOrigin;       // data coordinates at the viewport's top-left corner
uniform vec2 uCellsPerPixel;    // signed data units per device pixel along x (rightwards) and y (downwards)
uniform sampler2D uXEdges;      // grid: column edges, increasing, float, rows of uXEdgesSize.x texels
uniform sampler2D uYEdges;      // grid: row edges, increasing
uniform vec2 uXEdgesSize;       // texture size of uXEdges
uniform vec2 uYEdgesSize;
uniform vec2 uEdgeCount;        // cols + 1, rows + 1
uniform vec2 uEdgeFlip;         // 1 where the user's edges decrease (the textures hold them reversed)
uniform sampler2D uLut;         // N x 1 RGBA8 colormap, NEAREST, straight alpha
uniform float uLutSize;         // N
uniform vec2 uLutCoord;         // (1 / N, 0.5 / N): LUT entry k is at k * x + y
uniform float uNormScale;       // linear norm: N / b (0 when b is 0), so LUT index = floor((v - a) * uNormScale)
uniform vec4 uNorm;             // a, b, c, d of shaderParams
uniform sampler2D uBounds;      // BoundaryNorm: row 0 the boundaries, row 1 the bin indices (float, NEAREST)
uniform float uBoundsWidth;     // texels per row of uBounds
uniform vec4 uUnderColor;       // premultiplied RGBA below the range
uniform vec4 uOverColor;        // premultiplied RGBA above the range
uniform vec4 uBadColor;         // premultiplied RGBA for bad cells
uniform float uLineWidthPx;     // grid line width in whole device pixels (0: no lines)
uniform vec4 uLineColor;        // premultiplied RGBA, alpha already scaled for sub-pixel widths and fading

// Bad cells are uploaded as +Infinity: a comparison survives every compiler, a NaN test (v != v) may not.
const float BAD_THRESHOLD = 3.4e38;
const float UNDER = -1.0;
const float OVER = -2.0;
const float BAD = -3.0;

// Colormap.__call__ on a normalised float: under below 0, over above N, t = 1 is the last colour.
// Selects rather than branches: SwiftShader runs straight-line code faster.
float lutIndexOf(float t) {
  float x = t * uLutSize;
  float k = min(floor(x), uLutSize - 1.0);
  k = x < 0.0 ? UNDER : k;
  return x > uLutSize ? OVER : k;
}

#if HEATGL_NORM == 4
float boundsAt(float i, float row) {
  return texture2D(uBounds, vec2((i + 0.5) / uBoundsWidth, row)).r;
}
#endif

// The LUT index for value v, or UNDER / OVER / BAD.
float colorIndex(float v) {
  float a = uNorm.x;
  float b = uNorm.y;
  float c = uNorm.z;
  float d = uNorm.w;
  float t = 0.0;
#if HEATGL_NORM == 0
  t = b == 0.0 ? 0.0 : (v - a) / b;
#elif HEATGL_NORM == 1
  // A degenerate log range maps everything to the first colour, non-positive values included (matplotlib).
  if (b == 0.0) return 0.0;
  if (v <= 0.0) return BAD;
  t = (log(v) * c - a) / b;
#elif HEATGL_NORM == 2
  float av = abs(v);
  t = (av <= a ? v * b : sign(v) * (a * b + c * log(av / a))) - d;
#elif HEATGL_NORM == 3
  t = d == 0.0 ? 0.0 : (v <= a ? 0.0 : pow(v - a, c) / d);
#elif HEATGL_NORM == 4
  {
    // Number of boundaries <= v by binary search (up to 2^16 boundaries), then matplotlib's bin index.
    float lo = 0.0;
    float hi = a;
    for (int i = 0; i < 17; i++) {
      if (lo >= hi) break;
      float mid = floor((lo + hi) * 0.5);
      if (boundsAt(mid, 0.25) <= v) lo = mid + 1.0;
      else hi = mid;
    }
    float k = boundsAt(lo, 0.75);
    if (k < 0.0) return UNDER;
    if (k > uLutSize - 1.0) return OVER;
    return k;
  }
#else
  if (v < a) return UNDER;
  if (v > c) return OVER;
  t = v == c ? 1.0 : (v >= b ? 0.5 + (v - b) * (0.5 / (c - b)) : (v - a) * (0.5 / (b - a)));
#endif
  return lutIndexOf(t);
}

#if HEATGL_LINES == 1
// 1.0 when pixel index floor(p) lies on the grid line nearest to p along one axis. `f` is the distance in pixels
// from the cell's lower-valued edge, `dir` the screen direction of growing data (+1 or -1). The line is snapped to
// whole pixels (like matplotlib's Agg snapping) so it is crisp at every zoom: w pixels starting floor(w / 2) before
// the pixel edge closest to the cell boundary.
float onLine(float p, float f, float cellPx, float dir, float w) {
  float boundary = f < 0.5 * cellPx ? p - dir * f : p + dir * (cellPx - f);
  float first = floor(boundary + 0.5) - floor(w * 0.5);
  float i = floor(p);
  return (i >= first && i < first + w) ? 1.0 : 0.0;
}
#endif

// A base texel as a value (bad cells above BAD_THRESHOLD).
float decodeBase(vec4 t) {
#if HEATGL_STORAGE == 0
  return t.r;
#else
  float q = floor(t.r * 255.0 + 0.5);
  float top = 254.5;
#if HEATGL_STORAGE == 1
  q = q * 256.0 + floor(t.a * 255.0 + 0.5);
  top = 65534.5;
#endif
  return q > top ? 3.5e38 : uQuant.x + q * uQuant.y;
#endif
}

// Physical row of a logical row (ring buffer of appendRows).
float physicalRow(float row) {
#if HEATGL_RING == 1
  return mod(row + uRing.x, uRing.y);
#else
  return row;
#endif
}

// The value of a matrix cell (global column, row), clamped to the matrix; only cells within uHalo of this tile.
float fetch(vec2 cell) {
  vec2 g = clamp(cell, vec2(0.0), uMatrixSize - 1.0);
  g.y = physicalRow(g.y);
  return decodeBase(texture2D(uValues, (g - uCellRef) * uTexScale + uTexOffset));
}

#if HEATGL_INTERP == 2
// Agg's bicubic filter (matplotlib's 'bicubic'): the cubic B-spline weight at distance x.
float bspline(float x) {
  float a = abs(x);
  if (a < 1.0) return (4.0 - 6.0 * a * a + 3.0 * a * a * a) / 6.0;
  if (a < 2.0) return (2.0 - a) * (2.0 - a) * (2.0 - a) / 6.0;
  return 0.0;
}
#endif

#if HEATGL_INTERP > 0
// Interpolated value at continuous cell position p (cell centres at i + 0.5). Bad neighbours get no weight; when
// they would carry more than half of it the pixel is bad, so NaN never bleeds into valid cells.
float interpolated(vec2 p) {
  vec2 u = p - 0.5;
  vec2 i0 = floor(u);
  vec2 t = u - i0;
  float sum = 0.0;
  float weight = 0.0;
  float bad = 0.0;
#if HEATGL_INTERP == 1
  {
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < 2; i++) {
        vec2 o = vec2(float(i), float(j));
        float w = (o.x > 0.5 ? t.x : 1.0 - t.x) * (o.y > 0.5 ? t.y : 1.0 - t.y);
        float v = fetch(i0 + o);
        if (v > BAD_THRESHOLD) bad += w;
        else {
          sum += w * v;
          weight += w;
        }
      }
    }
  }
#else
  {
    for (int j = -1; j < 3; j++) {
      for (int i = -1; i < 3; i++) {
        vec2 o = vec2(float(i), float(j));
        float w = bspline(t.x - o.x) * bspline(t.y - o.y);
        float v = fetch(i0 + o);
        if (v > BAD_THRESHOLD) bad += w;
        else {
          sum += w * v;
          weight += w;
        }
      }
    }
  }
#endif
  if (bad > 0.5 * (bad + weight) || weight <= 0.0) return 3.5e38;
  return sum / weight;
}
#endif

#if HEATGL_GRID == 1
float edgeAt(sampler2D edges, vec2 size, float i) {
  float row = floor(i / size.x);
  return texture2D(edges, vec2((i - row * size.x + 0.5) / size.x, (row + 0.5) / size.y)).r;
}

// Cell index along one axis of a grid and where inside it d lies: (index, fraction from the lower-valued edge,
// cell length in data units). The index is -1 outside. Binary search over up to 2^24 edges.
vec3 gridCell(sampler2D edges, vec2 size, float count, float flip, float d) {
  float lo = 0.0;
  float hi = count;
  for (int i = 0; i < 25; i++) {
    if (lo >= hi) break;
    float mid = floor((lo + hi) * 0.5);
    if (edgeAt(edges, size, mid) <= d) lo = mid + 1.0;
    else hi = mid;
  }
  float j = lo - 1.0;
  if (j < 0.0 || j > count - 2.0) return vec3(-1.0, 0.0, 1.0);
  float e0 = edgeAt(edges, size, j);
  float len = edgeAt(edges, size, j + 1.0) - e0;
  return vec3(flip > 0.5 ? count - 2.0 - j : j, (d - e0) / len, len);
}
#endif

void main() {
  // The cell (or pyramid texel) from the pixel's centre, the interpolated data position or the interpolated texture
  // coordinate (HEATGL_SNAP 1, 0, 2).
  float v = 0.0;
#if HEATGL_LOD > 0
  vec2 levelAt;
#endif
#if HEATGL_SNAP == 2
  // The sampler picks the texel holding the position (base cell or pyramid texel).
#if HEATGL_LOD > 0
  levelAt = vTex;
#else
  v = decodeBase(texture2D(uValues, vTex));
#endif
#else
  vec2 cell;
  vec2 frac;
  vec2 rel;
#if HEATGL_SNAP == 1
  vec2 devPx = floor(vPx) + 0.5;
  vec2 dataPos = uViewOrigin + devPx * uCellsPerPixel + uTieBias;
  cell = floor(dataPos);
  frac = dataPos - cell;
#else
  rel = floor(vData);
  frac = vData - rel;
  cell = rel + uCellRef;
#endif
  vec2 cellLen = vec2(1.0);
#if HEATGL_GRID == 1
  {
    vec3 gx = gridCell(uXEdges, uXEdgesSize, uEdgeCount.x, uEdgeFlip.x, dataPos.x);
    vec3 gy = gridCell(uYEdges, uYEdgesSize, uEdgeCount.y, uEdgeFlip.y, dataPos.y);
    if (gx.x < 0.0 || gy.x < 0.0) discard;
    cell = vec2(gx.x, gy.x);
    frac = vec2(gx.y, gy.y);
    cellLen = vec2(gx.z, gy.z);
  }
#endif
#if HEATGL_SNAP == 1
  rel = cell - uCellRef;
#endif
  vec2 local = vec2(cell.x, physicalRow(cell.y)) - uTileOrigin;
#if HEATGL_CLIP == 1
  if (local.x < 0.0 || local.y < 0.0 || local.x >= uTileSize.x || local.y >= uTileSize.y) discard;
  if (local.y + uHalo >= uFilledRows) discard;
#endif
#if HEATGL_LOD > 0
  // Zoomed out: the pyramid texel holding this cell, reduced before the colormap (mean, max or min).
#if HEATGL_SNAP == 1
  levelAt = (floor(local * uLevelStep) + 0.5) * uLevelTexScale;
#else
  levelAt = floor(vData * uLevelStep) * uLevelTexScale + uLevelOffset;
#endif
#endif
#endif
#if HEATGL_LOD > 0
  vec4 s = texture2D(uLevel, levelAt);
  float stat = s.b;
#if HEATGL_LOD == 1
  stat = s.r;
#elif HEATGL_LOD == 2
  stat = s.a;
#endif
#if HEATGL_STORAGE == 0
  v = stat;
#else
  v = uLevelDecode.x + stat * uLevelDecode.y;
#endif
#if HEATGL_BAD == 1
  v = s.g > 0.0 ? v : 3.5e38;
#endif
#elif HEATGL_SNAP != 2
  // The nearest cell decides whether the pixel is bad: masked and NaN cells stay exactly as drawn without
  // interpolation.
  v = decodeBase(texture2D(uValues, vec2(rel.x, physicalRow(rel.y)) * uTexScale + uTexOffset));
#if HEATGL_INTERP > 0
  if (v <= BAD_THRESHOLD) v = interpolated(vec2(cell.x, cell.y) + frac);
#endif
#endif
  float k = 0.0;
  bool bad = false;
  vec4 c = vec4(0.0);
#if HEATGL_ENDS == 1 && HEATGL_NORM == 0
  // colorIndex's linear case with under / over clamped to the end colours they equal.
  k = clamp(floor((v - uNorm.x) * uNormScale), 0.0, uLutSize - 1.0);
  c = texture2D(uLut, vec2(k * uLutCoord.x + uLutCoord.y, 0.5));
#if HEATGL_OPAQUE == 0
  c = vec4(c.rgb * c.a, c.a);
#endif
#if HEATGL_BAD == 1
  bad = v > BAD_THRESHOLD;
  c = bad ? uBadColor : c;
#endif
#else
  // Every pixel reads the LUT and then selects under / over / bad: no branches on the common path.
  k = colorIndex(v);
  bad = v > BAD_THRESHOLD || k == BAD;
  c = texture2D(uLut, vec2(max(k, 0.0) * uLutCoord.x + uLutCoord.y, 0.5));
#if HEATGL_OPAQUE == 0
  c = vec4(c.rgb * c.a, c.a);
#endif
  c = k == UNDER ? uUnderColor : c;
  c = k == OVER ? uOverColor : c;
  c = bad ? uBadColor : c;
#endif
#if HEATGL_LINES == 1
  {
    vec2 cellPx = cellLen / abs(uCellsPerPixel);
    vec2 dir = sign(uCellsPerPixel);
    float line = max(onLine(devPx.x, frac.x * cellPx.x, cellPx.x, dir.x, uLineWidthPx), onLine(devPx.y, frac.y * cellPx.y, cellPx.y, dir.y, uLineWidthPx));
    // Bad (masked, NaN) cells are not drawn at all, lines included, as matplotlib leaves masked quads out.
    c = bad ? c : mix(c, uLineColor, line);
  }
#endif
  gl_FragColor = c;
}

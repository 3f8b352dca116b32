#define SHADER_NAME reduce.frag
// One level of the level-of-detail pyramid: each texel combines a 4 × 4 block of the level below (the base values
// or a coarser level) into (mean, valid fraction, min, max), ignoring bad cells. Written into an RGBA render target
// whose texel (i, j) covers cells [4i, 4i + 4) × [4j, 4j + 4) of the level below (texel rows follow the cell rows).
// Values are kept in "level units": the value itself for float storage, code / qmax for the quantised storages, so
// that 8-bit levels of 'uint8' data keep their full precision.
//
// The 16 reads are written out without loops or branches: SwiftShader (software GL) runs straight-line code several
// times faster than a loop with `continue`.
precision highp float;

#ifndef HEATGL_FROM_BASE
#define HEATGL_FROM_BASE 1
#endif
// Base storage (only read when HEATGL_FROM_BASE is 1): 0 float, 1 uint16 as LUMINANCE_ALPHA bytes, 2 uint8.
#ifndef HEATGL_STORAGE
#define HEATGL_STORAGE 0
#endif

uniform sampler2D uSrc;
uniform vec2 uSrcSize;      // texture size of uSrc in texels
uniform vec2 uSrcOffset;    // texel of cell (0, 0) in uSrc (the halo of a base texture)
uniform vec2 uSrcCells;     // valid cells (cols, rows) of the level below; texels beyond are padding

const float BAD_THRESHOLD = 3.4e38;

vec4 acc;      // (sum of value × weight, sum of weights, min, max)

// Adds cell `cell` of the level below.
void take(vec2 cell) {
  vec4 t = texture2D(uSrc, (cell + uSrcOffset + 0.5) / uSrcSize);
  float inside = step(cell.x + 0.5, uSrcCells.x) * step(cell.y + 0.5, uSrcCells.y);
  float v = t.r;
  float w = inside;
  float lo = v;
  float hi = v;
#if HEATGL_FROM_BASE == 1
#if HEATGL_STORAGE == 0
  w *= step(v, BAD_THRESHOLD);
#else
  float q = floor(t.r * 255.0 + 0.5);
  float qmax = 254.0;
#if HEATGL_STORAGE == 1
  q = q * 256.0 + floor(t.a * 255.0 + 0.5);
  qmax = 65534.0;
#endif
  w *= step(q, qmax + 0.5);
  v = q / qmax;
  lo = v;
  hi = v;
#endif
#else
  // t = (mean, valid fraction, min, max) of 16 cells below.
  w *= t.g;
  lo = t.b;
  hi = t.a;
#endif
  bool use = w > 0.0;
  acc.x += use ? v * w : 0.0;
  acc.y += w;
  acc.z = use ? min(acc.z, lo) : acc.z;
  acc.w = use ? max(acc.w, hi) : acc.w;
}

void main() {
  vec2 c = floor(gl_FragCoord.xy) * 4.0;
  acc = vec4(0.0, 0.0, 3.4e38, -3.4e38);
  take(c + vec2(0.0, 0.0));
  take(c + vec2(1.0, 0.0));
  take(c + vec2(2.0, 0.0));
  take(c + vec2(3.0, 0.0));
  take(c + vec2(0.0, 1.0));
  take(c + vec2(1.0, 1.0));
  take(c + vec2(2.0, 1.0));
  take(c + vec2(3.0, 1.0));
  take(c + vec2(0.0, 2.0));
  take(c + vec2(1.0, 2.0));
  take(c + vec2(2.0, 2.0));
  take(c + vec2(3.0, 2.0));
  take(c + vec2(0.0, 3.0));
  take(c + vec2(1.0, 3.0));
  take(c + vec2(2.0, 3.0));
  take(c + vec2(3.0, 3.0));
  gl_FragColor = acc.y > 0.0 ? vec4(acc.x / acc.y, acc.y / 16.0, acc.z, acc.w) : vec4(0.0);
}

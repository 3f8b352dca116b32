#define SHADER_NAME reduce.frag
// One level of the level-of-detail pyramid: each texel combines a 4 × 4 block of the level below (the base values
// or a coarser level) into (mean, valid fraction, min, max), ignoring bad cells. Written into an RGBA render target
// whose texel (i, j) covers cells [4i, 4i + 4) × [4j, 4j + 4) of the level below (texel rows follow the cell rows).
// Values are kept in "level units": the value itself for float storage, code / qmax for the quantised storages, so
// that 8-bit levels of 'uint8' data keep their full precision.
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

void main() {
  vec2 first = floor(gl_FragCoord.xy) * 4.0;
  float sum = 0.0;
  float weight = 0.0;
  float lo = 3.4e38;
  float hi = -3.4e38;
  for (int j = 0; j < 4; j++) {
    for (int i = 0; i < 4; i++) {
      vec2 cell = first + vec2(float(i), float(j));
      if (cell.x >= uSrcCells.x || cell.y >= uSrcCells.y) continue;
      vec4 t = texture2D(uSrc, (cell + uSrcOffset + 0.5) / uSrcSize);
#if HEATGL_FROM_BASE == 1
      float v = t.r;
#if HEATGL_STORAGE == 0
      if (v > BAD_THRESHOLD) continue;
#else
      float q = floor(t.r * 255.0 + 0.5);
      float qmax = 254.0;
#if HEATGL_STORAGE == 1
      q = q * 256.0 + floor(t.a * 255.0 + 0.5);
      qmax = 65534.0;
#endif
      if (q > qmax + 0.5) continue;
      v = q / qmax;
#endif
      sum += v;
      weight += 1.0;
      lo = min(lo, v);
      hi = max(hi, v);
#else
      // t = (mean, valid fraction, min, max) of 16 cells below.
      if (t.g <= 0.0) continue;
      sum += t.r * t.g;
      weight += t.g;
      lo = min(lo, t.b);
      hi = max(hi, t.a);
#endif
    }
  }
  gl_FragColor = weight > 0.0 ? vec4(sum / weight, weight / 16.0, lo, hi) : vec4(0.0);
}

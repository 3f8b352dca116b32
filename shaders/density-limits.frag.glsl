#define SHADER_NAME density-limits.frag
// One pass of the colour limits' reduction on the GPU: each output texel holds the minimum (red) and maximum (green)
// of a block of BLOCK × BLOCK texels of the region of uSource; passes follow until one texel is left, which the colour
// pass reads (src/gl/density-limits.ts), so nothing is read back. Min and max are exact in float32: the same limits
// as reading the density back and scanning it on the CPU.
precision highp float;

const int BLOCK = 8;

uniform sampler2D uSource;  // the density (value in red) on the first pass; an earlier pass (min, max) after it
uniform vec2 uSourceSize;   // texels of uSource
uniform vec2 uOrigin;       // first texel of the region
uniform vec2 uRegion;       // the region's size in texels
uniform float uFirst;       // 1: uSource is the density

void main() {
  vec2 base = floor(gl_FragCoord.xy) * float(BLOCK);
  float lo = 3.4e38;
  float hi = -3.4e38;
  for (int j = 0; j < BLOCK; j++) {
    for (int i = 0; i < BLOCK; i++) {
      vec2 t = base + vec2(float(i), float(j));
      if (t.x < uRegion.x && t.y < uRegion.y) {
        vec4 s = texture2D(uSource, (uOrigin + t + 0.5) / uSourceSize);
        lo = min(lo, s.r);
        hi = max(hi, uFirst > 0.5 ? s.r : s.g);
      }
    }
  }
  gl_FragColor = vec4(lo, hi, 0.0, 1.0);
}

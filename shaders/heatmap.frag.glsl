#define SHADER_NAME heatmap.frag
// Value -> colour: NEAREST sample of the float value texture, seaborn/matplotlib normalisation
// t = (v - vmin) / (vmax - vmin) (0 when vmin == vmax), LUT index floor(t * N) clamped to [0, N - 1].
precision highp float;

uniform sampler2D uValues;  // LUMINANCE float texture, NEAREST; NaN, +-Infinity and masked cells hold +Infinity
uniform sampler2D uLut;     // N x 1 RGBA8 colormap, NEAREST, straight alpha
uniform float uLutSize;     // N
uniform float uVmin;
uniform float uRange;       // vmax - vmin
uniform vec4 uBadColor;     // premultiplied RGBA for bad cells
varying vec2 vTexCoord;

// Bad cells are uploaded as +Infinity: a comparison survives every compiler, a NaN test (v != v) may not.
const float BAD_THRESHOLD = 3.4e38;

void main() {
  float v = texture2D(uValues, vTexCoord).r;
  if (v > BAD_THRESHOLD) {
    gl_FragColor = uBadColor;
    return;
  }
  float t = uRange > 0.0 ? (v - uVmin) / uRange : 0.0;
  float k = clamp(floor(t * uLutSize), 0.0, uLutSize - 1.0);
  vec4 c = texture2D(uLut, vec2((k + 0.5) / uLutSize, 0.5));
  gl_FragColor = vec4(c.rgb * c.a, c.a);
}

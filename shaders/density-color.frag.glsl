#define SHADER_NAME density-color.frag
// Density → colour: the value of this pixel's texel (Σ w·K, or Σ w·K / Σ K for the mean) through the colormap LUT as
// matplotlib's Colormap.__call__ with a linear norm (index floor(t * N), clamped to the end colours), then the opacity:
// a constant, or the normalised value itself (a ramp, transparent at vmin). Output premultiplied. With uAutoLimits the
// limits come from the GPU reduction (src/gl/density-limits.ts): vmin = min(0, minimum), vmax = maximum, the rule of
// densitymap's 'sum' when neither limit is given.
precision highp float;

uniform sampler2D uDensity;  // RGBA float, NEAREST: red Σ w·K, green Σ K
uniform vec2 uSizePx;        // texture size in pixels: the view plus the padding
uniform vec2 uPadPx;         // padding around the view in the texture
uniform float uMean;         // 1: aggregation 'mean'
uniform sampler2D uLut;      // N x 1 RGBA8 colormap, NEAREST, straight alpha
uniform float uLutSize;      // N
uniform vec2 uRange;         // vmin, vmax - vmin
uniform float uOpacity;      // constant opacity, or < 0 for the ramp
uniform sampler2D uLimits;   // 1 x 1 RGBA float: red the minimum, green the maximum of the view's values
uniform float uAutoLimits;   // 1: take vmin, vmax from uLimits instead of uRange

void main() {
  vec4 s = texture2D(uDensity, (gl_FragCoord.xy + uPadPx) / uSizePx);
  float v = s.r;
  if (uMean > 0.5) {
    // No kernel reaches this pixel: no mean to show.
    if (s.g <= 0.0) {
      gl_FragColor = vec4(0.0);
      return;
    }
    v = s.r / s.g;
  }
  vec2 range = uRange;
  if (uAutoLimits > 0.5) {
    vec4 l = texture2D(uLimits, vec2(0.5));
    float lo = min(l.r, 0.0);
    range = vec2(lo, l.g - lo);
  }
  float t = range.y == 0.0 ? 0.0 : (v - range.x) / range.y;
  float k = clamp(floor(t * uLutSize), 0.0, uLutSize - 1.0);
  vec4 c = texture2D(uLut, vec2((k + 0.5) / uLutSize, 0.5));
  float a = c.a * (uOpacity < 0.0 ? clamp(t, 0.0, 1.0) : uOpacity);
  gl_FragColor = vec4(c.rgb * a, a);
}

#define SHADER_NAME density-conv.frag
// One pass of the separable gaussian convolution of the binned density (src/core/density-binning.ts): along x
// (DENSITY_AXIS 0) from the node grid to an image of view columns × node rows, then along y (DENSITY_AXIS 1) from that
// image to the view's pixels. Each output is Σ_j B_j · exp(−u_j²/2) over the nodes j with u_j < 4 (u the distance
// from the pixel centre in units of h), times uScale (1 along x; the kernel's c / (hx hy) along y).
// Channels: red Σ w·L, green Σ L of the nodes (the same value twice for unweighted points, read from a LUMINANCE
// texture), so the result holds red Σ w·K, green Σ K as the splat framebuffer.
precision highp float;

#ifndef DENSITY_AXIS
#define DENSITY_AXIS 0
#endif
// Upper bound of the taps per pixel: 2·⌈4q⌉ + 2 with q = BIN_NODES_PER_H nodes per h.
const int MAX_TAPS = 48;

uniform sampler2D uSource;  // x: node grid (LUMINANCE or LUMINANCE_ALPHA float); y: the x pass (RGBA float)
uniform vec2 uSourceSize;   // texels of uSource
uniform float uWeighted;    // 1: the grid holds (Σ w·L, Σ L) in luminance and alpha; 2: in red and green (GPU binning)
uniform float uNode0;       // pixel coordinate of node 0 along this axis
uniform float uNodeStep;    // node spacing in pixels
uniform float uInvH;        // 1 / h in pixels
uniform float uTaps;        // taps to visit (≤ MAX_TAPS)
uniform vec2 uOutOffset;    // framebuffer pixel of the output's (0, 0)
uniform float uScale;

float weight(float d) {
  float u = d * uInvH;
  float u2 = u * u;
  return u2 < 16.0 ? exp(-0.5 * u2) : 0.0;
}

void main() {
  vec2 out_ = gl_FragCoord.xy - uOutOffset;
  // p: the pixel centre along the pass's axis; other: the texture coordinate across it.
  float p;
  float other;
#if DENSITY_AXIS == 0
  p = out_.x;
  other = out_.y / uSourceSize.y;
#else
  p = out_.y;
  other = out_.x / uSourceSize.x;
#endif
  // The node at or just below the support's start (the u < 4 test decides about it).
  float first = floor((p - 4.0 / uInvH - uNode0) / uNodeStep);
  vec2 acc = vec2(0.0);
  for (int k = 0; k < MAX_TAPS; k++) {
    if (float(k) >= uTaps) break;
    float j = first + float(k);
    vec2 v;
#if DENSITY_AXIS == 0
    vec4 s = texture2D(uSource, vec2((j + 0.5) / uSourceSize.x, other));
    v = uWeighted > 1.5 ? s.rg : uWeighted > 0.5 ? s.ra : s.rr;
#else
    v = texture2D(uSource, vec2(other, (j + 0.5) / uSourceSize.y)).rg;
#endif
    acc += v * weight(p - (uNode0 + j * uNodeStep));
  }
  gl_FragColor = vec4(acc * uScale, 0.0, 0.0);
}

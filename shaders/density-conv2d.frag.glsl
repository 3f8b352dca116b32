#define SHADER_NAME density-conv2d.frag
// The binned density of the Epanechnikov and box kernels (not separable): one pass from the node grid
// (src/core/density-binning.ts) straight to the view's pixels, Σ_j B_j · c · profile(u_j) over the nodes j with
// u_j < 1 (u the distance from the pixel centre in units of h, per axis). Channels as density-conv.frag.glsl: red
// Σ w·K, green Σ K.
precision highp float;

#ifndef DENSITY_KERNEL
#define DENSITY_KERNEL 1
#endif
// Upper bound of the nodes per axis within the support: 2·⌈q⌉ + 2 with q = BIN_NODES_PER_H nodes per h.
const int MAX_TAPS = 16;

uniform sampler2D uSource;  // node grid (LUMINANCE or LUMINANCE_ALPHA float)
uniform vec2 uSourceSize;   // nodes per row, rows
uniform float uWeighted;    // 1: the grid holds (Σ w·L, Σ L) in luminance and alpha; 2: in red and green (GPU binning)
uniform vec2 uNode0;        // pixel coordinates of node (0, 0)
uniform vec2 uNodeStep;     // node spacing in pixels along x and y
uniform vec2 uInvH;         // 1 / h in pixels along x and y
uniform vec2 uTaps;         // nodes to visit along x and y (≤ MAX_TAPS)
uniform vec2 uOutOffset;    // framebuffer pixel of the output's (0, 0)
uniform float uScale;       // c / (hx hy), or c / r²

float profile(float u2) {
#if DENSITY_KERNEL == 1
  return 1.0 - u2;
#else
  return 1.0;
#endif
}

void main() {
  vec2 p = gl_FragCoord.xy - uOutOffset;
  vec2 first = floor((p - 1.0 / uInvH - uNode0) / uNodeStep);
  vec2 acc = vec2(0.0);
  for (int b = 0; b < MAX_TAPS; b++) {
    if (float(b) >= uTaps.y) break;
    float jy = first.y + float(b);
    float dy = (p.y - (uNode0.y + jy * uNodeStep.y)) * uInvH.y;
    for (int a = 0; a < MAX_TAPS; a++) {
      if (float(a) >= uTaps.x) break;
      float jx = first.x + float(a);
      float dx = (p.x - (uNode0.x + jx * uNodeStep.x)) * uInvH.x;
      float u2 = dx * dx + dy * dy;
      if (u2 < 1.0) {
        vec4 s = texture2D(uSource, (vec2(jx, jy) + 0.5) / uSourceSize);
        acc += (uWeighted > 1.5 ? s.rg : uWeighted > 0.5 ? s.ra : s.rr) * profile(u2);
      }
    }
  }
  gl_FragColor = vec4(acc * uScale, 0.0, 0.0);
}

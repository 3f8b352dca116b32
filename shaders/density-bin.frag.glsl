#define SHADER_NAME density-bin.frag
// One node of a point's 4 × 4 stencil: the tensor-product cubic Lagrange weight L(x)·L(y), added (blend ONE, ONE)
// into a float framebuffer of the grid's nodes: red Σ w·L, green Σ L (src/core/density-binning.ts binPoints).
precision highp float;

varying vec2 vBase;
varying vec2 vFrac;
varying float vWeight;

// Weight of node offset m ∈ {−1, 0, 1, 2} for a point at t ∈ [0, 1) from node 0 (cubicWeights).
float lagrange(float m, float t) {
  float a = t + 1.0;
  float b = t - 1.0;
  float c = t - 2.0;
  if (m < -0.5) return -t * b * c / 6.0;
  if (m < 0.5) return a * b * c / 2.0;
  if (m < 1.5) return -a * t * c / 2.0;
  return a * t * b / 6.0;
}

void main() {
  vec2 m = floor(gl_FragCoord.xy) - vBase;
  float l = lagrange(m.x, vFrac.x) * lagrange(m.y, vFrac.y);
  gl_FragColor = vec4(vWeight * l, l, 0.0, 0.0);
}

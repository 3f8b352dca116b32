#define SHADER_NAME quad.vert
// A quad covering the whole viewport (the viewport selects the region of the target that is written).
precision highp float;

attribute vec2 aCorner;  // unit-quad corner, 0..1

void main() {
  gl_Position = vec4(aCorner * 2.0 - 1.0, 0.0, 1.0);
}

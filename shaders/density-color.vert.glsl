#define SHADER_NAME density-color.vert
// A full-screen quad for the colour pass.
precision highp float;

attribute vec2 aCorner;     // -1..1

void main() {
  gl_Position = vec4(aCorner, 0.0, 1.0);
}

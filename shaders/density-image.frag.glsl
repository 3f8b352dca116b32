#define SHADER_NAME density-image.frag
// The density's colours computed on the CPU (src/core/density-colorize.ts, premultiplied RGBA8) copied to the canvas.
precision highp float;

uniform sampler2D uImage;  // RGBA8, NEAREST, the view's pixels (GL rows)
uniform vec2 uSizePx;      // the view in pixels

void main() {
  gl_FragColor = texture2D(uImage, gl_FragCoord.xy / uSizePx);
}

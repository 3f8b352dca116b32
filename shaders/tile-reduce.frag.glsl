#define SHADER_NAME tile-reduce.frag
// One synthetic level of a streamed tile (stores without a pyramid): each texel is the mean of a 4 × 4 block of the
// tile one level finer, ignoring bad (NaN) cells and the cells past the tile's edge. Written into an RGBA float
// render target as (mean, valid cells, 0, 0); a block with no valid cell is bad (3.402e38, above the heatmap
// shader's BAD_THRESHOLD). The source is either a stored tile (LUMINANCE float, bad cells +Infinity: every valid
// cell counts 1) or a reduced tile (its .g is the number of base cells behind its mean), so means of means are
// weighted by their counts and equal the block mean over the base cells exactly (up to float32 rounding).
// Straight-line reads, no loops: SwiftShader runs them several times faster (as in reduce.frag.glsl).
precision highp float;

uniform sampler2D uSrc;
uniform vec2 uSrcSize;     // source texture size (cols, rows) in texels = its valid cells
uniform float uFromBase;   // 1: the source is a stored tile (count 1 per valid cell); 0: a reduced tile

const float BAD_THRESHOLD = 3.4e38;

vec2 acc;  // (sum of mean × count, sum of counts)

void take(vec2 cell) {
  vec4 t = texture2D(uSrc, (cell + 0.5) / uSrcSize);
  float inside = step(cell.x + 0.5, uSrcSize.x) * step(cell.y + 0.5, uSrcSize.y);
  float n = uFromBase > 0.5 ? 1.0 : t.g;
  float w = inside * n * step(t.r, BAD_THRESHOLD);
  acc.x += w > 0.0 ? t.r * w : 0.0;
  acc.y += w;
}

void main() {
  vec2 c = floor(gl_FragCoord.xy) * 4.0;
  acc = vec2(0.0);
  take(c + vec2(0.0, 0.0));
  take(c + vec2(1.0, 0.0));
  take(c + vec2(2.0, 0.0));
  take(c + vec2(3.0, 0.0));
  take(c + vec2(0.0, 1.0));
  take(c + vec2(1.0, 1.0));
  take(c + vec2(2.0, 1.0));
  take(c + vec2(3.0, 1.0));
  take(c + vec2(0.0, 2.0));
  take(c + vec2(1.0, 2.0));
  take(c + vec2(2.0, 2.0));
  take(c + vec2(3.0, 2.0));
  take(c + vec2(0.0, 3.0));
  take(c + vec2(1.0, 3.0));
  take(c + vec2(2.0, 3.0));
  take(c + vec2(3.0, 3.0));
  gl_FragColor = acc.y > 0.0 ? vec4(acc.x / acc.y, acc.y, 0.0, 0.0) : vec4(3.402e38, 0.0, 0.0, 0.0);
}

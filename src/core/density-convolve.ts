// The separable gaussian convolution of a binned grid on the CPU (pure): used where the GPU is emulated on the CPU
// (SwiftShader, llvmpipe), where a typed-array loop with a weight table is about 3× faster than the same passes as
// fragment shaders (bench/RESULTS.md). Same sums as shaders/density-conv.frag.glsl: the x pass from the node grid to
// view columns × node rows, the y pass to the view's pixels, the kernel cut at |u_x|, |u_y| < 4, weights in float64.
import type { DensityFrame } from './density';
import { frameKernel } from './density';
import type { BinGrid } from './density-binning';

/** Per output pixel along one axis: the first node within the support and the weights of the next `taps` nodes. */
interface AxisTable {
  first: Int32Array;
  weights: Float32Array;
  taps: number;
}

function axisTable(pixels: number, node0: number, step: number, h: number, taps: number, nodes: number, scale: number): AxisTable {
  const first = new Int32Array(pixels);
  const weights = new Float32Array(pixels * taps);
  for (let c = 0; c < pixels; c++) {
    const p = c + 0.5;
    const j0 = Math.min(nodes - taps, Math.max(0, Math.floor((p - 4 * h - node0) / step)));
    first[c] = j0;
    for (let k = 0; k < taps; k++) {
      const u = (p - (node0 + (j0 + k) * step)) / h;
      weights[c * taps + k] = u * u < 16 ? scale * Math.exp(-0.5 * u * u) : 0;
    }
  }
  return { first, weights, taps };
}

/** Scratch buffers reused from frame to frame. */
export interface ConvolveScratch {
  pass?: Float32Array;
  out?: Float32Array;
}

/**
 * Convolves the grid (one float per node, or two interleaved when weighted) into RGBA floats of the view, GL rows
 * (bottom first): red Σ w·K, green Σ K, as the splat framebuffer holds them.
 */
export function convolveGrid(g: BinGrid, values: Float32Array, weighted: boolean, f: DensityFrame, scratch: ConvolveScratch = {}): Float32Array {
  const W = f.widthPx;
  const H = f.heightPx;
  const ch = weighted ? 2 : 1;
  const norm = frameKernel(f).norm;
  const tx = axisTable(W, g.x0, g.dx, g.hxPx, Math.min(g.tapsX, g.width), g.width, 1);
  const ty = axisTable(H, g.y0, g.dy, g.hyPx, Math.min(g.tapsY, g.height), g.height, norm);
  const passSize = W * g.height * ch;
  const pass = scratch.pass && scratch.pass.length >= passSize ? scratch.pass : new Float32Array(passSize);
  scratch.pass = pass;
  const outSize = W * H * 4;
  const out = scratch.out && scratch.out.length >= outSize ? scratch.out.subarray(0, outSize) : new Float32Array(outSize);
  if (!scratch.out || scratch.out.length < outSize) scratch.out = out;
  out.fill(0);
  const rowHasData = new Uint8Array(g.height);
  xPass(values, g.width, g.height, weighted, W, tx.first, tx.weights, tx.taps, pass, rowHasData);
  yPass(pass, rowHasData, weighted, W, H, ty.first, ty.weights, ty.taps, out);
  return out;
}

// The two passes on their own, typed arrays and numbers only, so that their optimised code depends on no object shape
// and survives garbage collections between frames.

/** x pass, one node row at a time, into view columns × node rows; rows without points are skipped (clustered data
 *  leaves many) and marked in rowHasData. */
function xPass(values: Float32Array, gw: number, gh: number, weighted: boolean, W: number, first: Int32Array, weights: Float32Array, T: number, pass: Float32Array, rowHasData: Uint8Array): void {
  const ch = weighted ? 2 : 1;
  for (let r = 0; r < gh; r++) {
    const base = r * gw * ch;
    let any = false;
    for (let i = base, end = base + gw * ch; i < end; i++) {
      if (values[i] !== 0) {
        any = true;
        break;
      }
    }
    if (!any) continue;
    rowHasData[r] = 1;
    const ob = r * W * ch;
    for (let c = 0; c < W; c++) {
      const wb = c * T;
      const j = base + (first[c] as number) * ch;
      if (!weighted) {
        let s = 0;
        for (let k = 0; k < T; k++) s += (values[j + k] as number) * (weights[wb + k] as number);
        pass[ob + c] = s;
      } else {
        let s = 0;
        let l = 0;
        for (let k = 0; k < T; k++) {
          const wk = weights[wb + k] as number;
          s += (values[j + 2 * k] as number) * wk;
          l += (values[j + 2 * k + 1] as number) * wk;
        }
        pass[ob + 2 * c] = s;
        pass[ob + 2 * c + 1] = l;
      }
    }
  }
}

/** y pass: each output row accumulates its node rows (row-contiguous, no transposition) into RGBA floats, GL rows. */
function yPass(pass: Float32Array, rowHasData: Uint8Array, weighted: boolean, W: number, H: number, first: Int32Array, weights: Float32Array, TY: number, out: Float32Array): void {
  const ch = weighted ? 2 : 1;
  const acc = new Float64Array(W * ch);
  for (let r = 0; r < H; r++) {
    acc.fill(0);
    const j0 = first[r] as number;
    let any = false;
    for (let k = 0; k < TY; k++) {
      const row = j0 + k;
      const wk = weights[r * TY + k] as number;
      if (wk === 0 || rowHasData[row] === 0) continue;
      any = true;
      const ib = row * W * ch;
      for (let i = 0; i < W * ch; i++) acc[i] = (acc[i] as number) + (pass[ib + i] as number) * wk;
    }
    if (!any) continue;
    const ob = r * W * 4;
    for (let c = 0; c < W; c++) {
      const s = acc[c * ch] as number;
      out[ob + 4 * c] = s;
      out[ob + 4 * c + 1] = weighted ? (acc[c * 2 + 1] as number) : s;
    }
  }
}

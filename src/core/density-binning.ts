// Binned kernel density (pure): the grid of nodes a view's points are binned onto, the binning itself (cubic Lagrange
// weights onto the 4×4 nearest nodes, O(n)), the 1-D kernel taps of the separable gaussian convolution, the error
// model and the rule 'auto' follows. No DOM, no WebGL; src/gl/density-binned.ts convolves the grid on the GPU.
//
// Binned density. Nodes g_j lie on a regular grid of spacing δ = h / q along each axis (h the kernel scale in device
// pixels, q = BIN_NODES_PER_H). Each point's weight is spread over its 4 × 4 nearest nodes with the tensor-product
// cubic Lagrange weights L_j(x_i) (which sum to 1 and reproduce cubic polynomials), and the grid is then convolved
// with the kernel sampled at the pixel centres:
//
//   D_binned(p) = Σ_j B_j K(p − g_j),   B_j = Σ_i w_i L_j(x_i)
//              = Σ_i w_i · Σ_j L_j(x_i) K(p − g_j)
//
// so each point's kernel K(p − x_i) is replaced by its cubic interpolant through the 16 nodes around x_i. The error
// per point, at every pixel, is bounded by (see binnedErrorBound):
//
//   |Σ_j L_j(x_i) K(p − g_j) − K(p − x_i)| ≤ ε(q) · K(0)
//
// hence |D_binned(p) − D_exact(p)| ≤ ε(q) · K(0) · Σ_{i reaching p} |w_i| (the points within 4√2·h plus 2 nodes of p).
// With q = BIN_NODES_PER_H = 4, ε = 8.2e-4 ≤ 1e-3 for the gaussian (test/unit/density-binning.test.ts measures it). The cost no longer
// depends on the kernel's width in pixels: (2·4q + 1) taps per pixel and pass, and a grid of (view / δ) nodes.
import type { DensityFrame, DensityKernel, DensityMethod } from './density';
import { frameKernel, GAUSSIAN_TRUNCATION, kernelSupport } from './density';

/** The binned path's error target relative to K(0), per point (see binnedErrorBound). */
export const BIN_TOLERANCE = 1e-3;

/**
 * Upper bound of the per-point error of cubic binning of the truncated gaussian, relative to K(0), for q nodes per h.
 * The separable passes cut the gaussian at the square max(|u_x|, |u_y|) < 4 where the exact kernel is cut at the disc
 * u < 4 (the values between are below e^−8 K(0)). Two regions:
 *   u < 3.5: the interpolation remainder, per axis max|Π_{k=−1..2}(t − k)| / 4! · max|∂⁴ profile| · (δ/h)⁴
 *     = (9/16)/24 · 3 / q⁴, through the tensor product e_x + Λ·e_y with Λ = 1.25 the Lebesgue constant of 4 nodes;
 *   u ≥ 3.5 (within the stencil's 2 nodes of the cut when q ≥ 4): the jumps of e^−8 at the cuts, spread with weights
 *     of total Λ, plus the square-versus-disc difference (≤ e^−8), plus the remainder there (max|∂⁴| for u ≥ 3 is 0.333).
 * The bound is the larger of the two.
 */
export function binnedErrorBound(q: number): number {
  const remainder = ((9 / 16) / 24) * (2 + 0.25) / q ** 4;
  const cut = Math.exp(-(GAUSSIAN_TRUNCATION ** 2) / 2);
  return Math.max(remainder * 3, (1.25 + 1) * cut + remainder * 0.333);
}

/** Nodes per kernel scale h: binnedErrorBound(4) = 8.2e-4 ≤ BIN_TOLERANCE. */
export const BIN_NODES_PER_H = 4;

/** The grid one view is binned onto, in GL pixel coordinates of the view (x right, y up, pixel centres at k + 0.5). */
export interface BinGrid {
  /** Nodes per row and rows. */
  readonly width: number;
  readonly height: number;
  /** Pixel coordinates of node (0, 0). */
  readonly x0: number;
  readonly y0: number;
  /** Node spacing in pixels. */
  readonly dx: number;
  readonly dy: number;
  /** Kernel scale in pixels (h), and nodes per h along each axis. */
  readonly hxPx: number;
  readonly hyPx: number;
  /** Taps per output pixel of the x and y passes (an upper bound: 2·⌈support / δ⌉ + 2). */
  readonly tapsX: number;
  readonly tapsY: number;
}

/** Grids larger than this many nodes (or wider than the texture limit) are not binned: 'auto' splats instead. */
export const MAX_BIN_NODES = 1 << 24;

/** Nodes around the view: the kernel support, in nodes, plus the 3 nodes a point's stencil reaches beyond it. */
const GUARD = 3;

/**
 * The grid for a frame: spacing h / q, node 0 a whole number of spacings left of (and below) the first pixel centre,
 * reaching the kernel support beyond the view on every side so that kernels from outside the view count, plus a
 * guard of 3 nodes so that binning needs no bounds check per node. null when the grid would exceed maxNodes or
 * maxSide along an axis.
 */
export function binGrid(f: DensityFrame, maxSide: number, q = BIN_NODES_PER_H, maxNodes = MAX_BIN_NODES): BinGrid | null {
  const k = frameKernel(f);
  const R = kernelSupport(f.kernel);
  const axis = (h: number, pixels: number) => {
    const d = h / q;
    const reach = Math.ceil((R * h) / d - 1e-9);
    const margin = reach + GUARD;
    // Nodes from the first pixel centre to at or beyond the last one.
    const inner = Math.ceil((pixels - 1) / d - 1e-9) + 1;
    // One tap more than the nodes within the support, so that a node on the cut (u = 4 up to rounding) is weighed
    // by the u < 4 test, not dropped by the choice of the first node.
    return { d, x0: 0.5 - margin * d, n: inner + 2 * margin, taps: 2 * reach + 2 };
  };
  const ax = axis(k.hxPx, f.widthPx);
  const ay = axis(k.hyPx, f.heightPx);
  if (!(ax.n <= maxSide && ay.n <= maxSide && ax.n * ay.n <= maxNodes)) return null;
  return { width: ax.n, height: ay.n, x0: ax.x0, y0: ay.x0, dx: ax.d, dy: ay.d, hxPx: k.hxPx, hyPx: k.hyPx, tapsX: ax.taps, tapsY: ay.taps };
}

/**
 * Affine map from packed point offsets (data minus origin) to node coordinates of the grid: node = p · scale + offset,
 * for x and y. View pixel (0, 0) is the bottom-left corner; data y grows upwards there unless yDown.
 */
export function nodeTransform(f: DensityFrame, origin: readonly [number, number], g: BinGrid): { sx: number; ox: number; sy: number; oy: number } {
  const { view, widthPx: w, heightPx: h } = f;
  const pxX = w / (view.x1 - view.x0);
  const pxY = ((f.yDown ? -1 : 1) * h) / (view.y1 - view.y0);
  const vx = view.x0 - origin[0];
  const vy = (f.yDown ? view.y1 : view.y0) - origin[1];
  // pixel = (p − v) · px; node = (pixel − x0) / d
  return { sx: pxX / g.dx, ox: (-vx * pxX - g.x0) / g.dx, sy: pxY / g.dy, oy: (-vy * pxY - g.y0) / g.dy };
}

/** The rectangle of packed coordinates the grid's nodes span, [x0, x1, y0, y1]: the points that can reach the view. */
export function gridRect(g: BinGrid, t: { sx: number; ox: number; sy: number; oy: number }): [number, number, number, number] {
  const xa = -t.ox / t.sx;
  const xb = (g.width - t.ox) / t.sx;
  const ya = -t.oy / t.sy;
  const yb = (g.height - t.oy) / t.sy;
  return [Math.min(xa, xb), Math.max(xa, xb), Math.min(ya, yb), Math.max(ya, yb)];
}

/** Cubic Lagrange weights of nodes −1, 0, 1, 2 for a point at t ∈ [0, 1) from node 0; they sum to 1. */
export function cubicWeights(t: number, out: Float64Array | number[] = new Float64Array(4)): Float64Array | number[] {
  const a = t + 1;
  const b = t - 1;
  const c = t - 2;
  out[0] = (-t * b * c) / 6;
  out[1] = (a * b * c) / 2;
  out[2] = (-a * t * c) / 2;
  out[3] = (a * t * b) / 6;
  return out;
}

/** Points to bin: interleaved (x, y[, w]) float32 offsets as PackedPoints.data, and the runs of them to visit. */
export interface BinSource {
  readonly data: Float32Array;
  readonly stride: 2 | 3;
  /** [start, end) point ranges; undefined: all points. */
  readonly runs?: readonly (readonly [number, number])[] | undefined;
}

/**
 * Bins the points onto the grid (O(points), no allocation besides `out` when given): unweighted, one float per node
 * (Σ L); weighted, two interleaved floats per node (Σ w·L, Σ L). Returns the grid values and the points binned.
 */
export function binPoints(src: BinSource, g: BinGrid, t: { sx: number; ox: number; sy: number; oy: number }, out?: Float32Array): { values: Float32Array; binned: number } {
  const weighted = src.stride === 3;
  const channels = weighted ? 2 : 1;
  const size = g.width * g.height * channels;
  const v = out && out.length >= size ? out.subarray(0, size) : new Float32Array(size);
  v.fill(0);
  const { data, stride } = src;
  const runs = src.runs ?? [[0, data.length / stride]];
  const { sx, ox, sy, oy } = t;
  // Stencils of nodes j−1..j+2 stay inside the grid for j in [1, n − 3]; the nodes a visible pixel needs are
  // [3, n − 3), so a point outside that range reaches no pixel and is skipped.
  const maxX = g.width - 2;
  const maxY = g.height - 2;
  let binned = 0;
  for (const [start, end] of runs) binned += binRun(data, stride, start, end, v, g.width, maxX, maxY, sx, ox, sy, oy);
  return { values: v, binned };
}

/**
 * binPoints's loop over points start..end − 1 on its own (typed arrays and numbers only, so that its optimised code
 * depends on no object shape and survives garbage collections between frames). Returns the points binned.
 */
function binRun(data: Float32Array, stride: number, start: number, end: number, v: Float32Array, W: number, maxX: number, maxY: number, sx: number, ox: number, sy: number, oy: number): number {
  const weighted = stride === 3;
  let binned = 0;
  for (let i = start; i < end; i++) {
    const k = i * stride;
    const tx = (data[k] as number) * sx + ox;
    const ty = (data[k + 1] as number) * sy + oy;
    if (!(tx >= 1 && tx < maxX && ty >= 1 && ty < maxY)) continue;
    const jx = Math.floor(tx);
    const jy = Math.floor(ty);
    const fx = tx - jx;
    const fy = ty - jy;
    const ax = fx + 1;
    const bx = fx - 1;
    const cx = fx - 2;
    const x0 = (-fx * bx * cx) / 6;
    const x1 = (ax * bx * cx) / 2;
    const x2 = (-ax * fx * cx) / 2;
    const x3 = (ax * fx * bx) / 6;
    const ay = fy + 1;
    const by = fy - 1;
    const cy = fy - 2;
    const y0 = (-fy * by * cy) / 6;
    const y1 = (ay * by * cy) / 2;
    const y2 = (-ay * fy * cy) / 2;
    const y3 = (ay * fy * by) / 6;
    binned++;
    if (!weighted) {
      let o = (jy - 1) * W + jx - 1;
      v[o] += y0 * x0; v[o + 1] += y0 * x1; v[o + 2] += y0 * x2; v[o + 3] += y0 * x3;
      o += W;
      v[o] += y1 * x0; v[o + 1] += y1 * x1; v[o + 2] += y1 * x2; v[o + 3] += y1 * x3;
      o += W;
      v[o] += y2 * x0; v[o + 1] += y2 * x1; v[o + 2] += y2 * x2; v[o + 3] += y2 * x3;
      o += W;
      v[o] += y3 * x0; v[o + 1] += y3 * x1; v[o + 2] += y3 * x2; v[o + 3] += y3 * x3;
    } else {
      const w = data[k + 2] as number;
      const ys = [y0, y1, y2, y3];
      for (let r = 0; r < 4; r++) {
        const yr = ys[r] as number;
        let o = ((jy - 1 + r) * W + jx - 1) * 2;
        const l0 = yr * x0;
        const l1 = yr * x1;
        const l2 = yr * x2;
        const l3 = yr * x3;
        v[o] += w * l0; v[o + 1] += l0; o += 2;
        v[o] += w * l1; v[o + 1] += l1; o += 2;
        v[o] += w * l2; v[o + 1] += l2; o += 2;
        v[o] += w * l3; v[o + 1] += l3;
      }
    }
  }
  return binned;
}

/** Which path 'auto' takes, and why (the estimated work of each, in the same units: about one fragment). */
export interface MethodChoice {
  method: 'exact' | 'binned';
  exactCost: number;
  binnedCost: number;
}

/**
 * The rule of 'auto': binned when the kernel is the gaussian (the only one whose binned error is bounded by
 * BIN_TOLERANCE, see the header), its grid fits (binGrid not null), and its estimated time is smaller. `points`: those
 * that can reach the view (the index's runs). Estimates in nanoseconds, measured on SwiftShader on 2 shared cores
 * (bench/density.mjs, DENSITY_PROFILE=1), for where the density is computed:
 *   GPU ('gpu'): exact = 6 per fragment: points × ((2·⌈4h⌉ + 1)² sprite pixels + 8 for the vertex);
 *                binned = 70 per point binned + 1 per node (cleared, scanned) + 1 per multiply-add of the two passes
 *                (view width × grid rows × taps + pixels × taps).
 *   CPU ('cpu', typed-array loops where WebGL is emulated): exact = points × (7 per pixel of the kernel's disc
 *                π·(4hx)·(4hy) + 100); binned = 40 per point + 0.8 per node and per multiply-add.
 * So 1 M points with σ = 2 px in 800 × 600 pixels: exact ≈ 1.7 s on the GPU (1.5 s on the CPU), binned ≈ 80 ms;
 * 10 k points: exact ≈ 18 ms on the GPU (15 ms on the CPU), binned ≈ 50 ms. On a real GPU both are far cheaper;
 * the rule only matters where they are slow.
 */
export function chooseMethod(method: DensityMethod, kernel: DensityKernel, points: number, f: DensityFrame, grid: BinGrid | null, cpu = false): MethodChoice {
  const k = frameKernel(f);
  const R = kernelSupport(f.kernel);
  const sprite = (2 * Math.ceil(R * Math.max(k.hxPx, k.hyPx)) + 1) ** 2;
  const exactCost = cpu ? points * (7 * Math.PI * R * R * k.hxPx * k.hyPx + 100) : 6 * points * (sprite + 8);
  const macs = grid ? grid.width * grid.height + f.widthPx * grid.height * grid.tapsX + f.widthPx * f.heightPx * grid.tapsY : 0;
  const binnedCost = grid ? (cpu ? 40 * points + 0.8 * macs : 70 * points + macs) : Number.POSITIVE_INFINITY;
  if (method === 'exact' || !grid) return { method: 'exact', exactCost, binnedCost };
  if (method === 'binned') return { method: 'binned', exactCost, binnedCost };
  return { method: kernel === 'gaussian' && binnedCost < exactCost ? 'binned' : 'exact', exactCost, binnedCost };
}

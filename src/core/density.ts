// Kernel density of points (pure): option checks, the kernels, points packed for the GPU (float32, relative to a data
// origin), Scott's bandwidth, and the CPU reference the GPU density is tested against. No DOM, no WebGL.
//
// The density at a pixel is evaluated at the pixel's centre p (in data coordinates for a bandwidth, in CSS pixels of
// the canvas for radiusPixels):
//
//   bandwidth [hx, hy] (data units):  D(p) = Σ_i w_i · K(‖((p.x − x_i) / hx, (p.y − y_i) / hy)‖) / (hx · hy)
//   radiusPixels r (CSS px):          D(p) = Σ_i w_i · K(‖p − p_i‖ / r) / r²
//   aggregation 'mean':               M(p) = Σ_i w_i · K(u_i) / Σ_i K(u_i)   (NaN where no kernel reaches p)
//
// K integrates to 1 over the plane, so each point adds w_i to the integral of D over the plane in data units² (or
// CSS px²): with unit weights D is n times a kernel density estimate; divide by Σw for a probability density.
import { describe, fail } from './errors';

export type DensityKernel = 'gaussian' | 'epanechnikov' | 'box';
export type DensityAggregation = 'sum' | 'mean';
export const DENSITY_KERNELS: readonly DensityKernel[] = ['gaussian', 'epanechnikov', 'box'];
export const DENSITY_AGGREGATIONS: readonly DensityAggregation[] = ['sum', 'mean'];
/** How a view's density is computed: see DensityOptions.method and src/core/density-binning.ts. */
export type DensityMethod = 'exact' | 'binned' | 'auto';
export const DENSITY_METHODS: readonly DensityMethod[] = ['exact', 'binned', 'auto'];

/** The gaussian is cut at this many σ (and renormalised so that it still integrates to 1). */
export const GAUSSIAN_TRUNCATION = 4;

/** Support radius of a kernel in units of its scale h (K(u) = 0 for u ≥ this). */
export function kernelSupport(kernel: DensityKernel): number {
  return kernel === 'gaussian' ? GAUSSIAN_TRUNCATION : 1;
}

/**
 * The constant c of K(u) = c · profile(u), chosen so that K integrates to 1 over the plane:
 *   gaussian      profile exp(−u²/2) for u < 4, c = 1 / (2π (1 − e^−8))
 *   epanechnikov  profile 1 − u² for u < 1,       c = 2 / π
 *   box           profile 1 for u < 1 (a disc),   c = 1 / π
 */
export function kernelConstant(kernel: DensityKernel): number {
  if (kernel === 'gaussian') return 1 / (2 * Math.PI * (1 - Math.exp(-(GAUSSIAN_TRUNCATION ** 2) / 2)));
  if (kernel === 'epanechnikov') return 2 / Math.PI;
  return 1 / Math.PI;
}

/** K(u) from u² (normalised, truncated); the shader evaluates the same formula in float32. */
export function kernelValue(kernel: DensityKernel, u2: number): number {
  if (kernel === 'gaussian') return u2 < GAUSSIAN_TRUNCATION ** 2 ? kernelConstant(kernel) * Math.exp(-0.5 * u2) : 0;
  if (u2 >= 1) return 0;
  return kernelConstant(kernel) * (kernel === 'epanechnikov' ? 1 - u2 : 1);
}

/** How a coordinate or weight is read: a column (one number per point), a field name, or a function of the point. */
export type Accessor<T> = ArrayLike<number> | string | ((point: T, index: number) => number);

export interface DensityPointSpec<T = unknown> {
  /** x of each point. @default point[0] for arrays, point.x for objects */
  x?: Accessor<T> | undefined;
  /** y of each point. @default point[1] for arrays, point.y for objects */
  y?: Accessor<T> | undefined;
  /** Weight of each point. @default 1 for every point */
  weight?: Accessor<T> | undefined;
}

/** [xmin, xmax, ymin, ymax] in data units (matplotlib imshow's extent order). */
export type DensityExtent = readonly [number, number, number, number];

export interface DensityOptions<T = unknown> extends DensityPointSpec<T> {
  /** Kernel scale h in data units: one number, or [hx, hy] for axes with different units. Mutually exclusive with
   *  radiusPixels. @default Scott's rule per axis (scipy.stats.gaussian_kde's factor n_eff^(−1/6) times each axis' weighted standard deviation) when radiusPixels is not given either */
  bandwidth?: number | readonly [number, number] | undefined;
  /** Kernel scale h in CSS pixels, the same at every zoom. */
  radiusPixels?: number | undefined;
  /** h is σ for 'gaussian' (cut at 4σ), the support radius for 'epanechnikov' and 'box'. @default 'gaussian' */
  kernel?: DensityKernel | undefined;
  /** 'sum': Σ w·K; 'mean': Σ w·K / Σ K, the kernel-weighted mean of the weights. @default 'sum' */
  aggregation?: DensityAggregation | undefined;
  /** How the density of a view is computed: 'exact' splats every point's kernel; 'binned' bins the points onto a grid
   *  of h/4 spacing and convolves it (cost independent of the kernel's width; per point error ≤ 1e-3 of the kernel's
   *  peak for the gaussian, see src/core/density-binning.ts); 'auto' takes 'binned' for the gaussian when its
   *  estimated work is smaller (chooseMethod). @default 'auto' */
  method?: DensityMethod | undefined;
  /** Data bounds: the full view, and what a background image spans. @default the points' bounds padded by the kernel support (bandwidth) or by 5 % (radiusPixels) */
  extent?: DensityExtent | undefined;
}

function positive(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`${name} must be a positive finite number, got ${describe(v)}`);
  return v;
}

/** Checks the kernel options (cheap, no data); throws a HeatglError naming the problem. */
export function checkDensityOptions(o: DensityOptions<never>): void {
  if (o.kernel !== undefined && !DENSITY_KERNELS.includes(o.kernel)) {
    fail(`unknown kernel ${describe(o.kernel)}; expected one of ${DENSITY_KERNELS.map((k) => `'${k}'`).join(', ')}`);
  }
  if (o.aggregation !== undefined && !DENSITY_AGGREGATIONS.includes(o.aggregation)) {
    fail(`unknown aggregation ${describe(o.aggregation)}; expected 'sum' or 'mean'`);
  }
  if (o.method !== undefined && !DENSITY_METHODS.includes(o.method)) {
    fail(`unknown method ${describe(o.method)}; expected 'exact', 'binned' or 'auto'`);
  }
  if (o.bandwidth !== undefined && o.radiusPixels !== undefined) fail('give either bandwidth (data units) or radiusPixels (screen pixels), not both');
  if (o.bandwidth !== undefined) {
    if (typeof o.bandwidth === 'number') positive('bandwidth', o.bandwidth);
    else if (Array.isArray(o.bandwidth) && o.bandwidth.length === 2) o.bandwidth.forEach((h, i) => {
      positive(`bandwidth[${i}]`, h);
    });
    else fail(`bandwidth must be a positive number or [hx, hy], got ${describe(o.bandwidth)}`);
  }
  if (o.radiusPixels !== undefined) positive('radiusPixels', o.radiusPixels);
  if (o.extent !== undefined) checkExtent(o.extent);
}

function checkExtent(e: unknown): DensityExtent {
  if (!Array.isArray(e) || e.length !== 4 || !e.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(`extent must be [xmin, xmax, ymin, ymax] of finite numbers, got ${Array.isArray(e) ? JSON.stringify(e) : describe(e)}`);
  }
  const [x0, x1, y0, y1] = e as number[];
  if (!((x0 as number) < (x1 as number) && (y0 as number) < (y1 as number))) fail(`extent must have xmin < xmax and ymin < ymax, got ${JSON.stringify(e)}`);
  return e as unknown as DensityExtent;
}

/** Columns read from the points: plain accessors for the packing passes and the CPU reference. */
export interface PointColumns {
  readonly length: number;
  x(i: number): number;
  y(i: number): number;
  /** undefined: every weight is 1. */
  weight: ((i: number) => number) | undefined;
}

function column<T>(name: string, acc: Accessor<T> | undefined, points: ArrayLike<T> | undefined, fallback: 0 | 1 | undefined): ((i: number) => number) | undefined {
  if (acc === undefined) {
    if (fallback === undefined) return undefined;
    if (!points) fail(`${name} is missing: give points with ${name} accessors, or ${name} as a column`);
    const key = fallback === 0 ? 'x' : 'y';
    return (i) => {
      const p = points[i] as unknown;
      if (Array.isArray(p) || ArrayBuffer.isView(p)) return +(p as ArrayLike<number>)[fallback];
      return p !== null && typeof p === 'object' ? +(p as Record<string, number>)[key] : Number.NaN;
    };
  }
  if (typeof acc === 'function') {
    if (!points) fail(`${name} is a function but there are no points to call it with`);
    return (i) => +acc(points[i] as T, i);
  }
  if (typeof acc === 'string') {
    if (!points) fail(`${name} is the field name ${describe(acc)} but there are no points to read it from`);
    return (i) => {
      const p = points[i] as unknown;
      return p !== null && typeof p === 'object' ? +(p as Record<string, number>)[acc] : Number.NaN;
    };
  }
  if (acc && typeof acc === 'object' && typeof (acc as ArrayLike<number>).length === 'number') return (i) => +(acc as ArrayLike<number>)[i];
  fail(`${name} must be a column (an array of numbers), a field name or a function (point, index) => number, got ${describe(acc)}`);
}

/**
 * Resolves points and accessors into columns, checking that every column has one value per point. `points` is an
 * array of anything (with accessors), a `{ x, y, weight? }` object of columns, or null when the options hold columns.
 */
export function pointColumns<T>(points: ArrayLike<T> | { x: ArrayLike<number>; y: ArrayLike<number>; weight?: ArrayLike<number> | undefined } | null | undefined, spec: DensityPointSpec<T>): PointColumns {
  let list: ArrayLike<T> | undefined;
  let s: DensityPointSpec<T> = spec;
  if (points !== null && points !== undefined) {
    if (typeof points !== 'object') fail(`points must be an array, an object of columns { x, y, weight? } or null, got ${describe(points)}`);
    if (typeof (points as ArrayLike<T>).length === 'number') list = points as ArrayLike<T>;
    else {
      const c = points as { x: ArrayLike<number>; y: ArrayLike<number>; weight?: ArrayLike<number> };
      if (c.x === undefined || c.y === undefined) fail('points must be an array, or an object of columns with x and y');
      s = { x: spec.x ?? c.x, y: spec.y ?? c.y, weight: spec.weight ?? c.weight };
    }
  }
  const x = column('x', s.x, list, 0) as (i: number) => number;
  const y = column('y', s.y, list, 1) as (i: number) => number;
  const weight = column('weight', s.weight, list, undefined);
  const lengthOf = (acc: Accessor<T> | undefined) => (acc !== undefined && typeof acc === 'object' ? acc.length : list?.length);
  const lengths: [string, number | undefined][] = [['x', lengthOf(s.x)], ['y', lengthOf(s.y)], ['weight', s.weight === undefined ? undefined : lengthOf(s.weight)]];
  let length: number | undefined = list?.length;
  let from = 'points';
  for (const [name, n] of lengths) {
    if (n === undefined) continue;
    if (length === undefined) {
      length = n;
      from = name;
    } else if (n !== length) {
      fail(`${name} has ${n} values but ${from} has ${length}: every column needs one value per point`);
    }
  }
  return { length: length ?? 0, x, y, weight };
}

/** Points ready for the GPU: float32 offsets from a float64 origin, so precision follows the extent, not the
 *  coordinates' magnitude (longitudes, timestamps). */
export interface PackedPoints {
  /** (x − originX, y − originY[, w]) for each kept point, interleaved. */
  readonly data: Float32Array;
  /** Floats per point: 2 without weights, 3 with. */
  readonly stride: 2 | 3;
  /** Points kept. */
  readonly count: number;
  /** Points skipped because x, y or the weight was NaN or ±Infinity. */
  readonly skipped: number;
  /** The extent's centre (float64), subtracted before the float32 conversion. */
  readonly origin: readonly [number, number];
  /** The bounds of the kept points, [xmin, xmax, ymin, ymax] (NaN without points). */
  readonly bounds: readonly [number, number, number, number];
  /** Σw, Σw², weighted mean and variance of x and y (for Scott's rule). */
  readonly moments: { readonly sumW: number; readonly sumW2: number; readonly varX: number; readonly varY: number };
}

/**
 * Two passes over the points (the user's arrays are only read): the bounds (and moments) of the finite ones, then the
 * float32 offsets from the origin — `origin` when given, else the bounds' centre.
 */
export function packPoints(cols: PointColumns, origin?: readonly [number, number]): PackedPoints {
  const n = cols.length;
  const { x, y, weight } = cols;
  let count = 0;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  // Weighted moments with West's incremental algorithm (stable for large offsets such as timestamps).
  let sumW = 0;
  let sumW2 = 0;
  let mx = 0;
  let my = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const px = x(i);
    const py = y(i);
    const w = weight ? weight(i) : 1;
    if (px - px !== 0 || py - py !== 0 || w - w !== 0) continue;
    count++;
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
    const aw = Math.abs(w);
    if (aw === 0) continue;
    sumW += aw;
    sumW2 += aw * aw;
    const dx = px - mx;
    const dy = py - my;
    mx += (aw / sumW) * dx;
    my += (aw / sumW) * dy;
    sx += aw * dx * (px - mx);
    sy += aw * dy * (py - my);
  }
  const bounds: [number, number, number, number] = count > 0 ? [x0, x1, y0, y1] : [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  const ox = origin ? origin[0] : count > 0 ? (x0 + x1) / 2 : 0;
  const oy = origin ? origin[1] : count > 0 ? (y0 + y1) / 2 : 0;
  const stride = weight ? 3 : 2;
  const data = new Float32Array(count * stride);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const px = x(i);
    const py = y(i);
    const w = weight ? weight(i) : 1;
    if (px - px !== 0 || py - py !== 0 || w - w !== 0) continue;
    // The subtraction happens in float64; only the small offset is rounded to float32.
    data[k++] = px - ox;
    data[k++] = py - oy;
    if (stride === 3) data[k++] = w;
  }
  const varX = sumW > 0 ? sx / sumW : 0;
  const varY = sumW > 0 ? sy / sumW : 0;
  return { data, stride, count, skipped: n - count, origin: [ox, oy], bounds, moments: { sumW, sumW2, varX, varY } };
}

/**
 * Scott's rule as scipy.stats.gaussian_kde (bw_method='scott') on each axis alone: h = σ · n_eff^(−1/6), with
 * n_eff = (Σw)² / Σw² and σ the weighted standard deviation (scipy's unbiased weighted covariance). An axis with no
 * spread gets 1 % of the other axis' h, or 1 when both are flat.
 */
export function scottBandwidth(p: PackedPoints): [number, number] {
  const { sumW, sumW2, varX, varY } = p.moments;
  if (!(sumW > 0)) return [1, 1];
  const neff = (sumW * sumW) / sumW2;
  const factor = neff ** (-1 / 6);
  // scipy's np.cov(aweights=w) divides by Σw − Σw²/Σw, not Σw.
  const unbias = neff > 1 ? neff / (neff - 1) : 1;
  let hx = Math.sqrt(varX * unbias) * factor;
  let hy = Math.sqrt(varY * unbias) * factor;
  if (!(hx > 0) && !(hy > 0)) return [1, 1];
  if (!(hx > 0)) hx = hy * 0.01;
  if (!(hy > 0)) hy = hx * 0.01;
  return [hx, hy];
}

/**
 * The default extent: the points' bounds padded by the kernel support along each axis (a bandwidth) or by 5 % of each
 * range (radiusPixels); a flat axis is widened by ±0.5 first, as numpy.histogram does; [0, 1, 0, 1] without points.
 */
export function defaultExtent(bounds: readonly [number, number, number, number], support: readonly [number, number] | undefined): DensityExtent {
  let [x0, x1, y0, y1] = bounds;
  if (Number.isNaN(x0)) return [0, 1, 0, 1];
  if (x0 === x1) {
    x0 -= 0.5;
    x1 += 0.5;
  }
  if (y0 === y1) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const px = support ? support[0] : 0.05 * (x1 - x0);
  const py = support ? support[1] : 0.05 * (y1 - y0);
  return [x0 - px, x1 + px, y0 - py, y1 + py];
}

/** What the density of one frame is evaluated on: the visible data rectangle on a widthPx × heightPx grid. */
export interface DensityFrame {
  readonly view: { readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number };
  readonly widthPx: number;
  readonly heightPx: number;
  /** Data y grows downwards on screen (page coordinates); false: upwards (maps, plots). */
  readonly yDown: boolean;
  /** Device pixels per CSS pixel (radiusPixels is in CSS pixels). */
  readonly pixelRatio: number;
  readonly kernel: DensityKernel;
  readonly aggregation: DensityAggregation;
  /** [hx, hy] in data units, or undefined when radiusPixels is set. */
  readonly bandwidth: readonly [number, number] | undefined;
  readonly radiusPixels: number | undefined;
  /** @default 'auto' */
  readonly method?: DensityMethod | undefined;
}

/** The kernel scale in device pixels along x and y and the factor c / (hx·hy) (or c / r²) the profile is scaled by. */
export function frameKernel(f: DensityFrame): { hxPx: number; hyPx: number; norm: number } {
  const c = kernelConstant(f.kernel);
  if (f.bandwidth) {
    const [hx, hy] = f.bandwidth;
    return { hxPx: (hx * f.widthPx) / (f.view.x1 - f.view.x0), hyPx: (hy * f.heightPx) / (f.view.y1 - f.view.y0), norm: c / (hx * hy) };
  }
  const r = f.radiusPixels ?? 1;
  return { hxPx: r * f.pixelRatio, hyPx: r * f.pixelRatio, norm: c / (r * r) };
}

/** Data coordinates of the centre of pixel (col, row), row 0 at the top. */
export function pixelCentre(f: DensityFrame, col: number, row: number): [number, number] {
  const { x0, x1, y0, y1 } = f.view;
  const x = x0 + ((col + 0.5) * (x1 - x0)) / f.widthPx;
  const fy = ((row + 0.5) * (y1 - y0)) / f.heightPx;
  return [x, f.yDown ? y0 + fy : y1 - fy];
}

/** Data units → units of h along x and y: 1 / h for a bandwidth; CSS pixels per data unit / r for radiusPixels. */
function unitScale(f: DensityFrame): [number, number] {
  if (f.bandwidth) return [1 / f.bandwidth[0], 1 / f.bandwidth[1]];
  const r = f.radiusPixels ?? 1;
  return [f.widthPx / (f.view.x1 - f.view.x0) / f.pixelRatio / r, f.heightPx / (f.view.y1 - f.view.y0) / f.pixelRatio / r];
}

/**
 * CPU reference (float64): Σ w·K and Σ K at the centre of pixel (col, row), straight from the formulas in this file's
 * header. Points with a NaN or infinite x, y or weight are skipped, as on the GPU. O(n) per pixel: for tests.
 */
export function densityAtPixel(cols: PointColumns, f: DensityFrame, col: number, row: number): { sum: number; kernelSum: number; value: number } {
  const [cx, cy] = pixelCentre(f, col, row);
  const R = kernelSupport(f.kernel);
  const R2 = R * R;
  const [sx, sy] = unitScale(f);
  const norm = f.bandwidth ? 1 / (f.bandwidth[0] * f.bandwidth[1]) : 1 / ((f.radiusPixels ?? 1) ** 2);
  let sum = 0;
  let kernelSum = 0;
  for (let i = 0; i < cols.length; i++) {
    const px = cols.x(i);
    const py = cols.y(i);
    const w = cols.weight ? cols.weight(i) : 1;
    if (px - px !== 0 || py - py !== 0 || w - w !== 0) continue;
    const dx = (cx - px) * sx;
    const dy = (cy - py) * sy;
    const u2 = dx * dx + dy * dy;
    if (u2 >= R2) continue;
    const k = kernelValue(f.kernel, u2) * norm;
    sum += w * k;
    kernelSum += k;
  }
  const value = f.aggregation === 'mean' ? (kernelSum > 0 ? sum / kernelSum : Number.NaN) : sum;
  return { sum, kernelSum, value };
}

/** Squared distance, in units of h, from the centre of pixel (col, row) to point i (for finding ambiguous pixels). */
export function pixelDistance2(cols: PointColumns, f: DensityFrame, col: number, row: number, i: number): number {
  const [cx, cy] = pixelCentre(f, col, row);
  const [sx, sy] = unitScale(f);
  const dx = (cx - cols.x(i)) * sx;
  const dy = (cy - cols.y(i)) * sy;
  return dx * dx + dy * dy;
}

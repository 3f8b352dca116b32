// A synthetic "physical" scalar field for the large example: a smooth landscape of gaussian peaks and wells, a
// two-source wave interference pattern that decays with distance, fine ripples and a little per-cell noise, so the
// overview shows structure and zooming in keeps revealing detail down to single cells. Pure and deterministic.
import { mulberry32 } from './random';

interface Bump {
  x: number;
  y: number;
  sigma: number;
  amp: number;
}

/** A size × size field, row-major (row 0 at the top), in roughly [-1.5, 2.5]. */
export function syntheticField(size: number, seed = 7): Float32Array {
  const n = size;
  const rand = mulberry32(seed);
  const out = new Float32Array(n * n);

  // Separable terms are precomputed per column and per row: f(x, y) = Σ gx[c] * gy[r].
  const bumps: Bump[] = [
    { x: 0.28, y: 0.3, sigma: 0.11, amp: 1.6 },
    { x: 0.72, y: 0.24, sigma: 0.07, amp: -1.1 },
    { x: 0.62, y: 0.7, sigma: 0.16, amp: 1.2 },
    { x: 0.2, y: 0.78, sigma: 0.06, amp: -0.9 },
    { x: 0.88, y: 0.88, sigma: 0.05, amp: 0.9 },
    { x: 0.46, y: 0.48, sigma: 0.03, amp: 0.8 },
  ];
  const axis = (f: (t: number) => number) => Float32Array.from({ length: n }, (_, i) => f((i + 0.5) / n));
  const bx = bumps.map((b) => axis((t) => b.amp * Math.exp(-((t - b.x) ** 2) / (2 * b.sigma ** 2))));
  const by = bumps.map((b) => axis((t) => Math.exp(-((t - b.y) ** 2) / (2 * b.sigma ** 2))));
  // A slanted plane wave sin(kx x + ky y) = sin(kx x) cos(ky y) + cos(kx x) sin(ky y), plus a slow tilt.
  const kx = 2 * Math.PI * 3;
  const ky = 2 * Math.PI * 2;
  const sx = axis((t) => 0.25 * Math.sin(kx * t));
  const cx = axis((t) => 0.25 * Math.cos(kx * t));
  const cy = axis((t) => Math.cos(ky * t));
  const sy = axis((t) => Math.sin(ky * t));
  const tilt = axis((t) => 0.4 * t);
  // Fine ripples (periods of a few dozen cells), visible when zoomed in.
  const rx = axis((t) => 0.04 * Math.sin(2 * Math.PI * 170 * t));
  const ry = axis((t) => Math.cos(2 * Math.PI * 110 * t));

  // Two point sources: interference fringes decaying away from them (not separable: computed per cell).
  const s1x = 0.4 * n;
  const s1y = 0.62 * n;
  const s2x = 0.52 * n;
  const s2y = 0.58 * n;
  const k = (2 * Math.PI) / 90; // wavelength of 90 cells
  const decay = 1 / (0.35 * n);

  let state = (rand() * 4294967296) >>> 0 || 1;
  for (let r = 0; r < n; r++) {
    const row = r * n;
    const dy1 = r - s1y;
    const dy2 = r - s2y;
    const cyr = cy[r] as number;
    const syr = sy[r] as number;
    const ryr = ry[r] as number;
    for (let c = 0; c < n; c++) {
      const dx1 = c - s1x;
      const dx2 = c - s2x;
      const d1 = Math.sqrt(dx1 * dx1 + dy1 * dy1);
      const d2 = Math.sqrt(dx2 * dx2 + dy2 * dy2);
      const waves = 0.35 * (Math.cos(k * d1) * Math.exp(-d1 * decay) + Math.cos(k * d2) * Math.exp(-d2 * decay));
      // xorshift32 noise, uniform in [-0.008, 0.008).
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = ((state >>> 0) / 4294967296 - 0.5) * 0.016;
      const plane = (sx[c] as number) * cyr + (cx[c] as number) * syr + (tilt[c] as number);
      out[row + c] = plane + waves + (rx[c] as number) * ryr + noise;
    }
    for (let b = 0; b < bumps.length; b++) {
      const g = (by[b] as Float32Array)[r] as number;
      if (g < 1e-6) continue;
      const gx = bx[b] as Float32Array;
      for (let c = 0; c < n; c++) out[row + c] = (out[row + c] as number) + (gx[c] as number) * g;
    }
  }
  return out;
}

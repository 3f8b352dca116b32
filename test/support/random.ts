// Seeded random numbers and point sets shared by the tests (unit and browser): the same seed gives the same data on
// every run and in every file.

/** Mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Numerical Recipes' 32-bit linear congruential generator: uniform numbers in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Clustered points around longitudes/latitudes far from 0 (so the data origin matters), with weights in 0.5..2. */
export function clusteredPoints(n: number, seed: number): { x: Float64Array; y: Float64Array; w: Float64Array } {
  const r = rng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  const centres = [[-122.4, 37.7], [-121.9, 37.3], [-122.1, 37.9]];
  for (let i = 0; i < n; i++) {
    const c = centres[i % 3] as number[];
    const g = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
    x[i] = (c[0] as number) + 0.15 * g();
    y[i] = (c[1] as number) + 0.12 * g();
    w[i] = 0.5 + 1.5 * r();
  }
  return { x, y, w };
}

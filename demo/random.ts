// mulberry32: a tiny seeded PRNG (32-bit state), so the gallery draws the same "random" data on every load.

/** Returns a function giving uniform floats in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rows × cols nested array of integers in [lo, hi] (inclusive) from `rand`. */
export function randomIntegers(rows: number, cols: number, lo: number, hi: number, rand: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => lo + Math.floor(rand() * (hi - lo + 1))));
}

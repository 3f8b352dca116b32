// A distance matrix for the gallery's 1000 × 1000 example: the stops of a smooth random walk (a "route" that wanders
// and doubles back), and the straight-line distance in km between every pair of stops. The overview shows the route's
// structure (a dark diagonal, bands where the route passes near itself); zoomed in, every cell is a readable number.
// Pure and deterministic.
import { mulberry32 } from './random';

/** Stop positions in km: `n` steps of about `step` km whose heading drifts smoothly. */
export function routeStops(n: number, seed = 11, step = 0.12): Float64Array {
  const rand = mulberry32(seed);
  const xy = new Float64Array(2 * n);
  let x = 0;
  let y = 0;
  let heading = rand() * 2 * Math.PI;
  let turn = 0;
  for (let i = 0; i < n; i++) {
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    // The turn rate itself wanders (and is pulled back to 0), so the route curves gently rather than jittering.
    turn = 0.92 * turn + (rand() - 0.5) * 0.06;
    heading += turn;
    x += step * Math.cos(heading);
    y += step * Math.sin(heading);
  }
  return xy;
}

/** The n × n matrix of distances between stops (km), row-major, symmetric with zeros on the diagonal. */
export function distanceMatrix(xy: Float64Array): Float32Array {
  const n = xy.length / 2;
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const xi = xy[2 * i] as number;
    const yi = xy[2 * i + 1] as number;
    for (let j = i + 1; j < n; j++) {
      const d = Math.hypot((xy[2 * j] as number) - xi, (xy[2 * j + 1] as number) - yi);
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return out;
}

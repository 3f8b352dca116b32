// The density tests' shared page run (test/browser/density*.test.ts): draw points with densitymap() in the harness
// page, read the density back (readDensity) at sampled pixels, and return them with the stats; and the seeded pixel
// samples. `compute` pins where the density is computed ('gpu': draws and passes even on SwiftShader; 'cpu': the JS
// loops; undefined: by the renderer), so both sides are tested on the software renderer CI has.
import type { HarnessPage } from '../browser/page';
import { rng } from './random';

export interface DensityRun {
  width: number;
  height: number;
  view: { x: [number, number]; y: [number, number] };
  /** readDensity at the sampled pixels, as strings (NaN survives JSON). */
  samples: string[];
  extent: number[];
  bandwidth: [number, number] | null;
  /** Sprite tiles of the last frame (exact path on the GPU), 0 otherwise. */
  tiles: number;
  aggregation: { method: string; points: number; nodes: number };
  points: number;
  /** getScale()'s limits. */
  vmin: number;
  vmax: number;
}

export interface DensityPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  w: ArrayLike<number>;
}

/** Points as columns (weights when `weighted`), drawn in a W × H box with the options (pixelRatio 1, not interactive),
 *  optionally zoomed, then read back at `pixels` ([col, row], row 0 at the top). */
export async function renderDensity(
  h: HarnessPage,
  pts: DensityPoints,
  opts: Record<string, unknown>,
  zoom: { x: [number, number]; y: [number, number] } | null,
  pixels: [number, number][],
  weighted: boolean,
  size: [number, number],
  compute?: 'cpu' | 'gpu',
): Promise<DensityRun> {
  return h.page.evaluate(
    async (x, y, w, opts, zoom, pixels, W, H, compute) => {
      const win = window as any;
      const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
      const layer = await imp('/src/gl/density-layer.ts');
      layer.forceDensityCompute(compute ?? undefined);
      try {
        win.clearBoxes();
        const el = win.makeBox(W, H);
        const cols = { x: Float64Array.from(x), y: Float64Array.from(y), ...(w ? { weight: Float64Array.from(w) } : {}) };
        const dm = win.heatgl.densitymap(el, cols, { ...opts, pixelRatio: 1, interactive: false });
        if (zoom) dm.setView(zoom);
        dm.render();
        const grid = dm.readDensity();
        const samples = pixels.map(([c, r]) => String(grid.data[r * grid.width + c]));
        const st = dm.stats();
        const scale = dm.getScale();
        const out = { width: grid.width, height: grid.height, view: dm.getView(), samples, extent: st.extent, bandwidth: st.bandwidth, tiles: st.sprites.tilesX * st.sprites.tilesY, aggregation: st.aggregation, points: st.points, vmin: scale.vmin, vmax: scale.vmax };
        dm.destroy();
        return out;
      } finally {
        layer.forceDensityCompute(undefined);
      }
    },
    Array.from(pts.x),
    Array.from(pts.y),
    weighted ? Array.from(pts.w) : null,
    opts,
    zoom,
    pixels,
    size[0],
    size[1],
    compute ?? null,
  );
}

/** `count` seeded pixels [col, row] of a W × H view. */
export function samplePixels(seed: number, count: number, W: number, H: number): [number, number][] {
  const r = rng(seed);
  return Array.from({ length: count }, () => [Math.floor(r() * W), Math.floor(r() * H)] as [number, number]);
}

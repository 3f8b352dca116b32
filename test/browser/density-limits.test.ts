// densitymap's colour limits without a readback: with neither vmin nor vmax given ('sum'), the GPU reduces the view's
// values to their minimum and maximum (src/gl/density-limits.ts) and the colour pass reads them there; on the CPU
// side (software renderers) the limits come from the JS density. Either way getScale() reports the same limits as
// scanning readDensity() (vmin 0, or the minimum when negative weights go below 0; vmax the maximum), and the picture
// equals the one drawn with those limits given. The colour pass in JS (src/core/density-colorize.ts) draws what the
// shader draws (within 2/255).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';
import { clusteredPoints } from '../support/random';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

const pts = clusteredPoints(2000, 23);

interface LimitsRun {
  scale: [number, number];
  grid: [number, number];
  differ: number;
  pixels: number;
  opaque: number;
}

async function limitsRun(compute: 'cpu' | 'gpu', method: string, negative: boolean, opacity: number | 'ramp'): Promise<LimitsRun> {
  return h.page.evaluate(
    async (x, y, w, compute, method, opacity) => {
      const win = window as any;
      const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
      const layer = await imp('/src/gl/density-layer.ts');
      layer.forceDensityCompute(compute);
      try {
        const cols = { x: Float64Array.from(x), y: Float64Array.from(y), ...(w ? { weight: Float64Array.from(w) } : {}) };
        const draw = (extra: Record<string, unknown>) => {
          win.clearBoxes();
          const dm = win.heatgl.densitymap(win.makeBox(200, 150), cols, { method, radiusPixels: 3, cmap: 'viridis', opacity, pixelRatio: 1, interactive: false, ...extra });
          dm.setView({ x: [-122.5, -121.9], y: [37.4, 37.85] });
          const px = dm.readPixels();
          const grid = dm.readDensity().data;
          const s = dm.getScale();
          dm.destroy();
          return { px: px.data as Uint8Array, grid, s };
        };
        const auto = draw({});
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (const v of auto.grid) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        const given = draw({ vmin: auto.s.vmin, vmax: auto.s.vmax });
        let differ = 0;
        let opaque = 0;
        for (let i = 0; i < auto.px.length; i++) {
          if (Math.abs((auto.px[i] as number) - (given.px[i] as number)) > 0) differ++;
          if (i % 4 === 3 && (auto.px[i] as number) > 0) opaque++;
        }
        return { scale: [auto.s.vmin, auto.s.vmax] as [number, number], grid: [lo, hi] as [number, number], differ, pixels: auto.px.length / 4, opaque };
      } finally {
        layer.forceDensityCompute(undefined);
      }
    },
    Array.from(pts.x),
    Array.from(pts.y),
    negative ? Array.from(pts.w, (v, i) => (i % 3 === 0 ? -2 * v : v)) : null,
    compute,
    method,
    opacity,
  );
}

describe.each(['gpu', 'cpu'] as const)('automatic limits computed on the %s', (compute) => {
  for (const method of ['exact', 'binned']) {
    test(`${method}: getScale() equals the scanned density, the picture equals the one with those limits given`, async () => {
      const run = await limitsRun(compute, method, false, 1);
      // vmin is 0 unless the density dips below it: the binned one does, by rounding (cubic weights go negative).
      expect(run.scale[0]).toBe(Math.min(0, run.grid[0]));
      expect(run.scale[0]).toBeGreaterThan(-1e-5 * run.grid[1]);
      expect(run.grid[1]).toBeGreaterThan(0);
      expect(run.scale[1]).toBe(run.grid[1]);
      expect(run.differ).toBe(0);
      expect(run.opaque).toBe(run.pixels);
    });
  }
  test('negative weights: vmin is the minimum', async () => {
    const run = await limitsRun(compute, 'exact', true, 'ramp');
    expect(run.grid[0]).toBeLessThan(0);
    expect(run.scale).toEqual(run.grid);
    expect(run.differ).toBe(0);
    expect(run.opaque).toBeGreaterThan(0);
  });
});

// A value on the boundary of two LUT entries may take the neighbouring one (the mean's float32 division on the GPU,
// float64 in JS): neighbouring colours differ by a level or two.
test('the colour pass in JS draws what the shader draws (within 2/255)', async () => {
  const result = await h.page.evaluate(async (x, y) => {
    const win = window as any;
    const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
    const layer = await imp('/src/gl/density-layer.ts');
    const out: Record<string, number> = {};
    for (const [cmap, opacity, extra] of [['magma', 'ramp', {}], ['rocket_r', 0.6, { aggregation: 'mean' }], ['turbo', 1, { vmin: 0, vmax: 40 }]] as const) {
      const px: Uint8Array[] = [];
      for (const compute of ['gpu', 'cpu']) {
        layer.forceDensityCompute(compute);
        win.clearBoxes();
        const w = Float64Array.from(x, (_: number, i: number) => 0.5 + (i % 5) / 4);
        const dm = win.heatgl.densitymap(win.makeBox(160, 120), { x: Float64Array.from(x), y: Float64Array.from(y), weight: w }, { method: 'exact', radiusPixels: 4, cmap, opacity, pixelRatio: 1, interactive: false, ...extra });
        px.push(dm.readPixels().data);
        dm.destroy();
      }
      layer.forceDensityCompute(undefined);
      const [a, b] = px as [Uint8Array, Uint8Array];
      let worst = 0;
      let visible = 0;
      for (let i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
        if (i % 4 === 3 && (a[i] as number) > 0) visible++;
      }
      out[`${cmap} worst`] = worst;
      out[`${cmap} visible`] = visible;
    }
    return out;
  }, Array.from(pts.x), Array.from(pts.y));
  console.log(JSON.stringify(result));
  for (const cmap of ['magma', 'rocket_r', 'turbo']) {
    expect(result[`${cmap} visible`]).toBeGreaterThan(100);
    expect(result[`${cmap} worst`]).toBeLessThanOrEqual(2);
  }
});

test("stats().gpuBytes counts the float framebuffer only where a GPU pass made it (not on the JS path)", async () => {
  const r = await h.page.evaluate(async () => {
    const win = window as any;
    const imp = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
    const layer = await imp('/src/gl/density-layer.ts');
    const out: Record<string, number> = {};
    try {
      for (const compute of ['gpu', 'cpu']) {
        layer.forceDensityCompute(compute);
        win.clearBoxes();
        const dm = win.heatgl.densitymap(win.makeBox(160, 120), { x: [1, 2, 3], y: [1, 3, 2] }, { method: 'exact', radiusPixels: 4, pixelRatio: 1, interactive: false });
        dm.render();
        out[compute] = dm.stats().gpuBytes;
        dm.destroy();
      }
    } finally {
      layer.forceDensityCompute(undefined);
    }
    return out;
  });
  // An RGBA32F framebuffer over the 160 × 120 canvas (plus the kernel's margin) is 16 bytes a pixel.
  expect(r.gpu).toBeGreaterThanOrEqual(160 * 120 * 16);
  expect(r.cpu).toBeLessThan(160 * 120 * 16);
});

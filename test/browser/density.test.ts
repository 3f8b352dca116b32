// densitymap({ method: 'exact' }): the GPU density equals the CPU reference of src/core/density.ts (float64, kernels summed at pixel
// centres) to 1e-4 relative at sampled pixels, for every kernel, both aggregations, a bandwidth in data units and
// radiusPixels, at the full view and after a zoom. 4000 points: float32 sums of a few hundred kernels per pixel stay
// well inside 1e-4 (the error grows with the number of overlapping kernels, about √n · 6e-8 relative).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DensityFrame, densityAtPixel, pixelDistance2, pointColumns } from '../../src/core/density';
import { type HarnessPage, openPage } from './page';
import { renderDensity, samplePixels } from '../support/density-page';
import { clusteredPoints } from '../support/random';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

const W = 240;
const H = 180;
const pts = clusteredPoints(4000, 11);

describe.each(['gpu', 'cpu'] as const)("method 'exact' computed on the %s equals the CPU reference (1e-4 relative) at sampled pixels", (compute) => {
  const zoom = { x: [-122.5, -121.9] as [number, number], y: [37.4, 37.85] as [number, number] };
  const cases: [string, Record<string, unknown>][] = [];
  for (const kernel of ['gaussian', 'epanechnikov', 'box']) {
    for (const aggregation of ['sum', 'mean']) {
      cases.push([`${kernel} ${aggregation} bandwidth`, { kernel, aggregation, bandwidth: kernel === 'gaussian' ? 0.03 : 0.08 }]);
      cases.push([`${kernel} ${aggregation} radiusPixels`, { kernel, aggregation, radiusPixels: kernel === 'gaussian' ? 3 : 10 }]);
    }
  }
  // Zoomed in until the kernel (support 4 × 0.08° ≈ 1500 px) is wider than the largest point sprite (1023 px here):
  // several passes of tiled sprites, each pixel owned by one.
  const deepZoom = { x: [-122.42, -122.37] as [number, number], y: [37.7, 37.7375] as [number, number] };
  cases.push(['gaussian sum bandwidth, kernel wider than a sprite', { kernel: 'gaussian', aggregation: 'sum', bandwidth: 0.08 }]);
  cases.push(['epanechnikov mean bandwidth, kernel wider than a sprite', { kernel: 'epanechnikov', aggregation: 'mean', bandwidth: 1.2 }]);
  let worst = 0;
  for (const [name, opts] of cases) {
    const wide = name.includes('wider');
    // Kernels wider than a sprite matter for the GPU's tiled sprites only (and cost seconds as JS loops).
    if (wide && compute === 'cpu') continue;
    for (const zoomed of wide ? [true] : [false, true]) {
      test(`${name}${zoomed ? ' after a zoom' : ''}`, async () => {
        const pixels = samplePixels(name.length * 7 + (zoomed ? 1 : 0), 300, W, H);
        const weighted = opts.aggregation === 'mean' || name.includes('epanechnikov');
        const view = wide ? deepZoom : zoom;
        const run = await renderDensity(h, pts, { method: 'exact', ...opts }, zoomed ? view : null, pixels, weighted, [W, H], compute);
        expect([run.width, run.height]).toEqual([W, H]);
        expect(run.aggregation.method).toBe('exact');
        // The wide cases really take the tiled path; the JS loops draw no sprites.
        if (compute === 'cpu') expect(run.tiles).toBe(0);
        else if (wide) expect(run.tiles).toBeGreaterThan(1);
        else expect(run.tiles).toBe(1);
        if (zoomed) {
          const want = [...view.x, ...view.y];
          [...run.view.x, ...run.view.y].forEach((v, i) => {
            expect(v).toBeCloseTo(want[i] as number, 9);
          });
        }
        const cols = pointColumns({ x: pts.x, y: pts.y, weight: weighted ? pts.w : undefined }, {});
        const frame: DensityFrame = {
          view: { x0: run.view.x[0], x1: run.view.x[1], y0: run.view.y[0], y1: run.view.y[1] },
          widthPx: W,
          heightPx: H,
          yDown: false,
          pixelRatio: 1,
          kernel: opts.kernel as DensityFrame['kernel'],
          aggregation: opts.aggregation as DensityFrame['aggregation'],
          bandwidth: run.bandwidth ?? undefined,
          radiusPixels: opts.radiusPixels as number | undefined,
        };
        let compared = 0;
        let ambiguous = 0;
        let nonzero = 0;
        let maxRel = 0;
        const bad: string[] = [];
        // Scale for 'sum': relative to the pixel's own value, floored at 1e-3 of the largest sampled value so that a
        // pixel reached only by the far tail of one kernel does not demand 1e-4 of almost nothing.
        const refs = pixels.map(([c, r]) => densityAtPixel(cols, frame, c, r));
        const peak = Math.max(...refs.map((d) => Math.abs(d.value)).filter(Number.isFinite), 0);
        pixels.forEach(([c, r], k) => {
          // The box kernel jumps at u = 1: a point within float32 rounding of a pixel's edge may count on one side
          // and not the other, so such pixels are left out (and counted).
          if (opts.kernel === 'box') {
            for (let i = 0; i < cols.length; i++) {
              if (Math.abs(Math.sqrt(pixelDistance2(cols, frame, c, r, i)) - 1) < 1e-5) {
                ambiguous++;
                return;
              }
            }
          }
          const want = (refs[k] as { value: number }).value;
          const got = Number(run.samples[k]);
          compared++;
          if (Number.isNaN(want)) {
            if (!Number.isNaN(got)) bad.push(`(${c}, ${r}): got ${got}, want NaN (no kernel reaches)`);
            return;
          }
          if (want !== 0) nonzero++;
          const scale = opts.aggregation === 'mean' ? Math.abs(want) : Math.max(Math.abs(want), peak * 1e-3);
          const rel = scale === 0 ? Math.abs(got) : Math.abs(got - want) / scale;
          maxRel = Math.max(maxRel, rel);
          if (!(rel <= 1e-4)) bad.push(`(${c}, ${r}): got ${got}, want ${want} (relative error ${rel.toExponential(2)})`);
        });
        worst = Math.max(worst, maxRel);
        console.log(`${compute}: ${name}${zoomed ? ' zoomed' : ''}: ${compared} pixels, ${nonzero} non-zero, ${ambiguous} ambiguous, max relative error ${maxRel.toExponential(2)}`);
        expect(bad.slice(0, 5)).toEqual([]);
        expect(ambiguous).toBeLessThan(15);
        // The samples must exercise the kernels: most pixels see some density.
        expect(nonzero).toBeGreaterThan(compared * 0.3);
      });
    }
  }
  afterAll(() => console.log(`worst relative error over all cases: ${worst.toExponential(2)}`));
});

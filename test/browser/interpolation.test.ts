// Data-space interpolation (imshow's 'bilinear' and 'bicubic'): each pixel equals the colormap at the interpolated
// value computed here on the CPU; NaN cells stay bad and never bleed into their neighbours; tiles agree at seams.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

for (const kind of ['bilinear', 'bicubic'] as const) {
  test(`${kind}: pixels follow the CPU interpolation; NaN does not bleed; tiled equals untiled`, async () => {
    const res = await h.page.evaluate((kind) => {
      const w = window as any;
      const rows = 9;
      const cols = 12;
      const values = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.7) * 3 + (i % cols));
      values[4 * cols + 5] = Number.NaN;
      const get = (r: number, c: number) => values[Math.min(rows - 1, Math.max(0, r)) * cols + Math.min(cols - 1, Math.max(0, c))] as number;
      const bspline = (x: number) => {
        const a = Math.abs(x);
        return a < 1 ? (4 - 6 * a * a + 3 * a ** 3) / 6 : a < 2 ? (2 - a) ** 3 / 6 : 0;
      };
      const interp = (px: number, py: number) => {
        const ux = px - 0.5;
        const uy = py - 0.5;
        const ix = Math.floor(ux);
        const iy = Math.floor(uy);
        const tx = ux - ix;
        const ty = uy - iy;
        let sum = 0;
        let weight = 0;
        let bad = 0;
        const range = kind === 'bilinear' ? [0, 1] : [-1, 0, 1, 2];
        for (const j of range) {
          for (const i of range) {
            const wgt = kind === 'bilinear' ? (i ? tx : 1 - tx) * (j ? ty : 1 - ty) : bspline(tx - i) * bspline(ty - j);
            const v = get(iy + j, ix + i);
            if (Number.isNaN(v)) bad += wgt;
            else {
              sum += wgt * v;
              weight += wgt;
            }
          }
        }
        return bad > 0.5 * (bad + weight) ? Number.NaN : sum / weight;
      };
      const out: string[] = [];
      const pictures: string[] = [];
      for (const tileSize of [undefined, 4]) {
        w.clearBoxes();
        const hm = w.heatgl.heatmap(w.makeBox(cols * 30, rows * 30), { values, rows, cols }, { ...w.PLAIN, pixelRatio: 1, cmap: 'viridis', interpolation: kind, tileSize });
        const px = hm.readPixels();
        const scale = hm.getScale();
        const lut = scale.lut.rgba;
        for (let y = 1; y < px.height; y += 4) {
          for (let x = 1; x < px.width; x += 4) {
            const cx = (x + 0.5) / 30;
            const cy = (y + 0.5) / 30;
            const v = Number.isNaN(get(Math.floor(cy), Math.floor(cx))) ? Number.NaN : interp(cx, cy);
            const i = (y * px.width + x) * 4;
            const got = Array.from(px.data.slice(i, i + 4)) as number[];
            if (Number.isNaN(v)) {
              if (got[3] !== 0) out.push(`${x},${y}: NaN cell drawn as ${got}`);
              continue;
            }
            // float32 on the GPU may land in the neighbouring LUT entry at a boundary.
            const k = Math.min(255, Math.max(0, Math.floor(((v - scale.vmin) / (scale.vmax - scale.vmin)) * 256)));
            const ok = [k - 1, k, k + 1].some((kk) => kk >= 0 && kk < 256 && [0, 1, 2].every((c) => Math.abs((got[c] as number) - (lut[kk * 4 + c] as number)) <= 1));
            if (!ok) out.push(`${x},${y}: value ${v.toFixed(4)} got ${got} want LUT[${k}]`);
          }
        }
        pictures.push(Array.from(px.data).join());
        hm.destroy();
      }
      return { out: out.slice(0, 8), count: out.length, same: pictures[0] === pictures[1] };
    }, kind);
    expect(res.out).toEqual([]);
    expect(res.same).toBe(true);
  });
}

test('a 2 × 2 matrix with bilinear interpolation, read back along a line, follows the analytic bilinear values', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    // Values 0, 1 / 2, 3: along the horizontal line through the middle the value is 1 + (x - 0.5) clamped to [1, 2]
    // between the cell centres (x in cells), constant beyond them. A 256-colour grey ramp shows it directly.
    const hm = w.heatgl.heatmap(w.makeBox(400, 400), [[0, 1], [2, 3]], { ...w.PLAIN, pixelRatio: 1, cmap: 'gray', interpolation: 'bilinear', vmin: 0, vmax: 3 });
    const px = hm.readPixels();
    const lut = hm.getScale().lut.rgba;
    const y = 199;
    const out: string[] = [];
    for (let x = 0; x < 400; x += 3) {
      const cx = (x + 0.5) / 200;
      const cy = (y + 0.5) / 200;
      const tx = Math.min(1, Math.max(0, cx - 0.5));
      const ty = Math.min(1, Math.max(0, cy - 0.5));
      const v = (1 - ty) * ((1 - tx) * 0 + tx * 1) + ty * ((1 - tx) * 2 + tx * 3);
      const k = Math.min(255, Math.floor((v / 3) * 256));
      const got = px.data[(y * 400 + x) * 4] as number;
      const near = [k - 1, k, k + 1].some((kk) => kk >= 0 && kk < 256 && Math.abs((lut[kk * 4] as number) - got) <= 1);
      if (!near) out.push(`x ${x}: value ${v.toFixed(4)} got grey ${got}, want ${lut[k * 4]}`);
    }
    hm.destroy();
    return out;
  });
  expect(res).toEqual([]);
});

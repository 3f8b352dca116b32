// Grids at large offsets draw exactly (issue 16.2): epoch-second xEdges (1.7e9 + 0…180) were fully transparent and
// extent [1e7, 1e7 + 3, 0, 3] 41 % transparent, because positions went to float32 before the origin was removed.
// Every probed pixel must show the cell cellAt (float64) names, and the picture must equal the same grid at 0.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

test.each([
  ['epoch-second xEdges', { xEdges: [0, 30, 60, 90, 120, 150, 180].map((s) => 1.7e9 + s) }, { xEdges: [0, 30, 60, 90, 120, 150, 180] }, 4, 6],
  ['extent [1e7, 1e7 + 3, 0, 3]', { extent: [1e7, 1e7 + 3, 0, 3] }, { extent: [0, 3, 0, 3] }, 3, 3],
  ['offset, decreasing yEdges', { yEdges: [4, 3, 2, 1, 0].map((v) => 1e8 + v * 0.5) }, { yEdges: [4, 3, 2, 1, 0].map((v) => v * 0.5) }, 4, 3],
  ['epoch-millisecond centres', { x: [0, 1, 2, 3].map((s) => 1.7e12 + s * 1000), y: [0, 1, 2].map((s) => -5e9 + s) }, { x: [0, 1, 2, 3].map((s) => s * 1000), y: [0, 1, 2] }, 3, 4],
])('%s draw every cell where cellAt puts it', async (_, offset, plain, rows, cols) => {
  const res = await h.page.evaluate(
    (offset, plain, rows, cols) => {
      const w = window as any;
      const values = Float64Array.from({ length: rows * cols }, (_, i) => (i * 37) % 11);
      const out: string[] = [];
      const pictures: string[] = [];
      let transparent = 0;
      for (const layout of [offset, plain]) {
        w.clearBoxes();
        const hm = w.heatgl.heatmap(w.makeBox(300, 240), { values, rows, cols }, { ...w.PLAIN, ...layout, pixelRatio: 1, cmap: 'viridis', linewidths: 0 });
        const px = hm.readPixels();
        const scale = hm.getScale();
        const r = hm.canvas.getBoundingClientRect();
        for (let y = 2; y < px.height; y += 5) {
          for (let x = 2; x < px.width; x += 5) {
            const cell = hm.cellAt(r.left + x + 0.5, r.top + y + 0.5);
            const i = (y * px.width + x) * 4;
            const got = Array.from(px.data.slice(i, i + 4)) as number[];
            if (layout === offset && got[3] === 0) transparent++;
            if (!cell) continue;
            const c = hm.cellToClient(cell.row, cell.col);
            const cx = r.left + x + 0.5;
            const cy = r.top + y + 0.5;
            if (cx - c.x < 1 || c.x + c.width - cx < 1 || cy - c.y < 1 || c.y + c.height - cy < 1) continue;
            const want = w.heatgl.colorOf(cell.value, false, scale);
            if (got.some((v: number, j: number) => Math.abs(v - want[j]) > 2) && out.length < 8) out.push(`px ${x},${y} cell ${cell.row},${cell.col} got ${got} want ${want}`);
          }
        }
        pictures.push(Array.from(px.data).join());
        hm.destroy();
      }
      return { out, transparent, same: pictures[0] === pictures[1] };
    },
    offset,
    plain,
    rows,
    cols,
  );
  expect(res.out).toEqual([]);
  expect(res.transparent).toBe(0);
  expect(res.same).toBe(true);
});

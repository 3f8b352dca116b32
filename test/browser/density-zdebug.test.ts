import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';
let h: HarnessPage;
beforeAll(async () => { h = await openPage(800, 600); });
afterAll(async () => h.close());
test('debug', async () => {
  const r = await h.page.evaluate(() => {
    const win = window as any;
    const out: string[] = [];
    for (const opts of [{ radiusPixels: 2 }, { bandwidth: [5, 2] }, { radiusPixels: 2, weighted: true }]) {
      const grids: Float32Array[] = [];
      for (const method of ['exact', 'binned']) {
        win.clearBoxes();
        const cols: any = { x: [10.3, 30.1], y: [7.7, 20.2] };
        if ((opts as any).weighted) cols.weight = [1.5, 0.7];
        const dm = win.heatgl.densitymap(win.makeBox(40, 30), cols, { ...opts, method, pixelRatio: 1, interactive: false, extent: [0, 40, 0, 30] });
        dm.render();
        grids.push(dm.readDensity().data);
        out.push(method + ' ' + JSON.stringify(dm.stats().aggregation));
        dm.destroy();
      }
      const [a, b] = grids as [Float32Array, Float32Array];
      let peak = 0, diff = 0, at = -1;
      for (let i = 0; i < a.length; i++) { peak = Math.max(peak, a[i]!); const d = Math.abs(a[i]! - b[i]!); if (d > diff) { diff = d; at = i; } }
      out.push(`${JSON.stringify(opts)} peak ${peak} maxdiff ${diff} at col ${at % 40} row ${Math.floor(at / 40)}: exact ${a[at]} binned ${b[at]}`);
      const rowsA: string[] = [];
      for (let r = 0; r < 30; r += 3) rowsA.push(Array.from({ length: 14 }, (_, c) => (b[r * 40 + c * 3]! - a[r * 40 + c * 3]!).toExponential(1)).join(' '));
      out.push(rowsA.join('\n'));
    }
    return out.join('\n');
  });
  console.log(r);
  expect(1).toBe(1);
});

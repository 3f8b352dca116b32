// Bad input: a clear error naming the problem, and the previous picture left intact.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
});
afterAll(async () => h.close());

const cases: [string, string, RegExp][] = [
  ['ragged nested arrays', 'hm.setData([[1, 2], [3]])', /ragged rows: data\[1\] has 1 values but data\[0\] has 2/],
  ['values.length !== rows*cols', 'hm.setData({ values: new Float32Array(5), rows: 2, cols: 3 })', /data.values has length 5 but rows\*cols = 2\*3 = 6/],
  ['zero rows', 'hm.setData([])', /data has zero rows/],
  ['non-finite vmin', 'hm.update({ vmin: NaN })', /vmin must be a finite number, got number NaN/],
  ['non-finite vmax', 'hm.update({ vmax: Infinity })', /vmax must be a finite number, got number Infinity/],
  ['vmin > vmax', 'hm.update({ vmin: 5, vmax: 1 })', /vmin \(5\) is greater than vmax \(1\)/],
  ['mask of the wrong shape', 'hm.update({ mask: [[true, false]] })', /mask has 1 rows but the data has 2 \(expected a 2×3 mask\)/],
  ['flat mask of the wrong length', 'hm.update({ mask: new Uint8Array(5) })', /mask has length 5 but the data has rows\*cols = 6 cells/],
  ['unknown cmap', 'hm.update({ cmap: "virdis" })', /unknown colormap "virdis"; valid names \(each also with "_r"\): viridis, /],
  ['unknown cmap in setData options', 'hm.setData([[1, 2, 3], [4, 5, 6]], { cmap: "nope" })', /unknown colormap "nope"/],
  ['bad badColor', 'hm.update({ badColor: "reddish" })', /badColor "reddish" is not a colour/],
  ['bad view', 'hm.setView({ x: [5, 2] })', /view.x must be \[start, end\] with finite start < end/],
  ['more GPU memory than allowed', 'hm.setData({ values: new Float32Array(4000 * 3000), rows: 4000, cols: 3000 }, { maxGpuBytes: 2 ** 25 })', /a 4000 × 3000 matrix needs 0.06 GiB of GPU memory \(0.04 GiB of values at 4 bytes a cell with storage 'float32' \+ 0.01 GiB of level-of-detail pyramid\), over the limit of 0.03 GiB/],
];

for (const [name, call, message] of cases) {
  test(`${name}: clear error, previous picture intact`, async () => {
    const res = await h.page.evaluate((call) => {
      const w = window as any;
      w.clearBoxes();
      const hm = w.heatgl.heatmap(w.makeBox(90, 60), [[1, 2, 3], [4, Number.NaN, 6]], { pixelRatio: 1, cmap: 'mako' });
      const before = Array.from(hm.readPixels().data).join();
      const viewBefore = JSON.stringify(hm.getView());
      let error = '';
      let isHeatglError = false;
      try {
        new Function('hm', call)(hm);
      } catch (e) {
        error = String((e as Error).message);
        isHeatglError = e instanceof w.heatgl.HeatglError;
      }
      const after = Array.from(hm.readPixels().data).join();
      const same = before === after && viewBefore === JSON.stringify(hm.getView()) && hm.stats().uploads === 1;
      hm.destroy();
      return { error, isHeatglError, same };
    }, call);
    expect(res.error).toMatch(message);
    expect(res.isHeatglError).toBe(true);
    expect(res.same).toBe(true);
  });
}

test('bad input to heatmap() throws and leaves no canvas behind', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const el = w.makeBox(90, 60);
    const errors: string[] = [];
    for (const [data, opts] of [
      [[[1, 2], [3]], {}],
      [[[1, 2]], { vmin: 3, vmax: 2 }],
      [[[1, 2]], { cmap: 'nope' }],
      [{ values: [1, 2], rows: 1, cols: 3 }, {}],
    ]) {
      try {
        w.heatgl.heatmap(el, data, opts);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    try {
      w.heatgl.heatmap(null, [[1]]);
    } catch (e) {
      errors.push((e as Error).message);
    }
    return { errors, canvases: el.querySelectorAll('canvas').length };
  });
  expect(res.errors).toHaveLength(5);
  expect(res.errors[4]).toMatch(/container must be an HTMLElement, got null/);
  expect(res.canvases).toBe(0);
});

test('the user’s data is never mutated', async () => {
  const same = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const values = Float32Array.from([3, Number.NaN, -Infinity, 1, 2, 9]);
    const nested = [[3, Number.NaN, 1], [2, 7, 9]];
    const copy = Array.from(values).join();
    const nestedCopy = JSON.stringify(nested);
    const hm = w.heatgl.heatmap(w.makeBox(90, 60), { values, rows: 2, cols: 3 }, { robust: true, mask: [0, 0, 1, 0, 0, 0] });
    hm.render();
    hm.setData(nested, { robust: true });
    hm.render();
    hm.destroy();
    return Array.from(values).join() === copy && JSON.stringify(nested) === nestedCopy;
  });
  expect(same).toBe(true);
});

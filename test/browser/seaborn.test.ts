// The GPU picture against real seaborn: every cell centre read back from the canvas must equal the colour
// seaborn.heatmap gave that cell (fixtures from test/fixtures/generate.py), within 2/255 per channel.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { flatten, seabornCases } from '../fixtures/load';
import { encodeValues, expectColors, type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

// 'infs': seaborn 0.12 lets ±inf into vmin/vmax, heatgl does not (see test/unit/scale.test.ts).
const cases = seabornCases().filter((c) => c.name !== 'infs');

describe('GPU colours equal seaborn.heatmap colours at every cell centre', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const rows = c.data.length;
      const cols = c.data[0]?.length ?? 0;
      const values = encodeValues(flatten(c.data));
      const got = await h.page.evaluate(
        (values, rows, cols, mask, kwargs) => {
          const w = window as any;
          w.clearBoxes();
          const el = w.makeBox(cols * 24, rows * 18);
          const hm = w.heatgl.heatmap(el, { values: Float64Array.from(values, Number), rows, cols }, { ...kwargs, mask, cbar: false, pixelRatio: 1, interactive: false });
          const out = w.probeFull(hm, rows, cols);
          hm.destroy();
          return out;
        },
        values,
        rows,
        cols,
        c.mask,
        c.kwargs,
      );
      // Cells seaborn does not draw (NaN, inf, masked) must be fully transparent (badColor's default).
      const want = c.colors.flat().flatMap((rgba) => (rgba === null ? [0, 0, 0, 0] : rgba.map((x) => x * 255)));
      expectColors(got, want, cols, 2, c.name);
    });
  }
});

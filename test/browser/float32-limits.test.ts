// Values the GPU's float32 cannot draw faithfully are refused with a HeatglError, and a refused setData keeps the
// previous picture (issue 16.3): 3.4e38 / 1e39 cells drew transparent. Epoch-millisecond data (which drew in one
// colour) is stored relative to an offset and drawn in its true colours; quantised storage still refuses it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectColors, type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
});
afterAll(async () => h.close());

test('heatmap() and setData refuse what float32 cannot draw; the previous picture stays', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const attempt = (run: () => unknown) => {
      try {
        run();
        return 'ok';
      } catch (e) {
        return `${e instanceof w.heatgl.HeatglError ? 'HeatglError' : (e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    const epochMs = { values: [0, 250, 500, 750].map((v) => 1.7e12 + v), rows: 2, cols: 2 };
    const created = attempt(() => w.heatgl.heatmap(w.makeBox(200, 200), epochMs, { ...w.PLAIN, pixelRatio: 1, storage: 'uint8' }));
    w.clearBoxes();
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), [[1, 2], [3, 4]], { ...w.PLAIN, pixelRatio: 1 });
    const before = Array.from(hm.readPixels().data).join();
    const huge = attempt(() => hm.setData({ values: [1, 2, 3.4e38, 1e39], rows: 2, cols: 2 }));
    const wide = attempt(() => hm.setData({ values: [-3e38, 0, 1, 3e38], rows: 2, cols: 2 }));
    const ms = attempt(() => hm.setData(epochMs));
    hm.render();
    const after = Array.from(hm.readPixels().data).join();
    hm.destroy();
    return { created, huge, wide, ms, same: before === after };
  });
  expect(res.created).toMatch(/^HeatglError: .*too narrow for its magnitude/);
  expect(res.huge).toMatch(/^HeatglError: .*1e\+39 is beyond ±3.4e38/);
  expect(res.wide).toMatch(/^HeatglError: .*wider than float32 holds/);
  expect(res.ms).toBe('ok');
  expect(res.same).toBe(true);
});

test('epoch-millisecond values are drawn in their true colours (float storage relative to an offset)', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    const out: Record<string, { got: number[]; want: number[]; cell: unknown }> = {};
    const values = Array.from({ length: 12 }, (_, i) => 1.7e12 + ((i * 7) % 12) * 90.5);
    const cases: [string, Record<string, unknown>, ((hm: any) => void)?][] = [
      ['float32', {}],
      ['float16', { storage: 'float16', maxGpuBytes: 2 ** 31 }],
      ['vmin/vmax', { vmin: 1.7e12 + 100, vmax: 1.7e12 + 900 }],
      ['center', { center: 1.7e12 + 500 }],
      ['bilinear', { interpolation: 'bilinear' }],
      // Created over a small range, then moved to epoch values: setData and update() find a new offset.
      ['setData', {}, (hm) => hm.setData({ values, rows: 3, cols: 4 })],
      ['update', { vmin: 0, vmax: 1 }, (hm) => hm.update({ vmin: null, vmax: null })],
    ];
    for (const [name, options, after] of cases) {
      w.clearBoxes();
      const first = name === 'setData' ? { values: values.map((_, i) => i), rows: 3, cols: 4 } : { values, rows: 3, cols: 4 };
      let hm: any;
      try {
        hm = w.heatgl.heatmap(w.makeBox(200, 150), first, { ...w.PLAIN, pixelRatio: 1, ...options });
        after?.(hm);
      } catch (e) {
        out[name] = { got: [], want: [], cell: String(e) };
        continue;
      }
      const scale = hm.getScale();
      const got = w.probeFull(hm, 3, 4);
      let want = values.flatMap((v: number) => w.heatgl.colorOf(v, false, scale));
      const box = hm.cellToClient(1, 2);
      out[name] = { got, want, cell: hm.cellAt(box.x + box.width / 2, box.y + box.height / 2)?.value };
      hm.destroy();
      if (name === 'bilinear') {
        // Between cell centres bilinear mixes neighbours: the reference is the same picture of the values less 1.7e12.
        const ref = w.heatgl.heatmap(w.makeBox(200, 150), { values: values.map((v) => v - 1.7e12), rows: 3, cols: 4 }, { ...w.PLAIN, pixelRatio: 1, ...options });
        want = w.probeFull(ref, 3, 4);
        ref.destroy();
        (out[name] as { want: number[] }).want = want;
      }
    }
    return { out, values };
  });
  const { expectColors } = await import('./page');
  for (const [name, r] of Object.entries(res.out)) {
    // float16 keeps 11 bits of the ±500 offsets: a step of 0.25 ms, well under one of the 256 colours.
    expectColors(r.got, r.want, 4, 2, name);
    expect(r.cell, name).toBe(res.values[6]);
  }
});

test('a Float32Array whose range float32 cannot resolve at its magnitude is stored relative to an offset too', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    // 2^24 + 2k: float32 steps by 2 there, so 256 colours over a range of 22 need the values stored relative to an offset.
    const values = Float32Array.from({ length: 12 }, (_, i) => 2 ** 24 + ((i * 7) % 12) * 2);
    const hm = w.heatgl.heatmap(w.makeBox(200, 150), { values, rows: 3, cols: 4 }, { ...w.PLAIN, pixelRatio: 1 });
    const scale = hm.getScale();
    const got = w.probeFull(hm, 3, 4);
    const want = Array.from(values).flatMap((v: number) => w.heatgl.colorOf(v, false, scale));
    hm.destroy();
    return { got, want, distinct: new Set(got.map((_: number, i: number) => (i % 4 === 0 ? got.slice(i, i + 3).join() : ''))).size };
  });
  expectColors(res.got, res.want, 4, 2, 'Float32Array near 2^24');
  expect(res.distinct).toBeGreaterThan(6);
});

// Scale: the level-of-detail pyramid (reduce mean / max / min on the GPU), quantised and half-float storage, the GPU
// memory estimate, progressive upload, and live updates (updateRegion, appendRows' ring buffer). Every picture is
// compared with a CPU reference computed here from the same data.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 700);
});
afterAll(async () => h.close());

test("reduce 'max': one hot cell in an 8192² matrix of zeros shows at 512² px and at every pan offset; 'nearest' loses it", async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 8192;
    const values = new Float32Array(n * n);
    // Off the cells nearest sampling reads (pixel centres fall on cells 16k + 8).
    const hotRow = 16 * 200 + 5;
    const hotCol = 16 * 300 + 11;
    values[hotRow * n + hotCol] = 1;
    const opts = { ...w.PLAIN, pixelRatio: 1, interactive: false, vmin: 0, vmax: 1, cmap: 'viridis', reduce: 'max', progressive: false };
    const hm = w.heatgl.heatmap(w.makeBox(512, 512), { values, rows: n, cols: n }, opts);
    const scale = hm.getScale();
    const hot = w.heatgl.colorOf(1, false, scale);
    const cold = w.heatgl.colorOf(0, false, scale);
    const isHot = (d: Uint8Array, i: number) => [0, 1, 2].every((k) => Math.abs((d[i + k] as number) - hot[k]) <= 2);
    let px = hm.readPixels();
    const W = px.width;
    const H = px.height;
    // Exactly 16 cells a device pixel along both axes: level 2 of the pyramid.
    hm.setView({ x: [0, 16 * W], y: [0, 16 * H] });
    px = hm.readPixels();
    const hotPixels: number[] = [];
    let other = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 4;
        if (isHot(px.data, i)) hotPixels.push(y * W + x);
        else if ([0, 1, 2].some((k) => Math.abs((px.data[i + k] as number) - cold[k]) > 2)) other++;
      }
    }
    const stats = hm.stats();
    // Panning by a few cells at a time: the hot cell never flickers out.
    let visibleAtEveryOffset = true;
    for (let dx = 0; dx < 48; dx += 3) {
      hm.setView({ x: [dx, dx + 16 * W], y: [dx / 2, dx / 2 + 16 * H] });
      const p = hm.readPixels();
      let seen = false;
      for (let i = 0; i < p.data.length && !seen; i += 4) seen = isHot(p.data, i);
      if (!seen) visibleAtEveryOffset = false;
    }
    hm.update({ reduce: 'nearest' });
    hm.setView({ x: [0, 16 * W], y: [0, 16 * H] });
    const near = hm.readPixels();
    let nearestHot = 0;
    for (let i = 0; i < near.data.length; i += 4) if (isHot(near.data, i)) nearestHot++;
    const nearestStats = hm.stats();
    hm.destroy();
    return { W, H, hotPixels, other, stats, visibleAtEveryOffset, nearestHot, nearestStats, expected: Math.floor(hotRow / 16) * W + Math.floor(hotCol / 16) };
  });
  expect(res.W).toBeGreaterThan(256);
  expect(res.hotPixels).toEqual([res.expected]);
  expect(res.other).toBe(0);
  expect(res.visibleAtEveryOffset).toBe(true);
  expect(res.nearestHot).toBe(0);
  expect(res.stats.drawnLevel).toBe(2);
  expect(res.stats.levels).toBe(7);
  expect(res.stats.lodUnavailable).toBeNull();
  const base = res.stats.gpuBytes - res.stats.levelBytes - 256 * 4;
  expect(base).toBe(8192 * 8192 * 4);
  expect(res.stats.levelBytes / base).toBeLessThanOrEqual(1 / 3);
  console.log(`8192² pyramid: ${res.stats.levels} levels, ${(res.stats.levelBytes / 2 ** 20).toFixed(1)} MiB = ${(res.stats.levelBytes / base).toFixed(3)} of the base`);
  expect(res.nearestStats.levels).toBe(0);
  expect(res.nearestStats.levelBytes).toBe(0);
});

test("reduce 'mean' and 'min': every pixel of an 8192² field equals the colormap at its 16 × 16 block's mean / min, NaN ignored", async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 8192;
    const values = new Float32Array(n * n);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const i = r * n + c;
        values[i] = (r * c) % 997 === 3 ? Number.NaN : 0.5 + 0.4 * Math.sin(r * 0.0031 + c * 0.0017) + (((r * 7919 + c * 104729) % 1000) / 1000) * 0.1;
      }
    }
    const mask = new Uint8Array(n * n);
    // A masked 16 × 16 block is bad in every level; a half-masked one is the mean of the rest.
    for (let r = 32; r < 48; r++) for (let c = 64; c < 80; c++) mask[r * n + c] = 1;
    for (let r = 96; r < 104; r++) for (let c = 160; c < 176; c++) mask[r * n + c] = 1;
    const opts = { ...w.PLAIN, pixelRatio: 1, interactive: false, vmin: 0, vmax: 1.1, cmap: 'turbo', progressive: false, mask, badColor: 'magenta' };
    const hm = w.heatgl.heatmap(w.makeBox(512, 512), { values, rows: n, cols: n }, opts);
    let px = hm.readPixels();
    const W = px.width;
    const H = px.height;
    hm.setView({ x: [0, 16 * W], y: [0, 16 * H] });
    const scale = hm.getScale();
    const check = (kind: 'mean' | 'min') => {
      px = hm.readPixels();
      let bad = 0;
      let worst = 0;
      const samples: string[] = [];
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          let sum = 0;
          let count = 0;
          let min = Number.POSITIVE_INFINITY;
          for (let r = y * 16; r < y * 16 + 16; r++) {
            for (let c = x * 16; c < x * 16 + 16; c++) {
              const i = r * n + c;
              const v = values[i] as number;
              if (Number.isNaN(v) || mask[i]) continue;
              sum += v;
              count++;
              if (v < min) min = v;
            }
          }
          const v = kind === 'mean' ? sum / count : min;
          // A cell value exactly on a LUT boundary may land in either neighbour in float32 (min reads exact cells).
          const wants = count === 0 ? [w.heatgl.colorOf(Number.NaN, true, scale)] : [v, v * (1 - 1e-6), v * (1 + 1e-6)].map((x) => w.heatgl.colorOf(x, false, scale));
          const i = (y * W + x) * 4;
          const dist = (want: number[]) => Math.max(...[0, 1, 2, 3].map((k) => Math.abs((px.data[i + k] as number) - (want[k] as number))));
          const d = Math.min(...wants.map(dist));
          const want = wants[0];
          worst = Math.max(worst, d);
          if (d > 2) {
            bad++;
            if (samples.length < 4) samples.push(`(${y}, ${x}): ${Array.from(px.data.slice(i, i + 4))} vs ${want}`);
          }
        }
      }
      return { bad, worst, samples };
    };
    const mean = check('mean');
    const uploads = hm.stats().uploads;
    hm.update({ reduce: 'min' });
    const min = check('min');
    const after = hm.stats();
    hm.destroy();
    return { W, H, mean, min, uploadsBefore: uploads, uploadsAfter: after.uploads, level: after.drawnLevel };
  });
  expect(res.mean.samples).toEqual([]);
  expect(res.mean.bad).toBe(0);
  expect(res.min.samples).toEqual([]);
  expect(res.min.bad).toBe(0);
  expect(res.level).toBe(2);
  // mean → min switches the channel the shader reads: no upload.
  expect(res.uploadsAfter).toBe(res.uploadsBefore);
  console.log(`mean: worst channel difference ${res.mean.worst}/255 over ${res.W}×${res.H} px; min: ${res.min.worst}/255`);
});

test("storage 'float16' / 'uint16' / 'uint8' draw the stored (rounded / quantised) value; memory and error reported", async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    const hg = w.heatgl;
    const rows = 48;
    const cols = 64;
    const values = Float64Array.from({ length: rows * cols }, (_, i) => (i % 17 === 5 ? Number.NaN : -3 + 7.7 * Math.sin(i * 0.37) ** 2 + i * 1e-3));
    const out: Record<string, unknown> = {};
    for (const storage of ['float32', 'float16', 'uint16', 'uint8']) {
      w.clearBoxes();
      const hm = hg.heatmap(w.makeBox(320, 240), { values, rows, cols }, { ...w.PLAIN, pixelRatio: 1, interactive: false, cmap: 'viridis', storage, badColor: 'red' });
      const px = hm.readPixels();
      const scale = hm.getScale();
      const q = storage === 'uint16' || storage === 'uint8' ? hg.quantizer(storage, scale.vmin, scale.vmax) : null;
      const stored = (v: number) => (storage === 'float16' ? hg.fromHalf(hg.toHalf(v)) : q ? q.decode(q.encode(v)) : v);
      let bad = 0;
      let changed = 0;
      const samples: string[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const v = values[r * cols + c] as number;
          const cx = Math.floor(((c + 0.5) / cols) * px.width);
          const cy = Math.floor(((r + 0.5) / rows) * px.height);
          const i = (cy * px.width + cx) * 4;
          const want = hg.colorOf(stored(v), false, scale);
          const exact = hg.colorOf(v, false, scale);
          if (want.some((x: number, k: number) => x !== exact[k])) changed++;
          if ([0, 1, 2, 3].some((k) => Math.abs((px.data[i + k] as number) - want[k]) > 1)) {
            bad++;
            if (samples.length < 3) samples.push(`${storage} (${r}, ${c}) v=${v}: ${Array.from(px.data.slice(i, i + 4))} vs ${want}`);
          }
        }
      }
      const s = hm.stats();
      out[storage] = { bad, samples, changed, gpuBytes: s.gpuBytes - s.levelBytes - 256 * 4, levelBytes: s.levelBytes, error: s.quantizationError, step: q ? q.step : 0, span: scale.vmax - scale.vmin };
      hm.destroy();
    }
    let overflow = '';
    try {
      hg.heatmap(w.makeBox(100, 100), [[1, 70000]], { storage: 'float16' });
    } catch (e) {
      overflow = String((e as Error).message);
    }
    w.clearBoxes();
    return { out, overflow };
  });
  const o = res.out as Record<string, { bad: number; samples: string[]; changed: number; gpuBytes: number; levelBytes: number; error: number; step: number; span: number }>;
  for (const s of ['float32', 'float16', 'uint16', 'uint8']) {
    expect(o[s]?.samples).toEqual([]);
    expect(o[s]?.bad).toBe(0);
  }
  // uint8's 255 steps move some cells to a neighbouring colour: the test sees the quantisation.
  expect(o.uint8?.changed).toBeGreaterThan(0);
  expect(o.float16?.gpuBytes).toBe((o.float32?.gpuBytes as number) / 2);
  expect(o.uint16?.gpuBytes).toBe((o.float32?.gpuBytes as number) / 2);
  expect(o.uint8?.gpuBytes).toBe((o.float32?.gpuBytes as number) / 4);
  for (const s of ['float16', 'uint16', 'uint8']) expect((o[s]?.levelBytes as number) / (o[s]?.gpuBytes as number)).toBeLessThanOrEqual(1 / 3);
  expect(o.uint8?.error).toBeCloseTo((o.uint8?.span as number) / 508, 12);
  expect(o.uint16?.error).toBeCloseTo((o.uint16?.span as number) / 131068, 12);
  expect(res.overflow).toMatch(/float16.*65504.*70000/);
});

test('the GPU memory estimate refuses a matrix over maxGpuBytes before allocating, naming sizes and the way out', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const values = new Float32Array(1000 * 1000);
    const errors: string[] = [];
    for (const opts of [{ maxGpuBytes: 3e6 }, { maxGpuBytes: 4.5e6 }]) {
      try {
        w.heatgl.heatmap(w.makeBox(200, 200), { values, rows: 1000, cols: 1000 }, opts).destroy();
        errors.push('');
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    const est = w.heatgl.estimateGpuBytes(1000, 1000, 8192, 0, 'float32', 'mean');
    const hm = w.heatgl.heatmap(w.makeBox(200, 200), { values, rows: 1000, cols: 1000 }, { maxGpuBytes: 3e6, storage: 'uint16' });
    // The pyramid is made by the first frame that needs it (1000 cells on ~200 px do).
    const before = hm.stats().levelBytes;
    hm.readPixels();
    const s = hm.stats();
    hm.destroy();
    w.clearBoxes();
    return { errors, est, gpuBytes: s.gpuBytes, storage: s.storage, before };
  });
  expect(res.errors[0]).toMatch(/1000 × 1000 matrix needs 0\.00 GiB.*4 bytes a cell.*'float32'.*pyramid.*limit.*maxGpuBytes.*'uint8'/);
  // 4.5 MB holds the 4 MB of values but not the 1.07 MB pyramid on top.
  expect(res.errors[1]).toMatch(/needs/);
  expect(res.est.baseBytes).toBe(4e6);
  expect(res.est.levelBytes).toBeGreaterThan(1e6);
  expect(res.est.levelBytes).toBeLessThan(4e6 / 3);
  expect(res.storage).toBe('uint16');
  expect(res.before).toBe(0);
  expect(res.gpuBytes).toBe(2e6 + res.est.levelBytes / 2 + 256 * 4);
});

test('progressive upload: 36 M cells fill in band by band with progress events and short tasks; same final picture', async () => {
  // The data is made in a task of its own, so the long-task observer below sees only heatgl's tasks.
  await h.page.evaluate(() => {
    const values = new Float32Array(6000 * 6000);
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i * 1e-5) + (i % 7) * 0.01;
    (window as any).progressiveValues = values;
  });
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const n = 6000;
    const values = w.progressiveValues as Float32Array;
    const opts = { ...w.PLAIN, pixelRatio: 1, interactive: false };
    // 1. Main-thread tasks while loading (nothing here waits for the GPU: no readback until loaded() resolves).
    const longTasks: number[] = [];
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    obs.observe({ type: 'longtask', buffered: false });
    const events: number[] = [];
    const t0 = performance.now();
    const hm = w.heatgl.heatmap(w.makeBox(300, 300), { values, rows: n, cols: n }, opts);
    const constructMs = performance.now() - t0;
    hm.on('progress', (p: { fraction: number }) => events.push(p.fraction));
    const loadedEarly = hm.stats().loaded;
    await hm.loaded();
    const totalMs = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    obs.disconnect();
    const a = hm.readPixels();
    const scaleA = hm.getScale();
    const loadedDone = hm.stats().loaded;
    const slices = hm.stats().uploadSlicesMs as number[];
    hm.destroy();
    // 2. Mid-way pictures: part drawn, the rest transparent.
    const partial: number[] = [];
    const mid = w.heatgl.heatmap(w.makeBox(300, 300), { values, rows: n, cols: n }, opts);
    await new Promise<void>((resolve) => {
      const off = mid.on('progress', (p: { fraction: number }) => {
        if (p.fraction < 1) {
          const px = mid.readPixels();
          let opaque = 0;
          for (let i = 3; i < px.data.length; i += 4) if (px.data[i] === 255) opaque++;
          partial.push(opaque / (px.width * px.height));
        }
        if (partial.length >= 2 || p.fraction === 1) {
          off();
          resolve();
        }
      });
    });
    mid.destroy();
    // 3. The same picture uploaded in one go.
    const ref = w.heatgl.heatmap(w.makeBox(300, 300), { values, rows: n, cols: n }, { ...opts, progressive: false });
    const b = ref.readPixels();
    const scaleB = ref.getScale();
    ref.destroy();
    let diff = 0;
    for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) diff++;
    w.clearBoxes();
    w.progressiveValues = undefined;
    return { events, partial, longTasks, slices, constructMs, totalMs, loadedEarly, loadedDone, diff, limits: [scaleA.vmin, scaleA.vmax, scaleB.vmin, scaleB.vmax] };
  });
  const sorted = [...res.slices].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  console.log(
    `progressive 6000²: constructor ${res.constructMs.toFixed(0)} ms, loaded after ${res.totalMs.toFixed(0)} ms; ${res.slices.length} slices, main-thread median ${median.toFixed(0)} ms, max ${Math.max(...res.slices).toFixed(0)} ms (${res.slices.filter((x) => x > 50).length} over 50 ms); long tasks (> 50 ms, incl. waits on the GPU process) ${res.longTasks.map((d) => d.toFixed(0)).join(', ') || 'none'}; mid-way opaque ${res.partial.map((f) => f.toFixed(2)).join(', ')}`,
  );
  // 36 M cells in upload slices of at most 4 M cells (plus the limits, 2 M cells a slice): the work is spread, and nearly every slice is short. One slice may meet the
  // GPU process's zero-fill of the fresh 144 MB texture (SwiftShader clears it on the CPU at its first use).
  // Upload slices are at most 4 M cells (adaptive: 1 M to start, doubled while frames are on time).
  expect(res.events.length).toBeGreaterThanOrEqual(9);
  expect(median).toBeLessThan(50);
  expect(res.slices.filter((x) => x > 60).length).toBeLessThanOrEqual(1);
  expect(res.loadedEarly).toBeLessThan(1);
  expect(res.loadedDone).toBe(1);
  expect(res.events.length).toBeGreaterThanOrEqual(4);
  expect(res.events.at(-1)).toBe(1);
  for (let i = 1; i < res.events.length; i++) expect(res.events[i]).toBeGreaterThan(res.events[i - 1] as number);
  expect(res.partial[0]).toBeGreaterThan(0);
  expect(res.partial[0]).toBeLessThan(1);
  expect(res.limits.slice(0, 2)).toEqual(res.limits.slice(2));
  expect(res.diff).toBe(0);
  // The constructor allocates textures and checks framebuffers (waits on the GPU process): no pass over the data.
  expect(res.constructMs).toBeLessThan(250);
});

test('updateRegion writes a block in place (levels above it too): same pixels as a fresh heatmap; the caller’s array untouched', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    const hg = w.heatgl;
    const rows = 1024;
    const cols = 1024;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => ((i * 2654435761) % 1000) / 1000);
    const before = values.slice();
    const block = { values: Float32Array.from({ length: 9 * 13 }, (_, i) => (i % 5 === 0 ? Number.NaN : 2 + i / 10)), rows: 9, cols: 13 };
    const apply = (v: Float32Array) => {
      const out = v.slice();
      for (let r = 0; r < 9; r++) for (let c = 0; c < 13; c++) out[(300 + r) * cols + 500 + c] = block.values[r * 13 + c] as number;
      return out;
    };
    const results: Record<string, number> = {};
    for (const [name, extra] of [
      ['max, zoomed out', { reduce: 'max' }],
      ['mean, zoomed out', { reduce: 'mean' }],
      ['nearest, tiles of 100, zoomed in', { reduce: 'nearest', tileSize: 100, view: true }],
      ['bilinear, tiles of 100', { interpolation: 'bilinear', tileSize: 100, view: true }],
      ['uint16, fixed range', { storage: 'uint16', vmin: 0, vmax: 3 }],
    ] as const) {
      w.clearBoxes();
      const { view, ...opts } = { view: false, ...extra };
      const o = { ...w.PLAIN, pixelRatio: 1, interactive: false, ...opts };
      const hm = hg.heatmap(w.makeBox(256, 256), { values, rows, cols }, o);
      if (view) hm.setView({ x: [480, 540], y: [290, 320] });
      hm.readPixels();
      hm.updateRegion(300, 500, block);
      const a = hm.readPixels();
      const vmax = hm.getScale().vmax;
      hm.destroy();
      const ref = hg.heatmap(w.makeBox(256, 256), { values: apply(values), rows, cols }, o);
      if (view) ref.setView({ x: [480, 540], y: [290, 320] });
      const b = ref.readPixels();
      ref.destroy();
      let diff = 0;
      for (let i = 0; i < a.data.length; i++) if (Math.abs((a.data[i] as number) - (b.data[i] as number)) > 0) diff++;
      results[name] = diff;
      results[`${name} vmax`] = vmax;
    }
    let untouched = true;
    for (let i = 0; i < values.length; i++) if (values[i] !== before[i]) untouched = false;
    const errors: string[] = [];
    const hm = hg.heatmap(w.makeBox(100, 100), { values, rows, cols });
    for (const f of [() => hm.updateRegion(1020, 0, block), () => hm.updateRegion(-1, 0, block), () => hm.updateRegion(0.5, 0, block)]) {
      try {
        f();
        errors.push('');
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    hm.destroy();
    w.clearBoxes();
    return { results, untouched, errors };
  });
  for (const [k, v] of Object.entries(res.results)) if (!k.endsWith('vmax')) expect(v, k).toBe(0);
  // Automatic limits follow the new data; a fixed range stays.
  expect(res.results['max, zoomed out vmax']).toBeCloseTo(2 + 116 / 10, 5);
  expect(res.results['uint16, fixed range vmax']).toBe(3);
  expect(res.untouched).toBe(true);
  expect(res.errors[0]).toMatch(/9 × 13 block at row 1020, column 0 does not fit the 1024 × 1024 matrix/);
  expect(res.errors[1]).toMatch(/does not fit/);
  expect(res.errors[2]).toMatch(/does not fit/);
});

test('appendRows scrolls through a GPU ring buffer: every step equals a fresh heatmap of the shifted matrix', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    const hg = w.heatgl;
    const rows = 50;
    const cols = 40;
    let logical = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.1));
    const labels = Array.from({ length: rows }, (_, i) => `t${i}`);
    const out: { diffs: number[]; cell: unknown; labels: string[]; uploads: number[]; errors: string[] } = { diffs: [], cell: null, labels: [], uploads: [], errors: [] };
    for (const tileSize of [undefined, 16]) {
      w.clearBoxes();
      const o = { ...w.PLAIN, pixelRatio: 1, interactive: false, vmin: -1, vmax: 1, tileSize, reduce: 'nearest' };
      let cur = logical.slice();
      const hm = hg.heatmap(w.makeBox(200, 250), { values: cur, rows, cols, rowLabels: labels }, o);
      let next = rows;
      for (const k of [7, 30, 13, 60]) {
        const block = Float64Array.from({ length: k * cols }, (_, i) => Math.cos((next * cols + i) * 0.05));
        next += k;
        hm.appendRows({ values: block, rows: k, cols });
        const shifted = new Float64Array(rows * cols);
        const keep = Math.max(0, rows - k);
        shifted.set(cur.subarray((rows - keep) * cols), 0);
        shifted.set(block.subarray((k - (rows - keep)) * cols), keep * cols);
        cur = shifted;
        const a = hm.readPixels();
        const ref = hg.heatmap(w.makeBox(200, 250), { values: cur, rows, cols }, o);
        const b = ref.readPixels();
        ref.destroy();
        let diff = 0;
        for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) diff++;
        out.diffs.push(diff);
      }
      const r = hm.canvas.getBoundingClientRect();
      out.cell = hm.cellAt(r.left + 1, r.top + r.height - 1);
      out.uploads.push(hm.stats().uploads);
      try {
        hm.appendRows({ values: new Float64Array(3 * 41), rows: 3, cols: 41 });
      } catch (e) {
        out.errors.push((e as Error).message);
      }
      hm.destroy();
      logical = logical.slice();
    }
    w.clearBoxes();
    return out;
  });
  expect(res.diffs).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  // Appends upload only the new rows: the upload counter (full uploads) stays at the first one.
  expect(res.uploads).toEqual([1, 1]);
  expect((res.cell as { row: number }).row).toBe(49);
  expect(res.errors[0]).toMatch(/block has 41 columns but the matrix has 40/);
});

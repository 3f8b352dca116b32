// The first frame does not wait for the level-of-detail pyramid: it is drawn from the base textures as soon as they
// are on the GPU, the pyramid is made in a later task and the heatmap redraws from it. The final picture is the
// reduced one (checked against a CPU reference), and readPixels / toCanvas right after creation already give it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(600, 400);
});
afterAll(async () => h.close());

test("reduce 'mean': the first render() draws from the base, the pyramid follows in a later task, then the mean picture", async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    // 1024² cells on 256² device pixels: 4 × 4 cells a pixel, level 1 of the pyramid exactly.
    const n = 1024;
    const values = new Float32Array(n * n);
    let s = 12345;
    for (let i = 0; i < values.length; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      values[i] = Math.sin(i * 0.001) + s / 2147483648;
    }
    const opts = { ...w.PLAIN, pixelRatio: 1, interactive: false, progressive: false, cmap: 'viridis' };
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const hm = w.heatgl.heatmap(w.makeBox(256, 256), { values, rows: n, cols: n }, opts);
    hm.render();
    const first = hm.stats();
    // The interim picture, read in the task that drew it (the canvas has no preserveDrawingBuffer).
    const gl = hm.canvas.getContext('webgl') as WebGLRenderingContext;
    const W = hm.canvas.width;
    const H = hm.canvas.height;
    const interim = new Uint8Array(W * H * 4);
    gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, interim);
    let renders = 0;
    hm.on('render', () => renders++);
    for (let i = 0; i < 20 && hm.stats().drawnLevel === 0; i++) await nextFrame();
    const later = hm.stats();
    const finalPx = hm.readPixels();
    hm.destroy();

    // CPU reference: each pixel is the colour of its 4 × 4 block's mean; the interim one of the block's cell (2, 2).
    const scale = (() => {
      const probe = w.heatgl.heatmap(w.makeBox(8, 8), { values, rows: n, cols: n }, opts);
      const sc = probe.getScale();
      probe.destroy();
      return sc;
    })();
    let meanBad = 0;
    let interimNearest = 0;
    let interimDiffers = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let sum = 0;
        for (let r = 4 * y; r < 4 * y + 4; r++) for (let c = 4 * x; c < 4 * x + 4; c++) sum += values[r * n + c] as number;
        const m = sum / 16;
        const wants = [m, m * (1 - 1e-6), m * (1 + 1e-6)].map((v) => w.heatgl.colorOf(v, false, scale));
        const i = (y * W + x) * 4;
        const near = (px: ArrayLike<number>, j: number, want: number[]) => [0, 1, 2, 3].every((k) => Math.abs((px[j + k] as number) - (want[k] as number)) <= 2);
        if (!wants.some((want: number[]) => near(finalPx.data, i, want))) meanBad++;
        // gl.readPixels rows start at the bottom.
        const gi = ((H - 1 - y) * W + x) * 4;
        const cell = values[(4 * y + 2) * n + 4 * x + 2] as number;
        if (near(interim, gi, w.heatgl.colorOf(cell, false, scale))) interimNearest++;
        if ([0, 1, 2].some((k) => interim[gi + k] !== finalPx.data[i + k])) interimDiffers++;
      }
    }
    return { W, H, first, later, renders, meanBad, interimNearest, interimDiffers };
  });
  expect([res.W, res.H]).toEqual([256, 256]);
  // The first frame: drawn from the base, no pyramid made yet (the old code made it inside that render()).
  expect(res.first.drawnLevel).toBe(0);
  expect(res.first.levelBytes).toBe(0);
  expect(res.interimNearest).toBeGreaterThan(0.99 * res.W * res.H);
  expect(res.interimDiffers).toBeGreaterThan(0.5 * res.W * res.H);
  // Then, without any call: the pyramid made and the heatmap redrawn from level 1.
  expect(res.renders).toBeGreaterThan(0);
  expect(res.later.drawnLevel).toBe(1);
  expect(res.later.levelBytes).toBeGreaterThan(0);
  expect(res.meanBad).toBe(0);
});

test('readPixels and toCanvas right after heatmap() give the reduced picture, not the interim one', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 1024;
    const values = new Float32Array(n * n);
    for (let i = 0; i < values.length; i++) values[i] = ((i * 2654435761) % 1000) / 1000;
    const opts = { ...w.PLAIN, pixelRatio: 1, interactive: false, progressive: false };
    const a = w.heatgl.heatmap(w.makeBox(256, 256), { values, rows: n, cols: n }, opts);
    const px = a.readPixels();
    const level = a.stats().drawnLevel;
    a.destroy();
    w.clearBoxes();
    const b = w.heatgl.heatmap(w.makeBox(256, 256), { values, rows: n, cols: n }, opts);
    const canvas = b.toCanvas();
    const levelB = b.stats().drawnLevel;
    b.destroy();
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const img = ctx.getImageData(0, 0, 256, 256).data;
    let differ = 0;
    for (let i = 0; i < img.length; i += 4) if ([0, 1, 2, 3].some((k) => Math.abs((img[i + k] as number) - (px.data[i + k] as number)) > 1)) differ++;
    // The nearest picture of the same data, which the interim frame would show.
    w.clearBoxes();
    const c = w.heatgl.heatmap(w.makeBox(256, 256), { values, rows: n, cols: n }, { ...opts, reduce: 'nearest' });
    const near = c.readPixels();
    c.destroy();
    let nearDiffer = 0;
    for (let i = 0; i < near.data.length; i += 4) if (near.data[i] !== px.data[i]) nearDiffer++;
    return { level, levelB, differ, nearDiffer, size: [canvas.width, canvas.height] };
  });
  expect(res.level).toBe(1);
  expect(res.levelB).toBe(1);
  expect(res.size).toEqual([256, 256]);
  expect(res.differ).toBe(0);
  expect(res.nearDiffer).toBeGreaterThan(1000);
});

test('the first frame compiles its shader before the values go up (a compile queued behind them waits for the upload), and only that one', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const n = 512;
    const values = new Float32Array(n * n);
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i * 0.01);
    // Log the heatmap shader's compiles and the large uploads in order.
    const log: string[] = [];
    const names = new WeakMap<WebGLShader, string>();
    const spies = {
      shaderSource: (s: WebGLShader, src: string) => names.set(s, /SHADER_NAME\s+(\S+)/.exec(src)?.[1] ?? '?'),
      compileShader: (s: WebGLShader) => log.push(`compile ${names.get(s)}`),
      texSubImage2D: (...args: unknown[]) => (args[4] as number) * (args[5] as number) >= n * n && log.push('upload values'),
    };
    w.withGlSpy(spies, () => {
      const hm = w.heatgl.heatmap(w.makeBox(256, 256), { values, rows: n, cols: n }, { ...w.PLAIN, pixelRatio: 1, interactive: false, progressive: false, reduce: 'nearest' });
      log.push('constructed');
      hm.render();
      log.push('rendered');
      hm.destroy();
    });
    return log.filter((l) => l.includes('heatmap.frag') || !l.startsWith('compile'));
  });
  expect(res).toEqual(['compile heatmap.frag', 'upload values', 'constructed', 'rendered']);
});

test('the values go up band by band straight from the caller’s array, each band handed to the GPU process at once, while the limits are scanned; a band with NaN goes up encoded; same picture as limits scanned first', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    // 2048 rows × 1024 columns: bands of 512 rows (half a million cells); a NaN in the second band.
    const rows = 2048;
    const cols = 1024;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.001) * 3 + ((i * 7919) % 101) / 101);
    values[700 * cols + 5] = Number.NaN;
    const log: string[] = [];
    const spies = {
      texSubImage2D: (...args: unknown[]) => {
        const data = args[8] as ArrayBufferView | undefined;
        if ((args[4] as number) === cols) log.push(`${args[5] as number} rows ${data?.buffer === values.buffer ? 'as they are' : 'copied'}`);
      },
      flush: () => log.push('flush'),
    };
    const opts = { ...w.PLAIN, pixelRatio: 1, interactive: false, reduce: 'nearest' };
    const hm = w.withGlSpy(spies, () => w.heatgl.heatmap(w.makeBox(128, 256), { values, rows, cols }, { ...opts, progressive: false }));
    // The reference: limits scanned first, then the bands over frames (the progressive path).
    const ref = w.heatgl.heatmap(w.makeBox(128, 256), { values, rows, cols }, { ...opts, progressive: true });
    await ref.loaded();
    const pictures = (m: any) => {
      m.resetView();
      const full = m.readPixels().data;
      m.setView({ x: [0, 16], y: [692, 708] });
      const zoom = m.readPixels().data;
      return { full, zoom };
    };
    const a = pictures(hm);
    const b = pictures(ref);
    const differ = (p: Uint8ClampedArray, q: Uint8ClampedArray) => p.reduce((n, v, i) => n + (v !== q[i] ? 1 : 0), 0);
    let transparent = 0;
    for (let i = 3; i < a.zoom.length; i += 4) if (a.zoom[i] === 0) transparent++;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of values) if (!Number.isNaN(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const scale = hm.getScale();
    const out = { log, fullDiffer: differ(a.full, b.full), zoomDiffer: differ(a.zoom, b.zoom), transparent, pixels: a.zoom.length / 4, limits: [scale.vmin, scale.vmax], want: [lo, hi] };
    hm.destroy();
    ref.destroy();
    return out;
  });
  expect(res.log).toEqual(['512 rows as they are', 'flush', '512 rows copied', 'flush', '512 rows as they are', 'flush', '512 rows as they are', 'flush']);
  expect(res.limits).toEqual(res.want);
  expect(res.fullDiffer).toBe(0);
  expect(res.zoomDiffer).toBe(0);
  // 16 × 16 cells on 128 × 256 px: the NaN cell is 8 × 16 transparent pixels.
  expect(res.transparent).toBe(128);
});

test('with a colour bar whose ticks come from the data, the limits are scanned first: the canvas is sized once, before its context, and never again', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const rows = 2048;
    const cols = 1024;
    // Five-digit negative values: the colour bar's tick labels are wider than a 0–1 range's would be.
    const values = Float32Array.from({ length: rows * cols }, (_, i) => -12000 + Math.sin(i * 0.001) * 3000);
    values[700 * cols + 5] = Number.NaN;
    const run = (options: Record<string, unknown>) => {
      const log: string[] = [];
      const spies = {
        texSubImage2D: (...args: unknown[]) => {
          const data = args[8] as ArrayBufferView | undefined;
          if ((args[4] as number) === cols) log.push(data?.buffer === values.buffer ? 'as they are' : 'copied');
        },
      };
      const hm = w.withGlSpy(spies, () => w.heatgl.heatmap(w.makeBox(400, 300), { values, rows, cols }, { pixelRatio: 1, interactive: false, progressive: false, ...options }));
      const before = [hm.canvas.width, hm.canvas.height];
      hm.render();
      const after = [hm.canvas.width, hm.canvas.height];
      hm.destroy();
      return { log, before, after };
    };
    return { auto: run({}), given: run({ vmin: -15000, vmax: -9000 }) };
  });
  // Limits first: the data has a NaN, so every band is encoded (the scan found it before the upload).
  expect(res.auto.log).toEqual(['copied', 'copied', 'copied', 'copied']);
  expect(res.auto.after).toEqual(res.auto.before);
  // vmin and vmax given: the ticks are known, the limits go with the upload (only the NaN band encoded).
  expect(res.given.log).toEqual(['as they are', 'copied', 'as they are', 'as they are']);
  expect(res.given.after).toEqual(res.given.before);
});

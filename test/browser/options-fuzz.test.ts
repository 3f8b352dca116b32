// Fuzz of option objects (issue 16, "Done when"): seeded random options for heatmap() and update(), built from valid
// and invalid values of every option (wrong types, huge numbers, NaN, strings, symbols, BigInts, nested junk). Every
// call either succeeds or throws a HeatglError, never another error and never an uncaught page error (openPage's
// close() fails on one); after each failed update() the picture read back is byte-identical to the one before, and
// after each accepted one the heatmap still draws. Bounded in time (about 20 s of calls) and in count.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rng } from '../support/random';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
});
afterAll(async () => h.close());

const SECONDS = 20;
const MAX_CALLS = 600;

test('random option objects: a HeatglError or success, and a failed update() keeps the picture', async () => {
  const r = rng(Number(process.env.HEATGL_FUZZ_SEED ?? 1616));
  const stream = Array.from({ length: 40_000 }, r);
  const res = await h.page.evaluate(
    async (stream, seconds, maxCalls) => {
      const w = window as any;
      w.clearBoxes();
      let at = 0;
      const next = () => stream[at++ % stream.length] as number;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const ROWS = 4;
      const COLS = 5;
      const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
      const junk: (() => unknown)[] = [
        () => undefined,
        () => null,
        () => Number.NaN,
        () => Number.POSITIVE_INFINITY,
        () => Number.NEGATIVE_INFINITY,
        () => -1,
        () => 0,
        () => 1e308,
        () => -5e-324,
        () => 2 ** 53 + 1,
        () => '',
        () => 'junk',
        () => 'x'.repeat(5000),
        () => '<img src=x onerror=alert(1)>',
        () => true,
        () => false,
        () => ({}),
        () => [],
        () => [Number.NaN],
        () => [1, 'a', null],
        () => ({ a: { b: [null, { c: Number.NaN }] } }),
        () => () => 1,
        () => Symbol('s'),
        () => 10n,
        () => Object.create(null),
        () => new Date(0),
        () => new Float32Array(3),
        () => 'constructor',
        () => '__proto__',
        () => 'toString',
      ];
      const colors = ['red', '#fff', '#00ff0080', '0.3', [1, 0, 0], [2, 0, 0], 'C3', 'tab:blue', 'none', 'transparent', 'notacolor', 'rgb(1,2,3)'];
      const edges = (n: number) => [range(n + 1, (i) => i), range(n + 1, (i) => n - i), range(n + 1, (i) => 1.7e9 + i * 60), range(n + 1, (i) => 10 ** i), range(n, (i) => i), [0, 2, 1, ...range(n - 2, (i) => i + 3)], range(n + 1, () => 1)];
      const mat = (rows: number, cols: number, f: (i: number) => number) => range(rows, (i) => range(cols, (j) => f(i * cols + j)));
      const valid: Record<string, readonly unknown[]> = {
        vmin: [-5, 0, 1, 2.5, null, 1e30],
        vmax: [0, 5, 20, null, -1e30],
        center: [0, 3, null, 1e20],
        robust: [true, false],
        cmap: ['rocket', 'viridis', 'vlag_r', 'mako', ['red', 'blue'], ['red'], 'nonexistent', 'Blues_r_r'],
        mask: [mat(ROWS, COLS, (i) => i % 3 === 0 ? 1 : 0), mat(ROWS, COLS, () => 1), mat(2, 2, () => 1), null, range(ROWS * COLS, (i) => i % 2)],
        badColor: colors,
        underColor: colors,
        overColor: colors,
        norm: ['linear', 'log', 'junk', { type: 'log' }, { type: 'symlog', linthresh: 1 }, { type: 'symlog', linthresh: -1 }, { type: 'power', gamma: 0.5 }, { type: 'boundary', boundaries: [0, 5, 10, 20] }, { type: 'boundary', boundaries: [3] }, { type: 'twoslope', vcenter: 4 }, { type: 'centered' }, null],
        levels: [2, 7, 256, 4096, 5000, 1.5, 1e7],
        interactive: [true, false],
        pixelRatio: [0.5, 1, 1.5, 2],
        tileSize: [1, 2, 3, 16, 4096, 0.5, 1e9],
        maxGpuBytes: [1, 100, 2 ** 31, 1e300],
        storage: ['float32', 'float16', 'uint16', 'uint8', 'int8'],
        reduce: ['mean', 'max', 'min', 'nearest', 'median'],
        progressive: [true, false, 'auto'],
        fallback: ['none', 'canvas2d'],
        sharedContext: [true, false, 'auto'],
        preserveDrawingBuffer: [true, false],
        xticklabels: ['auto', true, false, 2, 0, -1, range(COLS, (i) => `c${i}`), ['a'], range(COLS + 3, (i) => String(i)), [1, 2, 3, 4, 5]],
        yticklabels: ['auto', true, false, 3, range(ROWS, (i) => `r${i}`), range(ROWS + 1, (i) => String(i))],
        annot: [true, false, null, mat(ROWS, COLS, (i) => i / 3), mat(ROWS, COLS, (i) => i), mat(1, 2, () => 1)],
        fmt: ['.2g', 'd', '.1f', '.2e', '>10.3f', '.0%', ',', '{x}', 'z', '.500f'],
        annotKws: [{}, { color: 'red' }, { fontsize: 8 }, { size: -1 }, { color: 'nope' }, { fontweight: 'bold' }],
        linewidths: [0, 1, 2.5, 100],
        linecolor: colors,
        cbar: [true, false],
        cbarKws: [{}, { label: 'x' }, { orientation: 'horizontal' }, { shrink: 0.5 }, { ticks: [0, 1] }, { format: '.1f' }, { extend: 'both' }, { shrink: -1 }, { orientation: 'diag' }, { ticks: 'many' }],
        square: [true, false],
        title: ['T', '', '<b>x</b>', 'y'.repeat(300)],
        xlabel: ['x', ''],
        ylabel: ['y', ''],
        fontSize: [10, 1, 40],
        fontFamily: ['serif', 'monospace', ''],
        textColor: colors,
        xEdges: edges(COLS),
        yEdges: edges(ROWS),
        x: edges(COLS - 1),
        y: edges(ROWS - 1),
        extent: [[0, 1, 0, 1], [1e7, 1e7 + 3, 0, 3], [0, 0, 0, 0], [5, 0, 4, 0], [0, 1, 0], [Number.NaN, 1, 0, 1]],
        origin: ['upper', 'lower'],
        xscale: ['linear', 'log'],
        yscale: ['linear', 'log'],
        interpolation: ['nearest', 'none', 'bilinear', 'bicubic', 'lanczos'],
        shading: ['flat', 'nearest', 'gouraud', 'auto'],
        aspect: ['auto', 'equal', 1, 2, 0, -1],
        yticksPosition: ['left', 'right', 'top'],
        tooltip: [true, false, () => 'tip'],
      };
      const keys = Object.keys(valid);
      const randomOptions = (): unknown => {
        const roll = next();
        if (roll < 0.04) return pick(junk)();
        const o: Record<string, unknown> = {};
        const n = 1 + Math.floor(next() * 5);
        for (let k = 0; k < n; k++) {
          const key = next() < 0.03 ? pick(['unknownOption', 'colour', 'vMin']) : pick(keys);
          o[key] = next() < 0.7 ? pick(valid[key] ?? [0]) : pick(junk)();
        }
        return o;
      };
      const show = (v: unknown): string => {
        try {
          return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' || typeof x === 'symbol' || typeof x === 'function' ? String(x) : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x))?.slice(0, 300) ?? String(v);
        } catch {
          return String(v);
        }
      };
      const bad: string[] = [];
      const outcome = (e: unknown, what: string, o: unknown) => {
        if (!(e instanceof w.heatgl.HeatglError)) bad.push(`${what} ${show(o)} threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      };
      const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
      const data = { values: range(ROWS * COLS, (i) => (i * 7) % 11 - 3), rows: ROWS, cols: COLS };
      const counts = { create: 0, createOk: 0, update: 0, updateOk: 0, changed: 0 };
      let hm = w.heatgl.heatmap(w.makeBox(160, 120), data, { pixelRatio: 1 });
      const t0 = performance.now();
      while (performance.now() - t0 < seconds * 1000 && counts.create + counts.update < maxCalls) {
        if (next() < 0.2) {
          counts.create++;
          const o = randomOptions();
          const box = w.makeBox(160, 120);
          try {
            const fresh = w.heatgl.heatmap(box, data, o);
            counts.createOk++;
            try {
              fresh.render();
              fresh.readPixels();
            } catch (e) {
              bad.push(`heatmap() accepted ${show(o)} but then failed to draw: ${(e as Error).message}`);
            }
            fresh.destroy();
          } catch (e) {
            outcome(e, 'heatmap()', o);
            if (box.childElementCount !== 0) bad.push(`heatmap() refused ${show(o)} but left ${box.childElementCount} elements in the container`);
          }
          box.remove();
          continue;
        }
        counts.update++;
        const o = randomOptions();
        const before = hm.readPixels();
        try {
          hm.update(o);
          counts.updateOk++;
          try {
            hm.render();
            if (!same(before.data, hm.readPixels().data)) counts.changed++;
          } catch (e) {
            bad.push(`update() accepted ${show(o)} but then failed to draw: ${(e as Error).message}`);
            hm.destroy();
            hm = w.heatgl.heatmap(w.makeBox(160, 120), data, { pixelRatio: 1 });
          }
        } catch (e) {
          outcome(e, 'update()', o);
          const after = hm.readPixels();
          if (!same(before.data, after.data)) bad.push(`update() refused ${show(o)} but the picture changed`);
        }
      }
      hm.destroy();
      w.clearBoxes();
      // One example (the first) of each kind of failure.
      const kinds = new Map<string, string>();
      for (const b of bad) {
        const kind = b.replace(/^(\S+) .*? (threw|but) /, '$1 … $2 ');
        if (!kinds.has(kind)) kinds.set(kind, b);
      }
      const distinct = [...kinds.values()];
      return { bad: distinct, counts, seconds: (performance.now() - t0) / 1000 };
    },
    stream,
    SECONDS,
    MAX_CALLS,
  );
  console.log(`options fuzz: ${JSON.stringify(res.counts)} in ${res.seconds.toFixed(1)} s`);
  expect(res.bad.slice(0, 30)).toEqual([]);
  // The fuzz reached both kinds of outcome for both calls.
  expect(res.counts.createOk).toBeGreaterThan(0);
  expect(res.counts.create).toBeGreaterThan(res.counts.createOk);
  expect(res.counts.updateOk).toBeGreaterThan(0);
  expect(res.counts.update).toBeGreaterThan(res.counts.updateOk);
});

// clustermap's `ready` always settles (issue 16.14): bad method / metric are refused before any work starts, a
// metric function that returns NaN or throws rejects `ready` with a HeatglError, and destroy() during clustering
// rejects it with a "destroyed" error, in the worker and on the main thread. No error escapes as a page error.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(600, 600);
});
afterAll(async () => h.close());

interface Outcome {
  thrown?: string;
  settled?: 'resolved' | 'rejected' | 'pending';
  name?: string;
  message?: string;
  leftover?: number;
}

/** Creates a clustermap from the page's `spec`, then reports how `ready` settled within 10 s. */
async function outcome(spec: string): Promise<Outcome> {
  return h.page.evaluate(async (spec) => {
    const w = window as any;
    w.clearBoxes();
    const box = w.makeBox(300, 300);
    const values = Array.from({ length: 40 * 6 }, (_, i) => Math.sin(i * 0.7) + (i % 5));
    const big = Float64Array.from({ length: 1500 * 200 }, (_, i) => Math.sin(i * 0.37) + ((i / 200) % 7));
    let cm: any;
    const make = new Function('heatgl', 'box', 'values', 'big', `return ${spec};`);
    try {
      cm = make(w.heatgl, box, values, big);
    } catch (e) {
      const err = e as Error;
      return { thrown: err instanceof w.heatgl.HeatglError ? 'HeatglError' : err.constructor.name, message: err.message, leftover: box.childElementCount };
    }
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ settled: 'pending' }), 10_000));
    const ready = cm.ready.then(
      () => ({ settled: 'resolved' }),
      (e: Error) => ({ settled: 'rejected', name: e instanceof w.heatgl.HeatglError ? 'HeatglError' : e.constructor.name, message: e.message }),
    );
    if (cm.destroyWhen === 'now') cm.destroy();
    const out = await Promise.race([ready, timeout]);
    cm.destroy();
    return out;
  }, spec);
}

test.each([
  ['an unknown metric, worker: false', "heatgl.clustermap(box, { values, rows: 40, cols: 6 }, { metric: 'nope', worker: false })", /metric must be one of 'euclidean'.*got "nope"/],
  ['an unknown metric, in a worker', "heatgl.clustermap(box, { values, rows: 40, cols: 6 }, { metric: 'nope' })", /metric must be one of/],
  ['an unknown method, worker: false', "heatgl.clustermap(box, { values, rows: 40, cols: 6 }, { method: 'avg', worker: false })", /method must be one of 'single'.*got "avg"/],
  ['ward with the cosine metric', "heatgl.clustermap(box, { values, rows: 40, cols: 6 }, { method: 'ward', metric: 'cosine' })", /method 'ward' requires the Euclidean metric/],
])('%s is refused by clustermap() before any work starts', async (_, spec, message) => {
  const res = await outcome(spec);
  expect(res.thrown).toBe('HeatglError');
  expect(res.message).toMatch(message);
  expect(res.leftover).toBe(0);
});

test.each([
  ['a metric function returning NaN', '{ metric: () => Number.NaN }', /distance between rows 0 and 1 is NaN/],
  ['a metric function that throws', "{ metric: () => { throw new Error('boom'); } }", /clustering failed: boom/],
  ['a metric function returning NaN, worker: false', '{ metric: () => Number.NaN, worker: false }', /is NaN/],
])('%s rejects ready with a HeatglError', async (_, opts, message) => {
  const res = await outcome(`heatgl.clustermap(box, { values, rows: 40, cols: 6 }, ${opts})`);
  expect(res).toMatchObject({ settled: 'rejected', name: 'HeatglError' });
  expect(res.message).toMatch(message);
});

test.each([
  ['in a worker, before it answers', '{}'],
  ['on the main thread, before the job starts', '{ worker: false }'],
  ['with a metric function', '{ metric: (a, b) => Math.abs(a[0] - b[0]) }'],
])('destroy() during clustering (%s) rejects ready with "destroyed"', async (_, opts) => {
  const res = await outcome(`Object.assign(heatgl.clustermap(box, { values: big, rows: 1500, cols: 200 }, ${opts}), { destroyWhen: 'now' })`);
  expect(res).toMatchObject({ settled: 'rejected', name: 'HeatglError' });
  expect(res.message).toMatch(/destroyed before clustering finished/);
});

test('destroy() from a progress event in the worker rejects ready', async () => {
  const res = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const big = Float64Array.from({ length: 1500 * 200 }, (_, i) => Math.sin(i * 0.37) + ((i / 200) % 7));
    const cm = w.heatgl.clustermap(w.makeBox(300, 300), { values: big, rows: 1500, cols: 200 });
    cm.on('progress', () => cm.destroy());
    const timeout = new Promise((resolve) => setTimeout(() => resolve('pending'), 20_000));
    return Promise.race([cm.ready.then(() => 'resolved', (e: Error) => e.message), timeout]);
  });
  expect(res).toMatch(/destroyed before clustering finished/);
});

test('a good clustermap still resolves', async () => {
  expect(await outcome("heatgl.clustermap(box, { values, rows: 40, cols: 6 }, { worker: false })")).toEqual({ settled: 'resolved' });
  expect(await outcome("heatgl.clustermap(box, { values, rows: 40, cols: 6 }, { metric: 'cosine' })")).toEqual({ settled: 'resolved' });
});

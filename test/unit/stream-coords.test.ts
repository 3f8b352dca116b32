// Coordinates of streamed stores (src/stream/coords.ts, coord-labels.ts) in Node against the in-repo store server:
// labels of an xarray-written store equal numpy's str of each coordinate (and seaborn's tick labels), CF time
// coordinates decode as xarray decodes them, OME-Zarr transforms give numpy's physical cell centres, and a 10⁶-long
// coordinate array is read only where labels are asked for, within its cache bound.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHalf, toHalf } from '../../src/core/storage';
import { cfTime, floatLabel, labelFormat } from '../../src/stream/coord-labels';
import { type ArrayAxis, type AxisCoordinates, findCoordinates, omeAxes } from '../../src/stream/coords';
import { openZarr } from '../../src/stream/open-zarr';
import { type StoreServer, startStoreServer } from '../stream/server';
import { type Files, writeArrayV3, writeGroupV3 } from '../stream/zarr-writer';

const FIX = resolve(import.meta.dirname, '../fixtures/zarr');
const exp = JSON.parse(readFileSync(resolve(FIX, 'coords-expected.json'), 'utf8'));
let server: StoreServer;
const files: Files = new Map();
const N = 1_000_000;

beforeAll(async () => {
  // Zarr v3 with dimension_names: a 1000 × 10⁶ data array whose chunks are all absent (fill value), beside a 10⁶-long
  // float64 coordinate in 20 chunks and an int64 one.
  writeGroupV3(files, 'big');
  await writeArrayV3(files, 'big/data', { values: [], shape: [1000, N], chunks: [500, 50_000], omit: () => true, dimensionNames: ['row', 'pos'] });
  await writeArrayV3(files, 'big/pos', { values: Float64Array.from({ length: N }, (_, i) => 1000 + 0.25 * i), shape: [N], chunks: [50_000], dtype: 'float64', compression: 'zstd', dimensionNames: ['pos'] });
  await writeArrayV3(files, 'big/row', { values: Float64Array.from({ length: 1000 }, (_, i) => i * 3 - 7), shape: [1000], chunks: [1000], dtype: 'int64', dimensionNames: ['row'] });
  // A coordinate of the wrong length and one that is 2-D are not coordinates.
  await writeArrayV3(files, 'odd/data', { values: new Float64Array(12), shape: [3, 4], chunks: [3, 4], dimensionNames: ['a', 'b'] });
  await writeArrayV3(files, 'odd/a', { values: new Float64Array(5), shape: [5], chunks: [5], dimensionNames: ['a'] });
  await writeArrayV3(files, 'odd/b', { values: new Float64Array(16), shape: [4, 4], chunks: [4, 4] });
  // A 3-D (t, y, x) variable shown as a 2-D slice: the displayed dimensions' coordinates, not t's.
  await writeArrayV3(files, 'nd/v', { values: new Float64Array(2 * 3 * 4), shape: [2, 3, 4], chunks: [1, 3, 4], dimensionNames: ['t', 'y', 'x'] });
  await writeArrayV3(files, 'nd/t', { values: [10, 20], shape: [2], chunks: [2], dtype: 'int32', dimensionNames: ['t'] });
  await writeArrayV3(files, 'nd/y', { values: [0.5, 1.5, 2.5], shape: [3], chunks: [2], dtype: 'float64', dimensionNames: ['y'] });
  await writeArrayV3(files, 'nd/x', { values: [-3, -2, -1, 0], shape: [4], chunks: [4], dtype: 'int16', dimensionNames: ['x'] });
  server = await startStoreServer({ root: FIX, mounts: { '/s/': (p) => files.get(p) } });
});
afterAll(async () => server?.close());

/** Every label of an axis, waiting for the chunks they need. */
async function allLabels(axis: AxisCoordinates): Promise<string[]> {
  for (let round = 0; round < 50; round++) {
    const out = Array.from({ length: axis.length }, (_, i) => axis.label(i));
    if (out.every((l) => l !== undefined)) return out as string[];
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`labels of ${axis.name} did not load`);
}

const noop = { changed() {}, error(e: Error) { throw e; } };

describe('coordinate labels', () => {
  it("floats read as numpy's str at float64, float32 and float16 precision", () => {
    const f = exp.formats;
    const values = f.values.map((v: number | string | null) => (v === null ? Number.NaN : typeof v === 'string' ? Number(v.replace('inf', 'Infinity')) : v));
    for (const dt of ['float64', 'float32', 'float16'] as const) {
      const stored = values.map((v: number) => (dt === 'float32' ? Math.fround(v) : dt === 'float16' ? fromHalf(toHalf(v)) : v));
      expect(stored.map((v: number) => floatLabel(v, dt)), dt).toEqual(f[dt]);
    }
  });

  it('CF time coordinates decode as xarray decodes them (float offsets truncate to the nanosecond; time zones)', () => {
    for (const c of exp.formats.cf) {
      const decode = cfTime({ units: c.units, calendar: c.calendar });
      expect(decode, c.units).toBeDefined();
      const values = c.values.map((v: string) => (c.dtype === 'int64' ? BigInt(v) : Number(v)));
      expect(values.map((v: number | bigint) => decode?.(v)), c.units).toEqual(c.labels);
    }
    expect(cfTime({ units: 'days since 2000-01-01', calendar: 'noleap' })).toBeUndefined();
    expect(cfTime({ units: 'metres' })).toBeUndefined();
    expect(labelFormat('v2:U5', {})?.('TP53')).toBe('TP53');
    expect(labelFormat('bool', {})?.(1)).toBe('True');
    expect(labelFormat('complex64', {})).toBeUndefined();
  });
});

describe('findCoordinates', () => {
  it('an xarray store (Zarr v2, written by xarray): labels equal numpy / seaborn for float64, float32, strings, CF days, int32', async () => {
    for (const name of ['temp', 'expr', 'obs']) {
      const e = exp.xarray[name];
      const src = await openZarr(`${server.url}/py-xarray`, { path: name });
      const [y, x] = await findCoordinates(src, noop);
      expect([y?.name, x?.name]).toEqual(e.dims);
      expect(await allLabels(y as AxisCoordinates), `${name} rows`).toEqual(e.yNumpy);
      expect(await allLabels(x as AxisCoordinates), `${name} cols`).toEqual(e.xNumpy);
    }
    // seaborn draws the same labels (except pandas < 2 widening the float32 longitudes to float64).
    expect(exp.xarray.obs.y).toEqual(exp.xarray.obs.yNumpy);
    expect(exp.xarray.expr.x).toEqual(exp.xarray.expr.xNumpy);
  });

  it('OME-Zarr scale, translation and the multiscale-level scale give the physical cell centres numpy computes', async () => {
    const src = await openZarr(`${server.url}/py-ome-translate`);
    const [y, x] = await findCoordinates(src, noop);
    expect([y?.kind, y?.name, y?.unit, x?.name]).toEqual(['transform', 'y', 'micrometer', 'x']);
    expect(await allLabels(y as AxisCoordinates)).toEqual(exp.ome.y);
    expect(await allLabels(x as AxisCoordinates)).toEqual(exp.ome.x);
    // A level translated by half its cell (ngff-zarr's pixel centres) lines up with the base: offset 0.
    expect(src.levels.map((l) => [l.offsetY, l.offsetX])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // Identity transforms without units, and transform types other than scale / translation: index labels.
    const node = { ...src.node, attributes: { multiscales: [{ axes: ['y', 'x'], datasets: [{ path: '0', coordinateTransformations: [{ type: 'scale', scale: [1, 1] }] }] }] } };
    expect(omeAxes(node)).toEqual([undefined, undefined]);
    const affine = { ...src.node, attributes: { multiscales: [{ axes: ['y', 'x'], datasets: [{ path: '0', coordinateTransformations: [{ type: 'affine', affine: [] }] }] }] } };
    expect(omeAxes(affine)).toEqual([undefined, undefined]);
  });

  it('a 2-D slice of an N-D variable (select) is labelled by the coordinates of the displayed dimensions', async () => {
    const src = await openZarr(`${server.url}/s/nd`, { path: 'v', select: { t: 1 } });
    const [y, x] = await findCoordinates(src, noop);
    expect([y?.name, x?.name]).toEqual(['y', 'x']);
    expect(await allLabels(y as AxisCoordinates)).toEqual(['0.5', '1.5', '2.5']);
    expect(await allLabels(x as AxisCoordinates)).toEqual(['-3', '-2', '-1', '0']);
  });

  it('a store without coordinates (plain arrays, unnamed or unmatched dimensions) keeps index labels', async () => {
    for (const [url, path] of [['py-i64', ''], ['py-ome04', '0'], ['s/odd', 'data']]) {
      const src = await openZarr(`${server.url}/${url}`, { path });
      expect(await findCoordinates(src, noop), url).toEqual([undefined, undefined]);
    }
  });

  it('a 10⁶-long coordinate (Zarr v3 dimension_names) is read only in the chunks that labels need, within its bound', async () => {
    const src = await openZarr(`${server.url}/s/big`, { path: 'data' });
    const changed: number[] = [];
    const [y, x] = await findCoordinates(src, { ...noop, cacheBytes: 3 * 50_000 * 8, changed: () => changed.push(1) });
    expect((await allLabels(y as AxisCoordinates)).slice(0, 3)).toEqual(['-7', '-4', '-1']);
    const ax = x as ArrayAxis;
    changed.length = 0;
    const before = server.log.length;
    const want = [0, 123_456, 999_999];
    expect(want.map((i) => ax.label(i))).toEqual([undefined, undefined, undefined]);
    expect(ax.pending).toBe(3);
    while (ax.pending > 0) await new Promise((r) => setTimeout(r, 5));
    expect(want.map((i) => ax.label(i))).toEqual(want.map((i) => floatLabel(1000 + 0.25 * i)));
    const fetched = server.log.slice(before).map((e) => e.path.replace(/.*\/pos\//, ''));
    expect(fetched.sort()).toEqual(['c/0', 'c/19', 'c/2']);
    expect(changed.length).toBe(3);
    // Labels in 12 more chunks: at most 3 chunks stay decoded, yet every label asked for once is remembered.
    const many = Array.from({ length: 12 }, (_, k) => (k + 3) * 50_000 + 17);
    for (const i of many) ax.label(i);
    while (ax.pending > 0) await new Promise((r) => setTimeout(r, 5));
    expect(many.map((i) => ax.label(i))).toEqual(many.map((i) => floatLabel(1000 + 0.25 * i)));
    expect((ax as unknown as { chunks: Map<number, unknown> }).chunks.size).toBeLessThanOrEqual(3);
    expect(ax.reads).toBe(15);
    ax.destroy();
  });

  it('a coordinate chunk that fails reports an error once and falls back to index labels', async () => {
    server.set({ fault: (p) => (p.endsWith('/pos/c/4') ? { status: 500 } : undefined) });
    const src = await openZarr(`${server.url}/s/big`, { path: 'data' });
    const errors: Error[] = [];
    const [, x] = await findCoordinates(src, { changed() {}, error: (e) => errors.push(e) });
    x?.label(4 * 50_000);
    while ((x?.pending ?? 0) > 0) await new Promise((r) => setTimeout(r, 5));
    server.set({ fault: undefined });
    expect(errors.length).toBe(1);
    expect(errors[0]?.message).toMatch(/coordinate array 'pos'.*HTTP 500.*chunk '4'/);
    expect(x?.label(4 * 50_000)).toBeUndefined();
  });
});


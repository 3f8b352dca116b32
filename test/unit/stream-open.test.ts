// openZarr against the in-repo test server: Zarr v2/v3, sharding, codecs, dtypes, fill values, OME-Zarr 0.4/0.5
// multiscales (mean and sum), N-D select, and the errors it must name (URL, array path, chunk key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openZarr, type StreamSource } from '../../src/stream/open-zarr';
import { StreamError } from '../../src/stream/errors';
import { startStoreServer, type StoreServer } from '../stream/server';
import { baseField, pyramid, writeOme } from '../stream/stores';
import { type Compression, type Dtype, type Files, writeArrayV2, writeArrayV3 } from '../stream/zarr-writer';

let server: StoreServer;
const files: Files = new Map();
const R = 70;
const C = 90;
const field = baseField(R, C);

async function readLevel(src: StreamSource, level: number): Promise<Float32Array> {
  const l = src.levels[level]!;
  const out = new Float32Array(l.rows * l.cols);
  for (let i = 0; i * l.tileRows < l.rows; i++) {
    for (let j = 0; j * l.tileCols < l.cols; j++) {
      const t = await src.readTile(level, i, j);
      for (let r = 0; r < t.rows; r++) out.set(t.values.subarray(r * t.cols, (r + 1) * t.cols), (i * l.tileRows + r) * l.cols + j * l.tileCols);
    }
  }
  return out;
}

beforeAll(async () => {
  const comps: Compression[] = ['raw', 'gzip', 'zlib', 'blosc-lz4', 'blosc-zstd', 'zstd'];
  for (const c of comps) {
    await writeArrayV2(files, `v2-${c}`, { values: field, shape: [R, C], chunks: [32, 40], compression: c });
    if (c !== 'zlib') await writeArrayV3(files, `v3-${c}`, { values: field, shape: [R, C], chunks: [32, 40], compression: c });
    if (c !== 'zlib') await writeArrayV3(files, `v3-shard-${c}`, { values: field, shape: [R, C], chunks: [16, 20], shards: [32, 40], compression: c });
  }
  const dtypes: Dtype[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float64'];
  for (const d of dtypes) {
    const vals = field.map((v) => (d.startsWith('uint') || d === 'int8' ? v % 100 : v - 300));
    files.set(`expect-${d}`, new Uint8Array(new Float64Array(vals).buffer));
    await writeArrayV2(files, `v2-${d}`, { values: vals, shape: [R, C], chunks: [32, 40], dtype: d, compression: 'blosc-lz4' });
    await writeArrayV3(files, `v3-${d}`, { values: vals, shape: [R, C], chunks: [32, 40], dtype: d, compression: 'zstd' });
  }
  // Missing chunks read as fill_value.
  await writeArrayV2(files, 'v2-missing', { values: field, shape: [R, C], chunks: [32, 40], fillValue: 7, omit: (c) => c[0] === 1 && c[1] === 1 });
  await writeArrayV3(files, 'v3-missing-nan', { values: field, shape: [R, C], chunks: [32, 40], fillValue: 'NaN', omit: (c) => c[0] === 0 && c[1] === 2 });
  // 4-D t, c, y, x.
  const nd = new Float64Array(2 * 3 * R * C);
  for (let t = 0; t < 2; t++) for (let c = 0; c < 3; c++) for (let k = 0; k < R * C; k++) nd[((t * 3 + c) * R * C) + k] = (field[k] as number) + 1000 * t + 100 * c;
  await writeArrayV3(files, 'v3-nd', { values: nd, shape: [2, 3, R, C], chunks: [1, 2, 32, 40], dimensionNames: ['t', 'c', 'y', 'x'], compression: 'gzip' });
  await writeArrayV2(files, 'v2-nd', { values: nd, shape: [2, 3, R, C], chunks: [1, 2, 32, 40], compression: 'raw' });
  // OME-Zarr pyramids.
  const mean = pyramid(field, R, C, 4, 'mean');
  const sum = pyramid(field, R, C, 4, 'sum');
  await writeOme(files, 'ome04', '0.4', mean, { chunks: [16, 16], compression: 'blosc-lz4' });
  await writeOme(files, 'ome05', '0.5', mean, { chunks: [16, 16], shards: [32, 32], compression: 'zstd' });
  await writeOme(files, 'ome05-sum', '0.5', sum, { chunks: [16, 16], type: 'sum' });
  await writeOme(files, 'ome04-max', '0.4', pyramid(field, R, C, 3, 'max'), { chunks: [16, 16], type: 'max' });
  // Consolidated metadata, as zarr.consolidate_metadata writes it (v2 .zmetadata; v3 consolidated_metadata).
  const dec = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
  const zmeta: Record<string, unknown> = {};
  for (const [k, v] of [...files]) {
    if (!k.startsWith('ome04/')) continue;
    files.set(`ome04c/${k.slice(6)}`, v);
    if (/\.z(array|attrs|group)$/.test(k)) zmeta[k.slice(6)] = dec(v);
  }
  files.set('ome04c/.zmetadata', new TextEncoder().encode(JSON.stringify({ metadata: zmeta, zarr_consolidated_format: 1 })));
  const nodes: Record<string, unknown> = {};
  for (const [k, v] of [...files]) {
    if (!k.startsWith('ome05/')) continue;
    files.set(`ome05c/${k.slice(6)}`, v);
    if (k.endsWith('/zarr.json') && k !== 'ome05/zarr.json') nodes[k.slice(6, -'/zarr.json'.length)] = dec(v);
  }
  const root05 = dec(files.get('ome05/zarr.json') as Uint8Array);
  files.set('ome05c/zarr.json', new TextEncoder().encode(JSON.stringify({ ...root05, consolidated_metadata: { kind: 'inline', must_understand: false, metadata: nodes } })));
  // Faults.
  await writeArrayV2(files, 'v2-bool', { values: field, shape: [R, C], chunks: [32, 40] });
  files.set('v2-bool/.zarray', new TextEncoder().encode(JSON.stringify({ zarr_format: 2, shape: [R, C], chunks: [32, 40], dtype: '|b1', compressor: null, fill_value: 0, order: 'C', filters: null })));
  await writeArrayV2(files, 'v2-codec', { values: field, shape: [R, C], chunks: [32, 40] });
  files.set('v2-codec/.zarray', new TextEncoder().encode(JSON.stringify({ zarr_format: 2, shape: [R, C], chunks: [32, 40], dtype: '<f4', compressor: { id: 'lzma' }, fill_value: 0, order: 'C', filters: null })));
  await writeArrayV2(files, 'v2-corrupt', { values: field, shape: [R, C], chunks: [32, 40], compression: 'blosc-lz4' });
  files.set('v2-corrupt/1.0', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]));
  await writeArrayV2(files, 'v2-short', { values: field, shape: [R, C], chunks: [32, 40] });
  files.set('v2-short/0.1', new Uint8Array(400));
  files.set('v1d/.zarray', new TextEncoder().encode(JSON.stringify({ zarr_format: 2, shape: [10], chunks: [5], dtype: '<f4', compressor: null, fill_value: 0, order: 'C', filters: null })));
  server = await startStoreServer({ mounts: { '/s/': (p) => files.get(p) } });
});
afterAll(() => server.close());

const expected32 = Float32Array.from(field);

describe('openZarr metadata requests', () => {
  const metaRequests = async (name: string) => {
    const from = server.log.length;
    const src = await openZarr(`${server.url}/s/${name}`);
    // Metadata documents only (openZarr also asks for the coarsest level's chunks early).
    const paths = server.log
      .slice(from)
      .map((e) => e.path.slice(`/s/${name}/`.length))
      .filter((p) => /(zarr\.json|\.z\w+)$/.test(p));
    return { src, paths };
  };
  it('a v2 multiscale group: its levels are read as v2 (no zarr.json probe per level), .zarray and .zattrs together', async () => {
    const { src, paths } = await metaRequests('ome04');
    expect(src.levels.length).toBe(4);
    expect(paths.filter((p) => p.endsWith('zarr.json'))).toEqual(['zarr.json']);
    expect(paths.filter((p) => /^\d\/\.zarray$/.test(p)).sort()).toEqual(['0/.zarray', '1/.zarray', '2/.zarray', '3/.zarray']);
  });
  it('the coarsest level of a 2-D pyramid is requested during openZarr and read from there once', async () => {
    const from = server.log.length;
    const src = await openZarr(`${server.url}/s/ome05c`);
    await new Promise((r) => setTimeout(r, 100));
    const chunkReqs = () => server.log.slice(from).filter((e) => e.path.startsWith('/s/ome05c/3/c/')).length;
    expect(chunkReqs()).toBeGreaterThan(0);
    const n = chunkReqs();
    expect(await readLevel(src, 3)).toEqual(Float32Array.from(pyramid(field, R, C, 4, 'mean')[3]!.values));
    expect(chunkReqs()).toBe(n); // served from the early request
    await readLevel(src, 3);
    expect(chunkReqs()).toBeGreaterThan(n); // once only: later reads ask the server
  });
  it('consolidated metadata (v2 .zmetadata, v3 consolidated_metadata): nothing read per level, values as without', async () => {
    const v2 = await metaRequests('ome04c');
    expect(v2.paths.filter((p) => p.includes('/'))).toEqual([]);
    expect(v2.src.levels.map((l) => [l.rows, l.cols])).toEqual((await openZarr(`${server.url}/s/ome04`)).levels.map((l) => [l.rows, l.cols]));
    expect(await readLevel(v2.src, 2)).toEqual(Float32Array.from(pyramid(field, R, C, 4, 'mean')[2]!.values));
    const v3 = await metaRequests('ome05c');
    expect(v3.paths).toEqual(['zarr.json']);
    expect(await readLevel(v3.src, 1)).toEqual(Float32Array.from(pyramid(field, R, C, 4, 'mean')[1]!.values));
  });
});

describe('openZarr reads', () => {
  it.each(['raw', 'gzip', 'zlib', 'blosc-lz4', 'blosc-zstd', 'zstd'])('Zarr v2 with %s', async (c) => {
    const src = await openZarr(`${server.url}/s/v2-${c}`);
    expect([src.rows, src.cols, src.levels.length, src.dtype]).toEqual([R, C, 1, 'float32']);
    expect(await readLevel(src, 0)).toEqual(expected32);
  });
  it.each(['raw', 'gzip', 'blosc-lz4', 'blosc-zstd', 'zstd'])('Zarr v3 with %s, plain and sharded', async (c) => {
    expect(await readLevel(await openZarr(`${server.url}/s/v3-${c}/`), 0)).toEqual(expected32);
    const sharded = await openZarr(`${server.url}/s/v3-shard-${c}`);
    expect([sharded.levels[0]!.tileRows, sharded.levels[0]!.tileCols]).toEqual([16, 20]);
    expect(await readLevel(sharded, 0)).toEqual(expected32);
  });
  it('sharded stores read the shard index with a suffix Range request', async () => {
    const before = server.log.length;
    await readLevel(await openZarr(`${server.url}/s/v3-shard-raw`), 0);
    const ranges = server.log.slice(before).map((e) => e.range).filter(Boolean);
    expect(ranges.some((r) => /^bytes=-\d+$/.test(r as string))).toBe(true);
    expect(server.log.slice(before).every((e) => e.status === 200 || e.status === 206 || e.status === 404)).toBe(true);
  });
  it.each(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float64'])('dtype %s (v2 and v3)', async (d) => {
    const want = Float32Array.from(new Float64Array(files.get(`expect-${d}`)!.slice().buffer));
    for (const v of ['v2', 'v3']) {
      const src = await openZarr(`${server.url}/s/${v}-${d}`);
      expect(src.dtype).toBe(d);
      expect(await readLevel(src, 0)).toEqual(want);
    }
  });
  it('a chunk that does not exist reads as fill_value (7, and NaN)', async () => {
    const a = await readLevel(await openZarr(`${server.url}/s/v2-missing`), 0);
    expect(a[40 * C + 50]).toBe(7);
    expect(a[0]).toBe(field[0]);
    const b = await readLevel(await openZarr(`${server.url}/s/v3-missing-nan`), 0);
    expect(b[5 * C + 85]).toBeNaN();
    expect(b[5 * C + 5]).toBe(field[5 * C + 5]);
  });
  it('a v2 array without .zattrs is normal (no error, one metadata miss)', async () => {
    expect(files.has('v2-raw/.zattrs')).toBe(false);
    const src = await openZarr(`${server.url}/s/v2-raw`);
    expect(src.levels.length).toBe(1);
  });
  it('select fixes dimensions by name or by position', async () => {
    const byName = await openZarr(`${server.url}/s/v3-nd`, { select: { t: 1, c: 2 } });
    expect(byName.dims).toEqual(['y', 'x']);
    expect(await readLevel(byName, 0)).toEqual(Float32Array.from(field, (v) => v + 1200));
    const byIndex = await openZarr(`${server.url}/s/v2-nd`, { select: [0, 1, null, null] });
    expect(await readLevel(byIndex, 0)).toEqual(Float32Array.from(field, (v) => v + 100));
  });
  it('OME-Zarr 0.4 and 0.5 multiscales: levels, scales and values', async () => {
    const mean = pyramid(field, R, C, 4, 'mean');
    for (const name of ['ome04', 'ome05']) {
      const src = await openZarr(`${server.url}/s/${name}`);
      expect(src.levels.map((l) => [l.rows, l.cols, l.scaleY, l.scaleX])).toEqual(mean.map((l) => [l.rows, l.cols, l.factor, l.factor]));
      for (let k = 0; k < 4; k++) expect(await readLevel(src, k)).toEqual(Float32Array.from(mean[k]!.values));
    }
  });
  it("a declared 'sum' pyramid is shown as per-cell means, equal to the mean pyramid", async () => {
    const src = await openZarr(`${server.url}/s/ome05-sum`);
    expect(src.reduction).toBe('sum');
    const mean = pyramid(field, R, C, 4, 'mean');
    for (let k = 0; k < 4; k++) {
      const got = await readLevel(src, k);
      const want = mean[k]!.values;
      for (let i = 0; i < got.length; i++) expect(Math.abs((got[i] as number) - (want[i] as number))).toBeLessThanOrEqual(Math.abs(want[i] as number) * 2e-7);
    }
    expect((await openZarr(`${server.url}/s/ome04-max`)).reduction).toBe('max');
  });
});

describe('openZarr errors name the URL, array path and chunk key', () => {
  const err = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as StreamError;
    }
    throw new Error('expected an error');
  };
  it('not a Zarr store (404 everywhere)', async () => {
    const e = await err(openZarr(`${server.url}/s/nothing-here`));
    expect(e).toBeInstanceOf(StreamError);
    expect(e.name).toBe('HeatglError');
    expect(e.message).toMatch(/not a Zarr store.*nothing-here/);
  });
  it('403 from the server', async () => {
    server.set({ fault: (p) => (p.includes('v2-raw') ? { status: 403 } : undefined) });
    const e = await err(openZarr(`${server.url}/s/v2-raw`));
    server.set({ fault: undefined });
    expect(e.message).toMatch(/HTTP 403/);
    expect(e.status).toBe(403);
    expect(e.url).toContain('v2-raw');
  });
  it('wrong dimensionality: 1-D, and N-D without select', async () => {
    expect((await err(openZarr(`${server.url}/s/v1d`))).message).toMatch(/2 dimensions but the array has 1/);
    expect((await err(openZarr(`${server.url}/s/v3-nd`))).message).toMatch(/4 dimensions \(t, c, y, x\).*select/);
    expect((await err(openZarr(`${server.url}/s/v3-nd`, { select: { z: 0 } }))).message).toMatch(/dimension 'z'/);
    expect((await err(openZarr(`${server.url}/s/v3-nd`, { select: { t: 5, c: 0 } }))).message).toMatch(/index 5 for dimension t/);
  });
  it('unsupported dtype and codec are refused at open', async () => {
    expect((await err(openZarr(`${server.url}/s/v2-bool`))).message).toMatch(/unsupported data type 'bool|\|b1'/);
    expect((await err(openZarr(`${server.url}/s/v2-codec`))).message).toMatch(/unsupported codec 'lzma'/);
  });
  it('a corrupt chunk and a chunk of the wrong size name the chunk key', async () => {
    const src = await openZarr(`${server.url}/s/`, { path: 'v2-corrupt' });
    const e = await err(src.readTile(0, 1, 0));
    expect(e.url).toBe(`${server.url}/s/`);
    expect(e).toBeInstanceOf(StreamError);
    expect(e.chunk).toBe('1.0');
    expect(e.path).toBe('v2-corrupt');
    expect(e.message).toMatch(/chunk '1\.0'/);
    const short = await openZarr(`${server.url}/s/v2-short`);
    const e2 = await err(short.readTile(0, 0, 1));
    expect(e2.message).toMatch(/wrong size.*chunk '0\.1'/);
    await expect(short.readTile(0, 0, 0)).resolves.toBeTruthy();
  });
  it('a server that ignores Range (sharded store) is named as such', async () => {
    server.set({ fault: () => ({ ignoreRange: true }) });
    const src = await openZarr(`${server.url}/s/v3-shard-raw`);
    const e = await err(src.readTile(0, 0, 0));
    server.set({ fault: undefined });
    expect(e.message).toMatch(/ignored the Range request/);
    expect(e.chunk).toBe('c/0/0');
    expect(e.shard).toBe('c/0/0');
  });
  it('a failing shard: the error names the inner chunk and the shard holding it', async () => {
    // 16 × 20 chunks in 32 × 40 shards: chunk (1, 3) lives in shard (0, 1).
    server.set({ fault: (p) => (p.endsWith('v3-shard-raw/c/0/1') ? { status: 500 } : undefined) });
    const src = await openZarr(`${server.url}/s/v3-shard-raw`);
    const e = await err(src.readTile(0, 1, 3));
    server.set({ fault: undefined });
    expect(e.chunk).toBe('c/1/3');
    expect(e.shard).toBe('c/0/1');
    expect(e.status).toBe(500);
    expect(e.message).toMatch(/HTTP 500.*chunk 'c\/1\/3' in shard 'c\/0\/1'/);
  });
  it('a time-out', async () => {
    const src = await openZarr(`${server.url}/s/v2-raw`, { timeoutMs: 200 });
    server.set({ fault: (p) => (p.endsWith('/0.0') ? { hang: true } : undefined) });
    const e = await err(src.readTile(0, 0, 0));
    server.set({ fault: undefined });
    expect(e.message).toMatch(/time-out/);
    expect(e.chunk).toBe('0.0');
    expect(e.shard).toBeUndefined();
  });
  it('a group without multiscales', async () => {
    files.set('plaingroup/.zgroup', new TextEncoder().encode('{"zarr_format":2}'));
    expect((await err(openZarr(`${server.url}/s/plaingroup`))).message).toMatch(/without OME-Zarr multiscales/);
  });
});

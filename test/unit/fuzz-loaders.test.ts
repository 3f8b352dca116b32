// Seeded, time-bounded fuzzing of the byte loaders (issue 16, "Done when"): random bytes, truncations and byte
// edits of valid files. Every call must return a consistent DataMatrix or throw a HeatglError, quickly; a plain
// TypeError / RangeError, a hang or a huge allocation is a defect. Set FUZZ_SEED / FUZZ_MS / FUZZ_CALLS to explore
// further (the default explores at most the first 4000 inputs of each seed, all of which pass).
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { fromArrow } from '../../src/data/arrow';
import { fromCSV, fromCSVSync } from '../../src/data/csv';
import { fromNpy } from '../../src/data/npy';
import type { DataMatrix } from '../../src/data/types';
import { fixtureDir, readBytes } from '../fixtures/data/load';
import { lcg } from '../support/random';

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 2500);
/** At most this many inputs per loader: a fixed prefix of the seeded sequence, all of it checked, on any machine. */
const MAX_CALLS = Number(process.env.FUZZ_CALLS ?? 4000);
/** Longest a single call may take: loaders "never block long on hostile files". */
const CALL_MS = 1500;

function files(dir: string, ext: RegExp): Uint8Array[] {
  return readdirSync(dir)
    .filter((f) => ext.test(f))
    .map((f) => readBytes(resolve(dir, f)));
}

const samples = {
  csv: [...files(resolve(fixtureDir, 'csv'), /\.(csv|tsv)$/), new TextEncoder().encode('"a,b",c\r\n"x\r\ny",1\r\n')],
  npy: files(resolve(fixtureDir, 'npy'), /\.npy$/),
  arrow: [readBytes(resolve(fixtureDir, 'types.arrow')), readBytes(resolve(fixtureDir, 'seattle.arrows')), readBytes(resolve(fixtureDir, 'int64-inexact.arrows'))],
};

/** One hostile input derived from the samples: random bytes, a truncation, byte edits or an int64 edit. */
function mutate(rand: () => number, pool: Uint8Array[], alphabet?: Uint8Array): Uint8Array {
  const pick = pool[Math.floor(rand() * pool.length)] as Uint8Array;
  const kind = rand();
  if (kind < 0.2) {
    const out = new Uint8Array(Math.floor(rand() * 600));
    for (let i = 0; i < out.length; i++) out[i] = alphabet ? (alphabet[Math.floor(rand() * alphabet.length)] as number) : Math.floor(rand() * 256);
    return out;
  }
  if (kind < 0.45) return pick.slice(0, Math.floor(rand() * pick.length));
  const out = pick.slice();
  if (out.length === 0) return out;
  if (kind < 0.8) {
    const edits = 1 + Math.floor(rand() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * out.length);
      out[at] = alphabet && rand() < 0.7 ? (alphabet[Math.floor(rand() * alphabet.length)] as number) : Math.floor(rand() * 256);
    }
    return out;
  }
  // A plausible but wrong length, count or offset: an aligned int64 or int32 set to an extreme.
  const extremes = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53, -1];
  const view = new DataView(out.buffer);
  const at = Math.floor((rand() * out.length) / 4) * 4;
  const v = extremes[Math.floor(rand() * extremes.length)] as number;
  if (at + 8 <= out.length && rand() < 0.5) view.setBigInt64(at, BigInt(v), true);
  else if (at + 4 <= out.length) view.setInt32(at, v | 0, true);
  return out;
}

function checkMatrix(m: DataMatrix): void {
  expect(Number.isInteger(m.rows) && m.rows > 0).toBe(true);
  expect(Number.isInteger(m.cols) && m.cols > 0).toBe(true);
  expect(m.values.length).toBe(m.rows * m.cols);
  expect(m.rowLabels.length).toBe(m.rows);
  expect(m.colLabels.length).toBe(m.cols);
}

interface Tally {
  calls: number;
  ok: number;
  refused: number;
  slowest: number;
  bad: string[];
}

async function fuzz(name: string, seed: number, pool: Uint8Array[], load: (bytes: Uint8Array) => DataMatrix | Promise<DataMatrix>, alphabet?: Uint8Array): Promise<Tally> {
  const rand = lcg(seed);
  const tally: Tally = { calls: 0, ok: 0, refused: 0, slowest: 0, bad: [] };
  const t0 = performance.now();
  while (performance.now() - t0 < BUDGET_MS && tally.calls < MAX_CALLS) {
    const bytes = mutate(rand, pool, alphabet);
    const c0 = performance.now();
    try {
      checkMatrix(await load(bytes));
      tally.ok++;
    } catch (e) {
      if (e instanceof HeatglError) tally.refused++;
      else if (tally.bad.length < 5) tally.bad.push(`call ${tally.calls} (${bytes.length} bytes): ${(e as Error)?.constructor?.name}: ${String((e as Error)?.message).slice(0, 200)}`);
    }
    const ms = performance.now() - c0;
    tally.slowest = Math.max(tally.slowest, ms);
    if (ms > CALL_MS && tally.bad.length < 5) tally.bad.push(`call ${tally.calls} (${bytes.length} bytes) took ${ms.toFixed(0)} ms`);
    tally.calls++;
  }
  console.log(`fuzz ${name} (seed ${seed}): ${tally.calls} calls, ${tally.ok} read, ${tally.refused} refused, slowest ${tally.slowest.toFixed(1)} ms`);
  return tally;
}

const csvAlphabet = new TextEncoder().encode(',;\t"\r\n\ufeff0123456789.eE+-naNAinf x');

describe('loaders under random bytes, truncations and edits: a DataMatrix or a HeatglError, quickly', () => {
  test('fromCSVSync', async () => {
    const t = await fuzz('fromCSVSync', SEED, samples.csv, (b) => fromCSVSync(b, { chunkSize: 7 }), csvAlphabet);
    expect(t.bad).toEqual([]);
    expect(t.calls).toBeGreaterThan(50);
  }, 60_000);
  test('fromCSV (async, coerce, small chunks)', async () => {
    const t = await fuzz('fromCSV', SEED + 1, samples.csv, (b) => fromCSV(b, { chunkSize: 13, coerce: true }), csvAlphabet);
    expect(t.bad).toEqual([]);
    expect(t.calls).toBeGreaterThan(50);
  }, 60_000);
  test('fromNpy', async () => {
    const t = await fuzz('fromNpy', SEED + 2, samples.npy, (b) => fromNpy(b));
    expect(t.bad).toEqual([]);
    expect(t.calls).toBeGreaterThan(50);
  }, 60_000);
  test('fromArrow', async () => {
    const t = await fuzz('fromArrow', SEED + 3, samples.arrow, (b) => fromArrow(b));
    expect(t.bad).toEqual([]);
    expect(t.calls).toBeGreaterThan(50);
  }, 60_000);
  test('fromArrow with a pivot', async () => {
    const t = await fuzz('fromArrow pivot', SEED + 4, [samples.arrow[1] as Uint8Array], (b) =>
      fromArrow(b, { pivot: { index: 'weather', columns: 'date', values: 'wind', aggfunc: 'max' } }),
    );
    expect(t.bad).toEqual([]);
  }, 60_000);
});

describe('inputs the fuzzer found', () => {
  // Each held the arrow reader in a loop over an edited flatbuffer vector length (custom metadata of 2^31
  // entries: minutes; field children: 10 s); fromNpy threw a TypeError on a version 3 header that is not UTF-8.
  test.each(['metadata-length.arrows', 'children-length.arrows', 'block-not-a-batch.arrow'])('%s is refused at once', (name) => {
    const bytes = readBytes(resolve(fixtureDir, 'fuzz', name));
    const t0 = performance.now();
    expect(() => fromArrow(bytes)).toThrow(HeatglError);
    expect(() => fromArrow(bytes)).toThrow(/could not read the Arrow IPC data: corrupt/);
    expect(performance.now() - t0).toBeLessThan(500);
  });
  test('a version 3 .npy header that is not UTF-8', () => {
    const header = new Uint8Array([...new TextEncoder().encode("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }"), 0xff, 0x0a]);
    const bytes = new Uint8Array(12 + header.length + 8);
    bytes.set([0x93, ...new TextEncoder().encode('NUMPY'), 3, 0]);
    new DataView(bytes.buffer).setUint32(8, header.length, true);
    bytes.set(header, 12);
    expect(() => fromNpy(bytes)).toThrow(HeatglError);
    expect(() => fromNpy(bytes)).toThrow(/must be UTF-8 text/);
  });
});

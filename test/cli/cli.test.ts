// `heatgl render` end to end: every input format becomes a PNG of the asked size through headless Chromium, and
// usage errors, bad files and bad options give their exit status and message. Each render starts its own vite dev
// server and browser (a few seconds), so the number of invocations is kept small.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decodePng } from './png';

const BIN = resolve(import.meta.dirname, '../../bin/heatgl.mjs');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heatgl-cli-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function heatgl(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, timeout: 110_000, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** A NumPy v1.0 .npy of little-endian float64, written by hand: magic, version, header dict padded to 64, data. */
function npy(values: number[], rows: number, cols: number): Buffer {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += `${' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64)}\n`;
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre[7] = 0;
  pre.writeUInt16LE(header.length, 8);
  const data = Buffer.alloc(values.length * 8);
  for (const [i, v] of values.entries()) data.writeDoubleLE(v, i * 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), data]);
}


/** Every step of the report is there. */
function expectReport(stderr: string) {
  for (const step of [/read .* in [\d.]+ ms/, /started the server and headless Chromium \(.*\) in \d/, /parsed \w+ in [\d.]+ ms/, /rendered \d+×\d+ \w+ in [\d.]+ ms/, /encoded the \d+×\d+ PNG .* in [\d.]+ ms/]) {
    expect(stderr).toMatch(step);
  }
}

test('--help, an unknown option and a missing file: usage, exit 0 / 2 without starting a browser', async () => {
  const [help, unknown, missing] = await Promise.all([heatgl('--help'), heatgl('render', 'x.csv', '-o', 'x.png', '--bogus'), heatgl('render', 'nope.csv', '-o', 'x.png')]);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: heatgl render <file> -o <out.png>/);
  expect(help.stdout).toMatch(/--clustermap/);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown option --bogus/);
  expect(unknown.stderr).toMatch(/Usage: heatgl render/);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/no such file: nope.csv/);
});

test('CSV: a PNG of width*scale × height*scale, and the report says what was read', async () => {
  const csv = file('m.csv', 'id,a,b,c\nr1,1,2.5,-3\nr2,,4,5\nr3,0.5,2,4\n');
  const r = await heatgl('render', csv, '-o', 'm.png', '--width', '320', '--height', '240', '--scale', '2', '--annot', '--cmap', 'mako', '--vmin', '-3', '--title', 'T');
  expect(r.stderr).toMatch(/3 rows × 3 columns, 1 NaN, values from -3 to 5/);
  expect(r.code, r.stderr).toBe(0);
  expectReport(r.stderr);
  const png = decodePng(readFileSync(join(dir, 'm.png')));
  expect([png.width, png.height]).toEqual([640, 480]);
});

test('TSV and a hand-written .npy', async () => {
  const tsv = file('m.tsv', 'k\tx\ty\nu\t1\t2\nv\t3\t4\n');
  const t = await heatgl('render', tsv, '-o', 't.png', '--width', '300', '--height', '200', '-q');
  expect(t.code, t.stderr).toBe(0);
  expect(t.stderr).toBe('');
  expect(decodePng(readFileSync(join(dir, 't.png')))).toMatchObject({ width: 300, height: 200 });
  const n = await heatgl('render', file('m.npy', npy([1, 2, 3, 4, Number.NaN, 6], 2, 3)), '-o', 'n.png', '--width', '200', '--height', '100', '--scale', '1.5');
  expect(n.code, n.stderr).toBe(0);
  expect(n.stderr).toMatch(/parsed npy in .*: 2 rows × 3 columns, 1 NaN, values from 1 to 6/);
  expect(decodePng(readFileSync(join(dir, 'n.png')))).toMatchObject({ width: 300, height: 150 });
});

test('Arrow (apache-arrow tableToIPC) as a clustermap', async () => {
  const table = tableFromArrays({
    a: Float64Array.from([1, 2, 3, 4, 5, 6]),
    b: Float64Array.from([2, 1, 4, 3, 6, 5]),
    c: Float64Array.from([9, 7, 8, 1, 2, 3]),
  });
  const arrow = file('m.arrow', tableToIPC(table, 'file'));
  const r = await heatgl('render', arrow, '-o', 'a.png', '--clustermap', '--width', '400', '--height', '300', '--scale', '2');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/6 rows × 3 columns, 0 NaN, values from 1 to 9/);
  expect(r.stderr).toMatch(/clustermap in .* \(clustering/);
  expect(decodePng(readFileSync(join(dir, 'a.png')))).toMatchObject({ width: 800, height: 600 });
});

test('JSON: the centre pixel has the colour of the value', async () => {
  const json = file('m.json', JSON.stringify([[5, 5], [5, null]]));
  const r = await heatgl('render', json, '-o', 'j.png', '--width', '200', '--height', '200', '--cmap', 'gray', '--vmin', '0', '--vmax', '10', '--no-cbar');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/2 rows × 2 columns, 1 NaN, values from 5 to 5/);
  const png = decodePng(readFileSync(join(dir, 'j.png')));
  expect([png.width, png.height]).toEqual([200, 200]);
  // Row 0 fills the top of the axes: a point a little above the centre is in cell (0, 0) or (0, 1), value 5 of 0..10.
  const [r0, g0, b0] = png.pixel(100, 90);
  for (const c of [r0, g0, b0]) expect(Math.abs((c as number) - 128)).toBeLessThanOrEqual(2);
});

test('bad files exit 3 with the loader message; a bad option exits 2', async () => {
  const ragged = await heatgl('render', file('bad.csv', 'id,a,b\nr1,1,2\nr2,3\n'), '-o', 'x.png');
  expect(ragged.code).toBe(3);
  expect(ragged.stderr).toMatch(/cannot read .*bad.csv as a csv matrix: fromCSV: line 3 has 2 fields but the header \(line 1\) has 3/);
  const whole = npy([1, 2, 3, 4, 5, 6], 2, 3);
  const truncated = await heatgl('render', file('short.npy', whole.subarray(0, whole.length - 12)), '-o', 'x.png');
  expect(truncated.code).toBe(3);
  expect(truncated.stderr).toMatch(/cannot read .*short.npy as a npy matrix: .*(bytes|short|truncated)/i);
  const cmap = await heatgl('render', file('ok.json', '[[1, 2]]'), '-o', 'x.png', '--cmap', 'nosuch');
  expect(cmap.code).toBe(2);
  expect(cmap.stderr).toMatch(/bad option: unknown colormap "nosuch"/);
});

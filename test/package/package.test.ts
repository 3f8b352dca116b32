// The packed tarball, installed with production dependencies only in an empty folder (setup.ts), used as a user
// would: its contents, TypeScript consumers under bundler/node16/nodenext with skipLibCheck false, Node import and
// require, `npx heatgl render`, a plain HTML page on the self-contained build under the documented CSP, a vite app,
// and the bundle-size script.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer';
import { build } from 'vite';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser } from '../../scripts/chromium.mjs';
import { decodePng } from '../cli/png';
import { PAGE_CSS, PAGE_SCRIPT, STRICT_CSP } from './page';
import { serve } from './serve';

const repo = resolve(import.meta.dirname, '../..');
const consumer = inject('consumer');
const tarball = inject('tarball');
const installed = join(consumer, 'node_modules/heatgl');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: string[], cwd = consumer, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd, timeout: 170_000, maxBuffer: 1 << 26, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the tarball: LICENSE, both builds, the CLI page; no source maps, shaders or sources', async () => {
  const list = await run('tar', ['-tzf', tarball]);
  const files = list.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/heatgl.standalone.js', 'dist/standalone.d.ts', 'bin/heatgl.mjs', 'bin/render.html', 'bin/render-page.mjs']) {
    expect(files).toContain(f);
  }
  expect(files.filter((f) => f.endsWith('.map') || f.startsWith('shaders/') || f.startsWith('src/') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  const unpacked = files.reduce((s, f) => s + statSync(join(installed, f)).size, 0);
  console.log(`tarball ${statSync(tarball).size} B packed, ${unpacked} B unpacked, ${files.length} files`);
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(pkg.license).toBe('MIT');
  expect(pkg.repository).toBeTruthy();
  expect(pkg.homepage).toBeTruthy();
  expect(Object.keys(pkg.exports)).toEqual(['.', './standalone', './package.json']);
  // Production dependencies only: neither vite nor puppeteer came with it.
  expect(readdirSync(join(consumer, 'node_modules')).filter((d) => d === 'vite' || d === 'puppeteer' || d === 'puppeteer-core')).toEqual([]);
});

const CONSUMER_TS = `
import { clustermap, formatNumber, fromCSV, HeatglError, heatmap, type Heatmap, type HeatmapOptions } from 'heatgl';
import * as standalone from 'heatgl/standalone';

const options: HeatmapOptions = { cmap: 'vlag', center: 0, annot: true, fmt: '.2f' };
export function draw(el: HTMLElement): Heatmap {
  const hm = heatmap(el, [[1, 2], [3, 4]], options);
  hm.update({ vmin: -1 });
  return hm;
}
export const text: string = formatNumber(3.14159, '.2f');
// The types are real, not any: a wrong option type is an error (an unused @ts-expect-error would fail the build).
// @ts-expect-error cmap is a name or a list of colours
export const bad: HeatmapOptions = { cmap: 42 };
export async function cluster(csv: string): Promise<readonly number[]> {
  const cm = clustermap(document.body, await fromCSV(csv));
  await cm.ready;
  return cm.rowOrder;
}
export const arrow: Promise<unknown> = standalone.fromArrow(new Uint8Array(0));
export const error: Error = new HeatglError('x');
`;

test.each([
  ['bundler', 'ESNext', 'Bundler'],
  ['node16', 'Node16', 'Node16'],
  ['nodenext', 'NodeNext', 'NodeNext'],
])('a strict TypeScript consumer compiles under moduleResolution %s with skipLibCheck false', async (name, module, resolution) => {
  const dir = join(consumer, `ts-${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'app.ts'), CONSUMER_TS);
  const tsconfig = {
    compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', module, moduleResolution: resolution, lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] },
    files: ['app.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const r = await run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', dir]);
  expect(r.stdout + r.stderr).toBe('');
  expect(r.code).toBe(0);
});

test('Node: import and require(esm) load the package; the pure functions run', async () => {
  const imported = await run(process.execPath, ['--input-type=module', '-e', "import { formatNumber } from 'heatgl'; console.log(formatNumber(1234.5, ',.1f'))"]);
  expect(imported.stderr).toBe('');
  expect(imported.stdout.trim()).toBe('1,234.5');
  const required = await run(process.execPath, ['-e', "const h = require('heatgl'); console.log(typeof h.heatmap, h.formatNumber(0.5, '.0%'))"]);
  expect(required.stdout.trim(), required.stderr).toBe('function 50%');
});

test('npx heatgl render: a small CSV becomes a PNG with the right colour, leaving nothing in the temp folder', async () => {
  writeFileSync(join(consumer, 'five.csv'), 'id,a,b\nr1,5,5\nr2,5,5\n');
  const before = readdirSync(tmpdir()).filter((f) => f.startsWith('heatgl-cli'));
  const r = await run('npx', ['--no-install', 'heatgl', 'render', 'five.csv', '-o', 'five.png', '--cmap', 'gray', '--vmin', '0', '--vmax', '10', '--no-cbar', '--width', '200', '--height', '200']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/2 rows × 2 columns, 0 NaN, values from 5 to 5/);
  const png = decodePng(readFileSync(join(consumer, 'five.png')));
  expect([png.width, png.height]).toEqual([200, 200]);
  for (const c of png.pixel(100, 100).slice(0, 3)) expect(Math.abs(c - 128)).toBeLessThanOrEqual(2);
  expect(readdirSync(tmpdir()).filter((f) => f.startsWith('heatgl-cli'))).toEqual(before);
  // Without a browser: one message saying what to install.
  const none = await run('npx', ['--no-install', 'heatgl', 'render', 'five.csv', '-o', 'none.png'], consumer, { CHROMIUM_PATH: '/nonexistent/chrome' });
  expect(none.code).toBe(4);
  expect(none.stderr.trim().split('\n')).toHaveLength(2);
  expect(none.stderr).toMatch(/CHROMIUM_PATH=\/nonexistent\/chrome does not exist; no Chrome or Chromium found: install one \(Debian\/Ubuntu: apt-get install chromium/);
});

/** Opens `url` and returns the page's window.result. */
async function pageResult(url: string): Promise<Record<string, unknown>> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 800, height: 1200, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    // Functions, not strings: puppeteer evaluates a string predicate with eval, which the page's CSP may refuse.
    await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined, { timeout: 60_000 });
    return (await page.evaluate(() => (window as { result?: unknown }).result)) as Record<string, unknown>;
  } finally {
    await page.close();
  }
}

const PAGE_HTML = (script: string) =>
  `<!doctype html>\n<html><head><meta charset="utf-8"><title>heatgl</title><link rel="stylesheet" href="page.css"></head>\n<body><div id="plot"></div><div id="cm"></div><script type="module" src="${script}"></script></body></html>\n`;

test('a plain HTML page on heatgl.standalone.js renders under the documented CSP (no blob: workers, no inline style)', async () => {
  const dir = join(consumer, 'html');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), PAGE_HTML('page.js'));
  writeFileSync(join(dir, 'page.css'), PAGE_CSS);
  writeFileSync(join(dir, 'm.csv'), 'id,a,b\nr1,1,2\nr2,3,4\nr3,5,6\n');
  writeFileSync(join(dir, 'page.js'), PAGE_SCRIPT.replace('HEATGL', '../node_modules/heatgl/dist/heatgl.standalone.js'));
  const server = await serve(consumer, { 'Content-Security-Policy': STRICT_CSP });
  try {
    const r = await pageResult(`${server.url}/html/`);
    expect(r.error).toBeUndefined();
    expect(r.centre).toEqual([0, 255, 0, 255]);
    expect(r.elementSize).toEqual([400, 300]);
    expect(r.srcRows).toBe(3);
    expect(r.rowOrder).toHaveLength(4);
    // The blob: worker is refused, so the clustering worker came from its own file; nothing else was blocked.
    expect((r.violations as string[]).every((v) => v.startsWith('worker-src blob'))).toBe(true);
    expect(server.requests.some((p) => /\/dist\/workers\/cluster-worker-[\w-]+\.js$/.test(p))).toBe(true);
    // A CSV source never loads the Arrow chunk.
    expect(server.requests.filter((p) => p.includes('/standalone/arrow'))).toEqual([]);
  } finally {
    await server.close();
  }
  // Without 'unsafe-eval' regl cannot compile its commands: an error that names the cause, not a blank canvas.
  const strict = await serve(consumer, { 'Content-Security-Policy': STRICT_CSP.replace(" 'unsafe-eval'", '') });
  try {
    const r = await pageResult(`${strict.url}/html/`);
    expect(String(r.error)).toMatch(/unsafe-eval/);
  } finally {
    await strict.close();
  }
}, 300_000);

test('a vite app importing heatgl builds and renders', async () => {
  const dir = join(consumer, 'vite-app');
  mkdirSync(join(dir, 'public'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), PAGE_HTML('/main.js'));
  writeFileSync(join(dir, 'public/page.css'), PAGE_CSS);
  writeFileSync(join(dir, 'public/m.csv'), 'id,a,b\nr1,1,2\nr2,3,4\nr3,5,6\n');
  writeFileSync(join(dir, 'main.js'), PAGE_SCRIPT.replace('HEATGL', 'heatgl'));
  // The repo's vite, run on the consumer's folder: heatgl and its dependencies resolve from the consumer's node_modules.
  await build({ configFile: false, root: dir, logLevel: 'silent', build: { outDir: join(dir, 'dist') } });
  const server = await serve(join(dir, 'dist'), { 'Content-Security-Policy': STRICT_CSP });
  try {
    const r = await pageResult(`${server.url}/`);
    expect(r.error).toBeUndefined();
    expect(r.centre).toEqual([0, 255, 0, 255]);
    expect(r.elementSize).toEqual([400, 300]);
    expect(r.srcRows).toBe(3);
    expect(r.rowOrder).toHaveLength(4);
    // The bundler copied the worker's file (new URL(…, import.meta.url)), and the page started the worker from it.
    expect((r.violations as string[]).every((v) => v.startsWith('worker-src blob'))).toBe(true);
    expect(server.requests.some((p) => /cluster-worker[\w-]*\.js$/.test(p))).toBe(true);
  } finally {
    await server.close();
  }
});

test('the README React recipe: StrictMode double mount leaves one figure, a prop change updates it, unmount destroys it', async () => {
  // React comes from the registry into the app's own folder (its node_modules is found before the consumer's, where
  // heatgl is); a development build, so that StrictMode really mounts twice. The repo's vite builds it.
  const dir = join(consumer, 'react-app');
  mkdirSync(dir, { recursive: true });
  for (const f of ['heatmap-view.jsx', 'main.jsx']) copyFileSync(join(import.meta.dirname, 'react-app', f), join(dir, f));
  writeFileSync(join(dir, 'package.json'), '{ "name": "react-app", "private": true, "type": "module" }\n');
  const npmInstall = await run('npm', ['install', 'react@19', 'react-dom@19', '--no-audit', '--no-fund', '--no-package-lock'], dir);
  expect(npmInstall.code, npmInstall.stderr).toBe(0);
  writeFileSync(join(dir, 'index.html'), '<!doctype html>\n<html><head><meta charset="utf-8"></head><body><div id="app"></div><script type="module" src="/main.jsx"></script></body></html>\n');
  await build({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    mode: 'development',
    define: { 'process.env.NODE_ENV': '"development"' },
    esbuild: { jsx: 'automatic' },
    build: { outDir: join(dir, 'dist'), minify: false },
  });
  const server = await serve(join(dir, 'dist'));
  try {
    const r = (await pageResult(`${server.url}/`)) as Record<string, Record<string, unknown>>;
    expect(r.error).toBeUndefined();
    expect(r.mounted).toEqual({ calls: ['mount', 'unmount', 'mount'], canvases: expect.any(Number), centre: [0, 255, 0, 255] });
    expect(r.updated).toEqual({ sameHeatmap: true, centre: [0, 0, 255, 255] });
    expect(r.unmounted).toEqual({ calls: ['mount', 'unmount', 'mount', 'unmount'], canvases: 0 });
    expect(r.mounted?.canvases).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
}, 600_000);

test('the bundle-size script runs on the installed package and its checks pass', async () => {
  const r = await run(process.execPath, [join(repo, 'scripts/bundle-size.mjs'), '--package', installed, '--markdown'], repo);
  console.log(r.stdout);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/\| `heatmap` \|/);
});

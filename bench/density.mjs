// Density benchmark: `npm run bench:density`. In one headless Chromium (scripts/chromium.mjs), on the same points
// generated in the page (not timed) and the same 800×600 CSS px box, times heatgl's densitymap() against heatmap.js
// 2.0.5 at 10k, 100k and 1M points (first frame, and the re-aggregation after a zoom), then heatgl alone loading and
// drawing 10M points. See bench/density-page.ts for exactly what each timing covers. Writes the section of
// bench/RESULTS.md between the density markers (appended at the end the first time; nothing else is touched).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { benchServer } from './serve.mjs';
import { launchBrowser } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const SIZES = (process.env.DENSITY_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const BIG = Number(process.env.DENSITY_BIG ?? 10_000_000);
const RADIUS = Number(process.env.DENSITY_RADIUS ?? 8);
const FIRST_RUNS = Number(process.env.DENSITY_RUNS ?? 5);
const ZOOM_RUNS = 15;
const BIG_RUNS = 2;
const WRITE = process.env.DENSITY_WRITE !== '0';
const LIBS = ['heatgl', 'heatmapjs'];
const PROFILE = process.env.DENSITY_PROFILE === '1';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x === undefined || x === null ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtN = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const { server, url } = await benchServer('bench/density-page.html');
  const browser = await launchBrowser({ args: ['--js-flags=--expose-gc --max-old-space-size=8192'] });
  const version = await browser.version();
  const results = {}; // results[lib][n] = { first, zoom, zoomFixed }
  let big = null;
  const profiles = {};
  let renderer = '?';
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`  page error: ${e?.message ?? e}`));
    await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.densityReady === true', { timeout: 120_000 });
    renderer = (await page.evaluate(() => window.density.info())).renderer;
    log(`density bench: ${version}; ${renderer}; radius ${RADIUS} px`);
    // The previous run's figure is destroyed here, untimed: a WebGL context released right before the next one is made
    // keeps the GPU process busy tearing it down while the new one's set-up waits for it.
    const settle = () => page.evaluate(async () => {
      window.density.clear();
      globalThis.gc?.();
      await window.density.sleep(100);
    });
    for (const n of SIZES) {
      const gen = await page.evaluate((k) => window.density.generate(k), n);
      log(`${fmtN(n)} points (generated in ${ms(gen.ms)} ms, not timed)`);
      if (PROFILE) {
        // Where heatgl's time goes: one untimed warm-up, then the first frame 3 times and 15 zooms; with the density
        // computed where the renderer says (JS loops on SwiftShader), then on the GPU side (draws and passes).
        const med = (rows) => Object.fromEntries(Object.keys(rows[0]).map((k) => [k, median(rows.map((r) => r[k]))]));
        const fmt = (o) => Object.entries(o).filter(([, v]) => v > 0.05).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
        profiles[n] = {};
        for (const compute of [undefined, 'gpu']) {
          await page.evaluate((r, c) => window.density.profile(r, 1, c), RADIUS, compute);
          const firsts = [];
          let zs = [];
          for (let i = 0; i < 3; i++) {
            await settle();
            const p = await page.evaluate((r, k, c) => window.density.profile(r, k, c), RADIUS, i === 0 ? ZOOM_RUNS : 0, compute);
            firsts.push(p.first);
            if (i === 0) zs = p.zooms;
          }
          const label = compute ?? 'auto';
          log(`  heatgl profile (${label}), first frame (medians, ms): ${fmt(med(firsts))}`);
          log(`  heatgl profile (${label}), zoom (medians, ms): ${fmt(med(zs))}`);
          profiles[n][label] = { first: med(firsts), zoom: med(zs) };
        }
        const b = await page.evaluate((r, k) => window.density.binning(r, k), RADIUS, ZOOM_RUNS);
        log(`  binning alone per zoom (medians): JS loop ${ms(b.js)} ms, GPU pass ${ms(b.gpu)} ms (${b.points} points binned by JS)`);
        profiles[n].binning = b;
        await page.evaluate(() => window.density.clear());
        if (process.env.DENSITY_PROFILE_ONLY === '1') continue;
      }
      for (const lib of LIBS) {
        const prep = await page.evaluate((l) => window.density.prepare(l), lib);
        if (prep.ms > 1) log(`  ${lib}: input prepared in ${ms(prep.ms)} ms (not timed)`);
        if (n === SIZES[0]) await page.evaluate((l, r) => window.density.firstFrame(l, r), lib, RADIUS);
        const first = [];
        let method;
        for (let i = 0; i < (n >= 1e6 ? Math.min(FIRST_RUNS, 3) : FIRST_RUNS); i++) {
          await settle();
          const one = await page.evaluate((l, r) => window.density.firstFrame(l, r), lib, RADIUS);
          first.push(one.ms);
          method = one.method;
        }
        log(`  ${lib}: first frame ${first.map(ms).join(', ')} ms${method ? ` (method 'auto' took '${method}')` : ''}`);
        const zoom = await page.evaluate((l, k) => window.density.zooms(l, k, false), lib, ZOOM_RUNS);
        log(`  ${lib}: re-aggregate after a zoom, median ${ms(median(zoom))} ms (${ms(Math.min(...zoom))}–${ms(Math.max(...zoom))})`);
        let zoomFixed;
        if (lib === 'heatgl') {
          zoomFixed = await page.evaluate((l, k) => window.density.zooms(l, k, true), lib, ZOOM_RUNS);
          log(`  ${lib}: … with vmin/vmax given (no float readback), median ${ms(median(zoomFixed))} ms`);
        }
        results[lib] ??= {};
        results[lib][n] = { first: median(first), zoom: median(zoom), zoomFixed: zoomFixed && median(zoomFixed), method };
        await page.evaluate(() => window.density.clear());
      }
    }
    if (BIG > 0) {
      const gen = await page.evaluate((k) => window.density.generate(k), BIG);
      log(`${fmtN(BIG)} points (generated in ${ms(gen.ms)} ms, not timed), heatgl only`);
      const runs = [];
      for (const radius of [4]) {
        const r = [];
        for (let i = 0; i < BIG_RUNS; i++) {
          await settle();
          const one = await page.evaluate((rad) => window.density.bigLoad(rad), radius);
          r.push(one);
          log(`  radius ${radius} px: load + draw ${ms(one.ms)} ms (pack + upload ${ms(one.uploadMs)} ms, frame ${ms(one.frameMs)} ms, '${one.method}'), ${(one.gpuBytes / 2 ** 20).toFixed(0)} MiB on the GPU`);
        }
        const zoom = await page.evaluate((k) => window.density.zooms('heatgl', k, false), 5);
        log(`  radius ${radius} px: re-aggregate after a zoom, median ${ms(median(zoom))} ms`);
        runs.push({ radius, load: median(r.map((x) => x.ms)), upload: median(r.map((x) => x.uploadMs)), frame: median(r.map((x) => x.frameMs)), gpu: r[0].gpuBytes, zoom: median(zoom), method: r[0].method });
        await page.evaluate(() => window.density.clear());
      }
      big = runs;
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const cpus = os.cpus();
  const cell = (lib, n, k) => ms(results[lib]?.[n]?.[k]);
  const ratio = (n) => {
    const a = results.heatmapjs?.[n]?.first;
    const b = results.heatgl?.[n]?.first;
    return a && b ? (a / b).toFixed(1) : '—';
  };
  const zratio = (n) => {
    const a = results.heatmapjs?.[n]?.zoom;
    const b = results.heatgl?.[n]?.zoom;
    return a && b ? (a / b).toFixed(1) : '—';
  };
  const table = [
    '| points | heatgl path (\'auto\') | heatgl first frame (ms) | heatmap.js first frame (ms) | heatmap.js / heatgl | heatgl zoom (ms) | heatgl zoom, fixed vmin/vmax (ms) | heatmap.js zoom (ms) | heatmap.js / heatgl (zoom) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...SIZES.map((n) => `| ${fmtN(n)} | ${results.heatgl?.[n]?.method ?? '—'} | ${cell('heatgl', n, 'first')} | ${cell('heatmapjs', n, 'first')} | ${ratio(n)} | ${cell('heatgl', n, 'zoom')} | ${cell('heatgl', n, 'zoomFixed')} | ${cell('heatmapjs', n, 'zoom')} | ${zratio(n)} |`),
  ];
  const bigLines = big
    ? [
        '',
        `**${fmtN(BIG)} points, heatgl only** (Float32Array columns, same generator; medians of ${BIG_RUNS} runs; zoom: median of 5):`,
        '',
        '| kernel support | heatgl path (\'auto\') | load + draw (ms) | of which pack + upload (ms) | first frame (ms) | re-aggregate after a zoom (ms) | GPU memory (MiB) |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...big.map((b) => `| ${b.radius} px (σ = ${b.radius / 4} px) | ${b.method} | ${ms(b.load)} | ${ms(b.upload)} | ${ms(b.frame)} | ${ms(b.zoom)} | ${(b.gpu / 2 ** 20).toFixed(0)} |`),
      ]
    : [];
  const phaseCols = [['bin', 'bin'], ['convolve', 'convolve'], ['splat', 'splat (exact)'], ['limits', 'colour limits'], ['color', 'colour pass'], ['readback', 'wait for the GPU (1×1 readback)'], ['total', 'total']];
  const profileLines = Object.keys(profiles).length
    ? [
        '',
        `**Where heatgl's time goes** (\`DENSITY_PROFILE=1\`, same run; medians in ms of \`stats().phases\`, which time each step on the CPU; GPU work shows in the final wait). "JS" is what SwiftShader gets ('auto': the density, its limits and colours computed by typed-array loops, only the colours uploaded); "GPU" forces the GPU side (point sprites, the binning pass, convolution passes, the limits' reduction, the colour shader) that a hardware GPU gets, here emulated:`,
        '',
        `| points | side | step | ${phaseCols.map(([, l]) => l).join(' | ')} |`,
        `| --- | --- | --- | ${phaseCols.map(() => '---').join(' | ')} |`,
        ...Object.entries(profiles).flatMap(([n, p]) =>
          ['auto', 'gpu'].flatMap((side) => (p[side] ? ['first', 'zoom'].map((step) => `| ${fmtN(Number(n))} | ${side === 'auto' ? 'JS' : 'GPU'} | ${step === 'first' ? 'first frame' : 'zoom'} | ${phaseCols.map(([k]) => ms(p[side][step][k] ?? 0)).join(' | ')} |`) : [])),
        ),
        '',
        '**Binning alone, JS loop against the GPU pass** (same zoom views, medians; the GPU pass timed to a 1×1 readback):',
        '',
        '| points | points binned per view | JS loop (ms) | GPU pass, 4×4 point sprites (ms) |',
        '| --- | --- | --- | --- |',
        ...Object.entries(profiles).filter(([, p]) => p.binning).map(([n, p]) => `| ${fmtN(Number(n))} | ${p.binning.points} | ${ms(p.binning.js)} | ${ms(p.binning.gpu)} |`),
      ]
    : [];
  const section = [
    '<!-- density:start -->',
    '## Density (`npm run bench:density`)',
    '',
    `Points in 12 gaussian clusters plus 20 % uniform noise at integer pixel positions of an 800×600 CSS px box (deviceScaleFactor 1), generated in the page (not timed); kernel support ${RADIUS} px for both: heatmap.js \`radius: ${RADIUS}\` (its default blur 0.85), heatgl \`radiusPixels: ${RADIUS / 4}\` with the gaussian cut at 4σ. One headless ${version} on ${renderer}; ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, 1-min load average ${loadBefore.toFixed(2)} before and ${os.loadavg()[0].toFixed(2)} after; heatmap.js 2.0.5; ${new Date().toISOString()}. First frame: median of ${FIRST_RUNS} runs (3 at 1M) after one untimed warm-up per library, each after the previous run's figure is destroyed, a garbage collection and a 100 ms pause (untimed); zoom: median of ${ZOOM_RUNS} view changes, one per animation frame.`,
    '',
    ...table,
    ...bigLines,
    ...profileLines,
    '',
    '- **heatgl first frame**: `densitymap(el, { x, y }, { radiusPixels, kernel: \'gaussian\', opacity: \'ramp\', cmap: \'turbo\' })` → `render()` → a 1×1 read of the canvas that shows the frame (waits for it): packing (two passes, float32 offsets), the spatial index, the aggregation (\'auto\': the exact sum, or bin + convolve), colour limits, colour pass. Where WebGL is software-emulated (as here) the density, its limits and its colours are typed-array loops shown by `putImageData` on a 2D canvas (no regl, no WebGL program or texture is made; the 1×1 read is a `getImageData`); on a hardware GPU every step is a GPU pass (sprites, a binning pass, two convolution passes, a min/max reduction read by the colour shader), nothing is read back, and the 1×1 read is a `readPixels`.',
    '- **heatgl zoom**: `setView` (2× zooms at several places and the full view) → `render()` → 1×1 read: the density aggregated again for the new view (only the points of the index cells that can reach the view). "fixed vmin/vmax" gives the limits (no reduction).',
    `- **The machine was shared** by several concurrent jobs (other sessions building and testing on the same 2 cores; the 1-min load averages above): the figures are indicative, and ratios within this run mean more than absolute times.`,
    '- **heatmap.js first frame**: `h337.create({ container, radius })` → `setData({ min: 0, max, data })` (it bins points to integer pixels, draws one blurred template per occupied pixel with Canvas2D, colours with getImageData/putImageData) → 1×1 `getImageData`. The `{ x, y, value }` objects are built before the timing.',
    '- **heatmap.js zoom**: heatmap.js has no view; the same zoom is the points re-projected to integer pixels (a new array of objects) → `setData`. Note that heatmap.js composites templates with alpha (saturating at `max`), not a kernel sum, and merges points on the same pixel: it is not the same computation, only the same use.',
    '<!-- density:end -->',
  ].join('\n');
  log('');
  log(table.join('\n'));
  if (big) log(bigLines.join('\n'));
  if (WRITE) {
    const file = resolve(root, 'bench/RESULTS.md');
    // Re-read right before writing: other sections of this file are edited by other benchmarks.
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '# heatgl benchmark results\n';
    const re = /<!-- density:start -->[\s\S]*<!-- density:end -->/;
    const next = re.test(old) ? old.replace(re, () => section) : `${old.trimEnd()}\n\n${section}\n`;
    writeFileSync(file, next);
    log(`\nwrote the density section of bench/RESULTS.md`);
  }
  log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

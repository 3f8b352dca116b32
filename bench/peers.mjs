// Peer benchmark: `npm run bench:peers`. In one headless Chromium (scripts/chromium.mjs), on the same n×n
// Float32Array generated in the page (not timed) and the same 800×600 CSS px box, times the first frame of heatgl,
// plotly.js, ECharts, a plain Canvas2D loop and a bare WebGL2 floor (see bench/peers-page.ts for exactly what each
// timing covers), plus the redraw after a view change for heatgl and the floor. A step over 60 s is recorded as a
// time-out, the page is recreated and that library skips the larger sizes. Writes the section of bench/RESULTS.md
// between the peers markers (replacing an earlier one, or the "## Peers" placeholder).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { benchServer } from './serve.mjs';
import { launchBrowser } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const SIZES = [256, 1024, 2048, 4096];
const LIBS = ['heatgl', 'floor', 'canvas2d', 'plotly', 'echarts'];
const SLOW = new Set(['plotly', 'echarts']);
const STEP_TIMEOUT_MS = 60_000;
const REDRAW_WARMUP = 3;
const REDRAW_RUNS = 20;
const runsFor = (lib, n) => (SLOW.has(lib) && n >= 4096 ? 1 : 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x === undefined || x === null ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const log = (line) => process.stdout.write(`${line}\n`);

class StepError extends Error {}
function guarded(promise, timeoutMs, label, crashed) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepError(`${label}: timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([promise, timeout, crashed]).finally(() => clearTimeout(timer));
}

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const { server, url } = await benchServer('bench/peers-page.html', ['echarts', 'plotly.js-dist-min']);
  const launch = () => launchBrowser({ args: ['--js-flags=--expose-gc'] });
  let browser = await launch();
  const version = await browser.version();

  // One live page at a time, holding the matrix of size `pageN`; recreated after a time-out or a crash.
  let page = null;
  let pageN = 0;
  let crashed = null;
  const closePage = async () => {
    if (!page) return;
    const p = page;
    page = null;
    pageN = 0;
    await guarded(p.close(), 15_000, 'close page', new Promise(() => {})).catch(async () => {
      log('  page did not close: relaunching the browser');
      browser.process()?.kill('SIGKILL');
      browser = await launch();
    });
  };
  const step = (label, fn, ...args) => guarded(page.evaluate(fn, ...args), STEP_TIMEOUT_MS, label, crashed);
  const ensurePage = async (n) => {
    if (page && pageN === n) return;
    await closePage();
    if (!browser.connected) browser = await launch();
    page = await browser.newPage();
    let onCrash;
    crashed = new Promise((_, reject) => {
      onCrash = (err) => reject(new StepError(`page crashed (${err?.message ?? err}), likely out of memory`));
    });
    crashed.catch(() => {});
    page.on('error', onCrash);
    page.on('pageerror', (e) => log(`  page error: ${e?.message ?? e}`));
    await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.peersReady === true', { timeout: 120_000 });
    const gen = await guarded(page.evaluate((k) => window.peers.generate(k), n), 120_000, `${n}²: generate`, crashed);
    log(`  ${n}²: data generated in the page (${ms(gen.ms)} ms, not timed)`);
    pageN = n;
  };

  const results = {}; // results[lib][n] = { runs, median } | { error }
  const redraw = {}; // redraw[lib][n] = median ms
  const failed = new Set();
  let info;
  try {
    await ensurePage(SIZES[0]);
    info = await page.evaluate(() => window.peers.info());
    log(`peers bench: ${version}; ${info.renderer}; plotly.js ${info.plotly}, ECharts ${info.echarts}`);
    for (const n of SIZES) {
      log(`size ${n}²`);
      for (const lib of LIBS) {
        results[lib] ??= {};
        if (failed.has(lib)) {
          results[lib][n] = { error: 'skipped (timed out or failed at a smaller size)' };
          continue;
        }
        try {
          await ensurePage(n);
          const prep = await step(`${n}² ${lib}: prepare`, (l) => window.peers.prepare(l), lib);
          if (prep.ms > 1) log(`  ${n}² ${lib}: input prepared in ${ms(prep.ms)} ms (not timed)`);
          // One untimed warm-up at the smallest size (module compilation, JIT, first context).
          if (n === SIZES[0]) await step(`${n}² ${lib}: warm-up`, (l) => window.peers.firstFrame(l), lib);
          const runs = [];
          for (let i = 0; i < runsFor(lib, n); i++) {
            await step(`${n}² ${lib}: settle`, async () => {
              globalThis.gc?.();
              await window.peers.sleep(100);
            });
            const r = await step(`${n}² ${lib}: first frame`, (l) => window.peers.firstFrame(l), lib);
            runs.push(r);
            log(`  ${n}² ${lib}: first frame ${i + 1}: ${ms(r.ms)} ms (setup ${ms(r.setupMs)} ms)`);
          }
          results[lib][n] = { runs, median: median(runs.map((r) => r.ms)) };
          if (lib === 'heatgl' || lib === 'floor') {
            const rd = await step(`${n}² ${lib}: redraws`, (l, w, k) => window.peers.redraws(l, w, k), lib, REDRAW_WARMUP, REDRAW_RUNS);
            redraw[lib] ??= {};
            redraw[lib][n] = median(rd);
            log(`  ${n}² ${lib}: redraw median ${ms(median(rd))} ms over ${rd.length}`);
          }
          await step(`${n}² ${lib}: clear`, () => window.peers.prepare('heatgl'));
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          log(`  ${n}² ${lib}: FAILED: ${msg}`);
          results[lib][n] = { error: msg.includes('timed out') ? 'time-out (> 60 s)' : `failed: ${msg}` };
          failed.add(lib);
          await closePage();
        }
      }
    }
  } finally {
    await closePage().catch(() => {});
    await guarded(browser.close(), 30_000, 'close browser', new Promise(() => {})).catch(() => browser.process()?.kill('SIGKILL'));
    await server.close();
  }

  // ---- report -------------------------------------------------------------------------------------------------
  const cpus = os.cpus();
  const cell = (lib, n) => {
    const r = results[lib]?.[n];
    if (!r) return '—';
    if (r.error) {
      if (r.error.startsWith('skipped')) return 'skipped';
      if (r.error.startsWith('time-out')) return 'time-out (> 60 s)';
      return r.error.includes('page crashed') ? 'page crashed (out of memory)' : 'failed';
    }
    return `${ms(r.median)}${r.runs.length === 1 ? ' (1 run)' : ''}`;
  };
  const ratio = (a, b, n) => {
    const x = results[a]?.[n]?.median;
    const y = results[b]?.[n]?.median;
    return x && y ? (x / y).toFixed(1) : '—';
  };
  const table = [
    '| Size | heatgl (ms) | plotly.js (ms) | ECharts (ms) | Canvas2D (ms) | WebGL2 floor (ms) | plotly / heatgl | ECharts / heatgl | Canvas2D / heatgl | heatgl / floor | redraw heatgl (ms) | redraw floor (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...SIZES.map(
      (n) =>
        `| ${n}² | ${cell('heatgl', n)} | ${cell('plotly', n)} | ${cell('echarts', n)} | ${cell('canvas2d', n)} | ${cell('floor', n)} | ${ratio('plotly', 'heatgl', n)} | ${ratio('echarts', 'heatgl', n)} | ${ratio('canvas2d', 'heatgl', n)} | ${ratio('heatgl', 'floor', n)} | ${ms(redraw.heatgl?.[n])} | ${ms(redraw.floor?.[n])} |`,
    ),
  ];
  const errors = LIBS.flatMap((lib) =>
    SIZES.filter((n) => results[lib]?.[n]?.error && !results[lib][n].error.startsWith('skipped')).map((n) => `- ${lib} at ${n}²: ${results[lib][n].error}`),
  );
  const section = [
    '<!-- peers:start -->',
    '## Peers (`node bench/peers.mjs`)',
    '',
    `First frame of the same n×n Float32Array (smooth field plus noise, generated in the page, not timed) in an 800×600 CSS px box, deviceScaleFactor 1, one headless ${version} on ${info?.renderer ?? 'unknown renderer'}; ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, 1-min load average ${loadBefore.toFixed(2)} before and ${os.loadavg()[0].toFixed(2)} after; plotly.js ${info?.plotly ?? '?'} (plotly.js-dist-min), ECharts ${info?.echarts ?? '?'}; ${new Date().toISOString()}. Medians of 3 runs (1 run for plotly.js and ECharts at 4096²), after one untimed warm-up per library at ${SIZES[0]}²; a step over ${STEP_TIMEOUT_MS / 1000} s is a time-out and that library skips the larger sizes.`,
    '',
    ...table,
    '',
    '- **heatgl**: `heatmap(el, {values, rows, cols}, { pixelRatio: 1, interactive: false, cbar: false, xticklabels: false, yticklabels: false })` → `hm.render()` → 1×1 `gl.readPixels` (waits for the GPU). Includes heatgl\'s own min/max pass for the colour limits.',
    '- **plotly.js**: `Plotly.newPlot(el, [{ type: \'heatmap\', z, colorscale: \'Viridis\', showscale: false }], layout (800×600, no margins, axes hidden), { staticPlot: true })` until the promise resolves, then one `requestAnimationFrame`. `z` (n plain JS arrays of numbers) is built before the timing; plotly computes zmin/zmax itself.',
    '- **ECharts**: `echarts.init(el, null, { renderer: \'canvas\' })` → `setOption` (category axes hidden, heatmap series with `progressive: 0` so that it draws every cell in one pass instead of 400 per frame, `animation: false`, visualMap with 16 viridis stops) → `getZr().flush()` → the chart\'s `finished` event (everything painted, nothing pending), then one `requestAnimationFrame`. The [x, y, value] triples, the axis categories and min/max for the visualMap (ECharts does not autoscale) are prepared before the timing.',
    '- **Canvas2D**: a new 800×600 canvas, a min/max pass, `createImageData(800, 600)`, nearest cell per pixel through the 256-colour viridis LUT (`getColormap(\'viridis\').rgba`) on the CPU, `putImageData`; ends when `putImageData` returns (Chromium may composite it later).',
    '- **WebGL2 floor**: a new canvas and WebGL2 context, a min/max pass, a 2-triangle program compiled and linked, one R32F `texStorage2D` + `texSubImage2D` of n×n, a 256×1 RGBA8 LUT, one draw (NEAREST sample, vmin/vmax uniforms, LUT lookup), 1×1 `readPixels` (the upload completes at that first draw).',
    `- **Redraw**: on a live chart, a view change (2× zooms at several places and the full view; heatgl \`setView\` + \`render()\`, the floor a uniform change + draw) + 1×1 readback, one per animation frame, median of ${REDRAW_RUNS} after ${REDRAW_WARMUP} warm-ups. Not measured for plotly.js and ECharts.`,
    ...(errors.length ? ['', '**Time-outs and failures:**', '', ...errors] : []),
    '<!-- peers:end -->',
  ].join('\n');

  const file = resolve(root, 'bench/RESULTS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# heatgl benchmark results\n';
  let next;
  if (/<!-- peers:start -->[\s\S]*<!-- peers:end -->/.test(old)) {
    next = old.replace(/<!-- peers:start -->[\s\S]*<!-- peers:end -->/, () => section);
  } else if (/^## Peers\n[\s\S]*?(?=^## |^<!-- |(?![\s\S]))/m.test(old)) {
    // The placeholder written by older versions of bench/run.mjs: replace it up to the next section.
    next = old.replace(/^## Peers\n[\s\S]*?(?=^## |^<!-- |(?![\s\S]))/m, () => `${section}\n\n`);
  } else if (/^## How to run$/m.test(old)) {
    next = old.replace(/^## How to run$/m, () => `${section}\n\n## How to run`);
  } else {
    next = `${old.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(file, next);
  log('');
  log(table.join('\n'));
  log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s; wrote the peers section of bench/RESULTS.md`);
  // A peer timing out or running out of memory is a result; heatgl or a baseline failing is not.
  const ownFailed = ['heatgl', 'floor', 'canvas2d'].some((lib) => SIZES.some((n) => results[lib]?.[n]?.error));
  return ownFailed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

// heatgl benchmark: `npm run bench`.
//
// Serves bench/page.html with a vite dev server, opens it in headless Chromium (scripts/chromium.mjs) and, for
// 1024², 4096² and 10000² Float32Array matrices generated inside the page, times
//   1. the first frame: heatmap() → render() → 1-pixel readback (median of 5, or 3 at 10000²), and
//   2. a redraw after a view change on a live heatmap: setView() → render() → 1-pixel readback (median of 30 after
//      3 warm-ups).
// Writes bench/RESULTS.md and bench/results.json; exits non-zero when a size failed (crash, out of memory, timeout).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { benchServer } from './serve.mjs';
import { launchBrowser } from '../scripts/chromium.mjs';

const here = import.meta.dirname;

const SIZES = [
  { n: 1024, firstFrameRuns: 5, timeoutMs: 90_000 },
  { n: 4096, firstFrameRuns: 5, timeoutMs: 150_000 },
  { n: 10000, firstFrameRuns: 3, timeoutMs: 240_000 },
];
const WARMUP = 3;
const REDRAWS = 30;
const TARGET_RATIO = 1.5;
const VIEWPORT = { width: 1024, height: 768, deviceScaleFactor: 1 };

// ---- helpers --------------------------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
const fmt = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(d));
const mb = (bytes) => bytes / (1024 * 1024);

class StepError extends Error {}

/** Races a page step against a deadline and against the page crashing; never waits on a dead renderer. */
function guarded(promise, ms, label, crashed) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepError(`${label}: timed out after ${(ms / 1000).toFixed(0)} s`)), ms);
  });
  return Promise.race([promise, timeout, crashed]).finally(() => clearTimeout(timer));
}

/** Peak resident memory of the browser's process tree (all Chromium processes), sampled from /proc. */
function processTreeRss(rootPid) {
  const parents = new Map();
  const rss = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      parents.set(Number(name), ppid);
      rss.set(Number(name), kb * 1024);
    } catch {
      // process exited while reading
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p = pid, hops = 0; p && hops < 10; p = parents.get(p), hops++) {
      if (p === rootPid) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

function rssSampler(rootPid) {
  let peak = 0;
  const sample = () => {
    if (rootPid) peak = Math.max(peak, processTreeRss(rootPid));
  };
  sample();
  const timer = setInterval(sample, 250);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

// ---- one size ---------------------------------------------------------------------------------------------------
async function benchSize(browser, url, size) {
  const { n, firstFrameRuns, timeoutMs } = size;
  const settleMs = n >= 10000 ? 1000 : 200;
  const result = { n, cells: n * n, ok: false, error: null, pageErrors: [] };
  const started = Date.now();
  const deadline = started + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const sampler = rssSampler(browser.process()?.pid);
  let page;
  let onCrash;
  const crashed = new Promise((_, reject) => {
    onCrash = (err) => reject(new StepError(`page crashed (${err?.message ?? err}) — likely out of memory`));
  });
  crashed.catch(() => {});
  try {
    page = await browser.newPage();
    page.on('error', onCrash);
    page.on('pageerror', (e) => result.pageErrors.push(String(e?.message ?? e)));
    page.on('console', (m) => {
      if (m.type() === 'error') result.pageErrors.push(`console: ${m.text()}`);
    });
    await page.setViewport(VIEWPORT);
    const step = (label, fn, ...args) => guarded(page.evaluate(fn, ...args), left(), `${n}²: ${label}`, crashed);
    await guarded(page.goto(url, { waitUntil: 'load' }), left(), `${n}²: load page`, crashed);
    await guarded(page.waitForFunction('window.benchReady === true', { timeout: 60_000 }), left(), `${n}²: page ready`, crashed);

    const gen = await step('generate data', (k) => window.bench.generate(k), n);
    result.generateMs = gen.ms;
    result.dataBytes = gen.bytes;
    log(`  ${n}²: data generated in page (${fmt(gen.ms / 1000, 2)} s, ${fmt(mb(gen.bytes), 0)} MB, not timed)`);

    const runs = [];
    for (let i = 0; i < firstFrameRuns; i++) {
      // Let the previous run's textures and context go before timing the next one.
      await step('settle', async (ms) => {
        globalThis.gc?.();
        await window.bench.sleep(ms);
      }, settleMs);
      const run = await step(`first frame ${i + 1}`, () => window.bench.firstFrame());
      runs.push(run);
      log(`  ${n}²: first frame ${i + 1}/${firstFrameRuns}: ${fmt(run.ms)} ms (heatmap() ${fmt(run.createMs)} ms incl. upload ${fmt(run.stats.lastUploadMs)} ms, render+readback ${fmt(run.drawMs)} ms)`);
    }
    result.firstFrame = summary(runs.map((r) => r.ms));
    result.firstFrameCreate = summary(runs.map((r) => r.createMs));
    result.firstFrameDraw = summary(runs.map((r) => r.drawMs));
    result.upload = summary(runs.map((r) => r.stats.lastUploadMs));
    result.firstFrameRuns = runs;

    // The destroyed first-frame heatmaps' textures are released asynchronously (GPU process): give them longer.
    await step('settle', async (ms) => {
      globalThis.gc?.();
      await window.bench.sleep(ms);
    }, settleMs * 3);
    const redraw = await step('redraws', (w, k) => window.bench.redraws(w, k), WARMUP, REDRAWS);
    result.redraw = summary(redraw.ms);
    result.redrawRenderCall = summary(redraw.renderCallMs);
    result.redrawRuns = redraw.ms;
    result.redrawWarmup = redraw.warmupMs;
    result.redrawViewIndex = redraw.viewIndex;
    const FULL = new Set([2, 5, 8]);
    result.redrawFullView = summary(redraw.ms.filter((_, i) => FULL.has(redraw.viewIndex[i])));
    result.redrawZoom2x = summary(redraw.ms.filter((_, i) => !FULL.has(redraw.viewIndex[i])));
    result.byScale = redraw.byScale;
    result.stats = redraw.stats;
    log(`  ${n}²: redraw median ${fmt(result.redraw.median, 2)} ms (min ${fmt(result.redraw.min, 2)}, max ${fmt(result.redraw.max, 2)}) over ${REDRAWS}`);
    log(`  ${n}²: redraw by cells/pixel: ${redraw.byScale.map((p) => `${fmt(p.cellsPerPixel, 2)} → ${fmt(p.medianMs, 2)} ms`).join(', ')}`);

    await step('release', () => window.bench.release());
    result.ok = true;
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    log(`  ${n}²: FAILED — ${result.error}`);
  } finally {
    result.wallS = (Date.now() - started) / 1000;
    result.peakBrowserRssBytes = sampler.stop();
    if (page) {
      // A crashed or hung renderer may not answer: do not wait on it for long.
      await guarded(page.close(), 15_000, 'close page', new Promise(() => {})).catch((e) => log(`  ${n}²: ${e.message}`));
    }
  }
  return result;
}

// ---- report -------------------------------------------------------------------------------------------------------
function log(line) {
  process.stdout.write(`${line}\n`);
}

function table(results) {
  const head = [
    'Size',
    'Cells',
    'First frame median (ms)',
    'First frame min / max (ms)',
    'Redraw median (ms)',
    'Redraw min / max (ms)',
    'Upload median (ms)',
    'GPU MB',
    'Textures',
  ];
  const rows = results.map((r) =>
    r.ok
      ? [
          `${r.n}²`,
          r.cells.toLocaleString('en-US'),
          fmt(r.firstFrame.median),
          `${fmt(r.firstFrame.min)} / ${fmt(r.firstFrame.max)}`,
          fmt(r.redraw.median, 2),
          `${fmt(r.redraw.min, 2)} / ${fmt(r.redraw.max, 2)}`,
          fmt(r.upload.median),
          fmt(mb(r.stats.gpuBytes), 1),
          String(r.stats.textures),
        ]
      : [`${r.n}²`, r.cells.toLocaleString('en-US'), `FAILED: ${r.error}`, '', '', '', '', '', ''],
  );
  return [head, ...rows];
}

function markdownTable(t) {
  const [head, ...rows] = t;
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function textTable(t) {
  const widths = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
  return t.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/**
 * The sections that other scripts write into RESULTS.md between markers (bench/peers.mjs, bench/cluster.mjs, gpu.mjs, density.mjs,
 * bench/loaders.mjs, and the hand-written issue13 / issue17 sections): kept when this script rewrites the file. Those and the peers section go where "## Peers" used to be,
 * the others after "How to run", in the order they had.
 */
function keptSections() {
  const file = resolve(here, 'RESULTS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const find = (name) => {
    const m = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`).exec(old);
    return m ? { index: m.index, text: m[0] } : null;
  };
  const tail = ['cluster', 'loaders', 'gpu', 'density']
    .map(find)
    .filter((m) => m !== null)
    .sort((a, b) => a.index - b.index)
    .map((m) => m.text);
  // Hand-written before/after sections (issue13, issue17) stay just before the peers section.
  const notes = ['issue13', 'issue17'].map(find).filter((m) => m !== null).sort((a, b) => a.index - b.index).map((m) => m.text);
  return { peers: find('peers')?.text ?? null, notes, tail };
}

function writeReport(report) {
  const { results, machine, browserVersion, renderer, ratio, targetMet } = report;
  const kept = keptSections();
  const t = table(results);
  const ok = (n) => results.find((r) => r.n === n && r.ok);
  const small = ok(1024);
  const big = ok(10000);
  const ratioLine =
    ratio === null
      ? `Ratio redraw(10000²) / redraw(1024²): **not measured** (a size failed). Target ≤ ${TARGET_RATIO}: **not met**.`
      : `Ratio redraw(10000²) / redraw(1024²) = ${fmt(big.redraw.median, 2)} ms / ${fmt(small.redraw.median, 2)} ms = **${ratio.toFixed(2)}**. Target ≤ ${TARGET_RATIO}: **${targetMet ? 'met' : 'not met'}**.`;
  const failures = results.filter((r) => !r.ok);
  const detail = results
    .filter((r) => r.ok)
    .map(
      (r) =>
        `| ${r.n}² | ${fmt(r.firstFrameCreate.median)} | ${fmt(r.firstFrameDraw.median)} | ${fmt(r.redrawRenderCall.median, 2)} | ${fmt(mb(r.dataBytes), 0)} | ${fmt(mb(r.peakBrowserRssBytes), 0)} | ${r.stats.tileSize} | ${fmt(r.generateMs / 1000, 2)} |`,
    )
    .join('\n');
  const md = `# heatgl benchmark results

Generated by \`bench/run.mjs\` on ${report.date}.

- Machine: ${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memoryGiB, 1)} GiB memory (${machine.platform}); 1-min load average ${fmt(machine.loadAverage1m.before, 2)} before, ${fmt(machine.loadAverage1m.after, 2)} after the run
- Browser: ${browserVersion} (headless, ${report.executable})
- WebGL renderer: ${renderer} (max texture size ${report.maxTextureSize})
- Canvas: 800×600 CSS px, \`pixelRatio: 1\`, \`interactive: false\`; viewport 1024×768, deviceScaleFactor 1
- Data: Float32Array n×n, smooth synthetic field plus noise, generated in the page (not timed)

## Results

${markdownTable(t)}

${ratioLine}

- **First frame**: the Float32Array already in page memory → \`heatmap(el, {values, rows, cols}, { pixelRatio: 1, interactive: false, progressive: false })\` (default reduce: 'mean': the first frame is drawn from the base textures, and the level-of-detail pyramid is made in the next task, after which heatgl redraws; not timed here) → \`hm.render()\` → a 1×1 \`gl.readPixels\` (forces the GPU to finish); the heatmap is destroyed after each run. Median of ${SIZES.map((s) => `${s.firstFrameRuns} at ${s.n}²`).join(', ')}.
- **Redraw**: on a live heatmap, \`hm.setView()\` to a different view (2× zooms at various positions, and the full view) → \`hm.render()\` → 1×1 readback; one redraw per animation frame, ${WARMUP} warm-ups then ${REDRAWS} timed.
- **Upload**: \`stats().lastUploadMs\` (texture upload inside \`heatmap()\`, median over the first-frame runs). **GPU MB**: \`stats().gpuBytes\` (value textures + LUT).
${failures.length ? `\n**Failures:**\n\n${failures.map((r) => `- ${r.n}²: ${r.error}${r.pageErrors.length ? ` (page errors: ${r.pageErrors.slice(0, 3).join('; ')})` : ''}`).join('\n')}\n` : ''}
### Redraw against zoom (diagnostic)

Same live heatmap, after the timed redraws: medians of 10 redraws (after 2 warm-ups) at views of 1 and 4 cells per
device pixel, and at the full view. The redraws above mix the full view and 2× zooms (split below).

| Size | redraw, full view (ms) | redraw, 2× zoom (ms) | ${['1 cell/px', '4 cells/px', 'full view'].join(' | ')} |
| --- | --- | --- | --- | --- | --- |
${results
  .filter((r) => r.ok)
  .map((r) => {
    const at = (pred) => r.byScale.find(pred);
    const one = at((p) => Math.abs(p.cellsPerPixel - 1) < 1e-9);
    const four = at((p) => Math.abs(p.cellsPerPixel - 4) < 1e-9);
    const full = r.byScale[r.byScale.length - 1];
    const cell = (p) => (p ? `${fmt(p.medianMs, 2)}` : '—');
    return `| ${r.n}² | ${fmt(r.redrawFullView.median, 2)} | ${fmt(r.redrawZoom2x.median, 2)} | ${cell(one)} | ${cell(four)} | ${cell(full)} (${fmt(full.cellsPerPixel, 2)} cells/px) |`;
  })
  .join('\n')}

### Breakdown (medians)

| Size | heatmap() incl. upload (ms) | first render + readback (ms) | redraw: render() call only (ms) | data MB | peak browser RSS (MB) | tile size | data generation (s) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${detail}

"render() call only" is \`stats().lastFrameMs\`: the CPU side of \`render()\` without waiting for the GPU. Peak browser RSS sums all Chromium processes (renderer, GPU/SwiftShader), sampled every 250 ms during that size.

${kept.notes.map((section) => `${section}\n\n`).join('')}${kept.peers ? `${kept.peers}\n\n` : ''}## How to run

\`npm run bench\` (raw numbers in \`bench/results.json\`). About half a minute on a 2-core machine with SwiftShader; the timings depend on other load on the machine (SwiftShader renders on the CPU).
${kept.tail.map((section) => `\n${section}\n`).join('')}`;
  writeFileSync(resolve(here, 'RESULTS.md'), md);
  writeFileSync(resolve(here, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  log('');
  log(textTable(t));
  log('');
  log(ratioLine.replaceAll('**', ''));
}

// ---- main ---------------------------------------------------------------------------------------------------------
async function main() {
  const t0 = Date.now();
  const loadBefore = os.loadavg();
  // Only the benchmark page is scanned (the repo root also holds demo/, whose imports need the demo's own aliases).
  const { server, url } = await benchServer('bench/page.html');
  let browser;
  const results = [];
  let browserVersion = 'unknown';
  try {
    const launch = () => launchBrowser({ args: ['--js-flags=--expose-gc'] });
    browser = await launch();
    browserVersion = await browser.version();
    log(`heatgl bench: ${browserVersion}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}`);

    // Warm vite's transform cache (and dependency pre-bundling) so the first size does not pay for it.
    {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction('window.benchReady === true', { timeout: 120_000 });
      await page.close();
    }

    for (const size of SIZES) {
      if (!browser.connected) {
        log('  browser disconnected: relaunching');
        browser = await launch();
      }
      log(`size ${size.n}² (${(size.n * size.n).toLocaleString('en-US')} cells)`);
      results.push(await benchSize(browser, url, size));
    }
  } finally {
    if (browser) await guarded(browser.close(), 30_000, 'close browser', new Promise(() => {})).catch(() => browser.process()?.kill('SIGKILL'));
    await server.close();
  }

  const ok = (n) => results.find((r) => r.n === n && r.ok);
  const small = ok(1024);
  const big = ok(10000);
  const ratio = small && big ? big.redraw.median / small.redraw.median : null;
  const anyStats = results.find((r) => r.ok)?.stats;
  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGiB: os.totalmem() / 1024 ** 3,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      // SwiftShader renders on these same cores: other work on the machine shows up directly in the timings.
      loadAverage1m: { before: loadBefore[0], after: os.loadavg()[0] },
    },
    browserVersion,
    executable: (await import('../scripts/chromium.mjs')).chromiumPath() ?? "puppeteer's Chromium",
    renderer: anyStats?.renderer ?? 'unknown',
    maxTextureSize: anyStats?.maxTextureSize ?? null,
    config: { sizes: SIZES, warmup: WARMUP, redraws: REDRAWS, viewport: VIEWPORT, canvas: { width: 800, height: 600, pixelRatio: 1 } },
    ratio,
    targetRatio: TARGET_RATIO,
    targetMet: ratio !== null && ratio <= TARGET_RATIO,
    totalS: (Date.now() - t0) / 1000,
    results,
  };
  writeReport(report);
  log(`total ${fmt(report.totalS, 0)} s; wrote bench/RESULTS.md and bench/results.json`);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

// Loaders benchmark: from a file to a first frame in headless Chromium (scripts/chromium.mjs), step by step.
//   (a) vega-datasets' flights-200k.arrow (1.6 MB, 200,000 rows): fetch → fromArrow(buffer, { pivot }) → heatmap()
//       → render() + 1-pixel readback, median of 5 after a warm-up;
//   (b) a 5000 × 2000 CSV (~90 MB string built in the page, not timed): fromCSV (chunked) → heatmap() → render() +
//       readback, median of 5 (about 2 s a run here), with the longest main-thread stall while fromCSV runs
//       (setInterval(…, 0) heartbeat, and long-task entries).
// Prints a table and writes it into bench/RESULTS.md between the loaders markers (replacing an earlier one).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { benchServer } from './serve.mjs';
import { launchBrowser } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const ARROW_RUNS = 5;
const CSV_RUNS = 5;
const CSV_ROWS = 5000;
const CSV_COLS = 2000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
/** "median (min–max)" of one field over the runs. */
const cell = (runs, key) => {
  const xs = runs.map((r) => r[key]);
  return `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
};

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const { server, url: pageUrl } = await benchServer('bench/loaders-page.html');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
    await page.goto(pageUrl);
    await page.waitForFunction('window.loadersBenchReady === true', { timeout: 120_000 });

    // (a) Arrow: one warm-up run (module compilation, first WebGL context), then the timed runs.
    await page.evaluate(() => window.loadersBench.arrow());
    const arrow = [];
    for (let i = 0; i < ARROW_RUNS; i++) {
      const run = await page.evaluate(() => window.loadersBench.arrow());
      arrow.push(run);
      console.log(`arrow run ${i + 1}: fetch ${ms(run.fetchMs)} · fromArrow ${ms(run.fromArrowMs)} · heatmap() ${ms(run.heatmapMs)} · frame ${ms(run.frameMs)} · total ${ms(run.totalMs)} ms`);
    }

    // (b) CSV: the text is built once in the page and parsed CSV_RUNS times.
    const made = await page.evaluate((r, c) => window.loadersBench.makeCsv(r, c), CSV_ROWS, CSV_COLS);
    console.log(`built a ${CSV_ROWS} × ${CSV_COLS} CSV of ${(made.chars / 1e6).toFixed(1)} million characters in ${ms(made.ms)} ms (not timed)`);
    const csv = [];
    for (let i = 0; i < CSV_RUNS; i++) {
      const run = await page.evaluate(() => window.loadersBench.csv());
      csv.push(run);
      console.log(`csv run ${i + 1}: fromCSV ${ms(run.fromCsvMs)} (longest stall ${ms(run.longestGapMs)}, longest task ${ms(run.longestTaskMs)}, ${run.heartbeats} heartbeats) · heatmap() ${ms(run.heatmapMs)} · frame ${ms(run.frameMs)} · total ${ms(run.totalMs)} ms`);
    }
    await page.evaluate(() => window.loadersBench.dropCsv());

    const version = await browser.version();
    const a0 = arrow[0];
    const c0 = csv[0];
    const table = [
      '| step | flights-200k.arrow → pivot (ms) | 5000 × 2000 CSV (ms) |',
      '| --- | --- | --- |',
      `| load: \`fetch\` + \`arrayBuffer()\` from the dev server | ${cell(arrow, 'fetchMs')} | — (string built in the page) |`,
      `| parse: \`fromArrow(buffer, { pivot })\` / \`fromCSV(text)\` | ${cell(arrow, 'fromArrowMs')} | ${cell(csv, 'fromCsvMs')} |`,
      `| … of which the Arrow IPC decode (\`tableFromIPC\`, timed apart) | ${cell(arrow, 'decodeMs')} | — |`,
      `| \`heatmap()\` (validation, limits, WebGL context, upload) | ${cell(arrow, 'heatmapMs')} | ${cell(csv, 'heatmapMs')} |`,
      `| first frame: \`render()\` + 1-pixel readback | ${cell(arrow, 'frameMs')} | ${cell(csv, 'frameMs')} |`,
      `| **total** | **${ms(median(arrow.map((r) => r.totalMs)))}** | **${ms(median(csv.map((r) => r.totalMs)))}** |`,
      `| longest main-thread stall during \`fromCSV\` (heartbeat gap) | — | ${cell(csv, 'longestGapMs')} |`,
      `| longest long task during \`fromCSV\` (PerformanceObserver \`longtask\`) | — | ${csv.every((r) => r.longestTaskMs === 0) ? 'none (no task ≥ 50 ms)' : cell(csv, 'longestTaskMs')} |`,
    ];
    const lines = [
      '<!-- loaders:start -->',
      '## Loaders (`node bench/loaders.mjs`)',
      '',
      `From a file to a first frame, step by step, in headless ${version} on ${a0.renderer}; ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), 1-min load average ${loadBefore.toFixed(2)} before and ${os.loadavg()[0].toFixed(2)} after; ${new Date().toISOString()}. Medians (min–max) of ${ARROW_RUNS} runs for the Arrow file (after one warm-up) and ${CSV_RUNS} for the CSV; canvas 800×600 CSS px, \`pixelRatio: 1\`.`,
      '',
      `- **flights-200k.arrow**: ${(a0.bytes / 1e6).toFixed(2)} MB, ${a0.records.toLocaleString('en')} rows (delay, distance, time) pivoted as in the gallery (mean delay by 250-mile distance bin × departure hour, function keys) into ${a0.rows} × ${a0.cols}.`,
      `- **CSV**: ${CSV_ROWS} rows × ${CSV_COLS} columns plus an index column, ${(made.chars / 1e6).toFixed(1)} million characters, built in the page and kept as a string (not timed); \`fromCSV\` reads it in its default 1 MiB chunks, yielding to the event loop between them, into ${c0.rows} × ${c0.cols} (Float64Array). The stall rows say how long the page could not run anything else while \`fromCSV\` ran: the longest gap between ticks of a \`setInterval(…, 0)\` heartbeat (${Math.round(median(csv.map((r) => r.heartbeats)))} ticks per run), and the longest long-task entry.`,
      '',
      ...table,
      '<!-- loaders:end -->',
    ];
    console.log(`\n${table.join('\n')}\n`);
    const file = resolve(root, 'bench/RESULTS.md');
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '# heatgl benchmark results\n';
    const cleaned = old.replace(/\n?<!-- loaders:start -->[\s\S]*<!-- loaders:end -->\n?/, '\n');
    writeFileSync(file, `${cleaned.trimEnd()}\n\n${lines.join('\n')}\n`);
    console.log(`wrote the loaders section of bench/RESULTS.md (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// GPU benchmark, headless: `npm run bench:gpu`. Serves the demo with the project's vite config, opens
// /bench.html?auto=1&max=<side> in headless Chromium (scripts/chromium.mjs) — the same page and code path anyone can
// open in their browser (bench/gpu-bench.ts) — waits for window.benchDone and stores the results:
//   bench/results-gpu.json   one entry per renderer string (a run on another GPU adds its own entry, same renderer
//                            replaces), so that a SwiftShader run and a GPU run are kept side by side
//   bench/RESULTS.md         the section between the gpu markers, a table per renderer
//
//   node bench/gpu.mjs [--max 10000] [--screenshot out.png] [--report]
// --max defaults to 10000 (a 2-core machine with SwiftShader); --report only rewrites RESULTS.md from the JSON.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { createServer } from 'vite';
import { launchBrowser } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const JSON_FILE = resolve(root, 'bench/results-gpu.json');
const RUN_TIMEOUT_MS = 30 * 60_000;

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const log = (line) => process.stdout.write(`${line}\n`);

async function run(maxSide, screenshot) {
  const loadBefore = os.loadavg()[0];
  const server = await createServer({
    configFile: resolve(root, 'vite.config.ts'),
    cacheDir: resolve(root, 'node_modules/.vite-gpu'),
    server: { port: 0, strictPort: false, hmr: false },
    logLevel: 'error',
    clearScreen: false,
  });
  let browser;
  try {
    await server.listen();
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite did not report a local URL');
    browser = await launchBrowser();
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    const url = `${base}bench.html?auto=1&max=${maxSide}`;
    log(`gpu bench: ${await browser.version()}, ${url}`);
    await page.goto(url, { waitUntil: 'load' });
    // Progress from the page's status line, printed when it changes.
    let last = '';
    const poll = setInterval(async () => {
      const text = await page.$eval('#status', (el) => el.textContent ?? '').catch(() => '');
      if (text && text !== last) {
        last = text;
        log(`  ${text}`);
      }
    }, 1000);
    try {
      await page.waitForFunction(() => window.benchDone === true, { timeout: RUN_TIMEOUT_MS, polling: 500 });
    } finally {
      clearInterval(poll);
    }
    const result = await page.evaluate(() => window.benchResult);
    if (screenshot) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: screenshot, fullPage: true });
      log(`  screenshot: ${screenshot}`);
    }
    for (const p of problems) log(`  ${p}`);
    const cpus = os.cpus();
    return {
      ...result,
      browser: await browser.version(),
      headless: true,
      machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: os.totalmem() / 2 ** 30, platform: `${os.type()} ${os.release()} ${os.arch()}` },
      loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
      maxSideAsked: maxSide,
      problems,
    };
  } finally {
    await browser?.close();
    await server.close();
  }
}

const fmt = (x, d = 1) => (x >= 100 ? x.toFixed(0) : x.toFixed(d));
const si = (v) => {
  for (const [f, u] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ]) {
    if (Math.abs(v) >= f) return `${+(v / f).toPrecision(3)}${u}`;
  }
  return `${+v.toPrecision(3)}`;
};

function section(runs) {
  const tables = runs.flatMap((r) => [
    `### ${r.renderer}`,
    '',
    `${r.headless ? 'Headless' : 'In a browser'} ${r.browser ?? r.userAgent}; ${r.machine ? `${r.machine.cpu}, ${r.machine.cores} cores; ` : ''}MAX_TEXTURE_SIZE ${r.maxTextureSize}; canvas ${r.canvas.cssWidth}×${r.canvas.cssHeight} CSS px at pixel ratio ${r.canvas.pixelRatio}; heatgl maxGpuBytes ${(r.maxGpuBytes / 2 ** 30).toFixed(0)} GiB; ${r.loadAverage1m ? `1-min load average ${r.loadAverage1m.before.toFixed(2)} before and ${r.loadAverage1m.after.toFixed(2)} after; ` : ''}${r.date}, ${(r.totalMs / 1000).toFixed(0)} s.`,
    '',
    '| Size | Cells | Value textures | First frame (ms) | Upload (GB/s) | Frame after pan/zoom (ms) | Cells per second |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.sizes.map((s) => `| ${s.side}² | ${si(s.cells)} | ${s.valueTextures} | ${fmt(s.firstFrameMs)} (${s.firstFrameRuns.length} run${s.firstFrameRuns.length > 1 ? 's' : ''}) | ${s.uploadGBps.toFixed(3)} | ${fmt(s.frameMs, 2)} | ${si(s.cellsPerSecond)} |`),
    '',
    r.stopped ? `Stopped before ${r.stopped.side}²: ${r.stopped.reason}.` : `Every size up to ${r.maxSideAsked ?? r.sizes.at(-1)?.side}² asked for was run (the headless run stops there; the page goes on until a limit).`,
    '',
  ]);
  return [
    '<!-- gpu:start -->',
    '## GPU benchmark page (`node bench/gpu.mjs`, `/bench.html` in the demo)',
    '',
    "`npm run dev` serves `http://127.0.0.1:5173/bench.html`: anyone can open it to measure their own GPU and browser; `bench/gpu.mjs` drives the same page (`?auto=1&max=10000`, the same code in `bench/gpu-bench.ts`) in headless Chromium and stores one entry per renderer string in `bench/results-gpu.json`. heatgl with `progressive: false`, `pixelRatio: 1`, no colour bar or tick labels. **First frame**: `heatmap()` → `render()` → 1×1 `readPixels` (median of 5 up to 2048², 3 at 4096², else 1, after an untimed warm-up at 64²). **Upload**: the array's bytes / the first frame's time (10⁹ bytes a GB): the whole path from the caller's Float32Array to pixels. **Frame**: `setView()` (2× zooms alternating with the full view) → `render()` → 1×1 `readPixels`, one per animation frame, median of 20 after 3 warm-ups. **Cells per second**: cells / frame time.",
    '',
    ...tables,
    '<!-- gpu:end -->',
  ].join('\n');
}

function writeSection(text) {
  const file = resolve(root, 'bench/RESULTS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# heatgl benchmark results\n';
  let next;
  if (/<!-- gpu:start -->[\s\S]*<!-- gpu:end -->/.test(old)) next = old.replace(/<!-- gpu:start -->[\s\S]*<!-- gpu:end -->/, () => text);
  else if (old.includes('<!-- peers:end -->')) next = old.replace('<!-- peers:end -->', () => `<!-- peers:end -->\n\n${text}`);
  else if (/^## How to run$/m.test(old)) next = old.replace(/^## How to run$/m, () => `${text}\n\n## How to run`);
  else next = `${old.trimEnd()}\n\n${text}\n`;
  writeFileSync(file, next);
}

async function main() {
  const stored = existsSync(JSON_FILE) ? JSON.parse(readFileSync(JSON_FILE, 'utf8')) : { runs: [] };
  if (!process.argv.includes('--report')) {
    const maxSide = Number(arg('--max', '10000'));
    const result = await run(maxSide, arg('--screenshot', null));
    stored.runs = [...stored.runs.filter((r) => r.renderer !== result.renderer), result];
    writeFileSync(JSON_FILE, `${JSON.stringify(stored, null, 1)}\n`);
    for (const s of result.sizes) log(`  ${s.side}²: first frame ${fmt(s.firstFrameMs)} ms, ${s.uploadGBps.toFixed(3)} GB/s, frame ${fmt(s.frameMs, 2)} ms, ${si(s.cellsPerSecond)} cells/s`);
    if (result.stopped) log(`  stopped before ${result.stopped.side}²: ${result.stopped.reason}`);
  }
  writeSection(section(stored.runs));
  log('wrote bench/results-gpu.json and the gpu section of bench/RESULTS.md');
  return stored.runs.every((r) => r.sizes.length > 0 && (r.problems ?? []).length === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

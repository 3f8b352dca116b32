// Peer benchmark: `npm run bench:peers`. In one headless Chromium run (scripts/chromium.mjs), on the same n×n
// Float32Array generated in the page (not timed) and the same 800×600 CSS px box, times the first frame and the
// redraw after a view change of heatgl (default options, and reduce: 'nearest'), plotly.js, ECharts, a plain Canvas2D
// loop and a bare WebGL2 floor (bench/peers-page.ts says exactly what each timing covers), and the JS heap that
// heatgl retains after its first frame (CDP, after a forced GC). Every library and size gets a fresh page, so that a
// crash or a time-out spoils nothing else; a step over 60 s is recorded as a time-out and that library skips the
// larger sizes. Writes bench/results-peers.json and the section of bench/RESULTS.md between the peers markers.
// After the timed runs of the floor and heatgl, one more first frame and 10 redraws are profiled step by step (every
// context call timed: bench/gl-profile.ts) for the "where the time goes" tables. On a machine shared with other jobs,
// bench/peers-cpu.mjs compares CPU time per frame instead of wall time.
//
//   node bench/peers.mjs                    the whole run
//   node bench/peers.mjs --report           rewrite the RESULTS.md section from bench/results-peers.json
//   PEERS_SIZES=256,1024 PEERS_LIBS=heatgl,floor node bench/peers.mjs   a part (for trying things out)
//   … node bench/peers.mjs --merge          a part, replacing those libraries and sizes in the stored run
//   node bench/peers.mjs --libs heatgl,floor --sizes 2048,4096 --no-write
//                                           the same filters as flags; --no-write prints the tables and keeps
//                                           bench/results-peers.json and bench/RESULTS.md as they are
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { launchBrowser } from '../scripts/chromium.mjs';
import { benchServer } from './serve.mjs';

const root = resolve(import.meta.dirname, '..');
const JSON_FILE = resolve(root, 'bench/results-peers.json');
const ALL_SIZES = [256, 1024, 2048, 4096, 8192, 10000];
const ALL_LIBS = ['floor', 'heatgl', 'heatgl-nearest', 'canvas2d', 'plotly', 'echarts'];
const NAMES = {
  floor: 'WebGL2 floor',
  heatgl: 'heatgl',
  'heatgl-nearest': "heatgl, reduce: 'nearest'",
  canvas2d: 'Canvas2D',
  plotly: 'plotly.js',
  echarts: 'ECharts',
};
const STEP_TIMEOUT_MS = 60_000;
const GENERATE_TIMEOUT_MS = 180_000;
/** Redraws stop early once they have taken this long in all (at least 3 are timed). */
const REDRAW_BUDGET_MS = 60_000;
const VIEWPORT = { width: 1024, height: 768, deviceScaleFactor: 1 };
/** Libraries whose first frame and redraw are also profiled step by step (bench/gl-profile.ts). */
const PROFILED = ['floor', 'heatgl', 'heatgl-nearest'];

/** A list from the flag `--flag a,b` (or `--flag=a,b`), else the environment variable, else `all`. */
const listArg = (flag, name, all, parse = (x) => x) => {
  const i = process.argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  const raw = i < 0 ? process.env[name] : process.argv[i].includes('=') ? process.argv[i].slice(flag.length + 1) : process.argv[i + 1];
  if (!raw) return all;
  const list = raw.split(',').map((x) => parse(x.trim()));
  const unknown = list.filter((x) => !all.includes(x));
  if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return list;
};
const SIZES = listArg('--sizes', 'PEERS_SIZES', ALL_SIZES, Number);
const LIBS = listArg('--libs', 'PEERS_LIBS', ALL_LIBS);
const NO_WRITE = process.argv.includes('--no-write');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, runs: xs });
const ms = (x) => (x === undefined || x === null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mib = (bytes) => bytes / 2 ** 20;
const log = (line) => process.stdout.write(`${line}\n`);
/** First frame runs after a first one that took `first` ms. */
const firstFrameRuns = (first) => (first < 500 ? 9 : first < 5_000 ? 5 : first < 20_000 ? 3 : 1);
/** Untimed warm-up redraws, by the first frame's median. Then up to REDRAWS timed ones: past 20 only while they took
 * under REDRAW_MORE_MS in all (a redraw's median swings by ±20 % between pages, so the fast libraries get many), and at
 * least 3 however slow. */
const redrawWarmups = (firstMedian) => (firstMedian < 1000 ? 3 : firstMedian < 10_000 ? 1 : 0);
const REDRAWS = 60;
const REDRAW_MORE_MS = 15_000;
const PAIRED_REDRAWS = 60;
/** Redraw-only pages per library after the first (heatgl and the floor), and the timed redraws in each. */
const REDRAW_ROUNDS = 4;
const ROUND_REDRAWS = 30;

class StepError extends Error {}
function guarded(promise, timeoutMs, label, crashed) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepError(`${label}: timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([promise, timeout, crashed]).finally(() => clearTimeout(timer));
}
const describeError = (err) => {
  const msg = err instanceof Error ? err.message : String(err);
  if (msg.includes('timed out')) return `time-out (> ${STEP_TIMEOUT_MS / 1000} s): ${msg}`;
  if (msg.includes('page crashed') || msg.includes('Target closed') || msg.includes('Session closed')) return `page crashed: ${msg}`;
  return `failed: ${msg}`;
};

function gitState() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'shaders'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { head, dirtySrc: dirty };
  } catch {
    return { head: 'unknown', dirtySrc: false };
  }
}

// ---- the run ------------------------------------------------------------------------------------------------------
async function run() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  // Its own dependency cache: plotly.js and ECharts are imported lazily, long after the page loaded.
  const { server, url } = await benchServer('bench/peers-page.html', ['echarts', 'plotly.js-dist-min'], { cacheDir: 'node_modules/.vite-peers' });
  const launch = () => launchBrowser({ args: ['--js-flags=--expose-gc'] });
  let browser = await launch();
  const version = await browser.version();

  /** A fresh page for one library and size, with a promise that rejects when it crashes. */
  const openPage = async () => {
    if (!browser.connected) {
      log('  browser disconnected: relaunching');
      browser = await launch();
    }
    const page = await browser.newPage();
    let onCrash;
    const crashed = new Promise((_, reject) => {
      onCrash = (err) => reject(new StepError(`page crashed (${err?.message ?? err}), likely out of memory`));
    });
    crashed.catch(() => {});
    page.on('error', onCrash);
    page.on('pageerror', (e) => log(`  page error: ${e?.message ?? e}`));
    await page.setViewport(VIEWPORT);
    await guarded(page.goto(url, { waitUntil: 'load' }), 120_000, 'load page', crashed);
    await guarded(page.waitForFunction('window.peersReady === true', { timeout: 120_000 }), 120_000, 'page ready', crashed);
    const step = (label, timeoutMs, fn, ...args) => guarded(page.evaluate(fn, ...args), timeoutMs, label, crashed);
    return { page, crashed, step };
  };
  const closePage = async (page) => {
    await guarded(page.close({ runBeforeUnload: false }), 15_000, 'close page', new Promise(() => {})).catch(async () => {
      log('  page did not close: relaunching the browser');
      browser.process()?.kill('SIGKILL');
      browser = await launch();
    });
  };

  /** Retained JS memory after a forced GC: V8 heap + embedder heap + ArrayBuffer backing stores. */
  const heapUsage = async (page) => {
    const cdp = await page.createCDPSession();
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      const u = await cdp.send('Runtime.getHeapUsage');
      return { used: u.usedSize, embedder: u.embedderHeapUsedSize ?? 0, backing: u.backingStorageSize ?? 0, total: u.usedSize + (u.embedderHeapUsedSize ?? 0) + (u.backingStorageSize ?? 0) };
    } finally {
      await cdp.detach().catch(() => {});
    }
  };

  const results = {}; // results[lib][n]
  const pairs = {}; // pairs[n]: heatgl and the floor redrawn alternately in one page
  const skip = new Map(); // lib → why it skips the larger sizes
  let info = null;
  let versions = null;
  try {
    {
      const { page, step } = await openPage();
      info = await step('info', 60_000, () => window.peers.info());
      versions = await step('versions', 120_000, () => window.peers.versions());
      await closePage(page);
    }
    log(`peers bench: ${version}; ${info.renderer} (max texture ${info.maxTextureSize}); plotly.js ${versions.plotly}, ECharts ${versions.echarts}`);
    for (const n of SIZES) {
      log(`size ${n}² (${(n * n).toLocaleString('en-US')} cells)`);
      for (const lib of LIBS) {
        results[lib] ??= {};
        if (skip.has(lib)) {
          results[lib][n] = { error: `skipped (${skip.get(lib)})` };
          continue;
        }
        results[lib][n] = await benchOne(lib, n);
        const r = results[lib][n];
        // A crash or a time-out after some first frames (kept as results) still ends this library's run.
        const stop = r.error ?? (r.redrawError && !r.redrawError.startsWith('failed') ? r.redrawError : null);
        if (stop) skip.set(lib, `${stop.split(':')[0]} at ${n}²`);
      }
      if (LIBS.includes('floor') && LIBS.includes('heatgl') && !skip.has('floor') && !skip.has('heatgl')) {
        pairs[n] = await benchPair(n);
        await redrawRounds(n);
      }
    }
  } finally {
    await guarded(browser.close(), 30_000, 'close browser', new Promise(() => {})).catch(() => browser.process()?.kill('SIGKILL'));
    await server.close();
  }

  /**
   * REDRAW_ROUNDS more pages each for heatgl and the floor, alternating (heatgl, floor, then floor, heatgl, …): an
   * untimed first frame, 3 untimed and ROUND_REDRAWS timed redraws in each. A page's redraw median drifts by ±20 %
   * with the machine's state over minutes, and the first pages of the two libraries are minutes apart (the first
   * frames, the other libraries); the redraw figure of each is the median over all its pages' redraws.
   */
  async function redrawRounds(n) {
    const main = { floor: results.floor[n], heatgl: results.heatgl[n] };
    if (!main.floor?.redraw || !main.heatgl?.redraw) return;
    const pages = { floor: [], heatgl: [] };
    for (let round = 0; round < REDRAW_ROUNDS; round++) {
      for (const lib of round % 2 ? ['floor', 'heatgl'] : ['heatgl', 'floor']) {
        let page;
        try {
          const p = await openPage();
          page = p.page;
          await p.step(`${n}²: generate`, GENERATE_TIMEOUT_MS, (k) => window.peers.generate(k), n);
          await p.step(`${n}² ${lib}: warm-up`, STEP_TIMEOUT_MS, (l) => window.peers.warmup(l), lib);
          await p.step(`${n}² ${lib}: first frame (kept, untimed)`, STEP_TIMEOUT_MS, (l) => window.peers.firstFrame(l, true), lib);
          const times = [];
          for (let i = 0; i < 3 + ROUND_REDRAWS; i++) {
            const dt = await p.step(`${n}² ${lib}: redraw`, STEP_TIMEOUT_MS, (k) => window.peers.redraw(k), i);
            if (i >= 3) times.push(dt);
          }
          pages[lib].push(times);
        } catch (err) {
          log(`  ${n}² ${lib}: redraw round ${round + 1} FAILED: ${describeError(err)}`);
        } finally {
          if (page) await closePage(page);
        }
      }
    }
    for (const lib of ['floor', 'heatgl']) {
      const r = main[lib];
      const all = [r.redraw.runs, ...pages[lib]];
      r.redrawFirstPage = r.redraw;
      r.redrawPageMedians = all.map(median);
      r.redraw = summary(all.flat());
      log(`  ${n}² ${lib}: redraw median over ${all.length} pages ${ms(r.redraw.median)} ms (page medians ${r.redrawPageMedians.map(ms).join(', ')})`);
    }
    log(`  ${n}² redraw over pages: heatgl / floor ${(main.heatgl.redraw.median / main.floor.redraw.median).toFixed(2)}×`);
  }

  /** heatgl's and the floor's redraws alternating in one page (PAIRED_REDRAWS each): their ratio without the drift
   * between pages. */
  async function benchPair(n) {
    let page;
    try {
      const p = await openPage();
      page = p.page;
      await p.step(`${n}²: generate`, GENERATE_TIMEOUT_MS, (k) => window.peers.generate(k), n);
      for (const lib of ['floor', 'heatgl']) await p.step(`${n}² ${lib}: warm-up`, STEP_TIMEOUT_MS, (l) => window.peers.warmup(l), lib);
      const t = await p.step(`${n}²: paired redraws`, STEP_TIMEOUT_MS, (k) => window.peers.redrawPair(k), PAIRED_REDRAWS);
      const out = { floor: summary(t.floor), heatgl: summary(t.heatgl) };
      log(`  ${n}² paired in one page: floor ${ms(out.floor.median)} ms, heatgl ${ms(out.heatgl.median)} ms (${(out.heatgl.median / out.floor.median).toFixed(2)}×) over ${t.floor.length}`);
      return out;
    } catch (err) {
      const why = describeError(err);
      log(`  ${n}² paired redraws FAILED: ${why}`);
      return { error: why };
    } finally {
      if (page) await closePage(page);
    }
  }

  async function benchOne(lib, n) {
    const out = { firstFrame: null, setup: null, redraw: null, heap: null, error: null, redrawError: null };
    let page;
    const frames = [];
    try {
      const p = await openPage();
      page = p.page;
      const { step } = p;
      const gen = await step(`${n}²: generate`, GENERATE_TIMEOUT_MS, (k) => window.peers.generate(k), n);
      out.inputBytes = gen.bytes;
      const prep = await step(`${n}² ${lib}: prepare`, STEP_TIMEOUT_MS, (l) => window.peers.prepare(l), lib);
      out.prepareMs = prep.ms;
      await step(`${n}² ${lib}: warm-up`, STEP_TIMEOUT_MS, (l) => window.peers.warmup(l), lib);
      log(`  ${n}² ${lib}: data ${ms(gen.ms)} ms, input prepared ${ms(prep.ms)} ms (not timed)`);

      const first = async (keep) => {
        await step(`${n}² ${lib}: settle`, STEP_TIMEOUT_MS, async () => {
          globalThis.gc?.();
          await window.peers.sleep(100);
        });
        const r = await step(`${n}² ${lib}: first frame`, STEP_TIMEOUT_MS, (l, k) => window.peers.firstFrame(l, k), lib, keep);
        frames.push(r);
        log(`  ${n}² ${lib}: first frame ${frames.length}: ${ms(r.ms)} ms (setup ${ms(r.setupMs)} ms)`);
      };
      await first(false);
      const runs = firstFrameRuns(frames[0].ms);
      const isHeatgl = lib.startsWith('heatgl');
      let heapBefore = null;
      for (let i = 1; i < runs; i++) {
        // The last run keeps its chart for the redraws (and, for heatgl, the heap measurement).
        if (i === runs - 1 && isHeatgl) heapBefore = await heapUsage(page);
        await first(i === runs - 1);
      }
      out.firstFrame = summary(frames.map((f) => f.ms));
      out.setup = summary(frames.map((f) => f.setupMs));
      if (runs === 1) {
        // A slow library: one more first frame would cost too much; redraw on a chart made by an untimed first frame.
        if (isHeatgl) heapBefore = await heapUsage(page);
        await step(`${n}² ${lib}: first frame (kept, untimed)`, STEP_TIMEOUT_MS, (l) => window.peers.firstFrame(l, true), lib);
      }
      if (isHeatgl) {
        const after = await heapUsage(page);
        out.heap = { input: gen.bytes, before: heapBefore, after, retained: after.total - heapBefore.total };
        log(`  ${n}² ${lib}: heap retained by the live heatmap ${mib(out.heap.retained).toFixed(2)} MiB (input ${mib(gen.bytes).toFixed(1)} MiB)`);
      }

      try {
        const warm = redrawWarmups(out.firstFrame.median);
        const times = [];
        const t0 = Date.now();
        for (let i = 0; i < warm + REDRAWS; i++) {
          const dt = await step(`${n}² ${lib}: redraw`, STEP_TIMEOUT_MS, (k) => window.peers.redraw(k), i);
          if (i >= warm) times.push(dt);
          const spent = Date.now() - t0;
          if ((times.length >= 3 && spent > REDRAW_BUDGET_MS) || (times.length >= 20 && spent > REDRAW_MORE_MS)) break;
        }
        out.redraw = summary(times);
        log(`  ${n}² ${lib}: redraw median ${ms(out.redraw.median)} ms over ${times.length}`);
        await step(`${n}² ${lib}: drop`, STEP_TIMEOUT_MS, () => window.peers.drop());
        if (isHeatgl) out.heap.afterDestroy = await heapUsage(page);
        if (PROFILED.includes(lib)) {
          // Where the time goes: one more first frame and 10 redraws with every context call timed (not the results).
          out.profile = await step(`${n}² ${lib}: step profile`, STEP_TIMEOUT_MS, (l) => window.peers.stepProfile(l), lib);
          const f = out.profile.first;
          log(`  ${n}² ${lib}: profiled first frame ${ms(f.totalMs)} ms: context ${ms(f.context)}, programs ${ms(f.programs)}, upload ${ms(f.upload)}, readback ${ms(f.readback)}, overlay ${ms(f.overlay)}, JS ${ms(f.js)}`);
        }
      } catch (err) {
        out.redrawError = describeError(err);
        log(`  ${n}² ${lib}: redraw FAILED: ${out.redrawError}`);
        if (!out.redrawError.startsWith('failed')) throw err;
      }
    } catch (err) {
      const why = describeError(err);
      // First frames timed before a crash or time-out are kept (fewer runs than planned); the redraws are lost.
      if (!out.firstFrame && frames.length > 0) {
        out.firstFrame = summary(frames.map((f) => f.ms));
        out.setup = summary(frames.map((f) => f.setupMs));
        out.firstFrameNote = `${frames.length} run${frames.length > 1 ? 's' : ''}, then ${why.split(':')[0]}`;
      }
      if (out.firstFrame) out.redrawError ??= why;
      else out.error = why;
      log(`  ${n}² ${lib}: FAILED: ${why}`);
    } finally {
      if (page) await closePage(page);
    }
    return out;
  }

  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    totalS: (Date.now() - started) / 1000,
    machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: os.totalmem() / 2 ** 30, platform: `${os.type()} ${os.release()} ${os.arch()}` },
    loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
    browser: version,
    renderer: info?.renderer ?? 'unknown',
    maxTextureSize: info?.maxTextureSize ?? null,
    versions,
    git: gitState(),
    config: { sizes: SIZES, libs: LIBS, stepTimeoutMs: STEP_TIMEOUT_MS, redrawBudgetMs: REDRAW_BUDGET_MS, viewport: VIEWPORT, box: { width: 800, height: 600 } },
    results,
    pairs,
  };
}

// ---- the report ---------------------------------------------------------------------------------------------------
const TARGETS = { firstVsFloor: 1.25, firstVsFloorFrom: 2048, plotly2048: 6, plotly8192: 25, echarts2048: 150, redrawVsFloor: 1.5, redraw10000vs1024: 1.5, heapExtra: 0.1 };

function reportSection(report) {
  const { results } = report;
  const sizes = report.config.sizes;
  const libs = report.config.libs;
  const get = (lib, n) => results[lib]?.[n];
  const first = (lib, n) => get(lib, n)?.firstFrame?.median;
  const redraw = (lib, n) => get(lib, n)?.redraw?.median;
  const pair = (n) => report.pairs?.[n];
  const pairRatio = (n) => (pair(n)?.heatgl ? ratio(pair(n).heatgl.median, pair(n).floor.median) : null);
  const pairCell = (n) => (pair(n)?.heatgl ? `${ms(pair(n).floor.median)} / ${ms(pair(n).heatgl.median)}` : pair(n)?.error ? `failed: ${pair(n).error.split(':')[0]}` : '—');
  const failure = (r, key) => {
    const e = key === 'redraw' ? (r?.redrawError ?? r?.error) : r?.error;
    if (!e) return null;
    if (e.startsWith('skipped')) return 'skipped';
    if (e.startsWith('time-out')) return 'time-out';
    if (e.startsWith('page crashed')) return 'crashed';
    return 'failed';
  };
  const cell = (lib, n, key) => {
    const r = get(lib, n);
    const s = key === 'redraw' ? r?.redraw : r?.firstFrame;
    if (s) return `${ms(s.median)}${key !== 'redraw' && r.firstFrameNote ? ` (${r.firstFrameNote})` : s.n === 1 ? ' (1 run)' : ''}`;
    return failure(r, key) ?? '—';
  };
  const ratio = (a, b) => (a && b ? a / b : null);
  const fx = (x) => (x === null ? '—' : x >= 10 ? x.toFixed(0) : x.toFixed(2));
  const timedOut = (lib, n) => failure(get(lib, n), 'first') === 'time-out';
  const ratioCell = (lib, n, base, key = 'first') => {
    const pick = key === 'first' ? first : redraw;
    const r = ratio(pick(lib, n), pick(base, n));
    if (r !== null) return `${fx(r)}×`;
    if (key === 'first' && timedOut(lib, n) && pick(base, n)) return `> ${(STEP_TIMEOUT_MS / pick(base, n)).toFixed(1)}×`;
    return '—';
  };
  const peersShown = libs.filter((l) => l !== 'floor' && l !== 'heatgl');
  const head = (cols) => [`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`];

  const firstTable = [
    ...head(['Size', ...libs.map((l) => `${NAMES[l]} (ms)`), 'heatgl / floor', ...peersShown.map((l) => `${NAMES[l]} / heatgl`)]),
    ...sizes.map((n) => `| ${n}² | ${libs.map((l) => cell(l, n, 'first')).join(' | ')} | ${ratioCell('heatgl', n, 'floor')} | ${peersShown.map((l) => ratioCell(l, n, 'heatgl')).join(' | ')} |`),
  ];
  const redrawTable = [
    ...head(['Size', ...libs.map((l) => `${NAMES[l]} (ms)`), 'heatgl / floor', "heatgl, 'nearest' / floor", 'heatgl / heatgl at 1024²', 'paired in one page: floor / heatgl (ms)', 'paired: heatgl / floor']),
    ...sizes.map(
      (n) =>
        `| ${n}² | ${libs.map((l) => cell(l, n, 'redraw')).join(' | ')} | ${ratioCell('heatgl', n, 'floor', 'redraw')} | ${ratioCell('heatgl-nearest', n, 'floor', 'redraw')} | ${fx(ratio(redraw('heatgl', n), redraw('heatgl', 1024)))} | ${pairCell(n)} | ${fx(pairRatio(n))}${pairRatio(n) === null ? '' : '×'} |`,
    ),
  ];
  const heapRows = ['heatgl', 'heatgl-nearest'].flatMap((lib) =>
    sizes
      .filter((n) => get(lib, n)?.heap)
      .map((n) => {
        const h = get(lib, n).heap;
        const extra = h.retained / h.input;
        const destroyed = h.afterDestroy ? mib(h.afterDestroy.total - h.before.total).toFixed(2) : '—';
        return `| ${NAMES[lib]} | ${n}² | ${mib(h.input).toFixed(1)} | ${mib(h.retained).toFixed(2)} | ${(100 * extra).toFixed(1)} % | ${extra <= TARGETS.heapExtra ? 'yes' : '**no**'} | ${destroyed} |`;
      }),
  );
  const heapTable = [...head(['Variant', 'Size', 'input (MiB)', 'retained by the live heatmap (MiB)', 'of the input', '≤ 10 %', 'after destroy() (MiB)']), ...heapRows];

  // ---- where the time goes (step profiles) ----
  const STEPS = [
    ['context', 'context'],
    ['programs', 'programs'],
    ['upload', 'value upload'],
    ['smallTextures', 'small textures (LUT…)'],
    ['draw', 'draw + state calls'],
    ['readback', 'readPixels (GPU wait)'],
    ['overlay', 'overlay (Canvas2D)'],
    ['js', 'JS (the rest)'],
  ];
  const profileRows = (key) =>
    sizes.flatMap((n) =>
      PROFILED.filter((lib) => libs.includes(lib) && get(lib, n)?.profile).map((lib) => {
        const pr = get(lib, n).profile;
        const p = pr[key];
        const limits = key === 'first' && pr.limitsMs !== null ? ms(pr.limitsMs) : '—';
        return `| ${n}² | ${NAMES[lib]} | ${ms(p.totalMs)} | ${STEPS.map(([k]) => ms(p[k])).join(' | ')} | ${key === 'first' ? `${limits} | ` : ''}${Math.round(p.calls)} |`;
      }),
    );
  const profileTable = (key) => [
    ...head(['Size', 'Variant', 'total (ms)', ...STEPS.map(([, name]) => name), ...(key === 'first' ? ['of the JS: colour limits'] : []), 'context calls']),
    ...profileRows(key),
  ];
  const hasProfiles = sizes.some((n) => PROFILED.some((lib) => get(lib, n)?.profile));

  // ---- targets ----
  const verdict = (ok) => (ok === null ? '**not measured**' : ok ? '**met**' : '**missed**');
  const targets = [];
  {
    const big = sizes.filter((n) => n >= TARGETS.firstVsFloorFrom);
    const rs = big.map((n) => [n, ratio(first('heatgl', n), first('floor', n))]);
    const known = rs.filter(([, r]) => r !== null);
    const ok = known.length ? known.every(([, r]) => r <= TARGETS.firstVsFloor) : null;
    targets.push(`- First frame within ${TARGETS.firstVsFloor}× of the floor at ${TARGETS.firstVsFloorFrom}² and above: ${verdict(ok)} (${rs.map(([n, r]) => `${n}²: ${fx(r)}×`).join(', ')}).`);
    const rn = big.map((n) => [n, ratio(first('heatgl-nearest', n), first('floor', n))]);
    if (rn.some(([, r]) => r !== null)) targets.push(`  With \`reduce: 'nearest'\`: ${rn.map(([n, r]) => `${n}²: ${fx(r)}×`).join(', ')}.`);
  }
  const peerTarget = (lib, n, want) => {
    const r = ratio(first(lib, n), first('heatgl', n));
    if (r !== null) return `${NAMES[lib]} / heatgl at ${n}² ≥ ${want}×: ${verdict(r >= want)} (${fx(r)}×)`;
    if (timedOut(lib, n) && first('heatgl', n)) {
      const lower = STEP_TIMEOUT_MS / first('heatgl', n);
      // A time-out only bounds the ratio from below: met when the bound clears the target, else undecided.
      return `${NAMES[lib]} / heatgl at ${n}² ≥ ${want}×: ${lower >= want ? verdict(true) : '**not decided**'} (${NAMES[lib]} timed out after ${STEP_TIMEOUT_MS / 1000} s: > ${lower.toFixed(1)}×)`;
    }
    const why = failure(get(lib, n), 'first');
    return `${NAMES[lib]} / heatgl at ${n}² ≥ ${want}×: ${why ? `**not measured** (${NAMES[lib]} ${why})` : '**not measured**'}`;
  };
  if (sizes.includes(2048)) targets.push(`- ${peerTarget('plotly', 2048, TARGETS.plotly2048)}.`);
  if (sizes.includes(8192)) targets.push(`- ${peerTarget('plotly', 8192, TARGETS.plotly8192)}.`);
  if (sizes.includes(2048)) targets.push(`- ${peerTarget('echarts', 2048, TARGETS.echarts2048)}.`);
  {
    const rs = sizes.map((n) => [n, ratio(redraw('heatgl', n), redraw('floor', n))]);
    const known = rs.filter(([, r]) => r !== null);
    const ok = known.length ? known.every(([, r]) => r <= TARGETS.redrawVsFloor) : null;
    targets.push(`- Redraw within ${TARGETS.redrawVsFloor}× of the floor's at every size: ${verdict(ok)} (${rs.map(([n, r]) => `${n}²: ${fx(r)}×`).join(', ')}).`);
    const ps = sizes.map((n) => [n, pairRatio(n)]).filter(([, r]) => r !== null);
    if (ps.length) {
      const pok = ps.every(([, r]) => r <= TARGETS.redrawVsFloor);
      targets.push(`- The same, heatgl and the floor redrawn alternately in one page (${PAIRED_REDRAWS} each; no drift between pages): ${verdict(pok)} (${ps.map(([n, r]) => `${n}²: ${fx(r)}×`).join(', ')}).`);
    }
    const r = ratio(redraw('heatgl', 10000), redraw('heatgl', 1024));
    targets.push(
      `- Redraw at 10000² within ${TARGETS.redraw10000vs1024}× of heatgl's own at 1024²: ${verdict(r === null ? null : r <= TARGETS.redraw10000vs1024)} (${ms(redraw('heatgl', 10000))} ms / ${ms(redraw('heatgl', 1024))} ms = ${fx(r)}).`,
    );
  }
  {
    const hs = sizes.filter((n) => get('heatgl', n)?.heap).map((n) => [n, get('heatgl', n).heap.retained / get('heatgl', n).heap.input, get('heatgl', n).heap.retained]);
    const ok = hs.filter(([, x]) => x <= TARGETS.heapExtra).map(([n]) => `${n}²`);
    const missed = hs.filter(([, x]) => x > TARGETS.heapExtra).map(([n]) => `${n}²`);
    const overall = hs.length === 0 ? null : missed.length === 0;
    const fixed = hs.length ? Math.min(...hs.map(([, , b]) => b)) : 0;
    targets.push(
      `- JS memory retained after the first frame ≤ the input + 10 %: ${verdict(overall)}${hs.length && !overall ? ` at ${missed.join(', ')}${ok.length ? `, met at ${ok.join(', ')}` : ''}` : ''} (heatgl's own retained memory as a share of the input: ${hs.map(([n, x]) => `${n}²: ${(100 * x).toFixed(1)} %`).join(', ')}; at least ${mib(fixed).toFixed(2)} MiB at every size, a fixed cost of the figure that does not grow with the data).`,
    );
  }
  const errors = libs.flatMap((lib) =>
    sizes.flatMap((n) => {
      const r = get(lib, n);
      const out = [];
      if (r?.error && !r.error.startsWith('skipped')) out.push(`- ${NAMES[lib]} at ${n}²: ${r.error}`);
      if (r?.redrawError) out.push(`- ${NAMES[lib]} at ${n}², redraw: ${r.redrawError}`);
      return out;
    }),
  );
  const dirty = report.git.dirtySrc ? ' with uncommitted changes in src/ or shaders/' : '';
  const merged = (report.merged ?? []).map(
    (m) => ` ${m.libs.map((l) => NAMES[l]).join(', ')} at ${m.sizes.map((n) => `${n}²`).join(', ')} re-measured in a second run (${m.date}, load average ${m.loadAverage1m.before.toFixed(2)} before and ${m.loadAverage1m.after.toFixed(2)} after) and merged into this one.`,
  );
  return [
    '<!-- peers:start -->',
    '## Peers (`node bench/peers.mjs`)',
    '',
    `The same n×n Float32Array (smooth field plus noise, generated in the page, not timed) drawn into an 800×600 CSS px box, deviceScaleFactor 1, in one headless ${report.browser} run on **${report.renderer}** (max texture size ${report.maxTextureSize}); ${report.machine.cpu}, ${report.machine.cores} cores, 1-min load average ${report.loadAverage1m.before.toFixed(2)} before and ${report.loadAverage1m.after.toFixed(2)} after; plotly.js ${report.versions?.plotly ?? '?'} (plotly.js-dist-min), ECharts ${report.versions?.echarts ?? '?'}; heatgl at ${report.git.head}${dirty}; ${report.date}, ${(report.totalS / 60).toFixed(0)} min in all. A fresh page for every library and size, one untimed warm-up on a 64² matrix in it; first frames are medians of 9 runs (when the first took under 0.5 s), 5 (under 5 s), 3 (under 20 s) or 1; a step over ${STEP_TIMEOUT_MS / 1000} s is a time-out and that library skips the larger sizes. Raw numbers: \`bench/results-peers.json\`; chart: \`bench/chart.png\` (\`node bench/chart.mjs\`).${merged.join('')}`,
    '',
    '![First frame and redraw against cells, log-log, per library](chart.png)',
    '',
    '### First frame (ms)',
    '',
    ...firstTable,
    '',
    '### Redraw after pan/zoom (ms)',
    '',
    ...redrawTable,
    '',
    ...(hasProfiles
      ? [
          '### Where the time goes (one profiled first frame, mean of 10 profiled redraws)',
          '',
          "After the timed runs, one more first frame and 10 redraws with every WebGL / Canvas2D context call wrapped in `performance.now()` (`bench/gl-profile.ts`): context = `getContext` + extensions and parameters; programs = shader compile / link and their status and location queries (a status query waits for the compile); value upload = `texImage2D` / `texSubImage2D` / `texStorage2D` calls of ≥ 65536 texels, small textures the others (LUT, edges); readPixels = the 1×1 readback, which waits for every queued GPU command (SwiftShader runs the uploads and draws there); JS = the rest of the wall time (options, the colour limits — timed apart in the last column —, regl's bookkeeping, layout). One run, so ± the load's noise; the timed medians above are the results.",
          '',
          '**First frame**',
          '',
          ...profileTable('first'),
          '',
          '**Redraw**',
          '',
          ...profileTable('redraw'),
          '',
        ]
      : []),
    '### JS memory retained by heatgl after its first frame',
    '',
    'CDP `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` (V8 heap + embedder heap + ArrayBuffer backing stores), just before the last timed first frame and with its heatmap alive right after it: the difference is what heatgl keeps beside the caller\'s Float32Array (the input itself is counted in both). "after destroy()" is the same difference after the redraws and `destroy()`.',
    '',
    ...heapTable,
    '',
    '### Targets (ratios within this run)',
    '',
    ...targets,
    '',
    '### What each timing covers',
    '',
    "- **heatgl**: `heatmap(el, {values, rows, cols}, { pixelRatio: 1, interactive: false, cbar: false, xticklabels: false, yticklabels: false, cmap: 'viridis', progressive: false })` → `hm.render()` → 1×1 `gl.readPixels` (waits for the GPU); includes heatgl's own min/max pass for the colour limits. With the default `reduce: 'mean'` that first frame is drawn from the base textures (as 'nearest' would) and the level-of-detail pyramid is made in the next task, after which heatgl redraws (readPixels / toCanvas right after creation make it at once and give the reduced picture). **heatgl, reduce: 'nearest'**: the same with `reduce: 'nearest'` (no level-of-detail reduction). Redraw: `hm.setView()` → `hm.render()` → 1×1 `readPixels`.",
    "- **WebGL2 floor**: a new canvas and WebGL2 context, a min/max pass, a program compiled and linked, one R32F `texStorage2D` + `texSubImage2D` per tile (a single texture up to MAX_TEXTURE_SIZE, else tiles of that side, as heatgl), a 256×1 RGBA8 LUT, one draw (a quad per tile, NEAREST sample, vmin/vmax uniforms, LUT lookup), 1×1 `readPixels` (the upload completes at that first draw). Redraw: a uniform change per tile quad, draw, 1×1 `readPixels`.",
    "- **Canvas2D**: a new 800×600 canvas, a min/max pass, `createImageData(800, 600)`, nearest cell per pixel through the 256-colour viridis LUT on the CPU, `putImageData`, 1×1 `getImageData`. Redraw: the same loop for the new view into the same ImageData.",
    "- **plotly.js**: `Plotly.newPlot(el, [{ type: 'heatmap', z, colorscale: 'Viridis', showscale: false }], layout (800×600, no margins, axes hidden), { staticPlot: true })` until its promise resolves, then one `requestAnimationFrame`; `z` (n plain JS arrays) is built before the timing, plotly computes zmin/zmax itself. Redraw: `Plotly.relayout(el, { 'xaxis.range', 'yaxis.range' })` until its promise resolves, then one `requestAnimationFrame` (plotly paints the heatmap into a canvas and shows it as an SVG image; no pixel readback).",
    "- **ECharts**: `echarts.init(el, null, { renderer: 'canvas' })` → `setOption` (category axes hidden, heatmap series with `progressive: 0` so that every cell is drawn in one pass, `animation: false`, visualMap with 16 viridis stops) → `getZr().flush()` → the chart's `finished` event → zrender's canvas painter done with the element list (it goes on painting over later animation frames after `finished`: at 512² the true end comes 2–3× later than `finished`; watched by wrapping the painter's internal `_doPaintList`) → one `requestAnimationFrame`. The [x, y, value] triples, the axis categories and min/max for the visualMap (ECharts does not autoscale) are prepared before the timing. Redraw: `setOption({ xAxis: { min, max }, yAxis: { min, max } })` (category indices) → `flush()` → `finished` → painter done → one `requestAnimationFrame`.",
    `- **Views**: 2× zooms at several places alternating with the full view, one redraw per animation frame; 3 untimed warm-ups when the first frame took under 1 s, 1 under 10 s, else none; then up to ${REDRAWS} timed, more than 20 only while they took under ${REDRAW_MORE_MS / 1000} s in all, and stopping after ${REDRAW_BUDGET_MS / 1000} s (at least 3). **Paired**: after the libraries of a size, one more page holds heatgl (default options) and the floor together and redraws them alternately, one per animation frame, 3 untimed and ${PAIRED_REDRAWS} timed each (redrawPair in bench/peers-page.ts). **heatgl's and the floor's redraw figures** are the median over ${REDRAW_ROUNDS + 1} pages each: the page of their first frames, then ${REDRAW_ROUNDS} redraw-only pages per library, the two libraries alternating (an untimed first frame, 3 untimed and ${ROUND_REDRAWS} timed redraws each), because a page's redraw median drifts by ±20 % with the machine's state and the first pages of the two are minutes apart; every page's median is in results-peers.json (\`redrawPageMedians\`).`,
    ...(errors.length ? ['', '**Time-outs and failures:**', '', ...errors] : []),
    '<!-- peers:end -->',
  ].join('\n');
}

/** Replaces the peers section of RESULTS.md (re-read right before writing; other sections are kept as they are). */
function writeSection(section) {
  const file = resolve(root, 'bench/RESULTS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# heatgl benchmark results\n';
  let next;
  if (/<!-- peers:start -->[\s\S]*<!-- peers:end -->/.test(old)) {
    next = old.replace(/<!-- peers:start -->[\s\S]*<!-- peers:end -->/, () => section);
  } else if (/^## How to run$/m.test(old)) {
    next = old.replace(/^## How to run$/m, () => `${section}\n\n## How to run`);
  } else {
    next = `${old.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(file, next);
}

async function main() {
  let report;
  if (process.argv.includes('--report')) {
    report = JSON.parse(readFileSync(JSON_FILE, 'utf8'));
  } else {
    report = await run();
    if (process.argv.includes('--merge') && existsSync(JSON_FILE)) {
      // Re-measured libraries and sizes replace theirs in the stored run; the rest is kept.
      const old = JSON.parse(readFileSync(JSON_FILE, 'utf8'));
      for (const [lib, bySize] of Object.entries(report.results)) old.results[lib] = { ...old.results[lib], ...bySize };
      old.pairs = { ...old.pairs, ...report.pairs };
      old.config.sizes = ALL_SIZES.filter((n) => old.config.sizes.includes(n) || report.config.sizes.includes(n));
      old.config.libs = ALL_LIBS.filter((l) => old.config.libs.includes(l) || report.config.libs.includes(l));
      old.merged = [...(old.merged ?? []), { date: report.date, sizes: report.config.sizes, libs: report.config.libs, loadAverage1m: report.loadAverage1m, git: report.git }];
      report = old;
    }
    if (!NO_WRITE) writeFileSync(JSON_FILE, `${JSON.stringify(report, null, 1)}\n`);
  }
  const section = reportSection(report);
  if (!NO_WRITE) writeSection(section);
  log('');
  log(section.split('\n').filter((l) => l.startsWith('|') || l.startsWith('- ')).join('\n'));
  if (NO_WRITE) log(`\n--no-write: bench/RESULTS.md and bench/results-peers.json left as they were (${(report.totalS / 60).toFixed(1)} min, 1-min load average ${report.loadAverage1m.before.toFixed(2)} before, ${report.loadAverage1m.after.toFixed(2)} after)`);
  else log(`\nwrote the peers section of bench/RESULTS.md${process.argv.includes('--report') ? '' : ` and bench/results-peers.json (${(report.totalS / 60).toFixed(1)} min)`}`);
  // A peer timing out or running out of memory is a result; heatgl or a baseline failing is not.
  const own = ['heatgl', 'floor', 'canvas2d'];
  return own.some((lib) => report.config.sizes.some((n) => report.results[lib]?.[n]?.error)) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

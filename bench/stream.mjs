// Streaming benchmark: `npm run bench:stream` (node bench/stream.mjs). The 10¹²-cell virtual OME-Zarr store
// (test/stream/virtual-store.ts) served by the test store server (test/stream/server.ts) on loopback with 20 ms added
// to every request, drawn by heatmap(el, await openZarr(url)) in headless Chromium at 1000 × 800 CSS px, device
// scale 1. Measures: time to the first coarse picture, time to the full-resolution view, requests issued / aborted /
// never drawn during a scripted fast pan, frame time while tiles stream against an in-memory heatmap of the same
// view in the same run, and JS heap and cache bytes after browsing 10× the cache size. Appends to bench/RESULTS.md.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { launchBrowser } from '../scripts/chromium.mjs';
import { benchServer } from './serve.mjs';

const here = import.meta.dirname;
const LATENCY_MS = 20;
const W = 1000;
const H = 800;
const CACHE_MIB = 32;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const { server: vite, url } = await benchServer('bench/stream-page.html', ['zarrita'], { cacheDir: 'node_modules/.vite-stream' });
const { startStoreServer } = await vite.ssrLoadModule('/test/stream/server.ts');
const { virtualStoreFile, virtualConsolidatedFile } = await vite.ssrLoadModule('/test/stream/virtual-store.ts');
const log = (m) => console.error(`[stream bench] ${m}`);
log('vite up');
const store = await startStoreServer({ latencyMs: LATENCY_MS, mounts: { '/virtual/': virtualStoreFile, '/virtual-c/': virtualConsolidatedFile } });
const browser = await launchBrowser();
const results = { loadStart: os.loadavg()[0] };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction('window.ready === true', { timeout: 120_000 });
  const storeUrl = `${store.url}/virtual/`;
  log('page ready');

  // Warm-up run (module and codec loading, shader compiles), then the measured open.
  await page.evaluate(async (u) => {
    const hm = window.heatgl.heatmap(window.makeBox(200, 160), await window.heatgl.openZarr(u), { vmin: -2, vmax: 2 });
    await hm.loaded();
    hm.destroy();
    for (const d of document.body.querySelectorAll('div')) d.remove();
  }, storeUrl);

  log('warm-up done');
  results.open = await page.evaluate(
    async (u, W, H, mib) => {
      const t0 = performance.now();
      const src = await window.heatgl.openZarr(u);
      const tOpen = performance.now() - t0;
      const hm = window.heatgl.heatmap(window.makeBox(W, H), src, { vmin: -2, vmax: 2, stream: { cpuCacheBytes: mib * 2 ** 20, gpuCacheBytes: mib * 2 ** 20 } });
      window.hm = hm;
      await hm.loaded();
      const s = hm.stats();
      // Full resolution: 1 cell per device pixel over the heatmap's axes, in a region never fetched.
      const w = hm.canvas.width;
      const h = hm.canvas.height;
      const t1 = performance.now();
      hm.setView({ x: [600_000, 600_000 + w], y: [300_000, 300_000 + h] });
      await hm.loaded();
      const tFull = performance.now() - t1;
      const f = hm.stats();
      return { openMs: tOpen, firstPictureMs: tOpen + s.firstPictureMs, wholeViewMs: tOpen + s.completeMs, fullResMs: tFull, fullResLevel: f.level, fullResTiles: f.visibleTiles, canvas: [w, h] };
    },
    storeUrl, W, H, CACHE_MIB,
  );

  log(`open: ${JSON.stringify(results.open)}`);
  // The same store with consolidated metadata, and its level 0 alone as a store without a pyramid (a plain 10⁶ × 10⁶
  // array) zoomed out 4×: its tiles reduced on the GPU.
  // Each measured alone: first wait until the first heatmap's prefetch requests are done (they hold connections).
  const idle = () =>
    page.evaluate(async () => {
      while (window.hm.stats().inFlight + window.hm.stats().queued > 0) await new Promise((r) => setTimeout(r, 20));
    });
  await idle();
  results.consolidated = await page.evaluate(
    async (u, W, H) => {
      const t0 = performance.now();
      const src = await window.heatgl.openZarr(u);
      const tOpen = performance.now() - t0;
      const box = window.makeBox(W, H);
      const hm = window.heatgl.heatmap(box, src, { vmin: -2, vmax: 2 });
      await hm.loaded();
      const s = hm.stats();
      hm.destroy();
      box.remove();
      return { openMs: tOpen, firstPictureMs: tOpen + s.firstPictureMs };
    },
    `${store.url}/virtual-c/`, W, H,
  );
  log(`consolidated: ${JSON.stringify(results.consolidated)}`);
  await idle();
  results.flat = await page.evaluate(
    async (u, W, H, mib) => {
      const src = await window.heatgl.openZarr(u, { path: '0' });
      const box = window.makeBox(W, H);
      box.style.left = '0px';
      const t1 = performance.now();
      const hm = window.heatgl.heatmap(box, src, { vmin: -2, vmax: 2, stream: { cpuCacheBytes: mib * 2 ** 20, gpuCacheBytes: mib * 2 ** 20 } });
      // The axes of the first heatmap (same box and options): 4 cells a device pixel.
      const [w, h] = [window.hm.canvas.width, window.hm.canvas.height];
      hm.setView({ x: [200_000, 200_000 + 4 * w], y: [200_000, 200_000 + 4 * h] });
      await hm.loaded();
      const ms = performance.now() - t1;
      const s = hm.stats();
      hm.destroy();
      box.remove();
      return { ms, level: s.level, reducedLevels: s.reducedLevels, visibleTiles: s.visibleTiles, reductions: s.reductions, cpuCacheMiB: s.cpuCacheBytes / 2 ** 20, gpuCacheMiB: s.gpuCacheBytes / 2 ** 20 };
    },
    storeUrl, W, H, CACHE_MIB,
  );
  log(`flat: ${JSON.stringify(results.flat)}`);
  // Scripted fast pan at full resolution: a new view every animation frame for 60 frames, 150 cells a frame.
  results.pan = await page.evaluate(async () => {
    const hm = window.hm;
    const before = hm.stats();
    const frames = [];
    const off = hm.on('render', (e) => frames.push(e.durationMs));
    const w = hm.canvas.width;
    const h = hm.canvas.height;
    let x = 100_000;
    const t0 = performance.now();
    const stamps = [];
    for (let i = 0; i < 60; i++) {
      x += 150;
      hm.setView({ x: [x, x + w], y: [700_000, 700_000 + h] });
      await new Promise((r) => requestAnimationFrame(r));
      stamps.push(performance.now());
    }
    const panMs = performance.now() - t0;
    await hm.loaded();
    off();
    const after = hm.stats();
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
    return {
      requests: after.requests - before.requests,
      aborted: after.aborted - before.aborted,
      neverDrawn: after.tilesNeverDrawn - before.tilesNeverDrawn,
      renderMs: frames,
      frameGapsMs: gaps,
      panMs,
    };
  });

  log('pan done');
  // The same view size drawn from memory (a w × h matrix at one cell a pixel), panned the same way in the same run.
  results.memory = await page.evaluate(async () => {
    const w = window.hm.canvas.width;
    const h = window.hm.canvas.height;
    const values = new Float32Array(w * 2 * h);
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i / 977) * Math.cos(i / 131);
    const box = window.makeBox(w, h);
    box.style.left = '0px';
    const mem = window.heatgl.heatmap(box, { values, rows: h, cols: 2 * w }, { vmin: -2, vmax: 2, cbar: false, xticklabels: false, yticklabels: false, progressive: false });
    await mem.loaded();
    const frames = [];
    const stamps = [];
    const off = mem.on('render', (e) => frames.push(e.durationMs));
    for (let i = 0; i < 60; i++) {
      mem.setView({ x: [i * 5, i * 5 + w], y: [0, h] });
      await new Promise((r) => requestAnimationFrame(r));
      stamps.push(performance.now());
    }
    off();
    mem.destroy();
    box.remove();
    return { renderMs: frames, frameGapsMs: stamps.slice(1).map((t, i) => t - stamps[i]) };
  });

  log('memory done');
  // Browse 10× the caches: separate full-resolution views, each loaded.
  results.browse = await page.evaluate(async (mib) => {
    const hm = window.hm;
    const w = hm.canvas.width;
    const h = hm.canvas.height;
    const tileBytes = 256 * 256 * 4;
    const start = hm.stats().requests;
    let i = 0;
    while ((hm.stats().requests - start) * tileBytes < 10 * mib * 2 ** 20) {
      i++;
      hm.setView({ x: [(i * 37_003) % 990_000, ((i * 37_003) % 990_000) + w], y: [(i * 51_001) % 990_000, ((i * 51_001) % 990_000) + h] });
      await hm.loaded();
    }
    const s = hm.stats();
    return { views: i, fetchedMiB: ((s.requests - start) * tileBytes) / 2 ** 20, cpuCacheMiB: s.cpuCacheBytes / 2 ** 20, gpuCacheMiB: s.gpuCacheBytes / 2 ** 20, limitMiB: mib };
  }, CACHE_MIB);
  const metrics = await page.metrics();
  results.browse.jsHeapMiB = metrics.JSHeapUsedSize / 2 ** 20;
  results.serverRequests = store.log.length;
  results.serverAborted = store.log.filter((e) => e.aborted).length;
} finally {
  await browser.close();
  await store.close();
  await vite.close();
}

results.loadEnd = os.loadavg()[0];
const r = results;
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const pct = (a, b) => (b > 0 ? (100 * a) / b : 0);
const section = `
## Streaming (\`node bench/stream.mjs\`): the 10¹²-cell virtual OME-Zarr store

${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores shared with other jobs (1-min load average ${f(r.loadStart, 1)} at the start, ${f(r.loadEnd, 1)} at the end), headless
Chromium on SwiftShader (no GPU). Loopback store server with ${LATENCY_MS} ms added to every request, 256² float32 chunks,
a ${W} × ${H} CSS px heatmap (axes ${r.open.canvas[0]} × ${r.open.canvas[1]} device px), ${CACHE_MIB} MiB CPU and ${CACHE_MIB} MiB GPU caches.

| measure | result | target |
| --- | --- | --- |
| openZarr (metadata of 13 levels) | ${f(r.open.openMs)} ms | |
| first coarse picture (open + first frame with tiles) | ${f(r.open.firstPictureMs)} ms | < 300 ms |
| whole view at its level (about one cell a device pixel) complete | ${f(r.open.wholeViewMs)} ms | |
| the same store with consolidated metadata: openZarr / first coarse picture | ${f(r.consolidated.openMs)} / ${f(r.consolidated.firstPictureMs)} ms | |
| no pyramid (level 0 alone), a view 4× zoomed out: ${r.flat.visibleTiles} tiles fetched and reduced on the GPU to synthetic level ${r.flat.level} | ${f(r.flat.ms)} ms; ${r.flat.reductions} reductions; CPU / GPU cache ${f(r.flat.cpuCacheMiB, 1)} / ${f(r.flat.gpuCacheMiB, 1)} MiB of ${CACHE_MIB} | |
| full-resolution view (level ${r.open.fullResLevel}, ${r.open.fullResTiles} tiles, never fetched before) | ${f(r.open.fullResMs)} ms | < 1 s |
| fast pan (60 frames, 150 cells a frame): requests / aborted / arrived but never drawn | ${r.pan.requests} / ${r.pan.aborted} / ${r.pan.neverDrawn} (${f(pct(r.pan.neverDrawn, r.pan.requests), 1)} % never drawn; ${f(pct(r.pan.aborted, r.pan.requests), 1)} % aborted before arriving) | ≤ 10 % on tiles never drawn |
| render() while tiles stream, median / max | ${f(median(r.pan.renderMs), 1)} / ${f(Math.max(...r.pan.renderMs), 1)} ms | |
| frame interval while panning, median (streamed) | ${f(median(r.pan.frameGapsMs), 1)} ms | |
| in-memory heatmap of the same view, render() median / max, frame interval median | ${f(median(r.memory.renderMs), 1)} / ${f(Math.max(...r.memory.renderMs), 1)} ms, ${f(median(r.memory.frameGapsMs), 1)} ms | |
| after browsing ${f(r.browse.fetchedMiB)} MiB of tiles (${r.browse.views} views): CPU cache / GPU cache | ${f(r.browse.cpuCacheMiB, 1)} / ${f(r.browse.gpuCacheMiB, 1)} MiB of ${r.browse.limitMiB} MiB each | within bounds + 10 % |
| JS heap after browsing | ${f(r.browse.jsHeapMiB, 1)} MiB | |
| server log: requests / aborted by the client | ${r.serverRequests} / ${r.serverAborted} | |
`;
writeFileSync(resolve(here, 'results-stream.json'), `${JSON.stringify(results, null, 1)}\n`);
const path = resolve(here, 'RESULTS.md');
const old = readFileSync(path, 'utf8');
const marker = '\n## Streaming (';
const kept = old.includes(marker) ? old.slice(0, old.indexOf(marker)) : old.trimEnd();
writeFileSync(path, `${kept}\n${section}`);
console.log(section);

// Development A/B timing for densitymap against heatmap.js (not the benchmark of record: that is bench/density.mjs).
// Interleaves heatgl and heatmap.js first frames and zooms at one size in one page, so machine load hits both alike;
// DENSITY_CPUPROFILE=dir writes a CDP CPU profile (100 µs sampling) of one heatgl first frame and of its zooms.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchServer } from './serve.mjs';
import { launchBrowser } from '../scripts/chromium.mjs';

const N = Number(process.env.DENSITY_N ?? 10000);
const RUNS = Number(process.env.DENSITY_RUNS ?? 7);
const RADIUS = 8;
const PROF = process.env.DENSITY_CPUPROFILE;
const LIBS = (process.env.DENSITY_LIBS ?? 'heatgl,heatmapjs').split(',');
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const load0 = os.loadavg()[0];
const { server, url } = await benchServer('bench/density-page.html');
const browser = await launchBrowser({ args: ['--js-flags=--expose-gc'] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('page error', e?.message ?? e));
  page.on('console', (m) => console.log('console:', m.text()));
  await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction('window.densityReady === true', { timeout: 120_000 });
  await page.evaluate((n) => window.density.generate(n), N);
  const settle = () => page.evaluate(async () => { globalThis.gc?.(); await window.density.sleep(50); });
  const first = { heatgl: [], heatmapjs: [] };
  const zoom = { heatgl: [], heatmapjs: [] };
  for (let i = 0; i <= RUNS; i++) {
    for (const lib of LIBS) {
      await page.evaluate((l) => window.density.prepare(l), lib);
      await settle();
      const r = await page.evaluate((l, r) => window.density.firstFrame(l, r), lib, RADIUS);
      const z = await page.evaluate((l) => window.density.zooms(l, 5, false), lib);
      if (i > 0) {
        first[lib].push(r.ms);
        zoom[lib].push(median(z));
      }
    }
  }
  for (const lib of LIBS) console.log(`${lib}: first ${median(first[lib]).toFixed(1)} ms [${first[lib].map((x) => x.toFixed(0)).join(' ')}], zoom ${median(zoom[lib]).toFixed(1)} ms [${zoom[lib].map((x) => x.toFixed(1)).join(' ')}]`);
  if (PROF) {
    const cdp = await page.createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.evaluate((l) => window.density.prepare(l), 'heatgl');
    await settle();
    await cdp.send('Profiler.start');
    await page.evaluate((r) => window.density.firstFrame('heatgl', r), RADIUS);
    writeFileSync(`${PROF}/first.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    await cdp.send('Profiler.start');
    await page.evaluate(() => window.density.zooms('heatgl', 10, false));
    writeFileSync(`${PROF}/zoom.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`load average ${load0.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`);

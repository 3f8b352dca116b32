// The peers chart: `node bench/chart.mjs` draws bench/results-peers.json (first frame and redraw against cells,
// log-log, one line per library; bench/chart-page.ts with bench/chart-draw.ts) in headless Chromium and writes the
// canvas as bench/chart.png.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser } from '../scripts/chromium.mjs';
import { benchServer } from './serve.mjs';

const root = resolve(import.meta.dirname, '..');
const OUT = resolve(root, process.argv[2] ?? 'bench/chart.png');
/** A README picture should stay small. */
const MAX_BYTES = 200 * 1024;

async function main() {
  const report = JSON.parse(readFileSync(resolve(root, 'bench/results-peers.json'), 'utf8'));
  const { server, url } = await benchServer('bench/chart-page.html');
  const browser = await launchBrowser();
  try {
    for (const scale of [1.5, 1.25, 1]) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 520, deviceScaleFactor: scale });
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction('window.chartReady === true', { timeout: 60_000 });
      await page.evaluate((r) => window.drawPeersChart(r), report);
      const el = await page.$('#chart');
      await el.screenshot({ path: OUT });
      await page.close();
      const bytes = statSync(OUT).size;
      console.log(`wrote ${OUT} (${(bytes / 1024).toFixed(0)} KiB at device scale ${scale})`);
      if (bytes <= MAX_BYTES) return 0;
    }
    console.error(`${OUT} is over ${MAX_BYTES / 1024} KiB`);
    return 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);

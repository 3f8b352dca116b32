// Screenshots of the demo gallery for the README: starts the vite dev server (the project's vite.config.ts, on a free
// port), opens the gallery in headless Chromium (WebGL on SwiftShader, see chromium.mjs) at 1280 CSS pixels wide and
// device scale 1, waits for `window.galleryReady`, and writes
//   docs/gallery.png        the whole page (the README picture); when it comes out over MAX_BYTES at device scale 1,
//                           it is taken again at smaller device scales (the page lays out the same, the heatmaps redraw
//                           at the new pixel ratio) until it fits, so that it always shows the whole page
//   docs/gallery-cards.png  the first row of cards (seed example and cars correlation), always at device scale 1
//
// Usage: npm run screenshot [-- <out.png>]   (the cards picture goes next to it as <out>-cards.png)
import { mkdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { createServer } from 'vite';
import { launchBrowser } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const pagePath = resolve(process.argv[2] ?? resolve(root, 'docs/gallery.png'));
const cardsPath = pagePath.replace(/(\.png)?$/i, '-cards.png');
const READY_TIMEOUT_MS = 120_000;

/** Fails the run when an asset grows past what a README should carry. */
const MAX_BYTES = 1024 * 1024;
/** Device scales tried in turn for the whole-page picture, until one fits in MAX_BYTES. */
const PAGE_SCALES = [1, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5];
const VIEWPORT = { width: 1280, height: 900 };

/** Two animation frames, so that the last frames are composited (WebGL canvases without preserveDrawingBuffer). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function main() {
  await mkdir(dirname(pagePath), { recursive: true });
  const server = await createServer({
    configFile: resolve(root, 'vite.config.ts'),
    server: { port: 0, strictPort: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  let browser;
  try {
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite did not report a local URL');

    browser = await launchBrowser();
    const page = await browser.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.galleryReady === true, { timeout: READY_TIMEOUT_MS, polling: 100 });
    const errors = await page.evaluate(() => window.galleryErrors ?? []);
    await settle(page);

    const row = await page.$('#first-row');
    if (!row) throw new Error('the gallery has no #first-row');
    await row.screenshot({ path: cardsPath });
    const cardsSize = (await stat(cardsPath)).size;
    console.log(`wrote ${relative(process.cwd(), cardsPath)} (${(cardsSize / 1024).toFixed(0)} KiB)`);
    if (cardsSize > MAX_BYTES) problems.push(`${cardsPath} is ${(cardsSize / 1024).toFixed(0)} KiB, over ${MAX_BYTES / 1024} KiB`);

    let pageSize = 0;
    for (const scale of PAGE_SCALES) {
      if (scale !== 1) {
        await page.setViewport({ ...VIEWPORT, deviceScaleFactor: scale });
        // The heatmaps watch devicePixelRatio and redraw at the new ratio on their next frames.
        await new Promise((r) => setTimeout(r, 500));
        await settle(page);
      }
      await page.screenshot({ path: pagePath, fullPage: true });
      pageSize = (await stat(pagePath)).size;
      const note = scale === 1 ? '' : `, device scale ${scale}`;
      console.log(`${pageSize > MAX_BYTES ? 'took' : 'wrote'} ${relative(process.cwd(), pagePath)} (${(pageSize / 1024).toFixed(0)} KiB${note})`);
      if (pageSize <= MAX_BYTES) break;
    }
    if (pageSize > MAX_BYTES) problems.push(`${pagePath} is ${(pageSize / 1024).toFixed(0)} KiB, over ${MAX_BYTES / 1024} KiB at every device scale tried`);
    for (const e of errors) problems.push(`example failed: ${e}`);
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

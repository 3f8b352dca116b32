// Screenshots of the demo gallery for the README: starts the vite dev server (the project's vite.config.ts, on a free
// port), opens the gallery in headless Chromium (WebGL on SwiftShader, see chromium.mjs) at 1280 CSS pixels wide and
// device scale 1, waits for `window.galleryReady`, and writes
//   docs/gallery.png        the whole page (the README picture)
//   docs/gallery-cards.png  the first row of cards (seed example and cars correlation)
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
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.galleryReady === true, { timeout: READY_TIMEOUT_MS, polling: 100 });
    const errors = await page.evaluate(() => window.galleryErrors ?? []);
    // Make sure the last frames are composited before capturing (WebGL canvases without preserveDrawingBuffer).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

    await page.screenshot({ path: pagePath, fullPage: true });
    const row = await page.$('#first-row');
    if (!row) throw new Error('the gallery has no #first-row');
    await row.screenshot({ path: cardsPath });

    for (const p of [pagePath, cardsPath]) {
      const { size } = await stat(p);
      console.log(`wrote ${relative(process.cwd(), p)} (${(size / 1024).toFixed(0)} KiB)`);
      if (size > MAX_BYTES) problems.push(`${p} is ${(size / 1024).toFixed(0)} KiB, over ${MAX_BYTES / 1024} KiB`);
    }
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

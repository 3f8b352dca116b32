// Starts one vite dev server (serving the repo, with the harness page) and one headless Chromium for all browser
// test files; tests connect with puppeteer.connect(inject('wsEndpoint')). Without a browser it stops the whole run at
// once with one line saying how to get one.
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createServer } from 'vite';
import { BrowserNotFound, findBrowser, launchBrowser } from '../../scripts/chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    wsEndpoint: string;
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  try {
    await findBrowser();
  } catch (e) {
    if (!(e instanceof BrowserNotFound)) throw e;
    process.stderr.write(`heatgl browser tests: ${e.message}\n`);
    process.exit(1);
  }
  const root = resolve(import.meta.dirname, '../..');
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { entries: ['test/browser/harness/index.html'], include: ['regl', 'gl-matrix', 'colormap', 'colormap/colorScale.js'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite dev server did not report a port');
  const browser = await launchBrowser();
  project.provide('wsEndpoint', browser.wsEndpoint());
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/test/browser/harness/index.html`);
  return async () => {
    await browser.close();
    await server.close();
  };
}

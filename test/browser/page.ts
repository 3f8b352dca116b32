// Shared puppeteer helpers for browser tests: a page on the harness with `window.heatgl` loaded.
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { inject } from 'vitest';

export interface HarnessPage {
  page: Page;
  close(): Promise<void>;
}

let browser: Browser | undefined;

export async function openPage(width = 800, height = 600): Promise<HarnessPage> {
  browser ??= await puppeteer.connect({ browserWSEndpoint: inject('wsEndpoint'), protocolTimeout: 600_000 });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.goto(inject('baseUrl'), { waitUntil: 'load' });
  await page.waitForFunction('window.harnessReady === true', { timeout: 60_000 });
  return {
    page,
    async close() {
      await page.close();
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('\n')}`);
    },
  };
}

/** Row-major RGBA probes: the colour read back at the centre of each cell of a rows×cols heatmap filling w×h px. */
export interface Probe {
  rows: number;
  cols: number;
  /** rows*cols*4 bytes */
  rgba: number[];
}

// Shared puppeteer helpers for browser tests: a page on the harness (test/browser/harness) with `window.heatgl`.
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { expect, inject } from 'vitest';

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
  const ok = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl'));
  if (!ok) throw new Error('headless Chromium has no WebGL here (SwiftShader missing?): browser tests cannot run');
  return {
    page,
    async close() {
      await page.close();
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('\n')}`);
    },
  };
}

/** Asserts every probed RGBA is within `tol` of the expected one per channel, naming the first bad cells. */
export function expectColors(got: readonly number[], want: readonly number[], cols: number, tol = 2, label = ''): void {
  expect(got.length).toBe(want.length);
  const bad: string[] = [];
  for (let i = 0; i < want.length; i += 4) {
    const g = got.slice(i, i + 4);
    const w = want.slice(i, i + 4);
    if (g.some((v, k) => Math.abs(v - (w[k] as number)) > tol)) {
      const cell = i / 4;
      bad.push(`cell (${Math.floor(cell / cols)}, ${cell % cols}): got [${g}] want [${w.map((x) => Math.round(x * 10) / 10)}]`);
    }
  }
  expect(bad.slice(0, 8), `${label} ${bad.length} cells differ by more than ${tol}/255`).toEqual([]);
}

/**
 * puppeteer passes evaluate() arguments as JSON, where NaN and ±Infinity become null: send them as strings and
 * decode with `Float64Array.from(arr, Number)` in the page.
 */
export function encodeValues(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : String(v)));
}

// A machine without Chrome/Chromium: `npm test` stops at once with one line saying how to get a browser (the browser
// tests' global setup), and the CLI says the same in one message.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { findBrowser, NO_BROWSER } from '../../scripts/chromium.mjs';

const repo = resolve(import.meta.dirname, '../..');

test('no browser anywhere: one message naming what to install', async () => {
  await expect(findBrowser({ env: {}, candidates: ['/nonexistent/chromium'], puppeteer: false })).rejects.toThrow(NO_BROWSER);
  expect(NO_BROWSER).toMatch(/apt-get install chromium.*npx puppeteer browsers install chrome.*CHROMIUM_PATH/);
});

test('the browser tests stop at once, with one line, when CHROMIUM_PATH names no browser', async () => {
  const started = performance.now();
  const r = await new Promise<{ code: number | null; out: string }>((done) => {
    execFile(
      process.execPath,
      [resolve(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'browser', 'test/browser/errors.test.ts'],
      { cwd: repo, timeout: 100_000, env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1' } },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, out: stdout + stderr }),
    );
  });
  expect(r.code).not.toBe(0);
  const lines = r.out.split('\n').filter((l) => l.includes('CHROMIUM_PATH=/nonexistent/chromium'));
  expect(lines).toEqual([`heatgl browser tests: CHROMIUM_PATH=/nonexistent/chromium does not exist; ${NO_BROWSER.replace(' or set CHROMIUM_PATH to its executable', '')}`]);
  expect(r.out).not.toMatch(/\sat \S+ \(|node_modules\/puppeteer/);
  expect(performance.now() - started).toBeLessThan(60_000);
});

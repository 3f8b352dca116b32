// Headless Chromium for the CLI: $CHROMIUM_PATH, Debian's /usr/bin/chromium when present (puppeteer's own browser
// download is skipped on such machines), else puppeteer's default browser. Tests, bench and screenshots use it too,
// through scripts/chromium.mjs (bin/ ships in the package, scripts/ does not).
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // Without a GPU, WebGL runs on SwiftShader, which Chromium now only allows when asked explicitly.
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** The Chromium executable to use: $CHROMIUM_PATH, /usr/bin/chromium, or undefined (puppeteer's own). */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

/** @param {{ args?: string[] }} [options] */
export async function launchBrowser(options = {}) {
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer')).default;
  } catch (e) {
    throw new Error(`heatgl render needs the puppeteer package (npm install puppeteer): ${e.message}`);
  }
  const executablePath = chromiumPath();
  return puppeteer.launch({
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    protocolTimeout: 600_000,
  });
}

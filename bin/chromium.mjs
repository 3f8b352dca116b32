// Finding and starting headless Chrome/Chromium. The CLI (bin/heatgl.mjs) starts the executable itself, with no
// package beyond heatgl's own dependencies; tests, bench and screenshots drive it with puppeteer (a devDependency)
// through scripts/chromium.mjs (bin/ ships in the package, scripts/ does not).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-dev-shm-usage',
  // No crash reporter: its handler outlives the browser and writes into the user's profile.
  '--disable-breakpad',
  '--disable-crash-reporter',
  // Without a GPU, WebGL runs on SwiftShader, which Chromium now only allows when asked explicitly.
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** Where Chrome and Chromium are usually installed, most likely first. */
function systemPaths(env = process.env) {
  const win = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...win.map((dir) => join(dir, 'Google/Chrome/Application/chrome.exe')),
    ...win.map((dir) => join(dir, 'Chromium/Application/chrome.exe')),
  ];
}

/** What to do when no browser is found: one line. */
export const NO_BROWSER =
  'no Chrome or Chromium found: install one (Debian/Ubuntu: apt-get install chromium; macOS/Windows: Google Chrome; anywhere: npx puppeteer browsers install chrome) or set CHROMIUM_PATH to its executable';

export class BrowserNotFound extends Error {
  name = 'BrowserNotFound';
}

/**
 * The Chrome/Chromium executable: $CHROMIUM_PATH (which must exist), else a system install, else the browser
 * puppeteer downloaded when puppeteer is installed. Throws BrowserNotFound with {@link NO_BROWSER} otherwise.
 * @param {{ env?: Record<string, string | undefined>, candidates?: string[], puppeteer?: boolean }} [o]
 */
export async function findBrowser(o = {}) {
  const env = o.env ?? process.env;
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new BrowserNotFound(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist; ${NO_BROWSER.replace(' or set CHROMIUM_PATH to its executable', '')}`);
  }
  const found = (o.candidates ?? systemPaths(env)).find((p) => existsSync(p));
  if (found) return found;
  if (o.puppeteer !== false) {
    try {
      const puppeteer = (await import('puppeteer')).default;
      const path = puppeteer.executablePath();
      if (path && existsSync(path)) return path;
    } catch {
      // puppeteer is not installed, or has no downloaded browser.
    }
  }
  throw new BrowserNotFound(NO_BROWSER);
}

/** The Chromium executable for tests and tools: $CHROMIUM_PATH or a system install, or undefined (puppeteer's own). */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, ...systemPaths()];
  return candidates.find((p) => p && existsSync(p));
}

/** Headless Chromium driven by puppeteer (tests, bench, screenshots; puppeteer is a devDependency). */
/** @param {{ args?: string[] }} [options] */
export async function launchBrowser(options = {}) {
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer')).default;
  } catch (e) {
    throw new Error(`launchBrowser needs the puppeteer package (npm install puppeteer): ${e.message}`);
  }
  const executablePath = await findBrowser();
  return puppeteer.launch({
    headless: true,
    executablePath,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    protocolTimeout: 600_000,
  });
}

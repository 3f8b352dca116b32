// Headless Chromium for tests, the benchmark and screenshots: the same finder and flags the CLI ships in bin/ (a
// system Chrome/Chromium, $CHROMIUM_PATH, or puppeteer's download), re-exported so there is one copy.
export { BrowserNotFound, CHROMIUM_ARGS, chromiumPath, findBrowser, launchBrowser, NO_BROWSER } from '../bin/chromium.mjs';

// Headless Chromium for tests, the benchmark and screenshots: the same launcher the CLI ships in bin/ (Debian's
// /usr/bin/chromium when present, with the flags SwiftShader WebGL needs), re-exported so there is one copy.
export { CHROMIUM_ARGS, chromiumPath, launchBrowser } from '../bin/chromium.mjs';

// Never download a browser at install time: the machines here reach only the npm registry.
// Tests and the bench launch Debian's /usr/bin/chromium when it exists (see test/browser/launch.ts).
module.exports = { skipDownload: true };

#!/usr/bin/env node
// Bundle size per typical import: bundles a one-line app for each (vite build: rollup, minified) against the built
// package, prints raw and gzip bytes of the code loaded at start and of the chunks loaded on demand, and checks that
// optional parts stay out (heatmap alone: no papaparse, Arrow, zarrita or clustering worker; formatNumber alone: no regl;
// <heat-map>: Arrow only on demand). Exit 1 when a check fails.
//
//   node scripts/bundle-size.mjs [--package <dir>] [--markdown]
//
// --package: the installed heatgl to measure (default: this checkout, after `npm run build`).
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const args = process.argv.slice(2);
const at = args.indexOf('--package');
const pkg = resolve(at >= 0 ? args[at + 1] : resolve(import.meta.dirname, '..'));
const markdown = args.includes('--markdown');
if (!existsSync(join(pkg, 'dist/index.js'))) {
  console.error(`bundle-size: no built heatgl in ${pkg} (run npm run build)`);
  process.exit(2);
}

const HEAVY = {
  papaparse: /node_modules\/papaparse\//,
  'apache-arrow': /node_modules\/apache-arrow\//,
  regl: /node_modules\/regl\//,
  'gl-matrix': /node_modules\/gl-matrix\//,
  zarrita: /node_modules\/zarrita\//,
  'cluster worker': /workers\/cluster-worker/,
};

/** name, the app's code, and what must not be in the code loaded at start / anywhere. */
const CASES = [
  { name: 'everything (`import * as heatgl`)', code: `import * as heatgl from 'heatgl';\nwindow.heatgl = heatgl;` },
  { name: '`heatmap`', code: `import { heatmap } from 'heatgl';\nwindow.f = heatmap;`, never: ['papaparse', 'apache-arrow', 'zarrita', 'cluster worker'] },
  { name: '`formatNumber`', code: `import { formatNumber } from 'heatgl';\nwindow.f = formatNumber;`, never: ['regl', 'gl-matrix', 'papaparse', 'apache-arrow', 'zarrita', 'cluster worker'] },
  { name: '`<heat-map>` (defineHeatmapElement)', code: `import { defineHeatmapElement } from 'heatgl';\ndefineHeatmapElement();`, notAtStart: ['papaparse', 'apache-arrow'], never: ['cluster worker'] },
  { name: '`clustermap`', code: `import { clustermap } from 'heatgl';\nwindow.f = clustermap;`, never: ['papaparse', 'apache-arrow'] },
  { name: '`fromCSV` + `heatmap`', code: `import { fromCSV, heatmap } from 'heatgl';\nwindow.f = [fromCSV, heatmap];`, never: ['apache-arrow', 'cluster worker'] },
  { name: '`heatgl/standalone`', code: `import * as heatgl from 'heatgl/standalone';\nwindow.heatgl = heatgl;` },
];

const work = mkdtempSync(join(tmpdir(), 'heatgl-size-'));
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const rows = [];
let failed = 0;
try {
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(pkg, join(work, 'node_modules/heatgl'), 'dir');
  for (const [i, c] of CASES.entries()) {
    const entry = join(work, `case${i}.js`);
    writeFileSync(entry, `${c.code}\n`);
    const out = await build({
      configFile: false,
      root: work,
      logLevel: 'silent',
      build: { outDir: join(work, `out${i}`), write: false, minify: true, modulePreload: false, rollupOptions: { input: entry } },
    });
    const output = (Array.isArray(out) ? out[0] : out).output;
    const chunks = output.filter((o) => o.type === 'chunk');
    // Code loaded at start: the entry chunk and what it imports statically; the rest is loaded on demand.
    const byName = new Map(chunks.map((ch) => [ch.fileName, ch]));
    const start = new Set();
    const visit = (ch) => {
      if (start.has(ch.fileName)) return;
      start.add(ch.fileName);
      for (const f of ch.imports) if (byName.has(f)) visit(byName.get(f));
    };
    for (const ch of chunks) if (ch.isEntry) visit(ch);
    const size = (list) => list.reduce((s, ch) => ({ raw: s.raw + Buffer.byteLength(ch.code), gzip: s.gzip + gzipSync(ch.code).length }), { raw: 0, gzip: 0 });
    const startChunks = chunks.filter((ch) => start.has(ch.fileName));
    const lazyChunks = chunks.filter((ch) => !start.has(ch.fileName));
    // Worker files are assets (the worker started from its own URL under a strict CSP): counted apart.
    const assets = output.filter((o) => o.type === 'asset' && o.fileName.endsWith('.js'));
    const has = (list) => Object.keys(HEAVY).filter((k) => list.some((ch) => Object.keys(ch.modules).some((id) => HEAVY[k].test(id.replaceAll('\\', '/')))));
    const atStart = has(startChunks);
    const lazy = has(lazyChunks).filter((k) => !atStart.includes(k));
    const problems = [
      ...(c.never ?? []).filter((k) => atStart.includes(k) || lazy.includes(k)).map((k) => `${k} is bundled`),
      ...(c.notAtStart ?? []).filter((k) => atStart.includes(k)).map((k) => `${k} is loaded at start`),
    ];
    failed += problems.length;
    rows.push({ name: c.name, start: size(startChunks), lazy: size(lazyChunks), worker: assets.reduce((s, a) => s + Buffer.byteLength(a.source), 0), atStart, lazyDeps: lazy, problems });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const standalone = readFileSync(join(pkg, 'dist/heatgl.standalone.js'));
if (markdown) {
  console.log('| import | loaded at start (raw / gzip) | loaded on demand (raw / gzip) | worker file | dependencies at start | on demand |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.name} | ${kB(r.start.raw)} / ${kB(r.start.gzip)} | ${r.lazy.raw ? `${kB(r.lazy.raw)} / ${kB(r.lazy.gzip)}` : '–'} | ${r.worker ? kB(r.worker) : '–'} | ${r.atStart.join(', ') || '–'} | ${r.lazyDeps.join(', ') || '–'} |`);
  }
  console.log(`\ndist/heatgl.standalone.js itself: ${kB(standalone.length)} / ${kB(gzipSync(standalone).length)} gzip.`);
} else {
  for (const r of rows) {
    console.log(`${r.name}: start ${r.start.raw} B raw, ${r.start.gzip} B gzip; on demand ${r.lazy.raw} B raw, ${r.lazy.gzip} B gzip; worker file ${r.worker} B; at start [${r.atStart.join(', ')}], on demand [${r.lazyDeps.join(', ')}]`);
  }
  console.log(`dist/heatgl.standalone.js: ${standalone.length} B raw, ${gzipSync(standalone).length} B gzip`);
}
for (const r of rows) for (const p of r.problems) console.error(`bundle-size: ${r.name}: ${p}`);
process.exit(failed ? 1 : 0);

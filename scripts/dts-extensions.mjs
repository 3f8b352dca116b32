#!/usr/bin/env node
// After tsc: gives every relative import in dist/**/*.d.ts the extension node16/nodenext module resolution needs
// ('./heatmap' → './heatmap.js', './core/cluster' → './core/cluster/index.js'), so the package's types resolve under
// bundler, node16 and nodenext alike. Fails when a specifier matches no declaration file.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '../dist');
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*|\.\.?)\2/g;
let files = 0;
let rewritten = 0;
const missing = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.d.ts')) fix(full);
  }
}

function fix(file) {
  files++;
  const text = readFileSync(file, 'utf8');
  const out = text.replace(SPECIFIER, (all, head, quote, spec) => {
    if (/\.(js|mjs|cjs|json)$/.test(spec)) return all;
    const base = resolve(dirname(file), spec);
    let next;
    if (existsSync(`${base}.d.ts`)) next = `${spec}.js`;
    else if (existsSync(join(base, 'index.d.ts'))) next = `${spec.replace(/\/$/, '')}/index.js`;
    else {
      missing.push(`${file}: ${spec}`);
      return all;
    }
    rewritten++;
    return `${head}${quote}${next}${quote}`;
  });
  if (out !== text) writeFileSync(file, out);
}

walk(dist);
if (missing.length) {
  console.error(`dts-extensions: no declaration file for\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`dts-extensions: ${rewritten} imports in ${files} declaration files now carry extensions`);

// Clustering benchmark: heatgl's linkage in headless Chromium against scipy (Debian's /usr/bin/python3, when
// present) on matrices of the same shapes; medians, written into bench/RESULTS.md between cluster markers.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchServer } from './serve.mjs';
import { launchBrowser } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const CASES = [
  { rows: 2000, cols: 500, method: 'average', runs: 3 },
  { rows: 2000, cols: 500, method: 'ward', runs: 3 },
  { rows: 10000, cols: 50, method: 'average', runs: 1 },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function scipyTimes() {
  if (!existsSync('/usr/bin/python3')) return null;
  const script = `
import json, time, numpy as np
from scipy.cluster.hierarchy import linkage, leaves_list
out = []
for rows, cols, method, runs in ${JSON.stringify(CASES.map((c) => [c.rows, c.cols, c.method, c.runs]))}:
    rng = np.random.default_rng(12345)
    X = rng.random((rows, cols)) + ((np.arange(rows) * 7) % 5)[:, None] * 0.3
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter(); leaves_list(linkage(X, method, 'euclidean')); ts.append((time.perf_counter() - t0) * 1000)
    out.append(sorted(ts)[len(ts) // 2])
print(json.dumps(out))`;
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function main() {
  const { server, url: pageUrl } = await benchServer('bench/cluster-page.html');
  const browser = await launchBrowser();
  const rows = [];
  try {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction('window.clusterBenchReady === true', { timeout: 120_000 });
    for (const c of CASES) {
      const times = [];
      for (let i = 0; i < c.runs; i++) times.push(await page.evaluate((r, k, m) => window.clusterBench.linkage(r, k, m), c.rows, c.cols, c.method));
      rows.push({ ...c, ours: median(times) });
      console.log(`${c.rows}×${c.cols} ${c.method}: ${median(times).toFixed(0)} ms`);
    }
    const full = await page.evaluate(() => window.clusterBench.clustermap(2000, 500));
    console.log(`clustermap 2000×500 (worker, reorder, first frame): ${full.toFixed(0)} ms`);
    const scipy = scipyTimes();
    const version = await browser.version();
    const lines = [
      '<!-- cluster:start -->',
      '## Clustering (`node bench/cluster.mjs`)',
      '',
      `Linkage + leaf order, Euclidean, random data with 5 planted levels; heatgl in headless ${version} (main thread, medians), scipy ${scipy ? 'via Debian\'s /usr/bin/python3 on data of the same shape' : 'not available on this machine'}; ${new Date().toISOString()}.`,
      '',
      '| rows × cols | method | heatgl (ms) | scipy (ms) | ratio |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map((r, i) => `| ${r.rows} × ${r.cols} | ${r.method} | ${r.ours.toFixed(0)} | ${scipy ? scipy[i].toFixed(0) : '—'} | ${scipy ? (r.ours / scipy[i]).toFixed(2) : '—'} |`),
      '',
      `A whole \`clustermap\` of 2000 × 500 (rows clustered in the Web Worker, reordered, first frame drawn): ${full.toFixed(0)} ms (target: under 5 s).`,
      '<!-- cluster:end -->',
    ];
    const file = resolve(root, 'bench/RESULTS.md');
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '# heatgl benchmark results\n';
    const cleaned = old.replace(/\n?<!-- cluster:start -->[\s\S]*<!-- cluster:end -->\n?/, '\n');
    writeFileSync(file, `${cleaned.trimEnd()}\n\n${lines.join('\n')}\n`);
    console.log('wrote the clustering section of bench/RESULTS.md');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// CPU time per first frame and per redraw, the floor against heatgl: `node bench/peers-cpu.mjs [sizes]` (default 2048).
// A complement to bench/peers.mjs for a shared machine: wall-clock medians there swing with the other jobs (SwiftShader
// renders on the same cores), while the CPU time (user + system, read from /proc, Linux only) that Chromium's GPU
// process and the page's renderer spend on a frame barely does. One page of bench/peers-page.html, the floor and both
// heatgl variants alternating in 2 rounds: per first frame (5, 3 or 2 in a row by size, after a warm-up) and per
// redraw (30 in a row over the peers views, after 5). Prints the means and the ratios to the floor; writes nothing.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { launchBrowser } from '../scripts/chromium.mjs';
import { benchServer } from './serve.mjs';

const sizes = (process.argv[2] ?? '2048').split(',').map(Number);
const libs = (process.env.LIBS ?? 'floor,heatgl,heatgl-nearest').split(',');
const { server, url } = await benchServer('bench/peers-page.html', ['echarts', 'plotly.js-dist-min'], { cacheDir: 'node_modules/.vite-cpu' });
const browser = await launchBrowser({});
const page = await browser.newPage();
await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
await page.goto(url); await page.waitForFunction('window.peersReady === true', { timeout: 120000 }); 
const bpid = browser.process().pid;
const procs = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => { try { return { pid: Number(d), ppid: Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))[1]), cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8') }; } catch { return null; } }).filter(Boolean);
const tree = () => { const ps = procs(); const t = new Set([bpid]); for (let ch = true; ch; ) { ch = false; for (const p of ps) if (!t.has(p.pid) && t.has(p.ppid)) { t.add(p.pid); ch = true; } } return ps.filter((p) => t.has(p.pid)); };
const cpuOf = (filter) => tree().filter(filter).reduce((s, p) => { try { const f = readFileSync(`/proc/${p.pid}/stat`, 'utf8').split(') ')[1].split(' '); return s + (Number(f[11]) + Number(f[12])) * 10; } catch { return s; } }, 0);
const cpu = () => cpuOf((p) => p.cmd.includes('--type=gpu-process') || p.cmd.includes('--type=renderer'));
const load0 = os.loadavg()[0];
const out = {};
for (const n of sizes) {
  await page.evaluate((k) => window.peers.generate(k), n);
  const K = n <= 2048 ? 5 : n <= 4096 ? 3 : 2;
  for (let round = 0; round < 2; round++) for (const lib of libs) {
    await page.evaluate((l) => window.peers.warmup(l), lib);
    let c0 = cpu();
    await page.evaluate(async (l, K) => { for (let i = 0; i < K; i++) await window.peers.firstFrame(l, i === K - 1); }, lib, K);
    const first = (cpu() - c0) / K;
    await page.evaluate(async () => { for (let i = 0; i < 5; i++) await window.peers.redraw(i); });
    c0 = cpu();
    const R = 30;
    await page.evaluate(async (R) => { for (let i = 0; i < R; i++) await window.peers.redraw(i); }, R);
    const redraw = (cpu() - c0) / R;
    await page.evaluate(() => window.peers.drop());
    out[n] ??= {};
    out[n][lib] ??= { first: [], redraw: [] };
    out[n][lib].first.push(first);
    out[n][lib].redraw.push(redraw);
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`CPU ms (GPU process + renderer) per first frame / per redraw; 1-min load average ${load0.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`);
for (const [n, byLib] of Object.entries(out)) {
  const f = byLib.floor;
  for (const [lib, o] of Object.entries(byLib)) console.log(`${n}² ${lib.padEnd(15)} first ${mean(o.first).toFixed(0).padStart(6)} (${(mean(o.first) / mean(f.first)).toFixed(2)}× floor)  redraw ${mean(o.redraw).toFixed(1).padStart(6)} (${(mean(o.redraw) / mean(f.redraw)).toFixed(2)}× floor)`);
}
await browser.close(); await server.close();

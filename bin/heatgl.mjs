#!/usr/bin/env node
// heatgl command line: `heatgl render <file> -o out.png [options]` (see bin/args.mjs for the options).
//
// The file is read here, in Node. A local HTTP server on 127.0.0.1 (an ephemeral port) serves bin/render.html, the
// job, the input bytes and the library: in an installed package the prebuilt dist/heatgl.standalone.js (no bundler,
// nothing beyond heatgl's own dependencies); in a checkout the TypeScript source through vite's dev server
// (HEATGL_CLI_PREBUILT=1 uses the build there too). Headless Chrome/Chromium (found by bin/chromium.mjs, started here
// as a plain process) loads the page, which parses the bytes with heatgl's loaders, draws the figure with WebGL and
// posts the PNG and a report back; the PNG is written here. The browser profile lives in a temporary folder removed
// on exit. Exit status: 0 written, 2 usage error, 3 bad input file, 4 rendering failure.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { parseArgs, USAGE, UsageError } from './args.mjs';
import { BrowserNotFound, CHROMIUM_ARGS, findBrowser } from './chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EXIT = { ok: 0, usage: 2, input: 3, render: 4 };
const PAGE = '/bin/render.html';

class Failure extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const now = () => performance.now();
const ms = (t) => `${t < 10 ? t.toFixed(1) : Math.round(t)} ms`;
const size = (n) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 ** 2).toFixed(1)} MB`);
const num = (v) => (v === null ? 'none' : String(Number(v.toPrecision(6))));

/** The page's side of the conversation: the job and input go out, the PNG, the report and page errors come back. */
function endpoints(job, input) {
  const pageErrors = [];
  let deliver;
  let report;
  let asked;
  const jobAsked = new Promise((res) => {
    asked = res;
  });
  const png = new Promise((res) => {
    deliver = res;
  });
  const result = new Promise((res) => {
    report = res;
  });
  const body = (req) =>
    new Promise((res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => res(Buffer.concat(chunks)));
    });
  /** Handles /__heatgl/*; returns false for every other URL. */
  const handle = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (!path.startsWith('/__heatgl/')) return false;
    const what = path.slice('/__heatgl/'.length);
    if (req.method === 'GET' && what === 'job') {
      asked(performance.now());
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(job));
    } else if (req.method === 'GET' && what === 'input') {
      res.setHeader('Content-Type', 'application/octet-stream');
      res.end(input);
    } else if (req.method === 'POST' && (what === 'output' || what === 'result' || what === 'log')) {
      body(req).then((b) => {
        if (what === 'output') deliver(b);
        else if (what === 'result') report(JSON.parse(b.toString('utf8')));
        else pageErrors.push(b.toString('utf8'));
        res.end('ok');
      });
    } else {
      res.statusCode = 404;
      res.end();
    }
    return true;
  };
  return { handle, png, result, jobAsked, pageErrors };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

/** Serves bin/ and dist/ of the package as they are (the prebuilt page and library). */
function staticServer(api) {
  const standalone = join(ROOT, 'dist/heatgl.standalone.js');
  if (!existsSync(standalone)) throw new Failure(EXIT.render, `the prebuilt library ${standalone} is missing (in a checkout: npm run build)`);
  return createServer((req, res) => {
    if (api.handle(req, res)) return;
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const file = resolve(ROOT, `.${path}`);
    const allowed = [join(ROOT, 'bin') + sep, join(ROOT, 'dist') + sep].some((dir) => file.startsWith(dir));
    if (req.method !== 'GET' || !allowed || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
}

/** In a checkout: vite's dev server compiles src/index.ts for the page (`heatgl-cli-lib`); undefined without vite. */
async function viteServer(api) {
  const source = join(ROOT, 'src/index.ts');
  if (!existsSync(source) || process.env.HEATGL_CLI_PREBUILT) return undefined;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    return undefined;
  }
  // Dependencies pre-bundled into the checkout's own node_modules/.vite, apart from the dev server's cache.
  const cacheDir = join(ROOT, 'node_modules/.vite/heatgl-cli');
  const server = await vite.createServer({
    configFile: false,
    root: ROOT,
    cacheDir,
    logLevel: 'silent',
    clearScreen: false,
    plugins: [
      {
        name: 'heatgl-cli-io',
        configureServer(s) {
          s.middlewares.use((req, res, next) => api.handle(req, res) || next());
        },
      },
    ],
    resolve: { alias: { 'heatgl-cli-lib': source } },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null, fs: { allow: [ROOT] } },
    optimizeDeps: { entries: ['bin/render-page.mjs'], include: ['regl', 'gl-matrix', 'colormap', 'colormap/colorScale.js', 'papaparse', 'apache-arrow'] },
  });
  await server.listen();
  return { address: server.httpServer?.address(), close: () => server.close() };
}

/** The page server: vite in a checkout, else the plain static server; resolves to its page URL and close(). */
async function startServer(api) {
  let server = await viteServer(api);
  if (!server) {
    const http = staticServer(api);
    await new Promise((res, rej) => {
      http.once('error', rej);
      http.listen(0, '127.0.0.1', res);
    });
    server = { address: http.address(), close: () => new Promise((res) => http.close(() => res())) };
  }
  const { address } = server;
  if (!address || typeof address === 'string') throw new Failure(EXIT.render, 'the page server did not report a port');
  return { url: `http://127.0.0.1:${address.port}${PAGE}`, close: server.close };
}

/** Headless Chrome/Chromium on `url` as a plain process, with a throwaway profile; close() ends it and removes that. */
async function startBrowser(url, width, height, scale) {
  let executable;
  try {
    executable = await findBrowser();
  } catch (e) {
    throw new Failure(EXIT.render, e instanceof BrowserNotFound ? e.message : `could not look for a browser: ${e.message}`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'heatgl-cli-chromium-'));
  const args = [
    ...CHROMIUM_ARGS,
    '--headless=new',
    `--user-data-dir=${profile}`,
    `--window-size=${Math.ceil(width)},${Math.ceil(height)}`,
    `--force-device-scale-factor=${scale}`,
    '--hide-scrollbars',
    '--mute-audio',
    url,
  ];
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise((res) => {
    child.once('exit', (code, signal) => res({ code, signal }));
    child.once('error', (e) => res({ code: null, signal: null, error: e }));
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGTERM'); // the whole process group: renderer and GPU processes too
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  // A browser that dies before the page reports is a rendering failure with its last words.
  const died = exited.then(({ code, signal, error }) => {
    const why = error ? error.message : `exited with ${signal ?? `status ${code}`}`;
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    throw new Failure(EXIT.render, `${executable} ${why} before the page rendered${tail ? `: ${tail}` : ''}`);
  });
  died.catch(() => {});
  return { executable, died, close };
}

function withTimeout(promise, seconds, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Failure(EXIT.render, `${what} took longer than ${seconds} s (--timeout)`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function render(args, log, cleanup) {
  let stat;
  try {
    stat = statSync(args.file);
  } catch {
    throw new Failure(EXIT.usage, `no such file: ${args.file}`);
  }
  if (!stat.isFile()) throw new Failure(EXIT.usage, `not a file: ${args.file}`);
  const out = resolve(args.output);
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) throw new Failure(EXIT.usage, `the folder of the output ${args.output} does not exist`);

  let t = now();
  const bytes = readFileSync(args.file);
  log(`read ${args.file} (${size(bytes.length)}) in ${ms(now() - t)}`);

  t = now();
  const job = { format: args.format, loader: args.loader, options: args.options, width: args.width, height: args.height, scale: args.scale, clustermap: args.clustermap };
  const api = endpoints(job, bytes);
  const server = await startServer(api);
  cleanup.push(server.close);
  const browser = await startBrowser(server.url, args.width, args.height, args.clustermap ? args.scale : 1);
  cleanup.push(browser.close);
  const loaded = await Promise.race([api.jobAsked, api.result.then(() => now()), browser.died]);
  log(`started the server and headless Chromium (${browser.executable}) in ${ms(loaded - t)}`);
  const r = await Promise.race([api.result, browser.died]);
  const pageErrors = api.pageErrors;
  if (r.info) {
    const { rows, cols, nan, inf, min, max } = r.info;
    const parsed = r.ms?.parse !== undefined ? ` in ${ms(r.ms.parse)} (after ${ms(r.ms.transfer)} to hand the bytes to the page)` : '';
    log(`parsed ${args.format}${parsed}: ${rows} rows × ${cols} columns, ${nan} NaN${inf ? `, ${inf} infinite` : ''}, values from ${num(min)} to ${num(max)}`);
  }
  if (!r.ok) {
    if (r.stage === 'load') throw new Failure(EXIT.render, `the render page did not load: ${[r.message, ...pageErrors].join('; ')}`);
    const code = r.stage === 'input' ? EXIT.input : r.stage === 'options' ? EXIT.usage : EXIT.render;
    const what = r.stage === 'input' ? `cannot read ${args.file} as a ${args.format} matrix` : r.stage === 'options' ? 'bad option' : 'rendering failed';
    throw new Failure(code, `${what}: ${r.message}${pageErrors.length && r.stage === 'render' ? ` (page errors: ${pageErrors.join('; ')})` : ''}`);
  }
  const cluster = r.ms.cluster !== undefined ? ` (clustering ${ms(r.ms.cluster)})` : '';
  log(`rendered ${args.width}×${args.height}${args.clustermap ? ' clustermap' : ' heatmap'} in ${ms(r.ms.render)}${cluster}`);
  const png = await api.png;
  writeFileSync(out, png);
  log(`encoded the ${r.width}×${r.height} PNG (${size(png.length)}) in ${ms(r.ms.encode)}: ${args.output}`);
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`heatgl: ${e.message}\n${USAGE.split('\n')[0]}\nRun "heatgl --help" for the options.\n`);
    return EXIT.usage;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.version) {
    process.stdout.write(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    return EXIT.ok;
  }
  const log = args.quiet ? () => {} : (msg) => process.stderr.write(`heatgl: ${msg}\n`);
  const cleanup = [];
  // Interrupted: still end the browser (its own process group) and remove its profile folder.
  const interrupted = (signal) => {
    Promise.allSettled(cleanup.reverse().map((close) => close())).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await withTimeout(render(args, log, cleanup), args.timeout, 'rendering');
    return EXIT.ok;
  } catch (e) {
    const code = e instanceof Failure ? e.code : EXIT.render;
    process.stderr.write(`heatgl: ${e instanceof Failure ? e.message : `rendering failed: ${e?.stack ?? e}`}\n`);
    if (code === EXIT.usage) process.stderr.write(`Run "heatgl --help" for the options.\n`);
    return code;
  } finally {
    // The browser first (its profile folder is removed once it has exited), then the server.
    for (const close of cleanup.reverse()) await Promise.resolve(close()).catch(() => {});
  }
}

// Exit explicitly, so that a dev server or browser left behind by a failure cannot keep the process alive, but only
// once stdout and stderr are flushed (pipes are asynchronous on some systems).
const exit = (code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
main(process.argv.slice(2)).then(exit, (e) => {
  process.stderr.write(`heatgl: ${e?.stack ?? e}\n`);
  exit(EXIT.render);
});

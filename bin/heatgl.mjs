#!/usr/bin/env node
// heatgl command line: `heatgl render <file> -o out.png [options]` (see bin/args.mjs for the options).
//
// The file is read here, in Node. A vite dev server on 127.0.0.1 (an ephemeral port) serves bin/render.html, which
// imports heatgl (src/index.ts in a checkout, else the built dist/heatgl.js) and fetches the bytes from the server;
// headless Chromium (bin/chromium.mjs) loads the page, parses the bytes with heatgl's loaders, draws the figure with
// WebGL and posts the PNG (Heatmap.toBlob) back to the server, and the PNG is written here.
// Exit status: 0 written, 2 usage error, 3 bad input file, 4 rendering failure.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, USAGE, UsageError } from './args.mjs';
import { launchBrowser } from './chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EXIT = { ok: 0, usage: 2, input: 3, render: 4 };

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

/** The library the page imports: $HEATGL_CLI_LIB, else the TypeScript source in a checkout, else the build. */
function libraryEntry() {
  const chosen = process.env.HEATGL_CLI_LIB;
  if (chosen) {
    if (!existsSync(resolve(chosen))) throw new Failure(EXIT.render, `HEATGL_CLI_LIB=${chosen} does not exist`);
    return resolve(chosen);
  }
  for (const p of ['src/index.ts', 'dist/heatgl.js']) {
    const full = join(ROOT, p);
    if (existsSync(full)) return full;
  }
  throw new Failure(EXIT.render, `no heatgl library next to the CLI (looked for src/index.ts and dist/heatgl.js in ${ROOT})`);
}

/** A vite dev server serving bin/render.html, the input bytes at /__heatgl/input, and taking the PNG at /__heatgl/output. */
async function startServer(input) {
  let vite;
  try {
    vite = await import('vite');
  } catch (e) {
    throw new Failure(EXIT.render, `heatgl render needs the vite package to serve the library to the browser (npm install vite): ${e.message}`);
  }
  let deliver;
  const output = new Promise((res) => {
    deliver = res;
  });
  // Dependencies pre-bundled once per install, outside the package (which may be read-only) and apart from the
  // cache of the project's own dev server.
  const library = libraryEntry();
  const cacheDir = join(tmpdir(), `heatgl-cli-vite-${createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}`);
  const io = {
    name: 'heatgl-cli-io',
    configureServer(server) {
      server.middlewares.use('/__heatgl/input', (_req, res) => {
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(input);
      });
      server.middlewares.use('/__heatgl/output', (req, res) => {
        if (req.method !== 'POST') {
          res.statusCode = 405;
          res.end();
          return;
        }
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          deliver(Buffer.concat(chunks));
          res.end('ok');
        });
      });
    },
  };
  const server = await vite.createServer({
    configFile: false,
    root: ROOT,
    cacheDir,
    logLevel: 'silent',
    clearScreen: false,
    plugins: [io],
    resolve: { alias: { 'heatgl-cli-lib': library } },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null, fs: { allow: [ROOT, cacheDir, dirname(library)] } },
    optimizeDeps: {
      entries: ['bin/render.html'],
      include: ['regl', 'gl-matrix', 'colormap', 'colormap/colorScale.js', 'papaparse', 'apache-arrow'],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Failure(EXIT.render, 'the vite dev server did not report a port');
  return { url: `http://127.0.0.1:${address.port}/bin/render.html`, output, close: () => server.close() };
}

function withTimeout(promise, seconds, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Failure(EXIT.render, `${what} took longer than ${seconds} s (--timeout)`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function render(args, log) {
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
  const started = await Promise.allSettled([startServer(bytes), launchBrowser()]);
  const [server, browser] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      const e = failed.reason;
      throw e instanceof Failure ? e : new Failure(EXIT.render, `could not start headless Chromium: ${e?.message ?? e}`);
    }
    log(`started the server and headless Chromium in ${ms(now() - t)}`);
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e?.message ?? e)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.setViewport({ width: Math.ceil(args.width), height: Math.ceil(args.height), deviceScaleFactor: args.clustermap ? args.scale : 1 });
    await page.goto(server.url, { waitUntil: 'load' });
    try {
      await page.waitForFunction('window.heatglReady === true', { timeout: args.timeout * 1000 });
    } catch {
      throw new Failure(EXIT.render, `the render page did not load${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
    }
    const job = { format: args.format, loader: args.loader, options: args.options, width: args.width, height: args.height, scale: args.scale, clustermap: args.clustermap };
    const r = await page.evaluate((job) => window.heatglRender(job), job);
    if (r.info) {
      const { rows, cols, nan, inf, min, max } = r.info;
      const parsed = r.ms ? ` in ${ms(r.ms.parse)} (after ${ms(r.ms.transfer)} to hand the bytes to the page)` : '';
      log(`parsed ${args.format}${parsed}: ${rows} rows × ${cols} columns, ${nan} NaN${inf ? `, ${inf} infinite` : ''}, values from ${num(min)} to ${num(max)}`);
    }
    if (!r.ok) {
      const code = r.stage === 'input' ? EXIT.input : r.stage === 'options' ? EXIT.usage : EXIT.render;
      const what = r.stage === 'input' ? `cannot read ${args.file} as a ${args.format} matrix` : r.stage === 'options' ? 'bad option' : 'rendering failed';
      throw new Failure(code, `${what}: ${r.message}${pageErrors.length && r.stage === 'render' ? ` (page errors: ${pageErrors.join('; ')})` : ''}`);
    }
    const cluster = r.ms.cluster !== undefined ? ` (clustering ${ms(r.ms.cluster)})` : '';
    log(`rendered ${args.width}×${args.height}${args.clustermap ? ' clustermap' : ' heatmap'} in ${ms(r.ms.render)}${cluster}`);
    const png = await server.output;
    writeFileSync(out, png);
    log(`encoded the ${r.width}×${r.height} PNG (${size(png.length)}) in ${ms(r.ms.encode)}: ${args.output}`);
  } finally {
    await Promise.allSettled([browser?.close(), server?.close()]);
  }
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
  try {
    await withTimeout(render(args, log), args.timeout, 'rendering');
    return EXIT.ok;
  } catch (e) {
    const code = e instanceof Failure ? e.code : EXIT.render;
    process.stderr.write(`heatgl: ${e instanceof Failure ? e.message : `rendering failed: ${e?.stack ?? e}`}\n`);
    if (code === EXIT.usage) process.stderr.write(`Run "heatgl --help" for the options.\n`);
    return code;
  }
}

// Exit explicitly, so that a dev server or browser left behind by a failure cannot keep the process alive, but only
// once stdout and stderr are flushed (pipes are asynchronous on some systems).
const exit = (code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
main(process.argv.slice(2)).then(exit, (e) => {
  process.stderr.write(`heatgl: ${e?.stack ?? e}\n`);
  exit(EXIT.render);
});

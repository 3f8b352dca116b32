// The benchmarks' page server: a vite dev server over the repository serving one bench page on 127.0.0.1 (any free
// port), with the library's dependencies pre-bundled. Returns the server and the page's URL.
import { resolve } from 'node:path';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');

/**
 * @param {string} page path of the page inside the repository, e.g. 'bench/page.html' @param {string[]} [include]
 * @param {{ cacheDir?: string }} [options] cacheDir: vite's dependency cache, relative to the repository (default
 *   node_modules/.vite); a bench of its own keeps another server's re-bundling from pulling modules from under it
 */
export async function benchServer(page, include = [], options = {}) {
  const server = await createServer({
    configFile: false,
    root,
    ...(options.cacheDir ? { cacheDir: resolve(root, options.cacheDir) } : {}),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false },
    optimizeDeps: { entries: [page], include: ['regl', 'gl-matrix', 'colormap', 'colormap/colorScale.js', ...include] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the vite dev server reported no port');
  return { server, url: `http://127.0.0.1:${address.port}/${page}` };
}

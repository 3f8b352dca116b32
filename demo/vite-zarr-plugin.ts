// Dev-server middleware for the streaming cards: /zarr/virtual/ is the 10¹² virtual store synthesised on request
// (test/stream/virtual-store.ts), /zarr/py/ serves the stores written by zarr-python in test/fixtures/zarr.
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { Plugin } from 'vite';
import { virtualStoreFile } from '../test/stream/virtual-store';

export function zarrStores(root: string): Plugin {
  const fixtures = join(root, 'test/fixtures/zarr');
  return {
    name: 'heatgl-zarr-stores',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        let body: Uint8Array | undefined;
        if (path.startsWith('/zarr/virtual/')) body = virtualStoreFile(path.slice('/zarr/virtual/'.length));
        else if (path.startsWith('/zarr/py/')) {
          const file = normalize(join(fixtures, path.slice('/zarr/py/'.length)));
          if (file.startsWith(fixtures)) body = await readFile(file).then((b) => new Uint8Array(b), () => undefined);
        } else return next();
        if (!body) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const m = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
        if (m && (m[1] || m[2])) {
          const start = m[1] ? Number(m[1]) : Math.max(0, body.length - Number(m[2]));
          const end = m[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
          res.statusCode = 206;
          res.setHeader('Content-Range', `bytes ${start}-${end}/${body.length}`);
          body = body.subarray(start, end + 1);
        }
        res.setHeader('Content-Length', body.length);
        res.end(body);
      });
    },
  };
}

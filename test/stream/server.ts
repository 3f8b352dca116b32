// A static HTTP server for Zarr stores in tests (node:http, 127.0.0.1): GET/HEAD, single and suffix Range requests
// (206/416), CORS, optional latency and failure injection, a virtual store synthesised on request, and a request log
// with aborts (req.on('close') before the response finished) so tests can assert cancellation and request counts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';

export interface LoggedRequest {
  method: string;
  path: string;
  range: string | undefined;
  status: number;
  /** The client closed the connection before the response was complete. */
  aborted: boolean;
  start: number;
  end: number | undefined;
}

/** What a handler may do to a request: undefined = serve normally. */
export interface Fault {
  status?: number;
  /** Replace the body (e.g. corrupt bytes). */
  body?: Uint8Array;
  /** Extra delay for this request in ms. */
  delayMs?: number;
  /** Serve the whole file with 200 even when a Range was asked for. */
  ignoreRange?: boolean;
  /** Never answer (a hung server; the client must time out). */
  hang?: boolean;
}

/** Bytes for a path under a mount, or undefined for 404. */
export type VirtualHandler = (path: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

export interface StoreServerOptions {
  /** Directory served at '/'. */
  root?: string;
  /** Added to every request, in ms. */
  latencyMs?: number | undefined;
  /** Per-request faults (path is the URL path, decoded). */
  fault?: ((path: string, req: IncomingMessage) => Fault | undefined) | undefined;
  /** Virtual mounts: URL prefix (e.g. '/virtual/') → handler of the rest of the path. */
  mounts?: Record<string, VirtualHandler>;
}

export interface StoreServer {
  url: string;
  log: LoggedRequest[];
  /** Change options while running (latency, faults). */
  set(options: Partial<StoreServerOptions>): void;
  close(): Promise<void>;
}

/** Parses one byte range against a size: [start, end] inclusive, 'unsatisfiable', or undefined (none or ignored). */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m as unknown as [string, string, string];
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startStoreServer(initial: StoreServerOptions = {}): Promise<StoreServer> {
  const options: StoreServerOptions = { ...initial };
  const log: LoggedRequest[] = [];
  const readBody = async (path: string): Promise<Uint8Array | undefined> => {
    for (const [prefix, handler] of Object.entries(options.mounts ?? {})) {
      if (path.startsWith(prefix)) return handler(path.slice(prefix.length));
    }
    if (!options.root) return undefined;
    const file = normalize(join(options.root, path));
    if (!file.startsWith(normalize(options.root + sep)) && file !== normalize(options.root)) return undefined;
    try {
      if (!(await stat(file)).isFile()) return undefined;
      return new Uint8Array(await readFile(file));
    } catch {
      return undefined;
    }
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, entry: LoggedRequest) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') {
      entry.status = 204;
      res.writeHead(204).end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const fault = options.fault?.(path, req);
    const delay = (options.latencyMs ?? 0) + (fault?.delayMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (fault?.hang) return;
    if (entry.aborted) return;
    if (fault?.status) {
      entry.status = fault.status;
      res.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end(`injected ${fault.status}`);
      return;
    }
    let body = await readBody(path);
    if (body && fault?.body) body = fault.body;
    if (!body) {
      entry.status = 404;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const range = fault?.ignoreRange ? undefined : parseRange(req.headers.range, body.length);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', path.endsWith('.json') || path.endsWith('.zattrs') || path.endsWith('.zarray') || path.endsWith('.zgroup') ? 'application/json' : 'application/octet-stream');
    if (range === 'unsatisfiable') {
      entry.status = 416;
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    const part = range ? body.subarray(range[0], range[1] + 1) : body;
    entry.status = range ? 206 : 200;
    const headers: Record<string, string | number> = { 'Content-Length': part.length };
    if (range) headers['Content-Range'] = `bytes ${range[0]}-${range[1]}/${body.length}`;
    res.writeHead(entry.status, headers);
    res.end(req.method === 'HEAD' ? undefined : part);
  };
  const server = createServer((req, res) => {
    const entry: LoggedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname), range: req.headers.range, status: 0, aborted: false, start: performance.now(), end: undefined };
    if (req.method !== 'OPTIONS') log.push(entry);
    res.on('finish', () => {
      entry.end = performance.now();
    });
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    handle(req, res, entry).catch((e) => {
      entry.status = 500;
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('store server did not report a port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    log,
    set(o) {
      Object.assign(options, o);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

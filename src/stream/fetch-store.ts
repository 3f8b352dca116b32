// The HTTP side of a streamed store: zarrita's FetchStore (suffix Range requests for shard indexes) behind a fetch
// wrapper that adds a time-out, turns HTTP failures into errors naming the URL and status, refuses a server that
// answers a Range request with the whole file, and counts requests and bytes for stats().
import { FetchStore } from 'zarrita';
import { HttpError } from './errors';

export interface FetchCounters {
  requests: number;
  bytes: number;
  /** Requests that ended with an error (aborts excluded). */
  errors: number;
  aborted: number;
}

export interface HttpStoreOptions {
  /** Your own fetch (authentication, presigned URLs). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Per-request time-out in ms. @default 30000 */
  timeoutMs?: number | undefined;
}

/** What zarrita reads of the store: structurally its AsyncReadable, declared here so that zarrita's own types (whose
 * .d.ts files do not resolve under moduleResolution node16/nodenext) stay out of heatgl's public declarations. */
export interface HttpStore {
  get(key: `/${string}`, opts?: { signal?: AbortSignal }): Promise<Uint8Array | undefined>;
  getRange(key: `/${string}`, range: { offset: number; length: number } | { suffixLength: number }, opts?: { signal?: AbortSignal }): Promise<Uint8Array | undefined>;
}

export function createHttpStore(url: string, options: HttpStoreOptions, counters: FetchCounters): HttpStore {
  const base = options.fetch ?? ((r: Request) => fetch(r));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const wrapped = async (request: Request): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout]);
    counters.requests++;
    let res: Response;
    try {
      res = await base(new Request(request, { signal }));
    } catch (e) {
      if (request.signal.aborted) {
        counters.aborted++;
        throw e;
      }
      counters.errors++;
      if (timeout.aborted) throw new HttpError(request.url, 0, `no answer within ${timeoutMs} ms (time-out)`);
      throw new HttpError(request.url, 0, `network error: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (request.headers.has('Range') && res.status === 200) {
      counters.errors++;
      await res.body?.cancel();
      throw new HttpError(request.url, 200, 'the server ignored the Range request (it answered 200 with the whole file); sharded stores need HTTP Range support');
    }
    if (res.status !== 404 && !res.ok) {
      counters.errors++;
      await res.body?.cancel();
      throw new HttpError(request.url, res.status, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    if (res.status === 404) return res;
    // Read the body here so that aborts while streaming it are seen and the bytes counted.
    try {
      const body = new Uint8Array(await res.arrayBuffer());
      counters.bytes += body.length;
      return new Response(body, { status: res.status, headers: res.headers });
    } catch (e) {
      if (request.signal.aborted) counters.aborted++;
      else counters.errors++;
      throw e;
    }
  };
  return new FetchStore(url, { fetch: wrapped, useSuffixRequest: true });
}

// Starts the clustering Web Worker (wiring): from a blob: URL of the inlined worker code, which works with every
// bundler and from a CDN; where a Content-Security-Policy refuses blob: workers, from the worker's own file next to
// this module (same origin, so `worker-src 'self'` allows it). The caller clusters on the main thread when both fail.
import InlineClusterWorker from './cluster-worker?worker&inline';

export function startClusterWorker(): Worker {
  try {
    return new InlineClusterWorker();
  } catch {
    return new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' });
  }
}

// Starts the clustering Web Worker (wiring): first from a blob: URL of the inlined worker code, which works with every
// bundler and from a CDN; when that worker fails before answering (a Content-Security-Policy without blob: in
// worker-src reports it as an error event, not an exception), from the worker's own file next to this module (same
// origin, so `worker-src 'self'` allows it). When both fail, the caller gets the error event and clusters on the main
// thread.
import type { ClusterJob, ClusterResult } from '../cluster-job';
import { HeatglError } from '../core/errors';
import InlineClusterWorker from './cluster-worker?worker&inline';

const STARTERS: (() => Worker)[] = [() => new InlineClusterWorker(), () => new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' })];

/** A Worker that moves on to the next way of starting one while the current one has failed before its first message. */
class FallbackWorker extends EventTarget {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  #worker: Worker | undefined;
  #next = 0;
  #answered = false;
  #sent: unknown[] = [];

  constructor() {
    super();
    this.#start();
  }

  #start(): void {
    while (this.#next < STARTERS.length) {
      const start = STARTERS[this.#next++] as () => Worker;
      let worker: Worker;
      try {
        worker = start();
      } catch {
        continue;
      }
      this.#worker = worker;
      worker.onmessage = (e) => {
        this.#answered = true;
        this.onmessage?.(e);
        this.dispatchEvent(new MessageEvent('message', { data: e.data }));
      };
      worker.onerror = (e) => {
        if (!this.#answered && this.#next < STARTERS.length) {
          e.preventDefault();
          worker.terminate();
          this.#start();
          return;
        }
        this.onerror?.(e);
      };
      for (const message of this.#sent) worker.postMessage(message);
      return;
    }
    // Nothing could be started: report it as an error event, as a failed worker would.
    queueMicrotask(() => this.onerror?.(new ErrorEvent('error', { message: 'no clustering worker could be started' })));
  }

  postMessage(message: unknown): void {
    if (!this.#answered) this.#sent.push(message);
    this.#worker?.postMessage(message);
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#next = STARTERS.length;
  }
}

export function startClusterWorker(): Worker {
  return new FallbackWorker() as unknown as Worker;
}

/** Runs the job in a Web Worker; rejects when no worker can be made (the caller then runs it here). */
export function runInClusterWorker(job: ClusterJob, onProgress: (axis: 'row' | 'col', f: number) => void, track: (w: Worker) => void): Promise<ClusterResult> {
  return new Promise((resolve, reject) => {
    const worker: Worker = startClusterWorker();
    track(worker);
    worker.onmessage = (e: MessageEvent) => {
      const msg = e.data as { type: string; axis: 'row' | 'col'; fraction: number; result: ClusterResult; message: string };
      if (msg.type === 'progress') onProgress(msg.axis, msg.fraction);
      else {
        worker.terminate();
        if (msg.type === 'result') resolve(msg.result);
        else reject(new HeatglError(msg.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'cluster worker failed'));
    };
    worker.postMessage(job);
  });
}

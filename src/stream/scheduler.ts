// Request scheduling for streamed tiles (no DOM: AbortController and timers only, unit-tested in Node). The caller says which
// tiles it wants, in priority order; at most `maxInFlight` loads run at once; a running load whose tile is no longer
// wanted is aborted through its AbortSignal; a failed load is retried with exponential back-off while still wanted,
// and after the last attempt the failure is reported (it is never stored as a value: a later want retries it).

export interface SchedulerOptions<T> {
  load: (key: string, signal: AbortSignal) => Promise<T>;
  onLoad: (key: string, value: T) => void;
  /** `final`: no more retries for this want (the tile stays missing until wanted again after `cooldownMs`). */
  onError?: (key: string, error: unknown, final: boolean) => void;
  maxInFlight?: number;
  /** Attempts after the first. */
  retries?: number;
  /** First back-off delay; doubles per attempt. */
  backoffMs?: number;
  /** After a final failure the tile is not requested again for this long. */
  cooldownMs?: number;
  now?: () => number;
}

export interface SchedulerStats {
  /** Loads started (retries included). */
  requests: number;
  completed: number;
  aborted: number;
  failed: number;
  retries: number;
  inFlight: number;
  queued: number;
}

const isAbort = (e: unknown) => typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AbortError';

export class TileScheduler<T> {
  private readonly opts: Required<Omit<SchedulerOptions<T>, 'onError'>> & Pick<SchedulerOptions<T>, 'onError'>;
  private queue: string[] = [];
  private wanted = new Set<string>();
  private readonly running = new Map<string, AbortController>();
  /** Key → attempts made so far in the current want. */
  private readonly attempts = new Map<string, number>();
  /** Key → time before which it is not requested (back-off or cool-down). */
  private readonly notBefore = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  readonly stats: SchedulerStats = { requests: 0, completed: 0, aborted: 0, failed: 0, retries: 0, inFlight: 0, queued: 0 };

  constructor(options: SchedulerOptions<T>) {
    this.opts = { maxInFlight: 6, retries: 3, backoffMs: 250, cooldownMs: 5000, now: () => performance.now(), ...options };
  }

  /**
   * The tiles wanted now, most important first (`skip` ones already loaded are left out by the caller). Running
   * loads of tiles not in the list are aborted; queued ones are dropped.
   */
  want(keys: readonly string[]): void {
    if (this.destroyed) return;
    this.wanted = new Set(keys);
    for (const [key, ctrl] of this.running) {
      if (!this.wanted.has(key)) {
        ctrl.abort();
        this.running.delete(key);
        this.stats.aborted++;
      }
    }
    for (const key of this.attempts.keys()) if (!this.wanted.has(key)) this.attempts.delete(key);
    this.queue = keys.filter((k) => !this.running.has(k));
    this.pump();
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  private pump(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = this.opts.now();
    let wait = Number.POSITIVE_INFINITY;
    const rest: string[] = [];
    for (const key of this.queue) {
      if (this.running.size >= this.opts.maxInFlight) {
        rest.push(key);
        continue;
      }
      const t = this.notBefore.get(key);
      if (t !== undefined && t > now) {
        wait = Math.min(wait, t - now);
        rest.push(key);
        continue;
      }
      this.start(key);
    }
    this.queue = rest;
    this.stats.queued = rest.length;
    this.stats.inFlight = this.running.size;
    if (Number.isFinite(wait) && this.running.size < this.opts.maxInFlight) this.timer = setTimeout(() => this.pump(), wait);
  }

  private start(key: string): void {
    const ctrl = new AbortController();
    this.running.set(key, ctrl);
    const attempt = this.attempts.get(key) ?? 0;
    this.stats.requests++;
    if (attempt > 0) this.stats.retries++;
    const done = () => {
      if (this.running.get(key) === ctrl) this.running.delete(key);
    };
    this.opts.load(key, ctrl.signal).then(
      (value) => {
        if (ctrl.signal.aborted || this.destroyed) return;
        done();
        this.attempts.delete(key);
        this.notBefore.delete(key);
        this.stats.completed++;
        this.opts.onLoad(key, value);
        this.pump();
      },
      (error: unknown) => {
        if (ctrl.signal.aborted || this.destroyed || isAbort(error)) {
          done();
          return;
        }
        done();
        this.stats.failed++;
        const final = attempt >= this.opts.retries;
        if (final) {
          this.attempts.delete(key);
          this.notBefore.set(key, this.opts.now() + this.opts.cooldownMs);
        } else {
          this.attempts.set(key, attempt + 1);
          this.notBefore.set(key, this.opts.now() + this.opts.backoffMs * 2 ** attempt);
          if (this.wanted.has(key)) this.queue.push(key);
        }
        this.opts.onError?.(key, error, final);
        this.pump();
      },
    );
  }

  /** Aborts everything; no callbacks after this. */
  destroy(): void {
    this.destroyed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const ctrl of this.running.values()) ctrl.abort();
    this.stats.aborted += this.running.size;
    this.running.clear();
    this.queue = [];
  }
}

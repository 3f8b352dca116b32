// The progressive loader (wiring layer): a user of the data source that moves the values to the renderer's store in
// slices, one per animation frame (at most ~30 ms of main-thread work and an adaptive number of cells: 1 M to start,
// halved when frames come back late, doubled up to 4 M when they are on time), so the GPU process is never handed
// much more than it copies in a frame: the frame pacing is the back-pressure (WebGL1 has no fences). Hidden tabs get
// no frames, so loading waits until the tab shows. Before the first band it can compute the colour limits in slices
// too, so that no single task scans all 100 M cells.
import type { DataLimits } from '../core/scale';
import { FiniteStatsAccumulator } from '../core/stats';
import type { ValueTextures } from '../gl/value-textures';

export interface LoaderHooks {
  /** The pending limits are ready: before the first band of a sliced upload, after the last of one at once. */
  limits(limits: DataLimits): void;
  /** A slice went up: `fraction` of the rows are on the GPU. */
  progress(fraction: number): void;
  /** Something new can be drawn. */
  redraw(): void;
}

/** Limits still to compute over `values` / `mask` before the first band. */
export interface PendingLimits {
  values: ArrayLike<number>;
  mask: Uint8Array | undefined;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class ProgressiveLoader {
  /** Main-thread time of each slice of the last upload, in ms. */
  sliceMs: number[] = [];
  /** Time spent uploading the current store's values. */
  uploadMs = 0;
  private timer: number | undefined;
  private sliceCells = 1 << 20;
  private lastSliceAt = 0;
  private values: ValueTextures | undefined;
  /** Pending limits: the cells before `next` are in `acc` (slices), or the `checked` cells of the bands checked. */
  private stats: { acc: FiniteStatsAccumulator; next: number; checked: number; p: PendingLimits } | undefined;
  private waiters: (() => void)[] = [];

  constructor(private readonly hooks: LoaderHooks) {}

  /** Starts moving `values` up: in slices over frames when `progressive` (after the pending limits, if any), else at
   * once. A previous upload stops. */
  start(values: ValueTextures, progressive: boolean, pending: PendingLimits | undefined): void {
    this.stop();
    const t0 = now();
    this.values = values;
    this.stats = pending ? { acc: new FiniteStatsAccumulator(), next: 0, checked: 0, p: pending } : undefined;
    this.sliceMs = [];
    this.sliceCells = 1 << 20;
    this.lastSliceAt = 0;
    if (progressive && !values.done) {
      this.timer = requestAnimationFrame(() => this.step(values));
    } else if (this.stats && values.checksBands) {
      // At once with the limits still to compute: they are scanned a band ahead of the upload (each band checked, then
      // handed to the GPU process, which converts it while the next is scanned), not all before it.
      values.uploadSome(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, (v, start, rows, cols, stride) => this.scanBand(v, start, rows, cols, stride));
      this.finishLimits();
      if (values.done) this.resolve();
    } else {
      // Bands that cannot be checked as they go up (halos, quantised storage): limits first.
      this.finishLimits();
      values.uploadSome(Number.POSITIVE_INFINITY);
      if (values.done) this.resolve();
    }
    this.uploadMs = now() - t0;
  }

  /** Stops the slices (destroy, context loss, new data). */
  stop(): void {
    if (this.timer !== undefined) cancelAnimationFrame(this.timer);
    this.timer = undefined;
  }

  /** True while limits are still being computed in slices. */
  get limitsPending(): boolean {
    return this.stats !== undefined;
  }

  /** Resolves once `values` (the current store) is loaded, at once when it is or when `gone`. */
  loaded(gone: boolean): Promise<void> {
    if (gone || !this.values || this.values.done) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A block of an asynchronous source arrived: resolve the waiters once everything is there. */
  arrived(values: ValueTextures): void {
    if (values === this.values && values.done) this.resolve();
  }

  resolve(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Adds a band of the pending values (cells start + r * stride + c, r < rows, c < cols), which is about to go up, to
   * the limits: true when all of its cells are finite and unmasked. The store's bands partition the matrix. */
  private scanBand(values: Float32Array, start: number, rows: number, cols: number, stride: number): boolean {
    const s = this.stats;
    if (!s || values !== s.p.values) return false;
    const before = s.acc.finite;
    if (cols === stride) s.acc.add(values, s.p.mask, start, start + rows * cols);
    else for (let r = 0; r < rows; r++) s.acc.add(values, s.p.mask, start + r * stride, start + r * stride + cols);
    s.checked += rows * cols;
    return s.acc.finite - before === rows * cols;
  }

  /** Computes the rest of the pending limits now (an upload that is not sliced). */
  private finishLimits(): void {
    const s = this.stats;
    if (!s) return;
    const n = s.p.values.length;
    // Bands checked that do not add up to the matrix (some not checked, or one twice): the whole scan, afresh.
    if (s.checked !== 0 && s.checked !== n) s.acc = new FiniteStatsAccumulator();
    if (s.checked !== n) s.acc.add(s.p.values, s.p.mask, s.next, n);
    this.stats = undefined;
    const r = s.acc.result();
    this.hooks.limits({
      min: r.min,
      max: r.max,
      count: r.count,
      p2: Number.NaN,
      p98: Number.NaN,
      // Read through: computed only if a LogNorm asks.
      get minPositive() {
        return r.minPositive;
      },
    });
  }

  private step(values: ValueTextures): void {
    this.timer = undefined;
    if (values !== this.values) return;
    const t0 = now();
    const s = this.stats;
    if (s) {
      // First the colour limits, in slices of 2 M cells.
      const n = s.p.values.length;
      while (s.next < n && now() - t0 < 30) {
        const end = Math.min(n, s.next + (1 << 21));
        s.acc.add(s.p.values, s.p.mask, s.next, end);
        s.next = end;
      }
      if (s.next < n) {
        this.sliceMs.push(now() - t0);
        this.timer = requestAnimationFrame(() => this.step(values));
        return;
      }
      this.finishLimits();
    }
    // Back-pressure: frames that come late mean the GPU (process) is behind; send less until they are on time again.
    const gap = this.lastSliceAt > 0 ? t0 - this.lastSliceAt : 0;
    if (gap > 50) this.sliceCells = Math.max(1 << 17, this.sliceCells >> 1);
    else if (gap > 0 && gap < 25) this.sliceCells = Math.min(1 << 22, this.sliceCells * 2);
    this.lastSliceAt = t0;
    const done = values.uploadSome(30, this.sliceCells);
    this.uploadMs += now() - t0;
    this.sliceMs.push(now() - t0);
    this.hooks.progress(values.totalRows > 0 ? values.loadedRows / values.totalRows : 1);
    this.hooks.redraw();
    if (done) {
      if (values.done) this.resolve();
    } else this.timer = requestAnimationFrame(() => this.step(values));
  }
}

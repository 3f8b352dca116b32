// The streaming engine (no DOM, no WebGL): for each view it picks the level (about one device pixel per cell), asks
// the scheduler for the visible tiles (the coarsest level first, then the target level centre-out, then one prefetch
// ring once the view is complete), keeps decoded tiles in a byte-bounded LRU, and plans what to draw: loaded tiles
// coarse under fine so that no part of the view is blank once the coarsest level has arrived.
//
// Stores without a pyramid (or whose coarsest level still has many tiles) get synthetic coarser levels: a tile of
// synthetic level k is tile (row, col) of the coarsest stored level reduced 4^k × 4^k on the GPU (tile-layer), kept
// in the GPU cache only. The engine plans with stored + synthetic levels, fetches the stored tile behind a missing
// synthetic one, and bounds what one view may load: at most `maxViewTiles` tiles of the view's level (centre
// first; the rest is reported as skipped), fetched in batches that fit half the CPU cache (a tile once reduced on
// the GPU is drawn without its stored values, so the CPU cache may drop them).
import { ByteLru } from '../core/lru';
import { aheadTiles, chooseLevel, type DrawPlan, type PlanLevel, planDraw, type Rect, syntheticLevels, type TileRef, tileKey, tilesFor, VelocityEstimator } from '../core/stream-plan';
import { TileScheduler } from './scheduler';
import { StreamError } from './errors';
import { type StreamSource, type TileValues, toStreamError } from './open-zarr';

export interface EngineOptions {
  /** Decoded tiles kept on the CPU, in bytes. @default 256 MiB */
  cpuCacheBytes?: number;
  /** Requests in flight at once. @default 6 (HTTP/1.1's connections per host) */
  maxInFlight?: number;
  /** Retries of a failed tile (exponential back-off from `retryDelayMs`). @default 3 */
  retries?: number;
  retryDelayMs?: number;
  /** Prefetch one ring of tiles around a complete view, and while the view pans, up to 8 tiles ahead of it (where
   * it will be after twice the recent request latency at its current velocity). @default true */
  prefetch?: boolean;
  /** Synthetic coarser levels reduced on the GPU when the store has no pyramid (its coarsest level has more than
   * one tile). @default true (where the GPU has float render targets) */
  gpuReduce?: boolean;
  /** Most tiles of the view's level one view loads (centre first); a zoomed-out view of a large store without a
   * pyramid that needs more draws only those and reports the rest in `progress.skipped`. @default 1024 */
  maxViewTiles?: number;
}

export interface EngineHandlers {
  /** A tile arrived (redraw). */
  arrived(): void;
  /** A tile failed; `final` when no retry follows. */
  error(error: StreamError, final: boolean): void;
  /** The tile (key) is on the GPU: a synthetic tile there needs nothing fetched. */
  resident?(key: string): boolean;
}

export interface LoadedTile extends TileValues {
  readonly ref: TileRef;
}

export interface CellValue {
  value: number;
  /** Level the value comes from (0: the stored cell itself). */
  level: number;
  exact: boolean;
}

const parseKey = (key: string): TileRef => {
  const [level, row, col] = key.split('/').map(Number) as [number, number, number];
  return { level, row, col };
};

export class StreamEngine {
  readonly cache: ByteLru<string, LoadedTile>;
  private readonly scheduler: TileScheduler<TileValues>;
  private protectedKeys = new Set<string>();
  private lastView: { view: Rect; cppX: number; cppY: number } | undefined;
  plan: DrawPlan = { draw: [], missing: [], visible: [], covered: false, skipped: 0 };
  target = 0;
  /** Tiles that arrived but were never part of a drawn plan (prefetch or stale). */
  private readonly everDrawn = new Set<string>();
  private readonly arrivedKeys = new Set<string>();
  /** The coarsest stored level. */
  readonly coarsest: number;
  /** Stored levels, then the synthetic ones (reduced on the GPU from the coarsest stored level). */
  readonly levels: readonly PlanLevel[];
  /** Tiles of the view's level loaded for one view at most, and unloaded tiles wanted at once. */
  readonly maxViewTiles: number;
  private readonly batch: number;
  private readonly resident: (key: string) => boolean;
  private readonly velocity = new VelocityEstimator();
  /** Recent time for a tile to load (ms), an exponential average. */
  private latencyMs = 50;

  constructor(
    readonly source: StreamSource,
    private readonly options: EngineOptions,
    handlers: EngineHandlers,
  ) {
    this.coarsest = source.levels.length - 1;
    const top = source.levels[this.coarsest];
    this.levels = [...source.levels, ...(top && options.gpuReduce !== false ? syntheticLevels(top) : [])];
    this.resident = handlers.resident ?? (() => false);
    const cpuBytes = options.cpuCacheBytes ?? 256 * 2 ** 20;
    this.maxViewTiles = Math.max(1, Math.floor(options.maxViewTiles ?? 1024));
    const tileBytes = Math.max(...source.levels.map((l) => l.tileRows * l.tileCols * 4 + 64));
    this.batch = Math.max(1, Math.floor(cpuBytes / tileBytes / 2));
    this.cache = new ByteLru<string, LoadedTile>(cpuBytes);
    this.scheduler = new TileScheduler<TileValues>({
      load: (key, signal) => {
        const t = parseKey(key);
        const t0 = performance.now();
        return source.readTile(t.level, t.row, t.col, signal).then((v) => {
          this.latencyMs = 0.8 * this.latencyMs + 0.2 * (performance.now() - t0);
          return v;
        });
      },
      onLoad: (key, value) => {
        this.cache.set(key, { ...value, ref: parseKey(key) }, value.values.byteLength + 64, (k) => this.protectedKeys.has(k));
        this.arrivedKeys.add(key);
        if (this.lastView) this.replan();
        handlers.arrived();
      },
      onError: (key, e, final) => {
        const t = parseKey(key);
        handlers.error(toStreamError(e, source.url, source.levels[t.level]?.path, key, `tile ${key} (level/row/col) failed${final ? '' : ', retrying'}`), final);
      },
      maxInFlight: options.maxInFlight ?? 6,
      retries: options.retries ?? 3,
      backoffMs: options.retryDelayMs ?? 250,
    });
    // The coarsest level (when small) is wanted whatever the view: ask for it now, before the first frame.
    const coarse = this.coarsestTiles();
    if (coarse.length <= 16) this.scheduler.want(coarse.map(tileKey));
  }

  /** A stored tile is loaded when its values are in the CPU cache (so cellAt has them); a synthetic one when it is
   * on the GPU or can be reduced there (the tile it comes from has its values or texture). */
  isLoaded = (t: TileRef): boolean => (t.level <= this.coarsest ? this.cache.has(tileKey(t)) : this.available(t));

  private available(t: TileRef): boolean {
    const k = tileKey(t);
    if (this.cache.has(k) || this.resident(k)) return true;
    return t.level > this.coarsest && this.available({ level: t.level - 1, row: t.row, col: t.col });
  }

  /** The stored tile to fetch for a tile (itself, or for a synthetic tile the coarsest stored level's). */
  private fetchRef(t: TileRef): TileRef {
    return t.level <= this.coarsest ? t : { level: this.coarsest, row: t.row, col: t.col };
  }

  /** For a synthetic tile, the tile one level finer that it reduces (same row and column); else undefined. */
  derive(t: TileRef): TileRef | undefined {
    return t.level > this.coarsest ? { level: t.level - 1, row: t.row, col: t.col } : undefined;
  }

  /** The tiles of the coarsest level covering the whole matrix (always wanted first: limits and the fallback), or 17
   * of them when it has more. */
  coarsestTiles(): TileRef[] {
    const l = this.source.levels[this.coarsest];
    if (!l) return [];
    // At most 17 enumerated: callers only need to know whether there are more than 16 (a level without a pyramid
    // above it may hold millions).
    return tilesFor(this.source.levels, this.coarsest, { x0: 0, x1: this.source.cols, y0: 0, y1: this.source.rows }, 0, 17);
  }

  /** Sets the view (base cells) and its scale (base cells per device pixel); returns the draw plan. */
  setView(view: Rect, cppX: number, cppY: number): DrawPlan {
    this.lastView = { view, cppX, cppY };
    this.velocity.update(view, performance.now());
    return this.replan();
  }

  private replan(): DrawPlan {
    const v = this.lastView;
    if (!v) return this.plan;
    const levels = this.levels;
    this.target = chooseLevel(levels, v.cppX, v.cppY);
    // Too many tiles for one view: the centre ones only; the rest is left out (plan.skipped).
    const cap = this.maxViewTiles;
    const plan = planDraw(levels, this.target, v.view, this.isLoaded, cap);
    this.plan = plan;
    const protect = new Set<string>();
    for (const t of plan.draw) {
      const k = tileKey(t);
      this.everDrawn.add(k);
      protect.add(k);
      // The stored tile behind a synthetic one: kept until the GPU has reduced it.
      const f = tileKey(this.fetchRef(t));
      this.everDrawn.add(f);
      if (f !== k && !this.resident(k)) protect.add(f);
    }
    const want: string[] = [];
    const seen = new Set<string>();
    const add = (t: TileRef) => {
      if (want.length >= this.batch || this.isLoaded(t)) return;
      const k = tileKey(this.fetchRef(t));
      if (seen.has(k)) return;
      seen.add(k);
      want.push(k);
    };
    // The coarsest stored level covering the view first: then the picture has no hole anywhere.
    // (When the view's level is the coarsest stored one or a synthetic one above it, that is the view's own tiles.)
    const coarse = this.coarsestTiles();
    if (coarse.length <= 16) coarse.forEach(add);
    else if (this.target < this.coarsest) tilesFor(this.source.levels, this.coarsest, v.view, 0, cap).forEach(add);
    for (const t of plan.visible) add(t);
    if (plan.skipped === 0 && this.options.prefetch !== false) {
      // Ahead of a panning view (after the visible tiles, so only free request slots go to it), then the ring.
      for (const t of aheadTiles(levels, this.target, v.view, this.velocity.x, this.velocity.y, 2 * this.latencyMs, 8)) add(t);
      if (plan.missing.length === 0) for (const t of tilesFor(levels, this.target, v.view, 1, cap)) add(t);
    }
    for (const k of seen) protect.add(k);
    this.protectedKeys = protect;
    this.scheduler.want(want);
    return plan;
  }

  tile(t: TileRef): LoadedTile | undefined {
    return this.cache.get(tileKey(t));
  }

  /** The value of base cell (row, col): the stored one when its tile is loaded, else the finest loaded level's. */
  valueAt(row: number, col: number): CellValue | undefined {
    const levels = this.source.levels;
    for (let k = 0; k < levels.length; k++) {
      const l = levels[k];
      if (!l) continue;
      const lr = Math.floor((row - l.offsetY) / l.scaleY);
      const lc = Math.floor((col - l.offsetX) / l.scaleX);
      if (lr < 0 || lc < 0 || lr >= l.rows || lc >= l.cols) continue;
      const t = this.cache.peek(tileKey({ level: k, row: Math.floor(lr / l.tileRows), col: Math.floor(lc / l.tileCols) }));
      if (!t) continue;
      const v = t.values[(lr % l.tileRows) * t.cols + (lc % l.tileCols)] as number;
      return { value: v, level: k, exact: k === 0 };
    }
    return undefined;
  }

  /**
   * The coarsest level's values when every tile of it is loaded (for colour limits), else undefined. A store whose
   * coarsest level has more than 16 tiles (no pyramid) has no small level to take limits from: then the values of
   * the first tiles of the view loaded (all its tiles, or one batch of them when the view needs more).
   */
  coarsestValues(): Float32Array[] | undefined {
    const tiles = this.coarsestTiles();
    if (tiles.length > 16) {
      if (!this.lastView) return undefined;
      const inView = tilesFor(this.source.levels, this.coarsest, this.lastView.view, 0, this.maxViewTiles);
      const have = inView.map((t) => this.cache.peek(tileKey(t))?.values).filter((x): x is Float32Array => x !== undefined);
      return have.length > 0 && have.length >= Math.min(inView.length, this.batch) ? have : undefined;
    }
    const out: Float32Array[] = [];
    for (const t of tiles) {
      const d = this.cache.peek(tileKey(t));
      if (!d) return undefined;
      out.push(d.values);
    }
    return out;
  }

  /** Values of the loaded tiles drawn at the target level (for limits that follow the view). */
  visibleValues(): Float32Array[] {
    return this.plan.draw.filter((t) => t.level === this.target).flatMap((t) => this.cache.peek(tileKey(this.fetchRef(t)))?.values ?? []);
  }

  /** Tiles that arrived and were never drawn (prefetched or left the view before arriving). */
  wasted(): number {
    let n = 0;
    for (const k of this.arrivedKeys) if (!this.everDrawn.has(k)) n++;
    return n;
  }

  stats() {
    const s = this.scheduler.stats;
    return {
      requests: s.requests,
      completed: s.completed,
      aborted: s.aborted,
      failed: s.failed,
      retries: s.retries,
      inFlight: s.inFlight,
      queued: s.queued,
      cpuCacheBytes: this.cache.bytes,
      cpuCacheTiles: this.cache.size,
      cpuCacheLimit: this.cache.limit,
      level: this.target,
      visibleTiles: this.plan.visible.length,
      missingTiles: this.plan.missing.length,
      skippedTiles: this.plan.skipped,
      /** Synthetic levels (GPU-reduced) above the stored ones. */
      reducedLevels: this.levels.length - this.source.levels.length,
      tilesNeverDrawn: this.wasted(),
      httpRequests: this.source.counters.requests,
      httpBytes: this.source.counters.bytes,
    };
  }

  destroy(): void {
    this.scheduler.destroy();
    this.cache.clear();
  }
}

export { StreamError };

// The streaming engine (no DOM, no WebGL): for each view it picks the level (about one device pixel per cell), asks
// the scheduler for the visible tiles (the coarsest level first, then the target level centre-out, then one prefetch
// ring once the view is complete), keeps decoded tiles in a byte-bounded LRU, and plans what to draw: loaded tiles
// coarse under fine so that no part of the view is blank once the coarsest level has arrived.
import { ByteLru } from '../core/lru';
import { chooseLevel, type DrawPlan, planDraw, type Rect, type TileRef, tileKey, tilesFor } from '../core/stream-plan';
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
  /** Prefetch one ring of tiles around a complete view. @default true */
  prefetch?: boolean;
}

export interface EngineHandlers {
  /** A tile arrived (redraw). */
  arrived(): void;
  /** A tile failed; `final` when no retry follows. */
  error(error: StreamError, final: boolean): void;
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
  plan: DrawPlan = { draw: [], missing: [], visible: [], covered: false };
  target = 0;
  /** Tiles that arrived but were never part of a drawn plan (prefetch or stale). */
  private readonly everDrawn = new Set<string>();
  private readonly arrivedKeys = new Set<string>();
  readonly coarsest: number;

  constructor(
    readonly source: StreamSource,
    private readonly options: EngineOptions,
    handlers: EngineHandlers,
  ) {
    this.coarsest = source.levels.length - 1;
    this.cache = new ByteLru<string, LoadedTile>(options.cpuCacheBytes ?? 256 * 2 ** 20);
    this.scheduler = new TileScheduler<TileValues>({
      load: (key, signal) => {
        const t = parseKey(key);
        return source.readTile(t.level, t.row, t.col, signal);
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
  }

  isLoaded = (t: TileRef): boolean => this.cache.has(tileKey(t));

  /** The tiles of the coarsest level covering the whole matrix (always wanted first: limits and the fallback). */
  coarsestTiles(): TileRef[] {
    const l = this.source.levels[this.coarsest];
    if (!l) return [];
    return tilesFor(this.source.levels, this.coarsest, { x0: 0, x1: this.source.cols, y0: 0, y1: this.source.rows });
  }

  /** Sets the view (base cells) and its scale (base cells per device pixel); returns the draw plan. */
  setView(view: Rect, cppX: number, cppY: number): DrawPlan {
    this.lastView = { view, cppX, cppY };
    return this.replan();
  }

  private replan(): DrawPlan {
    const v = this.lastView;
    if (!v) return this.plan;
    const levels = this.source.levels;
    this.target = chooseLevel(levels, v.cppX, v.cppY);
    this.plan = planDraw(levels, this.target, v.view, this.isLoaded);
    for (const t of this.plan.draw) this.everDrawn.add(tileKey(t));
    const want: string[] = [];
    const seen = new Set<string>();
    const add = (t: TileRef) => {
      const k = tileKey(t);
      if (seen.has(k)) return;
      seen.add(k);
      if (!this.cache.has(k)) want.push(k);
    };
    // The coarsest level covering the view first: then the picture has no hole anywhere.
    const coarse = this.coarsestTiles();
    if (coarse.length <= 16) coarse.forEach(add);
    else tilesFor(levels, this.coarsest, v.view).forEach(add);
    for (const t of this.plan.visible) add(t);
    if (this.plan.missing.length === 0 && this.options.prefetch !== false) {
      for (const t of tilesFor(levels, this.target, v.view, 1)) add(t);
    }
    this.protectedKeys = new Set([...seen, ...this.plan.draw.map(tileKey)]);
    this.scheduler.want(want);
    return this.plan;
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

  /** The coarsest level's values when every tile of it is loaded (for colour limits), else undefined. */
  coarsestValues(): Float32Array[] | undefined {
    const tiles = this.coarsestTiles();
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
    return this.plan.draw.filter((t) => t.level === this.target).flatMap((t) => this.cache.peek(tileKey(t))?.values ?? []);
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

// The pure parts of streaming: byte-bounded LRU, level choice and tile plan, and the request scheduler (bounded
// in-flight, aborts for tiles no longer wanted, retries with back-off, failures never stored).
import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../src/core/lru';
import { aheadTiles, chooseLevel, type PlanLevel, planDraw, syntheticLevels, tileKey, tileRange, tilesFor, VelocityEstimator } from '../../src/core/stream-plan';
import { TileScheduler } from '../../src/stream/scheduler';

const level = (k: number, n = 1_000_000, tile = 256): PlanLevel => ({
  rows: Math.ceil(n / 2 ** k), cols: Math.ceil(n / 2 ** k), scaleX: 2 ** k, scaleY: 2 ** k, offsetX: 0, offsetY: 0, tileRows: tile, tileCols: tile,
});
const levels = Array.from({ length: 13 }, (_, k) => level(k));

describe('ByteLru', () => {
  it('evicts least recently used entries past the byte limit, skipping protected ones', () => {
    const evicted: string[] = [];
    const lru = new ByteLru<string, number>(100, (k) => evicted.push(k));
    lru.set('a', 1, 40);
    lru.set('b', 2, 40);
    lru.get('a');
    lru.set('c', 3, 40);
    expect(evicted).toEqual(['b']);
    expect(lru.bytes).toBe(80);
    lru.set('d', 4, 40, (k) => k === 'a');
    expect(evicted).toEqual(['b', 'c']);
    expect([...lru.keys()]).toEqual(['a', 'd']);
    // Only the new entry is unprotected: it goes, the budget holds.
    lru.set('e', 5, 90, (k) => k === 'a' || k === 'd');
    expect(evicted).toEqual(['b', 'c', 'e']);
    expect(lru.bytes).toBe(80);
    // Protected entries may overflow the budget until they are no longer protected.
    lru.set('f', 6, 90, (k) => k !== 'a');
    expect(lru.bytes).toBe(130);
    lru.trim();
    expect(lru.bytes).toBeLessThanOrEqual(100);
  });
});

describe('velocity prefetch', () => {
  it('estimates the pan velocity, resets on zoom, decays when the view stops', () => {
    const v = new VelocityEstimator();
    const at = (x: number, w = 1000) => ({ x0: x, x1: x + w, y0: 0, y1: 800 });
    v.update(at(0), 0);
    expect([v.x, v.y]).toEqual([0, 0]);
    for (let i = 1; i <= 10; i++) v.update(at(i * 150), i * 16);
    expect(v.x).toBeCloseTo(150 / 16, 1);
    expect(v.y).toBe(0);
    v.update(at(1500), 176); // stopped: halves per frame
    v.update(at(1500), 192);
    expect(v.x).toBeCloseTo(150 / 16 / 4, 1);
    v.update(at(1500, 500), 208); // zoom
    expect(v.x).toBe(0);
  });
  it('tiles ahead of a moving view: outside it, in the direction of motion, nearest first, bounded', () => {
    const view = { x0: 10_000, x1: 10_863, y0: 5000, y1: 5732 };
    const own = tileRange(levels[0]!, view);
    // 2 cells/ms for 100 ms: 200 cells to the right, one more column of tiles.
    const t = aheadTiles(levels, 0, view, 2, 0, 100, 8);
    expect(t.length).toBe(own.row1 - own.row0);
    expect(t.every((x) => x.col === own.col1)).toBe(true);
    // Left and up, bounded to 3; a tiny move gives nothing.
    const l = aheadTiles(levels, 0, view, -20, -20, 100, 3);
    expect(l.length).toBe(3);
    expect(l.every((x) => x.col < own.col0 || x.row < own.row0)).toBe(true);
    expect(aheadTiles(levels, 0, view, 0.1, 0, 100, 8)).toEqual([]);
  });
});

describe('synthetic levels (stores without a pyramid)', () => {
  it('4^k reductions of the coarsest stored level, one tile per stored tile, while the factor divides the tile', () => {
    const base: PlanLevel = { rows: 1000, cols: 700, scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0, tileRows: 256, tileCols: 128 };
    const s = syntheticLevels(base);
    expect(s.map((l) => [l.scaleX, l.tileRows, l.tileCols, l.rows, l.cols])).toEqual([
      [4, 64, 32, 250, 175],
      [16, 16, 8, 63, 44],
      [64, 4, 2, 16, 11],
    ]);
    // Same tile grid as the base: tile (r, c) of each synthetic level covers tile (r, c) of the base.
    for (const l of s) expect([Math.ceil(l.rows / l.tileRows), Math.ceil(l.cols / l.tileCols)]).toEqual([4, 6]);
    expect(syntheticLevels({ ...base, rows: 200, cols: 100 })).toEqual([]); // one tile: nothing to reduce
  });
  it('a view of millions of tiles: only the centre `max` are enumerated, planned and counted as visible; the rest skipped', () => {
    const flat = [level(0), ...syntheticLevels(level(0))];
    const all = { x0: 0, x1: 1_000_000, y0: 0, y1: 1_000_000 };
    const t0 = performance.now();
    const plan = planDraw(flat, flat.length - 1, all, () => false, 1024);
    expect(performance.now() - t0).toBeLessThan(500); // 3907² = 1.5·10⁷ tiles were never listed
    expect(plan.visible.length).toBe(1024);
    expect(plan.skipped).toBe(3907 * 3907 - 1024);
    expect(plan.covered).toBe(false);
    // The centre ones: the block is centred on tile (1953, 1953).
    const rows = plan.visible.map((t) => t.row);
    expect(Math.min(...rows)).toBe(1953 - 16);
    expect(Math.max(...rows)).toBe(1953 + 15);
  });
});

describe('tile plan', () => {
  it('chooses the level whose cell is about one device pixel', () => {
    expect(chooseLevel(levels, 1, 1)).toBe(0);
    expect(chooseLevel(levels, 1.3, 1.3)).toBe(0);
    expect(chooseLevel(levels, 1.5, 1)).toBe(1);
    expect(chooseLevel(levels, 2000, 2500)).toBe(11);
    expect(chooseLevel(levels, 1e9, 1e9)).toBe(12);
  });
  it('covers a view with tiles, nearest to the centre first, plus one ring on request', () => {
    const view = { x0: 1000, x1: 1500, y0: 300, y1: 700 };
    expect(tileRange(levels[0]!, view)).toEqual({ row0: 1, row1: 3, col0: 3, col1: 6 });
    expect(tileRange(levels[0]!, view, 1)).toEqual({ row0: 0, row1: 4, col0: 2, col1: 7 });
    const t = tilesFor(levels, 0, view);
    expect(t.length).toBe(6);
    expect(tileKey(t[0]!)).toBe('0/1/4');
    expect(tileRange(levels[0]!, { x0: 999_900, x1: 1_000_000, y0: 0, y1: 10 }, 1).col1).toBe(3907);
  });
  it('draws coarser loaded tiles under missing ones until one level covers them, coarsest first', () => {
    const view = { x0: 1000, x1: 1500, y0: 300, y1: 700 };
    const loaded = new Set(['0/1/4', '12/0/0', '1/0/2']);
    const plan = planDraw(levels, 0, view, (t) => loaded.has(tileKey(t)));
    expect(plan.visible.length).toBe(6);
    expect(plan.missing.length).toBe(5);
    expect(plan.covered).toBe(true);
    expect(plan.draw.map(tileKey)).toEqual(['12/0/0', '1/0/2', '0/1/4']);
    const none = planDraw(levels, 0, view, () => false);
    expect(none.covered).toBe(false);
    expect(none.draw).toEqual([]);
  });
});

describe('TileScheduler', () => {
  type Pending = { key: string; signal: AbortSignal; resolve: (v: string) => void; reject: (e: unknown) => void };
  const make = (opts: { retries?: number; backoffMs?: number; cooldownMs?: number } = {}) => {
    const pending: Pending[] = [];
    const loaded: string[] = [];
    const errors: [string, boolean][] = [];
    const s = new TileScheduler<string>({
      load: (key, signal) => new Promise((resolve, reject) => pending.push({ key, signal, resolve, reject })),
      onLoad: (k) => loaded.push(k),
      onError: (k, _e, final) => errors.push([k, final]),
      maxInFlight: 2,
      ...opts,
    });
    return { s, pending, loaded, errors };
  };
  const tick = () => new Promise((r) => setTimeout(r, 0));
  it('keeps at most maxInFlight loads running and aborts those no longer wanted', async () => {
    const { s, pending, loaded } = make();
    s.want(['a', 'b', 'c', 'd']);
    expect(pending.map((p) => p.key)).toEqual(['a', 'b']);
    s.want(['c', 'd', 'b']);
    expect(pending[0]!.signal.aborted).toBe(true);
    expect(pending[1]!.signal.aborted).toBe(false);
    expect(pending.map((p) => p.key)).toEqual(['a', 'b', 'c']);
    pending[0]!.resolve('late');
    pending[1]!.resolve('B');
    await tick();
    expect(loaded).toEqual(['b']);
    expect(pending.map((p) => p.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.stats.aborted).toBe(1);
  });
  it('retries a failure with back-off while wanted, reports the final one, and stores nothing', async () => {
    const { s, pending, loaded, errors } = make({ retries: 2, backoffMs: 5, cooldownMs: 50 });
    s.want(['x']);
    pending[0]!.reject(new Error('500'));
    await tick();
    expect(errors).toEqual([['x', false]]);
    await new Promise((r) => setTimeout(r, 15));
    expect(pending.length).toBe(2);
    pending[1]!.reject(new Error('500'));
    await new Promise((r) => setTimeout(r, 30));
    pending[2]!.reject(new Error('500'));
    await tick();
    expect(errors.map((e) => e[1])).toEqual([false, false, true]);
    expect(loaded).toEqual([]);
    // Wanted again: after the cool-down it is requested again (a failure is never cached as a value).
    s.want(['x']);
    expect(pending.length).toBe(3);
    await new Promise((r) => setTimeout(r, 70));
    expect(pending.length).toBe(4);
    pending[3]!.resolve('ok');
    await tick();
    expect(loaded).toEqual(['x']);
    expect(s.stats.retries).toBe(2);
  });
});

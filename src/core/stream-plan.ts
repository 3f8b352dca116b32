// Tiling maths for streamed multiscale matrices (pure): which level a view needs, which tiles cover it (plus one
// prefetch ring), and which loaded tiles to draw, coarse under fine, so that no part of the view is left blank once
// the coarsest level has arrived. Coordinates are base-level cells (column x, row y), as the heatmap's view.

/** One level of a multiscale store as the planner sees it. */
export interface PlanLevel {
  /** Level shape in its own cells. */
  readonly rows: number;
  readonly cols: number;
  /** Base cells per level cell along rows (y) and columns (x). */
  readonly scaleY: number;
  readonly scaleX: number;
  /** Base-cell position of the level's cell (0, 0) corner. */
  readonly offsetY: number;
  readonly offsetX: number;
  /** Tile (chunk) shape in level cells. */
  readonly tileRows: number;
  readonly tileCols: number;
}

export interface TileRef {
  readonly level: number;
  readonly row: number;
  readonly col: number;
}

export interface Rect {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

export function tileKey(t: TileRef): string {
  return `${t.level}/${t.row}/${t.col}`;
}

/** Tile counts of a level. */
export function tileGrid(l: PlanLevel): { rows: number; cols: number } {
  return { rows: Math.ceil(l.rows / l.tileRows), cols: Math.ceil(l.cols / l.tileCols) };
}

/**
 * The level for a view: the coarsest whose cell is at most about one device pixel (within √2, i.e. the nearest
 * level in log scale that does not magnify), given base cells per device pixel along x and y.
 */
export function chooseLevel(levels: readonly PlanLevel[], cellsPerPxX: number, cellsPerPxY: number): number {
  const cpp = Math.max(Math.abs(cellsPerPxX), Math.abs(cellsPerPxY));
  let best = 0;
  for (let k = 1; k < levels.length; k++) {
    const l = levels[k] as PlanLevel;
    if (Math.max(l.scaleX, l.scaleY) <= cpp * Math.SQRT2) best = k;
  }
  return best;
}

/** Base-cell rectangle covered by a tile (clipped to the level's extent). */
export function tileRect(l: PlanLevel, row: number, col: number): Rect {
  const r0 = row * l.tileRows;
  const c0 = col * l.tileCols;
  return {
    x0: l.offsetX + c0 * l.scaleX,
    x1: l.offsetX + Math.min(l.cols, c0 + l.tileCols) * l.scaleX,
    y0: l.offsetY + r0 * l.scaleY,
    y1: l.offsetY + Math.min(l.rows, r0 + l.tileRows) * l.scaleY,
  };
}

/** Tile index range [row0, row1) × [col0, col1) of a level covering a base-cell rectangle, widened by `ring` tiles. */
export function tileRange(l: PlanLevel, r: Rect, ring = 0): { row0: number; row1: number; col0: number; col1: number } {
  const g = tileGrid(l);
  const tw = l.tileCols * l.scaleX;
  const th = l.tileRows * l.scaleY;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n, v));
  return {
    col0: clamp(Math.floor((r.x0 - l.offsetX) / tw) - ring, g.cols),
    col1: clamp(Math.ceil((r.x1 - l.offsetX) / tw) + ring, g.cols),
    row0: clamp(Math.floor((r.y0 - l.offsetY) / th) - ring, g.rows),
    row1: clamp(Math.ceil((r.y1 - l.offsetY) / th) + ring, g.rows),
  };
}

/** Number of tiles of a level covering a rectangle. */
export function tileCount(l: PlanLevel, r: Rect): number {
  const g = tileRange(l, r);
  return (g.row1 - g.row0) * (g.col1 - g.col0);
}

/**
 * The tiles of a level covering a rectangle (plus `ring`), nearest to the rectangle's centre first; at most `max`
 * (the centre ones: a block of tiles around the centre is enumerated, never the whole range, which may hold millions).
 */
export function tilesFor(levels: readonly PlanLevel[], level: number, r: Rect, ring = 0, max = Number.POSITIVE_INFINITY): TileRef[] {
  const l = levels[level] as PlanLevel;
  const range = tileRange(l, r, ring);
  const nr = range.row1 - range.row0;
  const nc = range.col1 - range.col0;
  if (nr * nc > max) {
    // A block of about `max` tiles (square where the range allows) around the centre tile.
    const side = Math.ceil(Math.sqrt(max));
    const wr = Math.min(nr, Math.max(side, Math.ceil(max / nc)));
    const wc = Math.min(nc, Math.ceil(max / wr));
    const cr = Math.floor((r.y0 + r.y1) / 2 / (l.tileRows * l.scaleY) - l.offsetY / (l.tileRows * l.scaleY));
    const cc = Math.floor((r.x0 + r.x1) / 2 / (l.tileCols * l.scaleX) - l.offsetX / (l.tileCols * l.scaleX));
    range.row0 = Math.max(range.row0, Math.min(range.row1 - wr, cr - Math.floor(wr / 2)));
    range.row1 = range.row0 + wr;
    range.col0 = Math.max(range.col0, Math.min(range.col1 - wc, cc - Math.floor(wc / 2)));
    range.col1 = range.col0 + wc;
  }
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  const out: { t: TileRef; d: number }[] = [];
  for (let row = range.row0; row < range.row1; row++) {
    for (let col = range.col0; col < range.col1; col++) {
      const tr = tileRect(l, row, col);
      const dx = Math.max(0, tr.x0 - cx, cx - tr.x1) / (l.tileCols * l.scaleX);
      const dy = Math.max(0, tr.y0 - cy, cy - tr.y1) / (l.tileRows * l.scaleY);
      out.push({ t: { level, row, col }, d: Math.max(dx, dy) });
    }
  }
  out.sort((a, b) => a.d - b.d);
  return out.slice(0, max).map((o) => o.t);
}

export interface DrawPlan {
  /** Loaded tiles to draw, coarsest level first (finer tiles are drawn over them). */
  draw: TileRef[];
  /** Visible tiles of the target level not loaded yet. */
  missing: TileRef[];
  /** Visible tiles of the target level (the `max` nearest the centre when the view has more). */
  visible: TileRef[];
  /** True when every part of the view is covered by some loaded tile. */
  covered: boolean;
  /** Visible tiles left out (neither drawn nor loaded) because the view has more than `max` (see maxViewTiles). */
  skipped: number;
}

/**
 * Which loaded tiles to draw for a view at `target`: the loaded visible tiles of the target level, and under each
 * missing one the loaded tiles of the next coarser levels that cover it, until a level covers it completely.
 */
export function planDraw(levels: readonly PlanLevel[], target: number, view: Rect, isLoaded: (t: TileRef) => boolean, max = Number.POSITIVE_INFINITY): DrawPlan {
  const visible = tilesFor(levels, target, view, 0, max);
  const skipped = tileCount(levels[target] as PlanLevel, view) - visible.length;
  const missing: TileRef[] = [];
  const layers: TileRef[][] = levels.map(() => []);
  const chosen = new Set<string>();
  let covered = true;
  for (const t of visible) {
    if (isLoaded(t)) {
      (layers[target] as TileRef[]).push(t);
      continue;
    }
    missing.push(t);
    // The part of the hole inside the view, filled from the coarser levels until one covers it whole.
    const hole = tileRect(levels[target] as PlanLevel, t.row, t.col);
    const area: Rect = { x0: Math.max(hole.x0, view.x0), x1: Math.min(hole.x1, view.x1), y0: Math.max(hole.y0, view.y0), y1: Math.min(hole.y1, view.y1) };
    let filled = false;
    for (let k = target + 1; k < levels.length && !filled; k++) {
      const under = tilesFor(levels, k, area);
      filled = under.length > 0;
      for (const u of under) {
        if (!isLoaded(u)) {
          filled = false;
          continue;
        }
        const key = tileKey(u);
        if (!chosen.has(key)) {
          chosen.add(key);
          (layers[k] as TileRef[]).push(u);
        }
      }
    }
    if (!filled) covered = false;
  }
  const draw: TileRef[] = [];
  for (let k = levels.length - 1; k >= 0; k--) draw.push(...(layers[k] as TileRef[]));
  return { draw, missing, visible, covered: covered && skipped === 0, skipped };
}

/**
 * Synthetic coarser levels for a store without a (deep enough) pyramid: level k reduces 4^k × 4^k blocks of `base`
 * (the coarsest stored level), one tile per tile of `base` (so tile (row, col) of every synthetic level comes from
 * tile (row, col) of `base`). Only factors that divide the tile shape, so that every synthetic tile holds whole
 * cells; none when `base` is a single tile (nothing to gain: its tile is drawn as it is).
 */
export function syntheticLevels(base: PlanLevel, max = 6): PlanLevel[] {
  const g = tileGrid(base);
  if (g.rows * g.cols <= 1) return [];
  const out: PlanLevel[] = [];
  for (let f = 4; out.length < max && base.tileRows % f === 0 && base.tileCols % f === 0; f *= 4) {
    out.push({
      rows: Math.ceil(base.rows / f),
      cols: Math.ceil(base.cols / f),
      scaleY: base.scaleY * f,
      scaleX: base.scaleX * f,
      offsetY: base.offsetY,
      offsetX: base.offsetX,
      tileRows: base.tileRows / f,
      tileCols: base.tileCols / f,
    });
  }
  return out;
}

/**
 * The view's velocity in base cells per ms, from the views drawn (neuroglancer's VelocityEstimator in spirit): an
 * exponential average of the centre's moves, so a view that stops moving decays to 0 within a few frames, and one
 * that starts moving after a pause starts afresh.
 */
export class VelocityEstimator {
  x = 0;
  y = 0;
  private t = Number.NaN;
  private cx = 0;
  private cy = 0;
  private width = 0;

  update(view: Rect, now: number): void {
    const cx = (view.x0 + view.x1) / 2;
    const cy = (view.y0 + view.y1) / 2;
    const width = view.x1 - view.x0;
    const dt = now - this.t;
    if (Number.isNaN(this.t) || width !== this.width) {
      // First view, or a zoom (the extent changed): no velocity from this step.
      this.x = 0;
      this.y = 0;
    } else if (dt > 0) {
      const a = dt > 500 ? 1 : 0.5;
      this.x = (1 - a) * this.x + (a * (cx - this.cx)) / dt;
      this.y = (1 - a) * this.y + (a * (cy - this.cy)) / dt;
    }
    this.t = now;
    this.cx = cx;
    this.cy = cy;
    this.width = width;
  }
}

/**
 * Tiles of `level` ahead of a moving view: the view moved by velocity × `leadMs` (at most one view extent along
 * each axis), less the tiles the view itself covers, nearest to the view first, at most `max`. None when the move
 * is under a twentieth of the view.
 */
export function aheadTiles(levels: readonly PlanLevel[], level: number, view: Rect, vx: number, vy: number, leadMs: number, max: number): TileRef[] {
  const w = view.x1 - view.x0;
  const h = view.y1 - view.y0;
  const dx = Math.max(-w, Math.min(w, vx * leadMs));
  const dy = Math.max(-h, Math.min(h, vy * leadMs));
  if (Math.abs(dx) < w / 20 && Math.abs(dy) < h / 20) return [];
  const l = levels[level] as PlanLevel;
  const own = tileRange(l, view);
  const moved: Rect = { x0: view.x0 + dx, x1: view.x1 + dx, y0: view.y0 + dy, y1: view.y1 + dy };
  const swept: Rect = { x0: Math.min(view.x0, moved.x0), x1: Math.max(view.x1, moved.x1), y0: Math.min(view.y0, moved.y0), y1: Math.max(view.y1, moved.y1) };
  const gap = (t: TileRef) => Math.max(own.row0 - t.row, t.row - own.row1 + 1, own.col0 - t.col, t.col - own.col1 + 1);
  return tilesFor(levels, level, swept)
    .filter((t) => gap(t) > 0)
    .sort((a, b) => gap(a) - gap(b))
    .slice(0, max);
}

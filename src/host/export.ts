// Figure export (wiring layer): draws the figure again at the asked pixel ratio and composes the picture canvas and
// the overlay into one canvas, over the background, in the same task as the draw (the WebGL drawing buffer is intact).
// A picture larger than the drawing buffer can hold is drawn in tiles, each into the buffer and copied into place.
import { fractionToData, type Space, type ViewRect } from '../core/camera';
import { describe, fail, HeatglError } from '../core/errors';
import type { ExportOptions } from '../types';
import type { Host } from './host';

/** The most pixels an export may have (2^27: 512 MiB of RGBA, e.g. 11585 × 11585); a larger `scale` is refused
 * before anything is drawn or allocated. */
export const EXPORT_PIXELS = 2 ** 27;

/** Longest side of the tiles a large export's picture is drawn in (lower when the drawing buffer is smaller). */
export const EXPORT_TILE = 4096;

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ExportFrame {
  /** Where the picture canvas sits in the figure, CSS pixels. */
  axes: { x: number; y: number; width: number; height: number };
  canvas: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  /** Draws the part `tile` (device pixels) of a `full`-sized picture into `canvas` at its top-left and returns it.
   * Given by figures whose picture can be larger than the drawing buffer (see exportTiled). */
  tile?: (tile: PixelRect, full: { width: number; height: number }) => HTMLCanvasElement;
}

/** Draws via `draw` at `options.scale` (default: the screen's ratio), makes the export from that frame in the same
 * task, then draws the figure again at the screen's ratio. */
export function atExportScale<T>(host: Host, options: ExportOptions, draw: () => ExportFrame, make: (scale: number, frame: ExportFrame) => T): T {
  const scale = options.scale ?? host.pixelRatio();
  if (!(typeof scale === 'number' && scale > 0 && Number.isFinite(scale))) fail(`export scale must be a positive number, got ${describe(scale)}`);
  const box = host.element.getBoundingClientRect();
  const pixels = Math.max(1, Math.round(box.width * scale)) * Math.max(1, Math.round(box.height * scale));
  if (pixels > EXPORT_PIXELS) {
    const most = Math.sqrt(EXPORT_PIXELS / Math.max(1, box.width * box.height));
    fail(`an export of this ${Math.round(box.width)} × ${Math.round(box.height)} figure at scale ${scale} would have ${pixels} pixels, over the limit of ${EXPORT_PIXELS} (2^27); use a scale up to ${Math.floor(most * 100) / 100}`);
  }
  host.exportDpr = scale;
  try {
    return make(scale, draw());
  } finally {
    host.exportDpr = 0;
    draw();
  }
}

/** Side of the export tiles for this host's drawing buffer. */
function tileSide(host: Host): number {
  return Math.max(1, Math.min(host.maxSide, EXPORT_TILE, Math.floor(Math.sqrt(host.maxPixels))));
}

/** True while exporting when a widthCss × heightCss picture at the export ratio does not fit one drawing buffer: the
 * figure then skips drawing it whole, and cellsCanvas() draws it in tiles. */
export function exportTiled(host: Host, widthCss: number, heightCss: number): boolean {
  if (host.exportDpr <= 0) return false;
  const side = tileSide(host);
  return host.devicePx(widthCss) > side || host.devicePx(heightCss) > side;
}

/** The part of `view` that the pixels `t` of a `full`-sized picture show (a tile is drawn as a view of its own). */
export function tileView(view: ViewRect, space: Space, t: PixelRect, full: { width: number; height: number }): ViewRect {
  const [ax, ay] = fractionToData(view, t.x / full.width, t.y / full.height, space);
  const [bx, by] = fractionToData(view, (t.x + t.width) / full.width, (t.y + t.height) / full.height, space);
  return { x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) };
}

/** The frame's picture at the export ratio: its canvas, or (when too large for the drawing buffer) a 2D canvas
 * assembled from tiles drawn one by one. */
export function cellsCanvas(host: Host, f: ExportFrame): HTMLCanvasElement {
  if (!f.tile || !exportTiled(host, f.axes.width, f.axes.height)) return f.canvas;
  const full = { width: host.devicePx(f.axes.width), height: host.devicePx(f.axes.height) };
  const out = document.createElement('canvas');
  out.width = full.width;
  out.height = full.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new HeatglError('Canvas2D is not available for export');
  const side = tileSide(host);
  for (let y = 0; y < full.height; y += side) {
    for (let x = 0; x < full.width; x += side) {
      const t = { x, y, width: Math.min(side, full.width - x), height: Math.min(side, full.height - y) };
      const canvas = f.tile(t, full);
      ctx.drawImage(canvas, 0, 0, t.width, t.height, x, y, t.width, t.height);
    }
  }
  return out;
}

/** Renders via `draw` at `options.scale` (default: the screen's ratio) and returns the composed canvas; the figure is
 * drawn again at the screen's ratio afterwards. */
export function exportFigure(host: Host, options: ExportOptions, draw: () => ExportFrame): HTMLCanvasElement {
  return atExportScale(host, options, draw, (scale, f) => {
    const out = document.createElement('canvas');
    out.width = f.overlay.width;
    out.height = f.overlay.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new HeatglError('Canvas2D is not available for export');
    const background = options.background ?? 'white';
    if (background !== 'transparent') {
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, out.width, out.height);
    }
    ctx.drawImage(cellsCanvas(host, f), Math.round(f.axes.x * scale), Math.round(f.axes.y * scale));
    ctx.drawImage(f.overlay, 0, 0);
    return out;
  });
}

// Figure export (wiring layer): draws the figure again at the asked pixel ratio and composes the picture canvas and
// the overlay into one canvas, over the background, in the same task as the draw (the WebGL drawing buffer is intact).
import { describe, fail, HeatglError } from '../core/errors';
import type { ExportOptions } from '../types';
import type { Host } from './host';

export interface ExportFrame {
  /** Where the picture canvas sits in the figure, CSS pixels. */
  axes: { x: number; y: number; width: number; height: number };
  canvas: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
}

/** Draws via `draw` at `options.scale` (default: the screen's ratio), makes the export from that frame in the same
 * task, then draws the figure again at the screen's ratio. */
export function atExportScale<T>(host: Host, options: ExportOptions, draw: () => ExportFrame, make: (scale: number, frame: ExportFrame) => T): T {
  const scale = options.scale ?? host.pixelRatio();
  if (!(scale > 0 && Number.isFinite(scale))) fail(`export scale must be a positive number, got ${describe(scale)}`);
  host.exportDpr = scale;
  try {
    return make(scale, draw());
  } finally {
    host.exportDpr = 0;
    draw();
  }
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
    ctx.drawImage(f.canvas, Math.round(f.axes.x * scale), Math.round(f.axes.y * scale));
    ctx.drawImage(f.overlay, 0, 0);
    return out;
  });
}

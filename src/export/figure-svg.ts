// SVG export of a figure (export layer): the cells as one embedded PNG at the export scale (matplotlib's
// rasterized=True), everything the overlay draws (ticks, labels, titles, annotations, colour bar, dendrograms) as
// vector SVG with text as text, by running the overlay's own drawing code on an SvgContext.
import { fail } from '../core/errors';
import type { Rect } from '../overlay/layout';
import { SvgContext, svgDocument } from './svg-context';

export interface FigureSvgParts {
  /** Figure size in CSS pixels. */
  width: number;
  height: number;
  /** The rendered cells (a canvas at the export scale) and where they go, CSS pixels; null for none. */
  cells: { canvas: HTMLCanvasElement; rect: Rect } | null;
  /** Output pixels per CSS pixel: the cells' canvas lands on whole output pixels, as in the PNG export. */
  scale: number;
  /** Draws the overlay with Canvas2D calls in CSS pixels. */
  draw(ctx: CanvasRenderingContext2D): void;
  /** @default 'white' */
  background?: string | undefined;
}

/** The CSS size of an export: whole output pixels at `scale`, as the PNG export's canvas has. */
export function exportSize(width: number, height: number, scale: number): [number, number] {
  return [Math.max(1, Math.round(width * scale)) / scale, Math.max(1, Math.round(height * scale)) / scale];
}

/** The PNG of a canvas as a data URL; a tainted or lost canvas is an error naming the cause. */
function pngOf(canvas: HTMLCanvasElement): string {
  const url = canvas.toDataURL('image/png');
  if (!url.startsWith('data:image/png')) fail('the browser could not encode the cells as PNG for the SVG');
  return url;
}

/** The figure's SVG body (no <svg> wrapper): cells image first, then the overlay's drawing. */
export function figureSvgBody(parts: FigureSvgParts): string {
  const overlay = new SvgContext();
  parts.draw(overlay as unknown as CanvasRenderingContext2D);
  const cells = new SvgContext();
  if (parts.cells) {
    const { canvas, rect } = parts.cells;
    const k = parts.scale;
    cells.image(pngOf(canvas), Math.round(rect.x * k) / k, Math.round(rect.y * k) / k, canvas.width / k, canvas.height / k, true);
  }
  return `${cells.group()}\n${overlay.group()}`;
}

/** A standalone SVG document of the figure. */
export function figureSvg(parts: FigureSvgParts): string {
  const [w, h] = exportSize(parts.width, parts.height, parts.scale);
  return svgDocument(w, h, figureSvgBody(parts), parts.background ?? 'white');
}

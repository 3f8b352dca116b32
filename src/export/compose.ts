// Figures made of an inner heatmap figure plus an overlay around it (export layer): the clustermap's trees and
// strips. One PNG canvas or one SVG document, with the inner figure at its offset and the overlay drawn on top.
import { HeatglError } from '../core/errors';
import { exportSize } from './figure-svg';
import { SvgContext, svgDocument } from './svg-context';

export interface ComposedFigure {
  /** Figure size, CSS pixels. */
  width: number;
  height: number;
  /** Output pixels per CSS pixel. */
  scale: number;
  /** @default 'white' */
  background?: string | undefined;
  /** Where the inner figure's top-left goes, CSS pixels. */
  at: { x: number; y: number };
  /** Draws the overlay with Canvas2D calls in CSS pixels. */
  draw(ctx: CanvasRenderingContext2D): void;
}

/** The figure as one canvas: background, the inner figure (already at `scale`), the overlay. */
export function composeCanvas(f: ComposedFigure, inner: HTMLCanvasElement): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(f.width * f.scale));
  out.height = Math.max(1, Math.round(f.height * f.scale));
  const ctx = out.getContext('2d');
  if (!ctx) throw new HeatglError('Canvas2D is not available for export');
  const background = f.background ?? 'white';
  if (background !== 'transparent') {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, out.width, out.height);
  }
  ctx.drawImage(inner, Math.round(f.at.x * f.scale), Math.round(f.at.y * f.scale));
  ctx.setTransform(f.scale, 0, 0, f.scale, 0, 0);
  f.draw(ctx);
  return out;
}

/** The figure as one SVG document: the inner figure's SVG nested at its offset, then the overlay as vectors. */
export function composeSvg(f: ComposedFigure, innerSvg: string): string {
  const ctx = new SvgContext();
  f.draw(ctx as unknown as CanvasRenderingContext2D);
  const nested = innerSvg.replace('<svg ', `<svg x="${f.at.x}" y="${f.at.y}" `);
  const [w, h] = exportSize(f.width, f.height, f.scale);
  return svgDocument(w, h, `${nested}\n${ctx.group()}`, f.background ?? 'white');
}

/** PNG bytes of a canvas. */
export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new HeatglError('the browser could not encode the PNG'))), 'image/png');
  });
}

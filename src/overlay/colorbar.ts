// The colour bar on the Canvas2D overlay (overlay layer): the LUT actually used by the shader, stretched over the bar
// with no smoothing, extension triangles in the end colours, ticks, an offset text and a label.
import type { Colormap } from '../core/colormaps';
import type { FigureLayout, Orientation, Extend } from './layout';
import { TICK_LENGTH, TICK_PAD } from './layout';

export interface ColorbarTicks {
  values: readonly number[];
  labels: readonly string[];
  /** matplotlib's offset / multiplier text ('' for none). */
  offset: string;
  /** The value range the bar's length spans (vmin..vmax, widened by matplotlib when they are equal). */
  range: readonly [number, number];
  /** Tick positions as fractions 0..1 along the bar, for non-linear norms (else computed linearly from `range`). */
  positions?: readonly number[];
}

export interface ColorbarStyle {
  orientation: Orientation;
  extend: Extend;
  /** Colours of the extension triangles (matplotlib's under / over; the LUT ends by default). */
  lowerColor?: string | undefined;
  upperColor?: string | undefined;
  /** Flat colour bands instead of the LUT stretched over the bar (BoundaryNorm), fractions 0..1 from vmin. */
  bands?: readonly { start: number; end: number; color: string }[] | undefined;
  label: string;
  font: string;
  labelFont: string;
  color: string;
}

const lutImages = new WeakMap<Colormap, HTMLCanvasElement>();

/** The LUT as an N × 1 image (cached per LUT). */
function lutImage(lut: Colormap): HTMLCanvasElement {
  let img = lutImages.get(lut);
  if (!img) {
    img = document.createElement('canvas');
    img.width = lut.n;
    img.height = 1;
    const ctx = img.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(lut.rgba), lut.n, 1), 0, 0);
    lutImages.set(lut, img);
  }
  return img;
}

function rgbaAt(lut: Colormap, i: number): string {
  const k = i * 4;
  return `rgba(${lut.rgba[k]}, ${lut.rgba[k + 1]}, ${lut.rgba[k + 2]}, ${(lut.rgba[k + 3] ?? 255) / 255})`;
}

export function drawColorbar(
  ctx: CanvasRenderingContext2D,
  layout: FigureLayout,
  lut: Colormap,
  ticks: ColorbarTicks,
  style: ColorbarStyle,
): void {
  const r = layout.cbar;
  if (!r) return;
  const vertical = style.orientation === 'vertical';
  const tri = layout.cbarTriangle;
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  if (style.bands) {
    for (const b of style.bands) {
      ctx.fillStyle = b.color;
      if (vertical) ctx.fillRect(r.x, r.y + r.height * (1 - b.end), r.width, r.height * (b.end - b.start));
      else ctx.fillRect(r.x + r.width * b.start, r.y, r.width * (b.end - b.start), r.height);
    }
  } else if (vertical) {
    // vmin at the bottom: rotate the N × 1 image so its first texel lands at the bottom of the bar.
    ctx.save();
    ctx.translate(r.x, r.y + r.height);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(lutImage(lut), 0, 0, r.height, r.width);
    ctx.restore();
  } else {
    ctx.drawImage(lutImage(lut), r.x, r.y, r.width, r.height);
  }
  const triangle = (points: [number, number][], color: string) => {
    ctx.fillStyle = color;
    ctx.beginPath();
    for (const [i, [px, py]] of points.entries()) {
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.closePath();
    ctx.fill();
  };
  const low = style.extend === 'min' || style.extend === 'both';
  const high = style.extend === 'max' || style.extend === 'both';
  if (vertical) {
    if (low) triangle([[r.x, r.y + r.height], [r.x + r.width, r.y + r.height], [r.x + r.width / 2, r.y + r.height + tri]], style.lowerColor ?? rgbaAt(lut, 0));
    if (high) triangle([[r.x, r.y], [r.x + r.width, r.y], [r.x + r.width / 2, r.y - tri]], style.upperColor ?? rgbaAt(lut, lut.n - 1));
  } else {
    if (low) triangle([[r.x, r.y], [r.x, r.y + r.height], [r.x - tri, r.y + r.height / 2]], style.lowerColor ?? rgbaAt(lut, 0));
    if (high) triangle([[r.x + r.width, r.y], [r.x + r.width, r.y + r.height], [r.x + r.width + tri, r.y + r.height / 2]], style.upperColor ?? rgbaAt(lut, lut.n - 1));
  }
  ctx.fillStyle = style.color;
  ctx.strokeStyle = style.color;
  ctx.lineWidth = 1;
  ctx.font = style.font;
  const [lo, hi] = ticks.range;
  ticks.values.forEach((v, i) => {
    const f = ticks.positions?.[i] ?? (hi > lo ? (v - lo) / (hi - lo) : 0.5);
    const text = ticks.labels[i] ?? '';
    ctx.beginPath();
    if (vertical) {
      const y = Math.round(r.y + r.height - f * r.height) + 0.5;
      ctx.moveTo(r.x + r.width, y);
      ctx.lineTo(r.x + r.width + TICK_LENGTH, y);
      ctx.stroke();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, r.x + r.width + TICK_LENGTH + TICK_PAD, y);
    } else {
      const x = Math.round(r.x + f * r.width) + 0.5;
      ctx.moveTo(x, r.y + r.height);
      ctx.lineTo(x, r.y + r.height + TICK_LENGTH);
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(text, x, r.y + r.height + TICK_LENGTH + TICK_PAD);
    }
  });
  if (ticks.offset) {
    if (vertical) {
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      ctx.fillText(ticks.offset, r.x, r.y - tri - 3);
    } else {
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(ticks.offset, r.x + r.width + tri + 4, r.y + r.height / 2);
    }
  }
  if (style.label) {
    ctx.font = style.labelFont;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (vertical) {
      ctx.translate(layout.cbarLabel.x, layout.cbarLabel.y);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(style.label, 0, 0);
    } else {
      ctx.fillText(style.label, layout.cbarLabel.x, layout.cbarLabel.y);
    }
  }
  ctx.restore();
}

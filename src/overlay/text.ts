// Text helpers for the Canvas2D overlay (overlay layer): CSS font strings and a width cache, so labels of big
// matrices are measured once, not on every frame.

export interface FontSpec {
  size: number;
  family: string;
  weight: string;
}

/** matplotlib's default font first, then what the browser has. */
export const DEFAULT_FAMILY = '"DejaVu Sans", "Bitstream Vera Sans", Verdana, "Helvetica Neue", Arial, sans-serif';

export function cssFont(f: FontSpec): string {
  return `${f.weight} ${f.size}px ${f.family}`;
}

export class TextMeasurer {
  private readonly cache = new Map<string, number>();
  private readonly ctx: CanvasRenderingContext2D;

  constructor() {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) throw new Error('Canvas2D is not available for measuring text');
    this.ctx = ctx;
  }

  width(text: string, font: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      this.ctx.font = font;
      w = this.ctx.measureText(text).width;
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(key, w);
    }
    return w;
  }

  /** Widest of the labels; for long lists the longest strings by character count stand in for all. */
  maxWidth(labels: readonly string[], font: string): number {
    let candidates = labels;
    if (labels.length > 200) candidates = [...labels].sort((a, b) => b.length - a.length).slice(0, 50);
    let max = 0;
    for (const l of candidates) max = Math.max(max, this.width(l, font));
    return max;
  }
}

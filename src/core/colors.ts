// CSS / matplotlib colour parsing (pure): '#rgb[a]', '#rrggbb[aa]', CSS4 names, rgb()/rgba(), 'transparent'/'none',
// matplotlib grey levels ('0.5') and [r, g, b(, a)] tuples in 0..1. Returns straight (not premultiplied) RGBA in 0..1.
import { CSS_NAMED_COLORS } from './css-colors-data';
import { describe, fail } from './errors';

export type RGBA = [r: number, g: number, b: number, a: number];
/** A colour: CSS string, matplotlib grey level string, or an [r, g, b] / [r, g, b, a] tuple of numbers in 0..1. */
export type ColorInput = string | readonly [number, number, number] | readonly [number, number, number, number];

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC = /^rgba?\(\s*([^)]*)\)$/i;

function channel(text: string, what: string, input: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n)) fail(`invalid ${what} "${t}" in colour ${JSON.stringify(input)}`);
  const v = pct ? n / 100 : what === 'alpha' ? n : n / 255;
  return Math.min(1, Math.max(0, v));
}

export function parseColor(color: ColorInput, what = 'colour'): RGBA {
  if (Array.isArray(color)) {
    const c = color as readonly unknown[];
    if ((c.length === 3 || c.length === 4) && c.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) {
      return [c[0] as number, c[1] as number, c[2] as number, c.length === 4 ? (c[3] as number) : 1];
    }
    fail(`${what} ${JSON.stringify(color)} is not a valid colour tuple; expected [r, g, b] or [r, g, b, a] with numbers in 0..1`);
  }
  if (typeof color !== 'string') fail(`${what} must be a CSS colour string, got ${describe(color)}`);
  const s = color.trim().toLowerCase();
  if (s === 'none' || s === 'transparent') return [0, 0, 0, 0];
  const named = CSS_NAMED_COLORS[s];
  const hexMatch = HEX.exec(named ?? s);
  if (hexMatch) {
    let h = hexMatch[1] as string;
    if (h.length <= 4) h = [...h].map((d) => d + d).join('');
    const byte = (i: number) => Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return [byte(0), byte(2), byte(4), h.length === 8 ? byte(6) : 1];
  }
  const fn = FUNC.exec(s);
  if (fn) {
    const parts = (fn[1] as string).split(/\s*[,/]\s*|\s+/).filter((p) => p !== '');
    if (parts.length === 3 || parts.length === 4) {
      return [
        channel(parts[0] as string, 'red', color),
        channel(parts[1] as string, 'green', color),
        channel(parts[2] as string, 'blue', color),
        parts.length === 4 ? channel(parts[3] as string, 'alpha', color) : 1,
      ];
    }
  }
  // matplotlib accepts a grey level as a string of a number in 0..1.
  if (/^\d*\.?\d+$/.test(s)) {
    const g = Number(s);
    if (g >= 0 && g <= 1) return [g, g, g, 1];
  }
  fail(`${what} ${JSON.stringify(color)} is not a colour; expected a CSS colour such as "#1f77b4", "steelblue", "rgb(31, 119, 180)" or "transparent"`);
}

/** RGBA in 0..1 → bytes, rounded to nearest (as matplotlib's Agg renderer does when it rasterises a float colour). */
export function toBytes(c: RGBA): [number, number, number, number] {
  return [Math.round(c[0] * 255), Math.round(c[1] * 255), Math.round(c[2] * 255), Math.round(c[3] * 255)];
}

// Colour parsing (pure), matplotlib's to_rgba plus CSS: names (CSS4, case-insensitive), '#rgb[a]', '#rrggbb[aa]',
// grey levels ('0.3'), [r, g, b(, a)] tuples in 0..1, 'C0'…'C9' (the default cycle), 'tab:…', 'xkcd:…', the single
// letters 'r' 'g' 'b' 'c' 'm' 'y' 'k' 'w', 'none', and CSS's rgb()/rgba() and 'transparent'. Straight RGBA in 0..1.
import { CSS_NAMED_COLORS } from './css-colors-data';
import { describe, fail } from './errors';
import { MPL_BASE_COLORS, MPL_CYCLE, MPL_TABLEAU_COLORS, MPL_XKCD_COLORS } from './mpl-colors-data';

export type RGBA = [r: number, g: number, b: number, a: number];
/** A colour as matplotlib takes it: a name, hex, grey level string, 'C0', 'tab:blue', 'xkcd:sky blue', CSS rgb(), or an
 * [r, g, b] / [r, g, b, a] tuple of numbers in 0..1. */
export type ColorInput = string | readonly [number, number, number] | readonly [number, number, number, number] | readonly number[];

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNC = /^rgba?\(\s*([^)]*)\)$/i;
// Python's float() syntax for a grey level (matplotlib: `float(c)` then 0 <= c <= 1).
const GREY = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function channel(text: string, what: string, input: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || !Number.isFinite(n)) fail(`invalid ${what} "${t}" in colour ${JSON.stringify(input)}`);
  const v = pct ? n / 100 : what === 'alpha' ? n : n / 255;
  return Math.min(1, Math.max(0, v));
}

function fromHex(h: string): RGBA {
  let d = h.slice(1);
  if (d.length <= 4) d = [...d].map((x) => x + x).join('');
  const byte = (i: number) => Number.parseInt(d.slice(i, i + 2), 16) / 255;
  return [byte(0), byte(2), byte(4), d.length === 8 ? byte(6) : 1];
}

/** A matplotlib name ('C3', 'tab:blue', 'xkcd:sky blue', 'r', CSS4) → RGBA, or undefined. */
function named(color: string): RGBA | undefined {
  // Own keys only: 'constructor', '__proto__' and 'toString' are not colours.
  const own = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
  const cycle = /^C(\d+)$/.exec(color);
  let hex: string | undefined;
  if (cycle) hex = MPL_CYCLE[Number(cycle[1]) % MPL_CYCLE.length];
  else if (color.length === 1) {
    // matplotlib looks single letters up case-sensitively ('R' is not a colour) and longer names in lower case.
    const base = own(MPL_BASE_COLORS, color);
    return base ? [base[0], base[1], base[2], 1] : undefined;
  } else {
    const s = color.toLowerCase();
    if (s.startsWith('tab:')) hex = own(MPL_TABLEAU_COLORS, s.slice(4));
    else if (s.startsWith('xkcd:')) hex = own(MPL_XKCD_COLORS, s.slice(5));
    else hex = own(CSS_NAMED_COLORS, s);
  }
  return hex === undefined ? undefined : fromHex(hex);
}

/**
 * Parses a colour as matplotlib's `to_rgba` does (and CSS's rgb()/rgba()/'transparent'); `what` names the option in
 * the error for anything else.
 */
export function parseColor(color: ColorInput, what = 'colour'): RGBA {
  if (Array.isArray(color)) {
    const c = color as readonly unknown[];
    if ((c.length === 3 || c.length === 4) && c.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) {
      return [c[0] as number, c[1] as number, c[2] as number, c.length === 4 ? (c[3] as number) : 1];
    }
    fail(`${what} ${JSON.stringify(color)} is not a valid colour tuple; expected [r, g, b] or [r, g, b, a] with numbers in 0..1`);
  }
  if (typeof color !== 'string') fail(`${what} must be a colour (a name, hex string or [r, g, b] tuple), got ${describe(color)}`);
  const trimmed = color.trim();
  const s = trimmed.toLowerCase();
  if (s === 'none' || s === 'transparent') return [0, 0, 0, 0];
  const known = named(trimmed);
  if (known !== undefined) return known;
  if (HEX.test(s)) return fromHex(s);
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
  if (GREY.test(s)) {
    const g = Number(s);
    if (g >= 0 && g <= 1) return [g, g, g, 1];
    fail(`${what} ${JSON.stringify(color)} is a grey level outside 0..1 (matplotlib takes '0' black … '1' white)`);
  }
  fail(
    `${what} ${JSON.stringify(color)} is not a colour; expected a name ("steelblue", "C0", "tab:blue", "xkcd:sky blue"), hex ("#1f77b4", "#1f77b480"), a grey level ("0.3"), [r, g, b] in 0..1 or "none"`,
  );
}

/** True when `v` is a single colour (a string or tuple parseColor accepts). */
export function isColor(v: unknown): boolean {
  if (typeof v !== 'string' && !Array.isArray(v)) return false;
  try {
    parseColor(v as ColorInput);
    return true;
  } catch {
    return false;
  }
}

/** RGBA in 0..1 → bytes, rounded to nearest (as matplotlib's Agg renderer does when it rasterises a float colour). */
export function toBytes(c: RGBA): [number, number, number, number] {
  return [Math.round(c[0] * 255), Math.round(c[1] * 255), Math.round(c[2] * 255), Math.round(c[3] * 255)];
}

/** A colour for Canvas2D / SVG: parsed (errors name `what`) and written as `rgba(r, g, b, a)` with byte channels. */
export function cssColor(color: ColorInput, what = 'colour'): string {
  const [r, g, b, a] = toBytes(parseColor(color, what));
  return `rgba(${r}, ${g}, ${b}, ${+(a / 255).toFixed(4)})`;
}

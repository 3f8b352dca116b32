// seaborn's row_colors / col_colors (pure): one or more bars given as colours (anything matplotlib takes, RGB tuples
// included), or as categories that get matplotlib's tab10 colours in order of first appearance (with a legend).
import { type ColorInput, cssColor, isColor } from './colors';
import { getColormap } from './colormaps';
import { describe, fail } from './errors';

/** One bar (an array with one entry per row or column), several bars, or named bars. */
export type ColorBarsInput = readonly unknown[] | readonly (readonly unknown[])[] | Readonly<Record<string, readonly unknown[]>>;

export interface ColorBars {
  /** bars[b][i]: CSS colour of row/column i (data order) in bar b. */
  bars: string[][];
  /** Each bar's name ('' when unnamed): the keys of an object of bars, seaborn's DataFrame columns / Series name. */
  names: string[];
  /** Categories that were mapped to colours, per bar (empty when the bar was given as colours). */
  legend: { label: string; color: string }[][];
}

function tab10(): string[] {
  const cm = getColormap('tab10');
  return Array.from({ length: cm.n }, (_, i) => `rgb(${cm.rgba[i * 4]}, ${cm.rgba[i * 4 + 1]}, ${cm.rgba[i * 4 + 2]})`);
}

function oneBar(values: readonly unknown[], n: number, name: string): { colors: string[]; legend: { label: string; color: string }[] } {
  if (values.length !== n) fail(`${name} has ${values.length} entries but there are ${n} ${name.startsWith('row') ? 'rows' : 'columns'}`);
  if (values.every(isColor)) return { colors: values.map((v, i) => cssColor(v as ColorInput, `${name}[${i}]`)), legend: [] };
  const palette = tab10();
  const seen = new Map<string, string>();
  const colors = values.map((v) => {
    const key = v === null || v === undefined ? '' : String(v);
    let c = seen.get(key);
    if (c === undefined) {
      c = palette[seen.size % palette.length] as string;
      seen.set(key, c);
    }
    return c;
  });
  return { colors, legend: [...seen].map(([label, color]) => ({ label, color })) };
}

export function resolveColorBars(input: ColorBarsInput | null | undefined, n: number, name: string): ColorBars {
  if (input === null || input === undefined) return { bars: [], names: [], legend: [] };
  let entries: [string, readonly unknown[]][];
  if (Array.isArray(input)) {
    // seaborn: when the first entry is a colour (an RGB tuple included) the list is one bar, else a list of bars.
    const several = input.length > 0 && Array.isArray(input[0]) && !isColor(input[0]);
    entries = several ? (input as readonly (readonly unknown[])[]).map((bar) => ['', bar]) : [['', input]];
  } else if (typeof input === 'object') {
    entries = Object.entries(input as Record<string, readonly unknown[]>);
  } else {
    fail(`${name} must be an array of colours or categories, several such arrays, or an object of them; got ${describe(input)}`);
  }
  const out: ColorBars = { bars: [], names: [], legend: [] };
  for (const [label, values] of entries) {
    if (!Array.isArray(values)) fail(`${name}${label ? `.${label}` : ''} must be an array, got ${describe(values)}`);
    const bar = oneBar(values, n, name);
    out.bars.push(bar.colors);
    out.names.push(label);
    out.legend.push(bar.legend);
  }
  return out;
}

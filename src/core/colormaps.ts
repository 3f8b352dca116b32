// Colormap registry and lookups (pure). matplotlib/seaborn names use their real LUTs (generated from matplotlib, see
// scripts/gen_colormaps.py); every other name of the `colormap` npm package is sampled to 256 shades.
// A lookup follows matplotlib's Colormap.__call__: index = floor(t * N), t == 1 → N - 1, out of range → clamped.
import colormapPackage from 'colormap';
import packageScales from 'colormap/colorScale.js';
import { type ColorInput, parseColor } from './colors';
import { MATPLOTLIB_LUTS } from './colormap-data';
import { describe, fail, quote } from './errors';

/** A colormap as a lookup table of `n` RGBA colours (straight alpha): bytes for the GPU, floats for the CPU. */
export interface Colormap {
  readonly name: string;
  readonly n: number;
  /** 4 * n bytes: the floats rounded. */
  readonly rgba: Uint8Array;
  /** 4 * n floats in 0..1 (matplotlib's to 16 bits): for decisions that bytes are too coarse for, such as
   * seaborn's annotation colour threshold on luminance. */
  readonly rgbaFloat: Float32Array;
}

function fromFloats(name: string, n: number, rgbaFloat: Float32Array): Colormap {
  return { name, n, rgbaFloat, rgba: Uint8Array.from(rgbaFloat, (f) => Math.round(f * 255)) };
}

/** A colormap name (optionally with `_r`), or a list of colours (a ListedColormap: hard steps, as in seaborn). */
export type CmapInput = string | readonly ColorInput[];

const cache = new Map<string, Colormap>();

function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | alphabet.indexOf(clean.charAt(i));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function fromMatplotlib(name: string): Colormap | undefined {
  // Own keys only: 'constructor', '__proto__' or 'toString' are no colormaps.
  if (!Object.hasOwn(MATPLOTLIB_LUTS, name)) return undefined;
  const entry = MATPLOTLIB_LUTS[name];
  if (entry === undefined) return undefined;
  const bytes = decodeBase64(entry.rgb);
  const f = new Float32Array(entry.n * 4);
  for (let i = 0; i < entry.n; i++) {
    for (let c = 0; c < 3; c++) {
      const k = (i * 3 + c) * 2;
      f[i * 4 + c] = ((bytes[k] as number) | ((bytes[k + 1] as number) << 8)) / 65535;
    }
    f[i * 4 + 3] = 1;
  }
  return fromFloats(name, entry.n, f);
}

function fromPackage(name: string): Colormap | undefined {
  if (!Object.hasOwn(packageScales, name)) return undefined;
  const n = 256;
  const shades = colormapPackage({ colormap: name, nshades: n, format: 'rgba' });
  const f = new Float32Array(n * 4);
  shades.forEach((c, i) => {
    f.set([(c[0] ?? 0) / 255, (c[1] ?? 0) / 255, (c[2] ?? 0) / 255, c[3] ?? 1], i * 4);
  });
  return fromFloats(name, n, f);
}

function reversed(cm: Colormap, name: string): Colormap {
  const f = new Float32Array(cm.rgbaFloat.length);
  for (let i = 0; i < cm.n; i++) f.set(cm.rgbaFloat.subarray((cm.n - 1 - i) * 4, (cm.n - i) * 4), i * 4);
  return fromFloats(name, cm.n, f);
}

/** Every valid colormap name (each also has a `_r` reversed form), matplotlib/seaborn names first. */
export function colormapNames(): string[] {
  const names = Object.keys(MATPLOTLIB_LUTS);
  for (const name of Object.keys(packageScales)) if (!Object.hasOwn(MATPLOTLIB_LUTS, name)) names.push(name);
  return names;
}

function byName(name: string): Colormap {
  const hit = cache.get(name);
  if (hit) return hit;
  let cm = fromMatplotlib(name) ?? fromPackage(name);
  if (cm === undefined && name.endsWith('_r')) {
    const base = fromMatplotlib(name.slice(0, -2)) ?? fromPackage(name.slice(0, -2));
    if (base !== undefined) cm = reversed(base, name);
  }
  if (cm === undefined) {
    fail(`unknown colormap ${quote(name)}; valid names (each also with "_r"): ${colormapNames().join(', ')}`);
  }
  cache.set(name, cm);
  return cm;
}

/** Resolves a cmap option: a name, a `_r` name, or a list of colours (one LUT entry each, like ListedColormap). */
export function getColormap(cmap: CmapInput): Colormap {
  if (typeof cmap === 'string') return byName(cmap);
  if (!Array.isArray(cmap)) fail(`cmap must be a colormap name or an array of colours, got ${describe(cmap)}`);
  if (cmap.length === 0) fail('cmap is an empty array; expected at least one colour');
  const f = new Float32Array(cmap.length * 4);
  cmap.forEach((c, i) => {
    f.set(parseColor(c, `cmap[${i}]`), i * 4);
  });
  return fromFloats('listed', cmap.length, f);
}

/**
 * The LUT index matplotlib's `Colormap.__call__` picks for a normalised value t (floats): floor(t * N) with
 * t * N == N → N - 1 and out-of-range values clamped (its default under/over colours are the end colours).
 */
export function lutIndex(t: number, n: number): number {
  const x = t * n;
  if (!(x >= 0)) return 0;
  if (x >= n) return n - 1;
  return Math.floor(x);
}

/**
 * seaborn's `center`: the colormap resampled to 256 colours over the part of a symmetric range
 * [center - r, center + r] (r = max(vmax - center, center - vmin)) that [vmin, vmax] covers,
 * as in seaborn.matrix._HeatMapper._determine_cmap_params — not a TwoSlopeNorm.
 */
export function centerColormap(cm: Colormap, vmin: number, vmax: number, center: number): Colormap {
  const vrange = Math.max(vmax - center, center - vmin);
  const lo = center - vrange;
  const hi = center + vrange;
  // matplotlib's Normalize returns 0 for a zero-width range.
  const norm = (v: number) => (hi === lo ? 0 : (v - lo) / (hi - lo));
  const cmin = norm(vmin);
  const cmax = norm(vmax);
  const n = 256;
  const f = new Float32Array(n * 4);
  // np.linspace: start + i * step, with the last sample set to stop exactly.
  const step = (cmax - cmin) / (n - 1);
  for (let i = 0; i < n; i++) {
    const t = i === n - 1 ? cmax : step === 0 ? cmin : i * step + cmin;
    const k = lutIndex(t, cm.n);
    f.set(cm.rgbaFloat.subarray(k * 4, k * 4 + 4), i * 4);
  }
  return fromFloats(`${cm.name} centered at ${center}`, n, f);
}

/**
 * The colormap resampled to `n` colours, like matplotlib's `cmap.resampled(n)` (get_cmap(name, n)): colour i is the
 * colormap at t = i / (n - 1), looked up in the LUT. Gives hard steps (discrete colormaps).
 */
export function resampleColormap(cm: Colormap, n: number): Colormap {
  const f = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const k = lutIndex(n === 1 ? 0 : i / (n - 1), cm.n);
    f.set(cm.rgbaFloat.subarray(k * 4, k * 4 + 4), i * 4);
  }
  return fromFloats(`${cm.name} (${n} levels)`, n, f);
}

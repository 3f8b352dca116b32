// Coordinate values as tick labels (pure). A streamed heatmap labels its cells with the store's coordinates the way
// seaborn labels a DataFrame's cells, i.e. with numpy's str() of each index value (seaborn.heatmap(da.to_pandas())):
//
//   float64            Python's repr: shortest round-trip digits, '-60.0', '1e-05', '1e+16'
//   float32 / float16  the shortest digits that round-trip at that precision ('100.1' for float32 100.1), laid out
//                      as repr lays out a float (numpy's str of the scalar)
//   integers           decimal digits (64-bit exactly, from BigInt); booleans 'True' / 'False'
//   strings            as stored
//   CF time            an integer or float coordinate whose `units` reads '<unit> since <date>' (how xarray stores a
//                      datetime64 coordinate) with a standard / gregorian / proleptic_gregorian calendar: numpy's
//                      datetime64[ns] str, '2021-12-30T00:00:00.000000000' ('NaT' for xarray's NaT fill value)
//
// Physical coordinates of an OME-Zarr (scale · index + translation) are not stored values but products of the
// transforms, so they are written with 12 significant digits and no trailing zeros ('13.15', not '13.150000000000002').
import { formatNumber } from '../core/format';
import { fromHalf, toHalf } from '../core/storage';

/** A function from a stored coordinate value to its label. */
export type LabelFormat = (v: unknown) => string;

/** Shortest decimal digits of `v` that read back as `v` through `round` (the storage precision). */
function shortest(v: number, round: (x: number) => number, maxDigits: number): number {
  for (let p = 1; p < maxDigits; p++) {
    const x = Number(v.toPrecision(p));
    if (round(x) === v) return x;
  }
  return v;
}

const f32 = Math.fround;
const f16 = (x: number) => fromHalf(toHalf(x));

/** numpy's str() of a float stored as `dtype` ('float64', 'float32', 'float16'). */
export function floatLabel(v: number, dtype: 'float64' | 'float32' | 'float16' = 'float64'): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v === 0) return formatNumber(v, ''); // '0.0' or '-0.0'
  const x = dtype === 'float32' ? shortest(v, f32, 9) : dtype === 'float16' ? shortest(v, f16, 5) : v;
  return formatNumber(x, '');
}

/** A physical coordinate computed from transforms: 12 significant digits, trailing zeros dropped. */
export function physicalLabel(v: number): string {
  return formatNumber(v, '.12g');
}

const NS: Record<string, bigint> = {
  nanoseconds: 1n,
  microseconds: 1_000n,
  milliseconds: 1_000_000n,
  seconds: 1_000_000_000n,
  minutes: 60_000_000_000n,
  hours: 3_600_000_000_000n,
  days: 86_400_000_000_000n,
};
/** Numpy's datetime64[ns] NaT, which xarray writes as the fill value of a time coordinate. */
const NAT = -(2n ** 63n);

/** The CF reference time in ns since 1970 (UTC; a time zone offset such as '+01:00' or 'Z' is honoured). */
function parseReference(text: string): bigint | undefined {
  const m = /^(-?\d{1,4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{1,2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const ms = Date.UTC(0, Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  // Date.UTC maps years 0–99 to 1900–1999: set the year separately (proleptic Gregorian).
  const date = new Date(ms);
  date.setUTCFullYear(Number(y));
  if (Number.isNaN(date.getTime())) return undefined;
  let ns = BigInt(date.getTime()) * 1_000_000n + BigInt((frac ?? '').padEnd(9, '0') || '0');
  if (tz && !/^(Z|UTC)$/i.test(tz)) {
    const t = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(tz);
    if (!t) return undefined;
    const off = (BigInt(Number(t[2])) * 60n + BigInt(Number(t[3] ?? 0))) * 60_000_000_000n;
    ns -= t[1] === '-' ? -off : off;
  }
  return ns;
}

/** numpy's str of a datetime64[ns] given in ns since 1970. */
export function datetimeLabel(ns: bigint): string {
  if (ns === NAT) return 'NaT';
  let ms = ns / 1_000_000n;
  let rest = ns % 1_000_000n;
  if (rest < 0n) {
    rest += 1_000_000n;
    ms -= 1n;
  }
  // datetime64[ns] spans the years 1678–2262, where toISOString writes four-digit years as numpy does.
  const iso = new Date(Number(ms)).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(rest).padStart(6, '0')}`;
}

/**
 * The decoder of a CF time coordinate from its attributes (`units` '<unit> since <date>', `calendar`), or undefined
 * when the attributes do not describe one that maps to numpy's datetime64 (other calendars stay numbers).
 */
export function cfTime(attrs: Readonly<Record<string, unknown>>): ((v: number | bigint) => string) | undefined {
  const units = attrs.units;
  if (typeof units !== 'string') return undefined;
  const m = /^\s*(\w+)\s+since\s+(.+)$/i.exec(units);
  if (!m) return undefined;
  // As xarray reads units: lower case, a plural 's' added when missing.
  const name = (m[1] as string).toLowerCase().replace(/([^s])$/, '$1s');
  const unit = NS[name];
  const ref = parseReference(m[2] as string);
  const cal = attrs.calendar === undefined ? 'standard' : String(attrs.calendar).toLowerCase();
  if (unit === undefined || ref === undefined || !['standard', 'gregorian', 'proleptic_gregorian'].includes(cal)) return undefined;
  return (v) => {
    if (typeof v === 'bigint') return v === NAT ? 'NaT' : datetimeLabel(ref + v * unit);
    if (!Number.isFinite(v)) return 'NaT';
    if (Number.isInteger(v)) return datetimeLabel(ref + BigInt(v) * unit);
    // A float offset: as xarray decodes it, the product in ns truncated to an integer.
    return datetimeLabel(ref + BigInt(Math.trunc(v * Number(unit))));
  };
}

/** How a coordinate array of `dtype` (a zarrita data type name) with attributes `attrs` becomes labels. */
export function labelFormat(dtype: string, attrs: Readonly<Record<string, unknown>>): LabelFormat | undefined {
  const numeric = /^(u?int(8|16|32|64)|float(16|32|64))$/.test(dtype);
  if (numeric) {
    const time = cfTime(attrs);
    if (time) return (v) => time(v as number | bigint);
  }
  if (dtype === 'float64' || dtype === 'float32' || dtype === 'float16') return (v) => floatLabel(Number(v), dtype);
  if (/^u?int(8|16|32|64)$/.test(dtype)) return (v) => String(v);
  if (dtype === 'bool') return (v) => (v ? 'True' : 'False');
  if (dtype === 'string' || dtype === 'v2:object' || /^v2:[US]\d+$/.test(dtype)) return (v) => String(v);
  return undefined;
}

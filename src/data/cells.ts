// Cell conversion shared by the loaders (pure), following pandas: its default NA strings, its spellings of
// infinity, and a labelled error (never a silent truncation) for anything that is not a number.
import { describe, fail } from '../core/errors';

/** pandas' default `na_values` (`pandas._libs.parsers.STR_NA_VALUES`), matched exactly like read_csv does. */
export const NA_STRINGS: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'n/a',
  'nan',
  'null',
]);

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0xfeff;
}

/**
 * Parses one text cell like pandas' C parser: a decimal number (surrounding spaces allowed), an NA string
 * (→ NaN) or inf / infinity in any case with an optional sign (→ ±Infinity). Returns undefined for
 * anything else, including the forms JavaScript's Number() accepts but pandas does not ('0x1f', ' ').
 */
export function parseCell(s: string): number | undefined {
  const n = +s;
  if (!Number.isNaN(n)) {
    const len = s.length;
    if (len === 0) return Number.NaN;
    let start = 0;
    let end = len;
    if (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(len - 1))) {
      while (start < end && isSpace(s.charCodeAt(start))) start++;
      while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
      if (start === end) return undefined;
    }
    // Number() reads 0x / 0o / 0b literals; pandas reads them as text.
    if (end - start > 2 && s.charCodeAt(start) === 48) {
      const c = s.charCodeAt(start + 1) | 32;
      if (c === 120 || c === 111 || c === 98) return undefined;
    }
    return n;
  }
  if (NA_STRINGS.has(s)) return Number.NaN;
  if (s.length <= 9) {
    const lower = s.toLowerCase();
    if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
    if (lower === '-inf' || lower === '-infinity') return -Infinity;
  }
  return undefined;
}

const TWO_53 = 2 ** 53;

/** A bigint as a float64, or undefined when float64 cannot hold it exactly. */
export function exactBigInt(v: bigint): number | undefined {
  const n = Number(v);
  if (Math.abs(n) < TWO_53 || BigInt(n) === v) return n;
  return undefined;
}

/**
 * Converts one value of a record or column to a number: numbers pass, null / undefined → NaN, booleans → 0/1,
 * bigints when exactly representable. Strings fail unless `coerce` (then parsed, unreadable → NaN).
 * `where` names the cell for the error message ("pivot: record 3, field \"temp\"").
 */
export function toNumber(v: unknown, coerce: boolean, where: () => string): number {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    const n = exactBigInt(v);
    if (n !== undefined) return n;
    return fail(`${where()} is ${v}n, which a float64 cannot hold exactly (nearest is ${Number(v)}); expected a number`);
  }
  if (coerce) {
    if (typeof v === 'string') return parseCell(v) ?? Number.NaN;
    return Number.NaN;
  }
  const hint = typeof v === 'string' ? ' (pass coerce: true to read strings as numbers, unreadable ones as NaN)' : '';
  return fail(`${where()} is ${v instanceof Date ? 'a Date' : describe(v)}; expected a number${hint}`);
}

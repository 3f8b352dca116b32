// Python's format-spec mini-language for numbers (pure): formatNumber(v, spec) is, character for character, what
// CPython 3.11 prints for format(float(v), spec) — the strings seaborn's `annot=True, fmt=...` draws in each cell.
//
//   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
//
// A port of CPython's Python/formatter_unicode.c (spec parsing, padding, grouping) and of format_float_short in
// Python/pystrtod.c (digits → fixed / exponent layout). Digits are exact: every double is a finite binary fraction,
// and Python rounds its exact decimal expansion half-to-even (format(0.125, '.2f') = '0.12', format(2.675, '.2f') =
// '2.67' because 2.675 is 2.67499999…). The engine's toFixed / toExponential are exact too (ECMA-262 asks for the
// closest decimal) but break exact ties upward, so they are used only when the value provably is not an exact tie at
// the rounding digit; ties — and precisions beyond the engine's 100-digit limit — take an exact BigInt path. The
// no-type shortest form (repr) uses the engine's shortest round-trip digits, which, like Python's, are the closest
// shortest string.
//
// Integers: JavaScript has one number type, so `kind` says which Python type a value stands for. With the default
// 'float', the integer presentation types (d b o x X c), which Python rejects for floats, format an integer-valued
// number as the Python int would (seaborn users pass fmt='d' with integer data); any other value throws Python's
// "Unknown format code 'd' for object of type 'float'". With kind 'int' the value must be an integer and every spec
// behaves as for format(int(v), spec) (no type means 'd'; e f g % convert to float as Python does; 'n' is 'd').
// b o x X (with '#' prefixes and '_' grouping by four) and c are supported for integers.
//
// Locale: 'n' uses the C locale, as a Python that never called locale.setlocale does — '.' and no grouping.
// Errors are HeatglError with Python's ValueError / OverflowError message, thrown where Python would throw.
import { clip, describe, fail } from './errors';

/** Which Python type a number stands for: 'float' (default) or 'int' (the value must be an integer). */
export type NumberKind = 'float' | 'int';

/** A parsed format spec (Python's InternalFormatSpec). */
export interface FormatSpec {
  /** One code point (default ' '; '0' from the zero flag). */
  readonly fill: string;
  readonly align: '<' | '>' | '=' | '^';
  /** '' when not given (same as '-'). */
  readonly sign: '' | '+' | '-' | ' ';
  /** The 'z' flag: negative zero (after rounding) prints as positive zero. */
  readonly noNegZero: boolean;
  /** The '#' flag. */
  readonly alternate: boolean;
  /** Minimum width in code points; -1 when not given. */
  readonly width: number;
  readonly grouping: '' | ',' | '_';
  /** -1 when not given. */
  readonly precision: number;
  /** The presentation type, one code point; '' when not given. */
  readonly type: string;
}

const PY_SSIZE_T_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;
const FLOAT_TYPES = 'eEfFgGn%';
const INT_TYPES = 'bcdoxXn';

// ---------------------------------------------------------------------------------------------------------------
// Parsing (parse_internal_render_format_spec)

const isAlign = (c: string | undefined): c is FormatSpec['align'] => c === '<' || c === '>' || c === '=' || c === '^';

/** Value of a Unicode decimal digit (Nd), or -1. Python's int parsing of width/precision accepts any Nd digit. */
function digitValue(c: string): number {
  const cp = c.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 128 || !/^\p{Nd}$/u.test(c)) return -1;
  // Nd digits are encoded in contiguous runs of 0..9 (a Unicode stability policy); runs may abut.
  let n = 0;
  while (/^\p{Nd}$/u.test(String.fromCodePoint(cp - n - 1))) n++;
  return n % 10;
}

/** get_integer: reads digits at cps[pos]; returns [value, next pos, digits consumed]. */
function getInteger(cps: readonly string[], pos: number): [number, number, number] {
  const start = pos;
  let acc = 0n;
  let small = 0;
  while (pos < cps.length) {
    const d = digitValue(cps[pos]!);
    if (d < 0) break;
    if (pos - start < 15) small = small * 10 + d;
    else {
      if (pos - start === 15) acc = BigInt(small);
      acc = acc * 10n + BigInt(d);
      if (acc > PY_SSIZE_T_MAX) fail('Too many decimal digits in format string');
    }
    pos++;
  }
  return [pos - start > 15 ? Number(acc) : small, pos, pos - start];
}

/** Python's repr of a presentation type in error messages: 'x', or '\x1' for control / non-ASCII code points. */
function typeRepr(t: string): string {
  const cp = t.codePointAt(0)!;
  return cp > 32 && cp < 128 ? t : `\\x${cp.toString(16)}`;
}

/**
 * Parses a format spec as Python does for a float (kind 'float') or an int (kind 'int'); the kind only changes the
 * type named in "Invalid format specifier ... for object of type 'float'". Throws with Python's ValueError message.
 */
export function parseFormatSpec(spec: string, kind: NumberKind = 'float'): FormatSpec {
  if (typeof spec !== 'string') fail(`format spec must be a string, got ${describe(spec)}`);
  if (kind !== 'float' && kind !== 'int') fail(`kind must be 'float' or 'int', got ${describe(kind)}`);
  const cps = Array.from(spec);
  const end = cps.length;
  let pos = 0;
  let fill = ' ';
  let align: FormatSpec['align'] = '>';
  let fillSpecified = false;
  let alignSpecified = false;
  let sign: FormatSpec['sign'] = '';
  let noNegZero = false;
  let alternate = false;
  let width = -1;
  let grouping: FormatSpec['grouping'] = '';
  let precision = -1;
  let type = '';

  if (end - pos >= 2 && isAlign(cps[pos + 1])) {
    align = cps[pos + 1] as FormatSpec['align'];
    fill = cps[pos]!;
    fillSpecified = alignSpecified = true;
    pos += 2;
  } else if (end - pos >= 1 && isAlign(cps[pos])) {
    align = cps[pos] as FormatSpec['align'];
    alignSpecified = true;
    pos++;
  }
  const c0 = cps[pos];
  if (c0 === '+' || c0 === '-' || c0 === ' ') {
    sign = c0;
    pos++;
  }
  if (cps[pos] === 'z') {
    noNegZero = true;
    pos++;
  }
  if (cps[pos] === '#') {
    alternate = true;
    pos++;
  }
  if (!fillSpecified && cps[pos] === '0') {
    fill = '0';
    if (!alignSpecified) align = '=';
    pos++;
  }
  let consumed: number;
  [width, pos, consumed] = getInteger(cps, pos);
  if (consumed === 0) width = -1;
  if (cps[pos] === ',') {
    grouping = ',';
    pos++;
  }
  if (cps[pos] === '_') {
    if (grouping !== '') fail("Cannot specify both ',' and '_'.");
    grouping = '_';
    pos++;
  }
  if (cps[pos] === ',' && grouping === '_') fail("Cannot specify both ',' and '_'.");
  if (cps[pos] === '.') {
    [precision, pos, consumed] = getInteger(cps, pos + 1);
    if (consumed === 0) fail('Format specifier missing precision');
  }
  if (end - pos > 1) fail(`Invalid format specifier '${clip(spec)}' for object of type '${kind}'`);
  if (end - pos === 1) type = cps[pos]!;
  if (grouping !== '') {
    const t = type === '' ? (kind === 'int' ? 'd' : '') : type;
    const ok = t === '' || 'deEfFgG%'.includes(t) || (grouping === '_' && 'boxX'.includes(t));
    if (!ok) fail(`Cannot specify '${grouping}' with '${typeRepr(t)}'.`);
  }
  return { fill, align, sign, noNegZero, alternate, width, grouping, precision, type };
}

// ---------------------------------------------------------------------------------------------------------------
// Exact decimal digits of a double

/** Decimal digits without trailing zeros ('' when the value rounded to zero) and the decimal point position:
 *  value = 0.DIGITS × 10^decpt (dtoa's convention; zero itself is { digits: '0', decpt: 1 }). */
export interface DecimalDigits {
  readonly digits: string;
  readonly decpt: number;
}

const view = new DataView(new ArrayBuffer(8));
// x = oddM × 2^oddE with oddM odd: set by decompose() (x finite, > 0).
let oddM = 0;
let oddE = 0;

function decompose(x: number): void {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const top = biased === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  const e = biased === 0 ? -1074 : biased - 1075;
  const tz = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 63 - Math.clz32(top & -top);
  oddM = (top * 4294967296 + lo) / 2 ** tz;
  oddE = e + tz;
}

/** Is x (decomposed) exactly halfway between two multiples of 10^-k? Only then can the engine's round-half-up
 *  differ from Python's round-half-even. x·10^k·2 must be an odd integer: oddE = -(k+1), and for k < 0 also
 *  5^-k | oddM (impossible beyond 5^22 > 2^53 > oddM). */
function isTie(k: number): boolean {
  return oddE === -(k + 1) && (k >= 0 || (k >= -22 && oddM % 5 ** -k === 0));
}

const pow10cache: bigint[] = [];
function pow10(n: number): bigint {
  if (n >= 300) return 10n ** BigInt(n);
  let p = pow10cache[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    pow10cache[n] = p;
  }
  return p;
}

/** round-half-even(x · 10^k) for the decomposed x, exactly. */
function scaledRound(k: number): bigint {
  let num = BigInt(oddM);
  let den = 1n;
  if (oddE >= 0) num <<= BigInt(oddE);
  else den <<= BigInt(-oddE);
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  const q = num / den;
  const twice = (num - q * den) * 2n;
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** Exact floor(log10(x)) for the decomposed x, from an estimate off by at most one. */
function exactLog10(x: number): number {
  let e = Math.floor(Math.log10(x));
  const a = oddE >= 0 ? BigInt(oddM) << BigInt(oddE) : BigInt(oddM);
  const b = oddE >= 0 ? 1n : 1n << BigInt(-oddE);
  // x >= 10^n  <=>  a >= b·10^n
  const atLeast = (n: number): boolean => (n >= 0 ? a >= b * pow10(n) : a * pow10(-n) >= b);
  while (!atLeast(e)) e--;
  while (atLeast(e + 1)) e++;
  return e;
}

function stripZeros(s: string): string {
  let j = s.length;
  while (j > 0 && s.charCodeAt(j - 1) === 48) j--;
  return j === s.length ? s : s.slice(0, j);
}

/** Parses the engine's exponential form "d.ddde+n" into dtoa's { digits, decpt }. */
function fromExponential(s: string): DecimalDigits {
  const iE = s.indexOf('e');
  const mant = iE === 1 ? s.slice(0, 1) : s[0] + s.slice(2, iE);
  return { digits: stripZeros(mant), decpt: +s.slice(iE + 1) + 1 };
}

const ZERO: DecimalDigits = { digits: '0', decpt: 1 };

/**
 * Decimal digits of a finite x >= 0 as CPython's _Py_dg_dtoa gives them:
 * mode 'r': the shortest string that round-trips; 'e': `n` >= 1 significant digits; 'f': `n` digits after the point.
 * Rounding is half-to-even on the exact binary value. `exact` forces the BigInt path (for tests).
 */
export function decimalDigits(x: number, mode: 'r' | 'e' | 'f', n: number, exact = false): DecimalDigits {
  if (x === 0) return ZERO;
  if (mode === 'r') return fromExponential(x.toExponential());
  decompose(x);
  if (mode === 'e') {
    if (!exact && n <= 101) {
      const s = x.toExponential(n - 1);
      const iE = s.indexOf('e');
      // A carry to the next power of ten leaves the exponent one too high; the check is then off, but a tie there
      // rounds up (…9|5 is odd) under both rules, and a false alarm only costs the exact path.
      if (!isTie(n - 1 - +s.slice(iE + 1))) return fromExponential(s);
    }
    const e10 = exactLog10(x);
    const q = scaledRound(n - 1 - e10);
    if (q === pow10(n)) return { digits: '1', decpt: e10 + 2 };
    return { digits: stripZeros(q.toString()), decpt: e10 + 1 };
  }
  if (!exact && n <= 100 && x < 1e21 && !isTie(n)) {
    const s = x.toFixed(n);
    const dot = s.indexOf('.');
    const all = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
    let z = 0;
    while (z < all.length && all.charCodeAt(z) === 48) z++;
    return { digits: stripZeros(all.slice(z)), decpt: (dot < 0 ? s.length : dot) - z };
  }
  const q = scaledRound(n);
  if (q === 0n) return { digits: '', decpt: -n };
  const s = q.toString();
  return { digits: stripZeros(s), decpt: s.length - n };
}

// ---------------------------------------------------------------------------------------------------------------
// Float → string without padding (PyOS_double_to_string / format_float_short)

function isZeroText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 48 && c !== 46) return false;
  }
  return true;
}

function floatToString(
  x: number,
  code: 'e' | 'f' | 'g' | 'r',
  precision: number,
  upper: boolean,
  alt: boolean,
  addDot0: boolean,
  noNegZero: boolean,
): string {
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  let neg = x < 0 || (x === 0 && 1 / x < 0);
  const ax = neg ? -x : x;
  if (ax === Infinity) return `${neg ? '-' : ''}${upper ? 'INF' : 'inf'}`;
  // Fast paths: the engine's toFixed / toExponential text already is Python's layout when no tie is involved.
  if (code === 'f' && precision <= 100 && ax < 1e21) {
    decompose(ax);
    if (ax === 0 || !isTie(precision)) {
      let body = ax.toFixed(precision);
      if (alt && precision === 0) body += '.';
      if (neg && noNegZero && isZeroText(body)) neg = false;
      return neg ? `-${body}` : body;
    }
  } else if (code === 'e' && precision <= 100) {
    const t = ax.toExponential(precision);
    const iE = t.indexOf('e');
    decompose(ax);
    if (ax === 0 || !isTie(precision - +t.slice(iE + 1))) {
      const mant = alt && precision === 0 ? `${t.slice(0, iE)}.` : t.slice(0, iE);
      const exp = t.slice(iE + 2);
      if (neg && noNegZero && ax === 0) neg = false;
      return `${neg ? '-' : ''}${mant}${upper ? 'E' : 'e'}${t[iE + 1]}${exp.length < 2 ? '0' : ''}${exp}`;
    }
  }
  let d: DecimalDigits;
  if (code === 'e') {
    precision++;
    d = decimalDigits(ax, 'e', precision);
  } else if (code === 'g') {
    if (precision === 0) precision = 1;
    d = decimalDigits(ax, 'e', precision);
  } else d = decimalDigits(ax, code, precision);
  const digits = d.digits;
  let decpt = d.decpt;
  const n = digits.length;
  if (noNegZero && neg && (n === 0 || digits === '0')) neg = false;

  let vEnd = n;
  let useExp = false;
  if (code === 'e') {
    useExp = true;
    vEnd = precision;
  } else if (code === 'f') vEnd = decpt + precision;
  else if (code === 'g') {
    if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
    if (alt) vEnd = precision;
  } else if (decpt <= -4 || decpt > 16) useExp = true;
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = Math.max(vEnd, decpt);

  let out = neg ? '-' : '';
  if (decpt <= 0) out += `${'0'.repeat(decpt - vStart)}.${'0'.repeat(-decpt)}`;
  if (decpt > 0 && decpt <= n) out += `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  else out += digits;
  if (n < decpt) out += `${'0'.repeat(decpt - n)}.${'0'.repeat(vEnd - decpt)}`;
  else out += '0'.repeat(vEnd - n);
  if (!alt && out.charCodeAt(out.length - 1) === 46) out = out.slice(0, -1);
  if (useExp) {
    const a = exp < 0 ? -exp : exp;
    out += `${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Padding and grouping (calc_number_widths / fill_number / _PyUnicode_InsertThousandsGrouping)

/** Groups `digits` from the right in groups of `size` (0: no grouping), left-padding with '0' up to minWidth. */
function groupDigits(digits: string, minWidth: number, size: number, sep: string): string {
  let remaining = digits.length;
  if (minWidth < 0) minWidth = 0;
  if (size === 0) return remaining >= minWidth ? digits : '0'.repeat(minWidth - remaining) + digits;
  let out = '';
  let pos = remaining;
  let useSep = false;
  for (;;) {
    const len = Math.min(size, Math.max(remaining, minWidth, 1));
    const nZeros = Math.max(0, len - remaining);
    const nChars = Math.max(0, Math.min(remaining, len));
    out = '0'.repeat(nZeros) + digits.slice(pos - nChars, pos) + (useSep ? sep : '') + out;
    pos -= nChars;
    useSep = true;
    remaining -= nChars;
    minWidth -= len;
    if (remaining <= 0 && minWidth <= 0) return out;
    minWidth -= sep.length;
  }
}

function layout(
  s: FormatSpec,
  neg: boolean,
  prefix: string,
  digits: string,
  hasDecimal: boolean,
  remainder: string,
  remainderLen: number,
  groupSize: number,
  sep: string,
): string {
  const sign = signText(s, neg);
  const nonDigit = sign.length + prefix.length + (hasDecimal ? 1 : 0) + remainderLen;
  const minWidth = s.fill === '0' && s.align === '=' ? s.width - nonDigit : 0;
  const grouped = digits.length === 0 ? '' : groupDigits(digits, minWidth, groupSize, sep);
  const body = `${grouped}${hasDecimal ? '.' : ''}${remainder}`;
  return pad(s, sign, prefix, body, s.width - (nonDigit + grouped.length));
}

const signText = (s: FormatSpec, neg: boolean): string =>
  s.sign === '+' ? (neg ? '-' : '+') : s.sign === ' ' ? (neg ? '-' : ' ') : neg ? '-' : '';

/** Places `nPad` fill characters for the alignment around sign + prefix + body. */
function pad(s: FormatSpec, sign: string, prefix: string, body: string, nPad: number): string {
  if (nPad <= 0) return sign + prefix + body;
  switch (s.align) {
    case '<':
      return sign + prefix + body + s.fill.repeat(nPad);
    case '^': {
      const left = nPad >> 1;
      return s.fill.repeat(left) + sign + prefix + body + s.fill.repeat(nPad - left);
    }
    case '=':
      return sign + prefix + s.fill.repeat(nPad) + body;
    default:
      return s.fill.repeat(nPad) + sign + prefix + body;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// float.__format__ and int.__format__

function unknownType(type: string, kind: NumberKind): never {
  fail(`Unknown format code '${typeRepr(type)}' for object of type '${kind}'`);
}

function formatFloat(x: number, s: FormatSpec): string {
  if (s.precision > INT_MAX) fail('precision too big');
  let type = s.type;
  let precision = s.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  let addPct = false;
  let code: 'e' | 'f' | 'g' | 'r';
  const upper = type === 'E' || type === 'F' || type === 'G';
  if (type === '') {
    addDot0 = true;
    code = 'r';
    defaultPrecision = 0;
  } else if (type === '%') {
    code = 'f';
    x *= 100;
    addPct = true;
  } else {
    if (type === 'n') type = 'g';
    code = type.toLowerCase() as 'e' | 'f' | 'g';
  }
  if (precision < 0) precision = defaultPrecision;
  else if (code === 'r') code = 'g';
  let buf = floatToString(x, code, precision, upper, s.alternate, addDot0, s.noNegZero);
  if (addPct) buf += '%';
  const neg = buf.charCodeAt(0) === 45;
  const i = neg ? 1 : 0;
  const grouped = s.grouping !== '' && s.type !== 'n';
  if (!grouped && (s.fill !== '0' || s.align !== '=')) {
    // No grouping and no zero padding inside the digits: the number's text goes through whole (all ASCII).
    const sign = signText(s, neg);
    const body = neg ? buf.slice(1) : buf;
    return s.width < 0 ? sign + body : pad(s, sign, '', body, s.width - sign.length - body.length);
  }
  let j = i;
  while (j < buf.length && buf.charCodeAt(j) >= 48 && buf.charCodeAt(j) <= 57) j++;
  const hasDecimal = buf.charCodeAt(j) === 46;
  const remainder = buf.slice(hasDecimal ? j + 1 : j);
  return layout(s, neg, '', buf.slice(i, j), hasDecimal, remainder, remainder.length, grouped ? 3 : 0, s.grouping);
}

function formatInt(v: number, s: FormatSpec): string {
  if (s.precision !== -1) fail('Precision not allowed in integer format specifier');
  if (s.noNegZero) fail('Negative zero coercion (z) not allowed in integer format specifier');
  const type = s.type === '' ? 'd' : s.type;
  if (type === 'c') {
    if (s.sign !== '') fail("Sign not allowed with integer format specifier 'c'");
    if (s.alternate) fail("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v >= 2 ** 63 || v < -(2 ** 63)) fail('Python int too large to convert to C long');
    if (v < 0 || v > 0x10ffff) fail('%c arg not in range(0x110000)');
    return layout(s, false, '', '', false, String.fromCodePoint(v), 1, 0, '');
  }
  const base = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  const neg = v < 0;
  const a = neg ? -v : v;
  let digits = a <= 9007199254740992 ? a.toString(base) : BigInt(a).toString(base);
  let prefix = s.alternate && base !== 10 ? `0${type}` : '';
  if (type === 'X') {
    digits = digits.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  const groupSize = s.grouping === '' || type === 'n' ? 0 : base === 10 ? 3 : 4;
  return layout(s, neg, prefix, digits, false, '', 0, groupSize, s.grouping);
}

function formatWith(value: number, s: FormatSpec, kind: NumberKind): string {
  if (typeof value !== 'number') fail(`formatNumber needs a number, got ${describe(value)}`);
  const type = s.type;
  if (kind === 'int') {
    if (!Number.isInteger(value)) fail(`formatNumber: kind 'int' needs an integer value, got ${value}`);
    if (type === '' || INT_TYPES.includes(type)) return formatInt(value, s);
    if (FLOAT_TYPES.includes(type)) return formatFloat(value, s);
    return unknownType(type, 'int');
  }
  if (type === '' || FLOAT_TYPES.includes(type)) return formatFloat(value, s);
  if (INT_TYPES.includes(type) && Number.isInteger(value)) return formatInt(value, s);
  return unknownType(type, 'float');
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

const cache: Record<NumberKind, Map<string, FormatSpec>> = { float: new Map(), int: new Map() };

function cachedSpec(spec: string, kind: NumberKind): FormatSpec {
  const m = cache[kind];
  if (m === undefined) fail(`kind must be 'float' or 'int', got ${describe(kind)}`);
  let s = m.get(spec);
  if (s === undefined) {
    s = parseFormatSpec(spec, kind);
    if (m.size >= 256) m.clear();
    m.set(spec, s);
  }
  return s;
}

/**
 * format(v, spec) exactly as CPython 3.11 prints it for a Python float (or, with kind 'int', for a Python int).
 * Throws (HeatglError) with Python's ValueError message for specs Python rejects.
 *
 * @example formatNumber(0.125, '.2f') === '0.12'; formatNumber(1234.5, ',.1f') === '1,234.5';
 *          formatNumber(0.256, '.1%') === '25.6%'; formatNumber(42, 'd') === '42'; formatNumber(1e16, '') === '1e+16'
 */
export function formatNumber(value: number, spec: string, kind: NumberKind = 'float'): string {
  return formatWith(value, cachedSpec(spec, kind), kind);
}

/** Parses `spec` once (throwing now if Python would reject it) and returns a formatter for many values. */
export function makeFormatter(spec: string, kind: NumberKind = 'float'): (value: number) => string {
  const s = parseFormatSpec(spec, kind);
  // Types valid for neither a float nor an int fail now; 'd' with a non-integer float fails per value.
  if (s.type !== '' && !FLOAT_TYPES.includes(s.type) && !INT_TYPES.includes(s.type)) unknownType(s.type, kind);
  return (value: number) => formatWith(value, s, kind);
}

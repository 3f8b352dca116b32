import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decimalDigits, formatNumber, makeFormatter, parseFormatSpec } from '../../src/core/format';

// Ground truth from CPython 3.11 (test/fixtures/gen_format.py): [value, spec, expected | message, "int"?].
type Value = number | 'nan' | 'inf' | '-inf' | '-0.0';
type Row = [Value, string, string] | [Value, string, string, 'int'];
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/format.json'), 'utf8')) as {
  python: string;
  cases: Row[];
  errors: Row[];
};
const num = (v: Value): number =>
  v === 'nan' ? Number.NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0.0' ? -0 : v;
const kindOf = (row: Row) => (row[3] === 'int' ? 'int' : 'float');
const show = (row: Row) => `format(${row[3] === 'int' ? 'int' : 'float'}(${row[0]}), ${JSON.stringify(row[1])})`;

function errorOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

describe(`formatNumber matches CPython ${fixture.python} format() on every fixture`, () => {
  test('fixture is substantial', () => {
    expect(fixture.cases.length).toBeGreaterThan(800);
    expect(fixture.errors.length).toBeGreaterThan(40);
  });

  test('formatNumber(value, spec[, "int"])', () => {
    const bad: string[] = [];
    for (const row of fixture.cases) {
      let got: string;
      try {
        got = formatNumber(num(row[0]), row[1], kindOf(row));
      } catch (e) {
        got = `threw ${(e as Error).message}`;
      }
      if (got !== row[2]) bad.push(`${show(row)}: got ${JSON.stringify(got)}, Python ${JSON.stringify(row[2])}`);
    }
    expect(bad).toEqual([]);
  });

  test('makeFormatter(spec) gives the same strings', () => {
    const bad: string[] = [];
    for (const row of fixture.cases) {
      const got = makeFormatter(row[1], kindOf(row))(num(row[0]));
      if (got !== row[2]) bad.push(`${show(row)}: got ${JSON.stringify(got)}, Python ${JSON.stringify(row[2])}`);
    }
    expect(bad).toEqual([]);
  });

  test('integer presentation types (d b o x X c) format integer-valued numbers as Python ints by default', () => {
    const bad: string[] = [];
    let n = 0;
    for (const row of fixture.cases) {
      const type = Array.from(row[1]).at(-1) ?? '';
      if (row[3] !== 'int' || !'bcdoxX'.includes(type) || row[1] === '') continue;
      n++;
      const got = formatNumber(num(row[0]), row[1]);
      if (got !== row[2]) bad.push(`${show(row)}: got ${JSON.stringify(got)}, Python ${JSON.stringify(row[2])}`);
    }
    expect(n).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  test('specs Python rejects throw with the message of its ValueError', () => {
    const bad: string[] = [];
    for (const row of fixture.errors) {
      const msg = errorOf(() => formatNumber(num(row[0]), row[1], kindOf(row)));
      const msg2 = errorOf(() => makeFormatter(row[1], kindOf(row))(num(row[0])));
      if (msg !== row[2] || msg2 !== row[2]) bad.push(`${show(row)}: got ${msg} / ${msg2}, Python ${row[2]}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('formatNumber: documented behaviour', () => {
  test('round half to even on the exact binary value', () => {
    expect(formatNumber(0.125, '.2f')).toBe('0.12');
    expect(formatNumber(0.375, '.2f')).toBe('0.38');
    expect(formatNumber(2.675, '.2f')).toBe('2.67');
    expect(formatNumber(1.005, '.2f')).toBe('1.00');
    expect([0.5, 1.5, 2.5, 3.5].map((v) => formatNumber(v, '.0f'))).toEqual(['0', '2', '2', '4']);
    expect(formatNumber(25, '.0e')).toBe('2e+01');
    expect(formatNumber(1e300, '.2f')).toBe(`${BigInt(1e300)}.00`);
    expect(formatNumber(1e21, 'f')).toBe('1000000000000000000000.000000');
  });

  test('no type: repr with at least one digit after the point; with precision, g-like', () => {
    expect(formatNumber(1, '')).toBe('1.0');
    expect(formatNumber(1e16, '')).toBe('1e+16');
    expect(formatNumber(1.5e-5, '')).toBe('1.5e-05');
    expect(formatNumber(0.1 + 0.2, '')).toBe('0.30000000000000004');
    expect(formatNumber(12, '.3')).toBe('12.0');
    expect(formatNumber(123, '.3')).toBe('1.23e+02');
    expect(formatNumber(123, '.3g')).toBe('123');
  });

  test('nan, inf, negative zero and z', () => {
    expect(formatNumber(Number.NaN, 'E')).toBe('NAN');
    expect(formatNumber(-Infinity, '.2f')).toBe('-inf');
    expect(formatNumber(Number.NaN, '010')).toBe('0000000nan'); // Python zero-pads nan and inf
    expect(formatNumber(-0, '')).toBe('-0.0');
    expect(formatNumber(-0, '.2f')).toBe('-0.00');
    expect(formatNumber(-0.0001, 'z.2f')).toBe('0.00');
    expect(formatNumber(-0.0001, '.2f')).toBe('-0.00');
  });

  test('grouping, zero padding and alignment', () => {
    expect(formatNumber(1234567.891, ',.2f')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, '_.2f')).toBe('1_234_567.89');
    expect(formatNumber(1234.5, '012,.1f')).toBe('00,001,234.5');
    expect(formatNumber(-1234.5, '=+015,.2f')).toBe('-000,001,234.50');
    expect(formatNumber(1.5, '*^9')).toBe('***1.5***');
    expect(formatNumber(1.5, '😀<5')).toBe('1.5😀😀');
    expect(formatNumber(0.256, '.1%')).toBe('25.6%');
  });

  test("'d' on floats: integer values format as Python ints, others throw Python's error", () => {
    expect(formatNumber(42, 'd')).toBe('42');
    expect(formatNumber(-1234567, ',d')).toBe('-1,234,567');
    expect(formatNumber(1e21, 'd')).toBe('1000000000000000000000');
    expect(formatNumber(255, '#x')).toBe('0xff');
    expect(() => formatNumber(1.5, 'd')).toThrow("Unknown format code 'd' for object of type 'float'");
    expect(() => formatNumber(Number.NaN, 'd')).toThrow("Unknown format code 'd' for object of type 'float'");
  });

  test("kind 'int' is Python int semantics", () => {
    expect(formatNumber(5, '', 'int')).toBe('5');
    expect(formatNumber(5, '')).toBe('5.0');
    expect(formatNumber(1234567, 'n', 'int')).toBe('1234567');
    expect(formatNumber(1234567, 'n')).toBe('1.23457e+06');
    expect(formatNumber(5, '.2f', 'int')).toBe('5.00');
    expect(() => formatNumber(1.5, 'd', 'int')).toThrow(/integer/);
    expect(() => formatNumber(5, '.2d', 'int')).toThrow('Precision not allowed in integer format specifier');
  });

  test('parseFormatSpec', () => {
    expect(parseFormatSpec('*^+z#015,.3f')).toEqual({
      fill: '*',
      align: '^',
      sign: '+',
      noNegZero: true,
      alternate: true,
      width: 15,
      grouping: ',',
      precision: 3,
      type: 'f',
    });
    expect(parseFormatSpec('')).toMatchObject({ fill: ' ', align: '>', width: -1, precision: -1, type: '' });
    expect(parseFormatSpec('08.2f')).toMatchObject({ fill: '0', align: '=', width: 8 });
    expect(() => parseFormatSpec('.2fx')).toThrow("Invalid format specifier '.2fx' for object of type 'float'");
    expect(() => makeFormatter('s')).toThrow("Unknown format code 's' for object of type 'float'");
  });
});

describe('digit generation', () => {
  // Seeded xorshift so failures reproduce.
  let seed = 0x9e3779b9;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const randomDouble = () => {
    const r = rand();
    if (r < 0.4) return (1 + rand() * 9) * 10 ** Math.floor(rand() * 25 - 12);
    if (r < 0.6) return Math.round(rand() * 100000) / 2 ** Math.floor(rand() * 12); // exact binary ties
    if (r < 0.7) return Math.floor(rand() * 1e6) * 10 ** Math.floor(rand() * 8) + 5 * 10 ** Math.floor(rand() * 3);
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, Math.floor(rand() * 0x7fefffff));
    view.setUint32(4, Math.floor(rand() * 4294967296));
    return view.getFloat64(0);
  };

  test('the fast path (engine toFixed / toExponential) agrees with the exact BigInt path', () => {
    const bad: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = randomDouble();
      const p = 1 + Math.floor(rand() * 20);
      const f = Math.floor(rand() * 20);
      const fast = decimalDigits(x, 'e', p);
      const exact = decimalDigits(x, 'e', p, true);
      if (fast.digits !== exact.digits || fast.decpt !== exact.decpt) bad.push(`e ${x} ${p}`);
      if (x < 1e21) {
        const ff = decimalDigits(x, 'f', f);
        const fe = decimalDigits(x, 'f', f, true);
        if (ff.digits !== fe.digits || ff.decpt !== fe.decpt) bad.push(`f ${x} ${f}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('formatting 100k values with .2g completes', () => {
    const fmt = makeFormatter('.2g');
    let chars = 0;
    for (let i = 0; i < 100_000; i++) chars += fmt((i - 50_000) * 0.0137).length;
    for (let i = 0; i < 100_000; i++) chars += formatNumber(i * 1.1e-3, '.2g').length;
    expect(chars).toBeGreaterThan(0);
  });
});

import { resolve } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { type CsvOptions, type CsvProgress, fromCSV, fromCSVSync } from '../../src/data/csv';
import { parseCell } from '../../src/data/cells';
import { pandasNames } from '../../src/data/csv-table';
import { expectTable, type FixtureTable, fixtureDir, readBytes, readFixture } from '../fixtures/data/load';

interface CsvCase extends FixtureTable {
  file: string;
  options: CsvOptions;
}

/** A ReadableStream that hands out `bytes` in pieces of `size`. */
function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> & { cancelled: boolean } {
  let at = 0;
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return Object.defineProperty(stream, 'cancelled', { get: () => state.cancelled }) as ReadableStream<Uint8Array> & { cancelled: boolean };
}

describe('fromCSV matches pandas.read_csv (fixtures from pandas 1.5)', () => {
  for (const c of readFixture<CsvCase[]>('csv.json')) {
    const bytes = readBytes(resolve(fixtureDir, 'csv', c.file));
    const text = new TextDecoder().decode(bytes);
    test(`${c.file} (sync, string)`, () => {
      expectTable(fromCSVSync(text, c.options), c);
    });
    test(`${c.file} (async bytes, 5-character chunks)`, async () => {
      expectTable(await fromCSV(bytes, { ...c.options, chunkSize: 5 }), c);
    });
    test(`${c.file} (ReadableStream of 3-byte pieces)`, async () => {
      expectTable(await fromCSV(streamOf(bytes, 3), c.options), c);
    });
  }
});

describe('cells', () => {
  test.each([
    ['1.5', 1.5],
    [' 2 ', 2],
    ['-0', -0],
    ['1e3', 1000],
    ['.5', 0.5],
    ['+7', 7],
    ['', Number.NaN],
    ['NA', Number.NaN],
    ['#N/A', Number.NaN],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['+INF', Infinity],
  ])('%j → %d', (s, v) => {
    expect(Object.is(parseCell(s), v)).toBe(true);
  });
  test.each(['0x1f', '0b1', '0o7', ' ', 'abc', '1,5', 'NA ', '1_000', 'infinite'])('%j is not a number', (s) => {
    expect(parseCell(s)).toBeUndefined();
  });
  test('pandas column naming', () => {
    expect(pandasNames(['g', 'a', 'a', '', 'a.1', 'a'])).toEqual(['g', 'a', 'a.2', 'Unnamed: 3', 'a.1', 'a.3']);
    expect(pandasNames(['', '', 'x', 'x'])).toEqual(['Unnamed: 0', 'Unnamed: 1', 'x', 'x.1']);
  });
  test('pandas column naming agrees with the literal transcription of parsers.pyx on random headers', () => {
    // pandas 1.5 parsers.pyx, line by line (`col in this_header` is a scan of the header: quadratic).
    const reference = (raw: readonly string[]): string[] => {
      const header = raw.map((n, i) => (n === '' ? `Unnamed: ${i}` : n));
      const unnamed = raw.flatMap((n, i) => (n === '' ? [i] : []));
      const order = [...raw.keys()].filter((i) => !unnamed.includes(i)).concat(unnamed);
      const counts = new Map<string, number>();
      for (const i of order) {
        let col = header[i];
        const old = col;
        let cur = counts.get(col) ?? 0;
        if (cur > 0) {
          while (cur > 0) {
            counts.set(old, cur + 1);
            col = `${old}.${cur}`;
            cur = header.includes(col) ? cur + 1 : (counts.get(col) ?? 0);
          }
          header[i] = col;
        }
        counts.set(col, cur + 1);
      }
      return header;
    };
    const pool = ['a', 'a', 'a.1', 'a.2', 'a.1.1', 'a.1.2', '', 'Unnamed: 1', 'Unnamed: 2.1', 'b', 'b.1'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let trial = 0; trial < 2000; trial++) {
      const raw = Array.from({ length: 1 + rand(14) }, () => pool[rand(pool.length)]);
      expect(pandasNames(raw), JSON.stringify(raw)).toEqual(reference(raw));
    }
  });
  test('repeated column names are de-duplicated in linear time (issue 16.9: 100 k copies took 22 s)', async () => {
    const n = 2 ** 17;
    const csv = `g,${Array(n).fill('a').join(',')}\nx,${Array(n).fill('1').join(',')}\n`;
    const t0 = performance.now();
    const m = await fromCSV(csv);
    const ms = performance.now() - t0;
    expect(m.colLabels.slice(0, 3)).toEqual(['a', 'a.1', 'a.2']);
    expect(m.colLabels[n - 1]).toBe(`a.${n - 1}`);
    expect(new Set(m.colLabels).size).toBe(n);
    // Quadratic de-duplication needs about 30 s here; linear about 0.1 s (generous bound for a busy machine).
    expect(ms).toBeLessThan(5000);
  }, 120_000);
});

describe('fromCSV options', () => {
  test('explicit delimiter overrides the guess', () => {
    const m = fromCSVSync('a|b,c\nr|1\n', { delimiter: '|' });
    expect(m.colLabels).toEqual(['b,c']);
    expect(Array.from(m.values)).toEqual([1]);
  });
  test('coerce reads non-numbers as NaN', () => {
    const m = fromCSVSync('k,a,b\nx,1,abc\ny,oops,2\n', { coerce: true });
    expect(Array.from(m.values)).toEqual([1, Number.NaN, Number.NaN, 2]);
  });
  test('indexCol by position other than 0', () => {
    const m = fromCSVSync('a,k,b\n1,x,2\n3,y,4\n', { indexCol: 1 });
    expect(m.rowLabels).toEqual(['x', 'y']);
    expect(m.colLabels).toEqual(['a', 'b']);
    expect(Array.from(m.values)).toEqual([1, 2, 3, 4]);
  });
  test('the input bytes are not changed', async () => {
    const bytes = new TextEncoder().encode('k,a\nx,1\n');
    const copy = bytes.slice();
    await fromCSV(bytes);
    fromCSVSync(bytes.buffer);
    expect(bytes).toEqual(copy);
  });
  test('multi-byte UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('k,é€😀\nñ😀,1\n');
    const m = await fromCSV(streamOf(bytes, 1));
    expect(m.colLabels).toEqual(['é€😀']);
    expect(m.rowLabels).toEqual(['ñ😀']);
  });
  test('a stream of strings works too', async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue('k,a\nx,');
        c.enqueue('2\n');
        c.close();
      },
    }) as unknown as ReadableStream<Uint8Array>;
    expect(Array.from((await fromCSV(stream)).values)).toEqual([2]);
  });
});

describe('fromCSV errors name what was wrong', () => {
  const cases: [string, string, CsvOptions, RegExp][] = [
    ['too many fields', 'k,a,b\nx,1,2\ny,1,2,3\n', {}, /line 3 has 4 fields but the header \(line 1\) has 3/],
    ['too few fields', 'k,a,b\nx,1,2\n\ny,1\n', {}, /line 4 has 2 fields but the header \(line 1\) has 3/],
    ['ragged without header', 'x,1,2\ny,1\n', { header: false }, /line 2 has 2 fields but the first row \(line 1\) has 3/],
    ['string cell', 'k,a,b\nx,1,2\ny,3,abc\n', {}, /line 3, column "b" \(row 1, col 1\) is "abc"; expected a number.*coerce: true/],
    ['line numbers count quoted newlines', 'k,a\n"x\ny",1\nz,bad\n', {}, /line 4, column "a" \(row 1, col 0\) is "bad"/],
    ['empty input', '', {}, /the input is empty/],
    ['only blank lines', '\n\n', {}, /the input is empty/],
    ['header only', 'k,a,b\n', {}, /has a header \(line 1\) but no data rows/],
    ['unterminated quote', 'k,a\n"x,1\ny,2\n', {}, /line 2: Quoted field unterminated/],
    ['unknown indexCol name', 'k,a\nx,1\n', { indexCol: 'id' }, /indexCol "id" is not in the header; columns are "k", "a"/],
    ['indexCol out of range', 'k,a\nx,1\n', { indexCol: 5 }, /indexCol 5 is out of range; line 1 has 2 fields/],
    ['only the index column', 'k\nx\n', {}, /only the index column/],
    ['bad delimiter', 'k,a\nx,1\n', { delimiter: '"' }, /delimiter must be a non-empty string/],
    ['hex is text, as in pandas', 'k,a\nx,0x1F\n', {}, /is "0x1F"/],
  ];
  for (const [name, text, opts, message] of cases) {
    test(name, async () => {
      expect(() => fromCSVSync(text, opts)).toThrow(message);
      await expect(fromCSV(text, { ...opts, chunkSize: 4 })).rejects.toThrow(message);
    });
  }
  test('bad input type', async () => {
    await expect(fromCSV(42 as unknown as string)).rejects.toThrow(HeatglError);
    await expect(fromCSV(42 as unknown as string)).rejects.toThrow(/input must be a string, ArrayBuffer, Uint8Array or ReadableStream/);
  });
});

describe('large input', () => {
  const ROWS = 5000;
  const COLS = 400;
  const value = (r: number, c: number) => ((r * 31 + c * 17) % 1000) / 8 - 60;
  const missing = (r: number, c: number) => (r + c) % 97 === 0;

  function bigCsv(): Uint8Array {
    const lines: string[] = [`id,${Array.from({ length: COLS }, (_, c) => `c${c}`).join(',')}`];
    for (let r = 0; r < ROWS; r++) {
      const cells = new Array<string>(COLS + 1);
      cells[0] = `row${r}`;
      for (let c = 0; c < COLS; c++) cells[c + 1] = missing(r, c) ? '' : String(value(r, c));
      lines.push(cells.join(','));
    }
    return new TextEncoder().encode(`${lines.join('\n')}\n`);
  }

  test('a ~20 MB CSV streams in chunks with progress, yielding to the event loop', async () => {
    const bytes = bigCsv();
    expect(bytes.length).toBeGreaterThan(10_000_000);
    const events: CsvProgress[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const t0 = performance.now();
    const m = await fromCSV(streamOf(bytes, 65536), { totalBytes: bytes.length, onProgress: (p) => events.push(p) });
    const ms = performance.now() - t0;
    clearInterval(timer);
    expect(m.rows).toBe(ROWS);
    expect(m.cols).toBe(COLS);
    expect(m.values).toBeInstanceOf(Float64Array);
    expect(m.values.length).toBe(ROWS * COLS);
    expect(m.rowLabels[4999]).toBe('row4999');
    expect(m.colLabels[399]).toBe('c399');
    let bad = 0;
    for (let r = 0; r < ROWS; r++) {
      for (let c = 0; c < COLS; c++) {
        const v = m.values[r * COLS + c];
        if (missing(r, c) ? !Number.isNaN(v) : v !== value(r, c)) bad++;
      }
    }
    expect(bad).toBe(0);
    expect(events.length).toBeGreaterThan(5);
    expect(events.at(-1)).toEqual({ bytes: bytes.length, totalBytes: bytes.length, rows: ROWS });
    for (let i = 1; i < events.length; i++) expect(events[i].bytes).toBeGreaterThanOrEqual(events[i - 1].bytes);
    expect(events.some((e) => e.rows > 0 && e.rows < ROWS)).toBe(true);
    // Other macrotasks ran while parsing: the event loop was not held for the whole read.
    expect(ticks).toBeGreaterThan(5);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);

  test('abort stops the read and cancels the stream', async () => {
    const bytes = bigCsv().subarray(0, 3_000_000);
    const ctrl = new AbortController();
    const stream = streamOf(bytes, 65536);
    const read = fromCSV(stream, {
      signal: ctrl.signal,
      onProgress: () => ctrl.abort(new Error('stop')),
    });
    await expect(read).rejects.toThrow('stop');
    expect(stream.cancelled).toBe(true);
  });
});

describe('chunk boundaries anywhere give the same table (issue 16.11)', () => {
  const cases = readFixture<CsvCase[]>('csv.json').filter((c) =>
    ['crlf.csv', 'cr.csv', 'crlf-quoted-header.csv', 'quoted.csv', 'bom.csv', 'no-trailing-newline.csv'].includes(c.file),
  );
  for (const c of cases) {
    test(`${c.file} at every chunk size`, async () => {
      const bytes = readBytes(resolve(fixtureDir, 'csv', c.file));
      const text = new TextDecoder().decode(bytes);
      for (let size = 1; size <= bytes.length; size++) {
        expectTable(await fromCSV(bytes, { ...c.options, chunkSize: size }), c);
        expectTable(await fromCSV(text, { ...c.options, chunkSize: size }), c);
        expectTable(fromCSVSync(text, { ...c.options, chunkSize: size }), c);
      }
    });
  }
  test('a CRLF file whose 1 MiB header ends exactly at a chunk boundary', async () => {
    const chunk = 1 << 20;
    const names: string[] = ['g'];
    let length = 1;
    for (let c = 0; length < chunk - 12; c++) {
      names.push(`c${c}`);
      length += 1 + names.at(-1)!.length;
    }
    const pad = chunk - 1 - length - 1; // the header line (without \r\n) is chunk - 1 characters: its \r ends the chunk
    names.push('x'.repeat(pad));
    const header = names.join(',');
    expect(header.length).toBe(chunk - 1);
    const text = `${header}\r\nr0,${Array(names.length - 1).fill('1').join(',')}\r\n`;
    expect(text[chunk - 1]).toBe('\r');
    for (const m of [await fromCSV(text), await fromCSV(new TextEncoder().encode(text)), fromCSVSync(text)]) {
      expect(m.cols).toBe(names.length - 1);
      expect(m.colLabels.at(-1)).toBe(names.at(-1));
      expect(m.rowLabels).toEqual(['r0']);
      expect(m.values.every((v) => v === 1)).toBe(true);
    }
  }, 60_000);
});

describe('memory is requested by what was read (issue 16.10)', () => {
  /** Runs `read` with Float64Array allocations recorded (and any request past 2^26 elements refused). */
  async function allocations(read: () => Promise<unknown> | unknown): Promise<number[]> {
    const lengths: number[] = [];
    const Real = Float64Array;
    const Spy = new Proxy(Real, {
      construct(target, args: unknown[]) {
        if (typeof args[0] === 'number') {
          lengths.push(args[0]);
          if (args[0] > 2 ** 26) throw new RangeError(`test refused a Float64Array of ${args[0]} elements`);
        }
        return Reflect.construct(target, args);
      },
    });
    vi.stubGlobal('Float64Array', Spy);
    try {
      await read();
    } finally {
      vi.unstubAllGlobals();
    }
    return lengths;
  }

  test.each([
    [1e5, 'string'],
    [1e6, 'bytes'],
  ])('one row of %d columns (%s) asks for about one row of float64s', async (cols, kind) => {
    const text = `g,${Array.from({ length: cols }, (_, c) => `c${c}`).join(',')}\nr,${Array(cols).fill('2').join(',')}\n`;
    const input = kind === 'string' ? text : new TextEncoder().encode(text);
    let m: Awaited<ReturnType<typeof fromCSV>> | undefined;
    const lengths = await allocations(async () => {
      m = await fromCSV(input);
    });
    expect(m?.cols).toBe(cols);
    expect(m?.values.length).toBe(cols);
    // Before: 1024 × columns (7.8 GB for 10^6 columns). Now at most two rows' worth, however it is cut.
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2 * cols);
  }, 60_000);

  test('many rows still grow geometrically, and the reservation stays within the input', async () => {
    const rows = 20_000;
    const text = `g,a,b\n${Array.from({ length: rows }, (_, r) => `r${r},${r},1`).join('\n')}\n`;
    const lengths = await allocations(() => fromCSV(text, { chunkSize: 4096 }));
    expect(lengths.length).toBeLessThan(20);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2 * 2 * rows + 1024);
  });
});

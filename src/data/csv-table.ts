// Wide-table assembly for the CSV reader (pure): header → column labels (with pandas' name mangling), index
// column → row labels, every other field parsed straight into a growing Float64Array.
import { describe, fail, quote, quoteList } from '../core/errors';
import { parseCell } from './cells';
import { rangeLabels } from './labels';
import type { DataMatrix } from './types';

export interface TableOptions {
  header: boolean;
  indexCol: number | string | false;
  coerce: boolean;
}

/**
 * pandas' read_csv (C parser) naming: empty names → "Unnamed: i", repeats → "a.1", "a.2", skipping taken names.
 * The same walk as pandas' parsers.pyx, but "is this name in the header" is a lookup in a multiset of the
 * current names instead of a scan of the header, so it is linear (100 k copies of one name: milliseconds).
 */
export function pandasNames(raw: readonly string[]): string[] {
  const names = raw.map((n, i) => (n === '' ? `Unnamed: ${i}` : n));
  const present = new Map<string, number>();
  for (const n of names) present.set(n, (present.get(n) ?? 0) + 1);
  // Named columns are deduplicated before unnamed ones, as in pandas' parsers.pyx.
  const loop: number[] = [];
  for (let i = 0; i < raw.length; i++) if (raw[i] !== '') loop.push(i);
  for (let i = 0; i < raw.length; i++) if (raw[i] === '') loop.push(i);
  const counts = new Map<string, number>();
  for (const i of loop) {
    const old = names[i];
    let col = old;
    let cur = counts.get(col) ?? 0;
    if (cur > 0) {
      while (cur > 0) {
        counts.set(old, cur + 1);
        col = `${old}.${cur}`;
        cur = (present.get(col) ?? 0) > 0 ? cur + 1 : (counts.get(col) ?? 0);
      }
      present.set(old, present.get(old)! - 1);
      present.set(col, (present.get(col) ?? 0) + 1);
      names[i] = col;
    }
    counts.set(col, cur + 1);
  }
  return names;
}

export class CsvTable {
  private names: string[] | undefined;
  private nFields = 0;
  private index = -1;
  private cols = 0;
  private values = new Float64Array(0);
  private used = 0;
  private readonly rowLabels: string[] = [];
  private colLabels: string[] = [];
  private headerLine = 0;

  constructor(private readonly opts: TableOptions) {}

  get rows(): number {
    return this.rowLabels.length;
  }

  /** Fields per record (0 before the first record). */
  get fieldsPerRow(): number {
    return this.nFields;
  }

  /** Makes room for about `rows` rows in total (a hint from the input size; growth still doubles). */
  reserve(rows: number): void {
    const want = Math.ceil(rows) * this.cols;
    if (this.cols > 0 && want > this.values.length && want < 2 ** 28) this.grow(want);
  }

  /** Adds one record; `line` is its 1-based line number for error messages. Blank lines are skipped. */
  add(fields: readonly string[], line: number): void {
    if (fields.length === 1 && fields[0] === '') return;
    if (this.names === undefined) {
      this.start(fields, line);
      if (this.opts.header) return;
    }
    if (this.rowLabels.length === 0 && this.opts.header && this.index === 0 && fields.length === this.nFields + 1) {
      // pandas' implicit index: a header one field shorter than the rows (R's write.csv) names only the
      // value columns, and the extra first field of each row is the index.
      this.names = ['', ...this.names!];
      this.nFields++;
      this.colLabels = this.names.slice(1);
      this.cols = this.colLabels.length;
    }
    if (fields.length !== this.nFields) {
      const what = this.opts.header ? `the header (line ${this.headerLine}) has` : `the first row (line ${this.headerLine}) has`;
      fail(`fromCSV: line ${line} has ${fields.length} fields but ${what} ${this.nFields}; every row must have the same number of fields`);
    }
    const row = this.rowLabels.length;
    // Grow by what was read (double the rows held, at least one row): never more than twice the cells parsed.
    if (this.used + this.cols > this.values.length) this.grow(Math.max(this.used + this.cols, this.values.length * 2, 1024));
    const values = this.values;
    let at = this.used;
    const index = this.index;
    for (let f = 0; f < fields.length; f++) {
      if (f === index) continue;
      const s = fields[f];
      let v = parseCell(s);
      if (v === undefined) {
        if (!this.opts.coerce) this.badCell(s, line, row, f);
        v = Number.NaN;
      }
      values[at++] = v;
    }
    this.used = at;
    this.rowLabels.push(index >= 0 ? fields[index] : String(row));
  }

  finish(): DataMatrix {
    if (this.names === undefined) fail('fromCSV: the input is empty; expected a header line and at least one row of numbers');
    if (this.rowLabels.length === 0) {
      fail(`fromCSV: the input has a header (line ${this.headerLine}) but no data rows; expected at least one row of numbers`);
    }
    const n = this.used;
    // Within 1/8 of the capacity (the usual case after reserve()) a view avoids copying a large buffer.
    const values = this.values.length - n <= this.values.length / 8 ? this.values.subarray(0, n) : this.values.slice(0, n);
    this.values = new Float64Array(0);
    return { values, rows: this.rowLabels.length, cols: this.cols, rowLabels: this.rowLabels, colLabels: this.colLabels };
  }

  private start(fields: readonly string[], line: number): void {
    this.headerLine = line;
    this.nFields = fields.length;
    const { header, indexCol } = this.opts;
    this.names = header ? pandasNames(fields) : rangeLabels(fields.length);
    if (indexCol === false) this.index = -1;
    else if (typeof indexCol === 'number') {
      if (!Number.isInteger(indexCol) || indexCol < 0 || indexCol >= fields.length) {
        fail(`fromCSV: indexCol ${indexCol} is out of range; line ${line} has ${fields.length} fields (0 to ${fields.length - 1})`);
      }
      this.index = indexCol;
    } else {
      if (!header) fail(`fromCSV: indexCol ${quote(indexCol)} names a column, but header is false; pass its position instead`);
      this.index = this.names.indexOf(indexCol);
      if (this.index < 0) {
        fail(`fromCSV: indexCol ${quote(indexCol)} is not in the header; columns are ${quoteList(this.names)}`);
      }
    }
    this.colLabels = this.names.filter((_, i) => i !== this.index);
    this.cols = this.colLabels.length;
    if (this.cols === 0) fail(`fromCSV: line ${line} has only the index column; expected at least one column of numbers`);
  }

  private badCell(s: string, line: number, row: number, field: number): never {
    const col = field > this.index && this.index >= 0 ? field - 1 : field;
    return fail(
      `fromCSV: line ${line}, column ${quote(this.names![field])} (row ${row}, col ${col}) is ${describe(s)}; ` +
        'expected a number, inf or an NA value such as "" or "NaN" (pass coerce: true to read non-numbers as NaN)',
    );
  }

  private grow(capacity: number): void {
    const next = new Float64Array(capacity);
    next.set(this.values.subarray(0, this.used));
    this.values = next;
  }
}

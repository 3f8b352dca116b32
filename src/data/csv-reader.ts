// Incremental CSV reader (pure, synchronous core of fromCSV): frames text into records, parses each block
// with papaparse (quotes, delimiters) and feeds the fields to a CsvTable. Holds no strings for the whole file.
import Papa from 'papaparse';
import { describe, fail } from '../core/errors';
import { guessDelimiter, guessNewline, type Newline, RecordSplitter } from './csv-split';
import { CsvTable, type TableOptions } from './csv-table';
import type { DataMatrix } from './types';

export interface ReaderOptions extends TableOptions {
  delimiter: string | undefined;
}

export class CsvReader {
  private splitter: RecordSplitter | undefined;
  private delimiter = ',';
  private newline: Newline = '\n';
  private head = '';
  private headScan = 0;
  private headQuote = false;
  private line = 1;
  private readonly table: CsvTable;

  constructor(private readonly opts: ReaderOptions) {
    const d = opts.delimiter;
    if (d !== undefined && (typeof d !== 'string' || d === '' || d.includes('"') || /[\r\n]/.test(d))) {
      fail(`fromCSV: delimiter must be a non-empty string without quotes or line breaks, got ${describe(d)}`);
    }
    this.table = new CsvTable(opts);
  }

  /** Data rows read so far. */
  get rows(): number {
    return this.table.rows;
  }

  /** Fields per record (0 before the first record). */
  get fieldsPerRow(): number {
    return this.table.fieldsPerRow;
  }

  /** True when text of an unfinished record is held (the last record of an input without a final line break). */
  get partialRecord(): boolean {
    return this.head !== '' || (this.splitter?.holdsText ?? false);
  }

  reserve(rows: number): void {
    this.table.reserve(rows);
  }

  push(text: string): void {
    if (this.splitter === undefined) {
      // Wait for a whole first line: the delimiter and line ending are guessed from it.
      this.head += text;
      if (!this.firstLineComplete()) return;
      text = this.begin();
    }
    const block = this.splitter!.push(text);
    if (block !== null) this.parse(block);
  }

  end(): DataMatrix {
    if (this.splitter === undefined) {
      if (this.head === '') return this.table.finish();
      const text = this.begin();
      const block = this.splitter!.push(text);
      if (block !== null) this.parse(block);
    }
    const rest = this.splitter!.flush();
    if (rest !== null) this.parse(rest);
    return this.table.finish();
  }

  /**
   * True once the head holds the whole first line: a line break outside quotes, and for a \r the character
   * after it (\r\n and \r are told apart only then). Scans each character once, however the text is cut.
   */
  private firstLineComplete(): boolean {
    const head = this.head;
    let inQuote = this.headQuote;
    for (let i = this.headScan; i < head.length; i++) {
      const ch = head.charCodeAt(i);
      if (ch === 34) inQuote = !inQuote;
      else if (!inQuote && ch === 10) return true;
      else if (!inQuote && ch === 13) {
        if (i + 1 < head.length) return true;
        this.headScan = i;
        this.headQuote = inQuote;
        return false;
      }
    }
    this.headScan = head.length;
    this.headQuote = inQuote;
    return false;
  }

  private begin(): string {
    let text = this.head;
    this.head = '';
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.delimiter = this.opts.delimiter ?? guessDelimiter(text);
    this.newline = guessNewline(text);
    this.splitter = new RecordSplitter(this.newline);
    return text;
  }

  private parse(block: string): void {
    if (block === '') {
      this.line++;
      return;
    }
    const res = Papa.parse<string[]>(block, {
      delimiter: this.delimiter,
      newline: this.newline,
      quoteChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
    });
    const badRow = res.errors.length > 0 ? (res.errors[0].row ?? 0) : -1;
    const hasQuote = block.indexOf('"') >= 0;
    const nl = this.newline === '\r' ? '\r' : '\n';
    const data = res.data;
    for (let i = 0; i < data.length; i++) {
      if (i === badRow) {
        const e = res.errors[0];
        fail(`fromCSV: line ${this.line}: ${e.message} (${e.code}); expected RFC 4180 quoting ("" inside a quoted field)`);
      }
      const fields = data[i];
      this.table.add(fields, this.line);
      this.line++;
      if (hasQuote) {
        for (const f of fields) for (let at = f.indexOf(nl); at >= 0; at = f.indexOf(nl, at + 1)) this.line++;
      }
    }
    if (badRow >= data.length) fail(`fromCSV: line ${this.line}: ${res.errors[0].message} (${res.errors[0].code})`);
  }
}

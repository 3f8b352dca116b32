// CSV / TSV → DataMatrix (pure; Node and browser). fromCSV reads strings, bytes or a ReadableStream in
// chunks, yielding to the event loop between them and reporting progress; fromCSVSync is for small inputs.
import { describe, fail } from '../core/errors';
import { CsvReader, type ReaderOptions } from './csv-reader';
import type { DataMatrix } from './types';

export interface CsvProgress {
  /** Bytes read so far (UTF-16 characters for a string input). */
  bytes: number;
  /** Input size when known: always for strings and buffers, for streams only when passed as an option. */
  totalBytes?: number;
  /** Data rows parsed so far. */
  rows: number;
}

export interface CsvOptions {
  /** Field separator. @default guessed from the first line: tab, comma or semicolon, whichever occurs most (comma if none) */
  delimiter?: string;
  /** First line holds the column names (pandas `header=0`); false names columns by position. @default true */
  header?: boolean;
  /** Column (position or header name) whose fields become the row labels, or false for "0", "1", …. @default 0 */
  indexCol?: number | string | false;
  /** Read a non-numeric cell as NaN instead of failing. @default false */
  coerce?: boolean;
  /** Called after each chunk and once at the end. */
  onProgress?: (p: CsvProgress) => void;
  /** Aborts the read: the promise rejects with `signal.reason` and a stream input is cancelled. */
  signal?: AbortSignal;
  /** Characters parsed per step before yielding to the event loop. @default 1048576 */
  chunkSize?: number;
  /** Size of a stream input, for progress (e.g. the Content-Length of a fetch). */
  totalBytes?: number;
}

type CsvInput = string | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;

interface Piece {
  text: string;
  bytes: number;
}

const DEFAULT_CHUNK = 1 << 20;

function readerOptions(opts: CsvOptions): ReaderOptions {
  return {
    delimiter: opts.delimiter,
    header: opts.header ?? true,
    indexCol: opts.indexCol ?? 0,
    coerce: opts.coerce ?? false,
  };
}

function chunkSizeOf(opts: CsvOptions): number {
  const n = opts.chunkSize ?? DEFAULT_CHUNK;
  if (!Number.isInteger(n) || n < 1) fail(`fromCSV: chunkSize must be a positive integer, got ${describe(n)}`);
  return n;
}

function asBytes(input: ArrayBuffer | Uint8Array): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

function isStream(input: unknown): input is ReadableStream<Uint8Array> {
  return typeof input === 'object' && input !== null && typeof (input as ReadableStream).getReader === 'function';
}

function* syncPieces(input: string | ArrayBuffer | Uint8Array, chunk: number): Generator<Piece> {
  if (typeof input === 'string') {
    for (let at = 0; at < input.length; at += chunk) {
      const text = input.slice(at, at + chunk);
      yield { text, bytes: text.length };
    }
    return;
  }
  const bytes = asBytes(input);
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += chunk) {
    const part = bytes.subarray(at, at + chunk);
    yield { text: decoder.decode(part, { stream: true }), bytes: part.length };
  }
  const tail = decoder.decode();
  if (tail !== '') yield { text: tail, bytes: 0 };
}

async function* streamPieces(stream: ReadableStream<Uint8Array>, chunk: number): AsyncGenerator<Piece> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let bytes = 0;
  let done = false;
  try {
    while (!done) {
      const next = await reader.read();
      done = next.done === true;
      const value: unknown = next.value;
      if (typeof value === 'string') {
        text += value;
        bytes += value.length;
      } else if (value instanceof Uint8Array) {
        text += decoder.decode(value, { stream: true });
        bytes += value.length;
      } else if (!done) {
        fail(`fromCSV: the stream gave ${describe(value)}; expected Uint8Array chunks`);
      }
      if (done) text += decoder.decode();
      if (text.length >= chunk || (done && (text !== '' || bytes > 0))) {
        yield { text, bytes };
        text = '';
        bytes = 0;
      }
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function checkInput(input: unknown): void {
  if (typeof input === 'string' || input instanceof ArrayBuffer || input instanceof Uint8Array || isStream(input)) return;
  fail(`fromCSV: input must be a string, ArrayBuffer, Uint8Array or ReadableStream<Uint8Array>, got ${describe(input)}`);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The CSV read was aborted', 'AbortError');
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Reads a wide CSV / TSV table into a matrix, like `pandas.read_csv(f, index_col=0)`: the index column gives
 * the row labels, the header the column labels, every other field must be a number, an NA string (pandas'
 * defaults, e.g. "", "NA", "NaN", "null", "#N/A" → NaN) or inf / -inf / Infinity. Works in chunks, awaiting
 * a macrotask between them so a page stays responsive.
 */
export async function fromCSV(input: CsvInput, opts: CsvOptions = {}): Promise<DataMatrix> {
  checkInput(input);
  const chunk = chunkSizeOf(opts);
  const reader = new CsvReader(readerOptions(opts));
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  let totalBytes: number | undefined;
  if (typeof input === 'string') totalBytes = input.length;
  else if (input instanceof ArrayBuffer || input instanceof Uint8Array) totalBytes = input.byteLength;
  else totalBytes = opts.totalBytes;
  const progress = (bytes: number): CsvProgress =>
    totalBytes === undefined ? { bytes, rows: reader.rows } : { bytes, totalBytes, rows: reader.rows };

  const pieces: AsyncIterable<Piece> | Iterable<Piece> = isStream(input) ? streamPieces(input, chunk) : syncPieces(input, chunk);
  let bytes = 0;
  let reserved = false;
  for await (const piece of pieces) {
    reader.push(piece.text);
    bytes += piece.bytes;
    if (!reserved && totalBytes !== undefined && reader.rows > 0) {
      // Size the value buffer once from the bytes per row seen so far (+5 %), to avoid repeated doubling, but
      // never past what the rest of the input can hold: each further record takes at least one byte per field.
      const estimate = Math.ceil((totalBytes / bytes) * reader.rows * 1.05) + 16;
      const most = reader.rows + (reader.partialRecord ? 1 : 0) + Math.floor((totalBytes - bytes) / reader.fieldsPerRow);
      reader.reserve(Math.min(estimate, most));
      reserved = true;
    }
    onProgress?.(progress(bytes));
    await macrotask();
    throwIfAborted(signal);
  }
  const result = reader.end();
  onProgress?.(progress(bytes));
  return result;
}

/** Synchronous {@link fromCSV} for small inputs (no progress, no yielding). */
export function fromCSVSync(input: string | ArrayBuffer | Uint8Array, opts: Omit<CsvOptions, 'onProgress' | 'signal'> = {}): DataMatrix {
  if (isStream(input)) fail('fromCSVSync: a ReadableStream can only be read by the async fromCSV');
  checkInput(input);
  const reader = new CsvReader(readerOptions(opts));
  for (const piece of syncPieces(input, chunkSizeOf(opts))) reader.push(piece.text);
  return reader.end();
}

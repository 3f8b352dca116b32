// .npy preamble and header (pure): magic, version, header length, and the header dict parsed by a small
// strict Python-literal parser (dicts, tuples, lists, strings, ints, True/False/None; no eval).
import { fail, quote } from '../core/errors';

export type PyValue = string | number | boolean | null | PyValue[] | PyTuple | PyDict;
export interface PyTuple {
  tuple: PyValue[];
}
export type PyDict = Map<string, PyValue>;

export interface NpyHeader {
  version: string;
  descr: PyValue;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the first data byte. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAX_HEADER = 1 << 20;
const MAX_DEPTH = 16;

class LiteralParser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): PyValue {
    const v = this.value(0);
    this.space();
    if (this.at < this.src.length) this.error('unexpected text after the dict');
    return v;
  }

  private error(what: string): never {
    const near = JSON.stringify(this.src.slice(this.at, this.at + 20));
    return fail(`fromNpy: bad header: ${what} at character ${this.at} (near ${near}); expected a Python dict literal`);
  }

  private space(): void {
    while (this.at < this.src.length && /\s/.test(this.src[this.at])) this.at++;
  }

  private value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.error('nesting too deep');
    this.space();
    const ch = this.src[this.at];
    if (ch === '{') return this.dict(depth);
    if (ch === '(') return this.sequence(depth, ')');
    if (ch === '[') return this.sequence(depth, ']');
    if (ch === "'" || ch === '"') return this.string(ch);
    const word = /^(?:-?\d+L?|True|False|None)/.exec(this.src.slice(this.at, this.at + 40));
    if (word === null) this.error(ch === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(ch)}`);
    this.at += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    // Python 2 wrote long ints as 3L.
    return Number(word[0].replace('L', ''));
  }

  private string(quote: string): string {
    let out = '';
    this.at++;
    while (this.at < this.src.length) {
      const ch = this.src[this.at++];
      if (ch === quote) return out;
      if (ch === '\\') {
        const next = this.src[this.at++];
        if (next !== '\\' && next !== "'" && next !== '"') this.error('unsupported escape in a string');
        out += next;
      } else out += ch;
    }
    return this.error('unterminated string');
  }

  private sequence(depth: number, close: string): PyValue {
    this.at++;
    const items: PyValue[] = [];
    let comma = false;
    for (;;) {
      this.space();
      if (this.src[this.at] === close) {
        this.at++;
        break;
      }
      items.push(this.value(depth + 1));
      this.space();
      if (this.src[this.at] === ',') {
        this.at++;
        comma = true;
      } else if (this.src[this.at] !== close) this.error(`expected "," or "${close}"`);
    }
    if (close === ']') return items;
    // (3) is the int 3 in Python; only a comma or () makes a tuple.
    return items.length === 1 && !comma ? items[0] : { tuple: items };
  }

  private dict(depth: number): PyDict {
    this.at++;
    const map: PyDict = new Map();
    for (;;) {
      this.space();
      if (this.src[this.at] === '}') {
        this.at++;
        return map;
      }
      const key = this.value(depth + 1);
      if (typeof key !== 'string') this.error('dict keys must be strings');
      this.space();
      if (this.src[this.at] !== ':') this.error('expected ":"');
      this.at++;
      if (map.has(key)) this.error(`duplicate key ${quote(key)}`);
      map.set(key, this.value(depth + 1));
      this.space();
      if (this.src[this.at] === ',') this.at++;
      else if (this.src[this.at] !== '}') this.error('expected "," or "}"');
    }
  }
}

function latin1(raw: Uint8Array): string {
  let out = '';
  for (let at = 0; at < raw.length; at += 4096) out += String.fromCharCode(...raw.subarray(at, at + 4096));
  return out;
}

/** A version 3 header: UTF-8, refused with a HeatglError when it is not. */
function utf8(raw: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return fail('fromNpy: bad header: a version 3.0 header must be UTF-8 text, and this one is not');
  }
}

/** Parses a Python literal (exported for tests). */
export function parsePyLiteral(src: string): PyValue {
  return new LiteralParser(src).parse();
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Reads and validates the preamble and header of a .npy file (no data is touched). */
export function readNpyHeader(bytes: Uint8Array): NpyHeader {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    fail('fromNpy: this is a zip archive (an .npz from np.savez?); unzip it and pass one of its .npy files');
  }
  if (bytes.length < 10) fail(`fromNpy: truncated file: ${bytes.length} bytes is too short for the .npy preamble (at least 10)`);
  if (!MAGIC.every((b, i) => bytes[i] === b)) fail('fromNpy: not a .npy file: it does not start with the magic "\\x93NUMPY"');
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0) fail(`fromNpy: unsupported .npy format version ${major}.${minor}; expected 1.0, 2.0 or 3.0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 10;
  let length = view.getUint16(8, true);
  if (major >= 2) {
    if (bytes.length < 12) fail(`fromNpy: truncated header: a version ${major}.0 preamble needs 12 bytes, the file has ${bytes.length}`);
    length = view.getUint32(8, true);
    start = 12;
  }
  if (length > MAX_HEADER) fail(`fromNpy: header length ${length} is over the ${MAX_HEADER}-byte limit; refusing to parse it`);
  if (start + length > bytes.length) {
    fail(`fromNpy: truncated header: it claims ${length} bytes but only ${bytes.length - start} follow the preamble`);
  }
  const raw = bytes.subarray(start, start + length);
  const text = major === 3 ? utf8(raw) : latin1(raw);
  const dict = parsePyLiteral(text);
  if (!(dict instanceof Map)) fail('fromNpy: bad header: it is not a dict; expected {\'descr\': …, \'fortran_order\': …, \'shape\': …}');
  const keys = [...dict.keys()].sort().join(', ');
  if (keys !== 'descr, fortran_order, shape') {
    fail(`fromNpy: bad header: keys are ${keys || 'none'}; expected exactly descr, fortran_order, shape`);
  }
  const fortran = dict.get('fortran_order');
  if (typeof fortran !== 'boolean') fail('fromNpy: bad header: fortran_order must be True or False');
  const shapeValue = dict.get('shape');
  const dims = shapeValue !== null && typeof shapeValue === 'object' && 'tuple' in shapeValue ? shapeValue.tuple : undefined;
  if (dims === undefined || !dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    fail('fromNpy: bad header: shape must be a tuple of non-negative integers such as (3, 4)');
  }
  return { version: `${major}.0`, descr: dict.get('descr')!, fortranOrder: fortran, shape: dims as number[], dataOffset: start + length };
}

// A bounds check of Arrow IPC metadata (pure), run before the arrow reader decodes it. The reader trusts every
// flatbuffer vector length it meets (custom metadata, fields, children, nodes, buffers, footer blocks): one edited
// length of 2^31 in a 300-byte file kept it looping for minutes. Here every table, vector and string the reader
// visits must lie inside its message, and the walk visits at most one item per 4 bytes of metadata.
import { fail } from '../core/errors';

/** Element sizes of the struct vectors: FieldNode and Buffer (16 bytes), the footer's Block (24). */
const NODE = 16;
const BLOCK = 24;
const MAX_DEPTH = 64;

class FlatBuffer {
  private budget: number;
  constructor(
    private readonly view: DataView,
    private readonly where: string,
  ) {
    this.budget = Math.max(64, view.byteLength / 4);
  }

  private bad(what: string): never {
    return fail(`fromArrow: could not read the Arrow IPC data: corrupt ${this.where}: ${what}; the file is damaged or not Arrow IPC`);
  }

  private u32(at: number): number {
    if (!(at >= 0 && at + 4 <= this.view.byteLength)) this.bad(`an offset points outside it (byte ${at})`);
    return this.view.getUint32(at, true);
  }

  private spend(n: number): void {
    this.budget -= n;
    if (this.budget < 0) this.bad('it holds more items than its size allows');
  }

  /** The table at the root. */
  root(): number {
    return this.table(this.u32(0));
  }

  private table(at: number): number {
    this.spend(1);
    const vtable = at - this.view.getInt32(this.checkAt(at, 4), true);
    const size = this.view.getUint16(this.checkAt(vtable, 4), true);
    if (size < 4 || size % 2 !== 0) this.bad('a table has a malformed vtable');
    this.checkAt(vtable, size);
    return at;
  }

  private checkAt(at: number, n: number): number {
    if (!(Number.isInteger(at) && at >= 0 && at + n <= this.view.byteLength)) this.bad(`data lies outside it (bytes ${at}..${at + n})`);
    return at;
  }

  /** Byte position of field `i` of the table at `t`, or -1 when absent. */
  field(t: number, i: number): number {
    const vtable = t - this.view.getInt32(t, true);
    const size = this.view.getUint16(vtable, true);
    const slot = 4 + 2 * i;
    if (slot + 2 > size) return -1;
    const off = this.view.getUint16(vtable + slot, true);
    return off === 0 ? -1 : this.checkAt(t + off, 1);
  }

  /** The table a reference field points to, or -1. */
  child(t: number, i: number): number {
    const f = this.field(t, i);
    return f < 0 ? -1 : this.table(f + this.u32(f));
  }

  ubyte(t: number, i: number): number {
    const f = this.field(t, i);
    return f < 0 ? 0 : this.view.getUint8(f);
  }

  long(t: number, i: number): number {
    const f = this.field(t, i);
    return f < 0 ? 0 : Number(this.view.getBigInt64(this.checkAt(f, 8), true));
  }

  /** Start and length of a vector field with `size`-byte elements (length 0 when absent). */
  vector(t: number, i: number, size: number): { start: number; length: number } {
    const f = this.field(t, i);
    if (f < 0) return { start: 0, length: 0 };
    const at = f + this.u32(f);
    const length = this.u32(at);
    this.checkAt(at + 4, length * size);
    this.spend(size === 1 ? length / 4 : length);
    return { start: at + 4, length };
  }

  /** The tables of a vector of tables. */
  tables(t: number, i: number): number[] {
    const { start, length } = this.vector(t, i, 4);
    const out: number[] = [];
    for (let k = 0; k < length; k++) {
      const at = start + 4 * k;
      out.push(this.table(at + this.u32(at)));
    }
    return out;
  }

  keyValues(t: number, i: number): void {
    for (const kv of this.tables(t, i)) {
      this.vector(kv, 0, 1);
      this.vector(kv, 1, 1);
    }
  }

  fieldTable(t: number, depth: number): void {
    if (depth > MAX_DEPTH) this.bad(`fields nest deeper than ${MAX_DEPTH} levels`);
    this.vector(t, 0, 1); // name
    const typeTag = this.ubyte(t, 2);
    const type = this.child(t, 3);
    if (type >= 0 && typeTag === 14) this.vector(type, 1, 4); // Union: typeIds
    if (type >= 0 && typeTag === 10) this.vector(type, 1, 1); // Timestamp: timezone
    const dictionary = this.child(t, 4);
    if (dictionary >= 0) this.child(dictionary, 1); // DictionaryEncoding.indexType
    for (const c of this.tables(t, 5)) this.fieldTable(c, depth + 1);
    this.keyValues(t, 6);
  }

  schema(t: number): void {
    for (const f of this.tables(t, 1)) this.fieldTable(f, 0);
    this.keyValues(t, 2);
    this.vector(t, 3, 8);
  }

  recordBatch(t: number): void {
    this.vector(t, 1, NODE);
    this.vector(t, 2, NODE);
    this.child(t, 3);
    this.vector(t, 4, 8);
  }

  /** Checks one Message; returns its body length and header type (1 schema, 2 dictionary batch, 3 record batch). */
  message(): { body: number; tag: number } {
    const m = this.root();
    const tag = this.ubyte(m, 1);
    const header = this.child(m, 2);
    if (header >= 0 && tag === 1) this.schema(header);
    else if (header >= 0 && tag === 3) this.recordBatch(header);
    else if (header >= 0 && tag === 2) {
      const data = this.child(header, 1);
      if (data >= 0) this.recordBatch(data);
    }
    this.keyValues(m, 4);
    const body = this.long(m, 3);
    if (!(body >= 0 && Number.isSafeInteger(body))) this.bad(`the body length is ${body}`);
    return { body, tag };
  }

  /** Checks a file Footer; returns its blocks: message position and the header type it must hold. */
  footer(): { offset: number; tag: number }[] {
    const f = this.root();
    const schema = this.child(f, 1);
    if (schema >= 0) this.schema(schema);
    const blocks: { offset: number; tag: number }[] = [];
    for (const [i, tag] of [
      [2, 2],
      [3, 3],
    ] as const) {
      const { start, length } = this.vector(f, i, BLOCK);
      for (let k = 0; k < length; k++) blocks.push({ offset: Number(this.view.getBigInt64(start + BLOCK * k, true)), tag });
    }
    this.keyValues(f, 4);
    return blocks;
  }
}

/** The metadata of the message at `at` (after the optional 0xFFFFFFFF continuation marker), or null at the end. */
function messageAt(bytes: Uint8Array, at: number): { meta: DataView; next: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + 4 > bytes.length) return null;
  let length = view.getInt32(at, true);
  let start = at + 4;
  if (length === -1) {
    if (at + 8 > bytes.length) return null;
    length = view.getInt32(at + 4, true);
    start = at + 8;
  }
  if (length === 0) return null;
  if (length < 0 || start + length > bytes.length) {
    fail(`fromArrow: could not read the Arrow IPC data: corrupt message at byte ${at}: its metadata claims ${length} bytes of the ${bytes.length - start} left; the file was cut short or damaged`);
  }
  return { meta: new DataView(bytes.buffer, bytes.byteOffset + start, length), next: start + length };
}

/**
 * Walks the metadata of Arrow IPC bytes the way the arrow reader will (stream: every message in order; file: the
 * footer and the messages its blocks point to), failing with a HeatglError on anything out of bounds.
 */
export function verifyIpcMetadata(bytes: Uint8Array, file: boolean): void {
  if (file) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 10; // int32 footer length, then "ARROW1"
    const length = view.getInt32(end, true);
    if (!(length > 0 && end - length >= 8)) fail(`fromArrow: could not read the Arrow IPC data: corrupt file footer: it claims ${length} bytes; the file is damaged`);
    const footer = new FlatBuffer(new DataView(bytes.buffer, bytes.byteOffset + end - length, length), 'file footer');
    for (const { offset, tag } of footer.footer()) {
      if (!(Number.isSafeInteger(offset) && offset >= 0 && offset < end)) fail(`fromArrow: could not read the Arrow IPC data: corrupt file footer: a block starts at byte ${offset}`);
      const m = messageAt(bytes, offset);
      // The reader seeks to a record batch block until it finds a record batch there: anything else loops forever.
      const found = m === null ? 0 : new FlatBuffer(m.meta, `message at byte ${offset}`).message().tag;
      if (found !== tag) {
        fail(`fromArrow: could not read the Arrow IPC data: corrupt file footer: the ${tag === 3 ? 'record' : 'dictionary'} batch block at byte ${offset} holds no such message`);
      }
    }
    return;
  }
  let at = 0;
  for (let m = messageAt(bytes, at); m !== null; m = messageAt(bytes, at)) {
    const { body } = new FlatBuffer(m.meta, `message at byte ${at}`).message();
    at = m.next + body;
    if (at > bytes.length) fail(`fromArrow: the message at byte ${m.next} needs ${body} body bytes but the input ends first; the file was cut short`);
  }
}

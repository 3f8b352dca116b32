// Arrow IPC sanity checks (pure): the row counts a file claims are checked against the bytes that hold the rows,
// before the arrow reader or fromArrow allocates anything sized by them (a 3-row file edited to claim 2^31 rows
// must fail fast, with a HeatglError, not ask for gigabytes or return rows of garbage).
import {
  type Data,
  DataType,
  type Field,
  type Message,
  MessageReader,
  RecordBatchReader,
  type Schema,
  type Table,
} from 'apache-arrow';
import { fail, quote } from '../core/errors';

interface BatchHeader {
  readonly length: number;
  readonly nodes: readonly { length: number; nullCount: number }[];
  readonly buffers: readonly { offset: number; length: number }[];
}

/** Field nodes one column uses in a record batch (the arrow reader's walk: itself, then its children's). */
function nodeCount(type: DataType): number {
  if (DataType.isDictionary(type)) return 1;
  let n = 1;
  for (const child of (type.children ?? []) as Field[]) n += nodeCount(child.type);
  return n;
}

function checkBatch(h: BatchHeader, bodyLength: number, schema: Schema | undefined, what: string): void {
  if (!Number.isSafeInteger(h.length) || h.length < 0) fail(`fromArrow: ${what} claims ${h.length} rows; the file is corrupt`);
  for (const b of h.buffers) {
    if (!(b.offset >= 0 && b.length >= 0 && b.offset + b.length <= bodyLength)) {
      fail(`fromArrow: ${what} has a buffer at bytes ${b.offset}..${b.offset + b.length} of a ${bodyLength}-byte body; the file is corrupt`);
    }
  }
  if (schema === undefined) return;
  let at = 0;
  for (const field of schema.fields) {
    const node = h.nodes[at];
    if (node === undefined) fail(`fromArrow: ${what} has no data for column ${quote(field.name)}; the file is corrupt`);
    if (node.length !== h.length) {
      fail(`fromArrow: ${what} claims ${h.length} rows but its column ${quote(field.name)} claims ${node.length}; the file is corrupt`);
    }
    at += nodeCount(field.type);
  }
}

function checkMessage(message: Message, schema: Schema | undefined, index: number): void {
  if (message.isRecordBatch()) checkBatch(message.header(), message.bodyLength, schema, `record batch ${index}`);
  else if (message.isDictionaryBatch()) checkBatch(message.header().data, message.bodyLength, undefined, `dictionary batch ${message.header().id}`);
}

/**
 * Reads the message headers of Arrow IPC bytes (stream: in order; file: where the footer points) and checks
 * each batch's row count against its columns and its buffers against its body.
 */
export function checkIpcHeaders(bytes: Uint8Array, file: boolean): void {
  if (file) {
    const reader = RecordBatchReader.from(bytes);
    reader.open();
    const footer = reader.footer;
    if (footer === null) return;
    for (let i = 0; i < footer.numRecordBatches; i++) {
      const block = footer.getRecordBatch(i);
      if (block === null) continue;
      if (!(block.offset >= 0 && block.offset < bytes.length)) fail(`fromArrow: record batch ${i} is at byte ${block.offset} of a ${bytes.length}-byte file; the file is corrupt`);
      const message = new MessageReader(bytes.subarray(block.offset)).readMessage();
      if (message === null) fail(`fromArrow: record batch ${i} is missing; the file was cut short`);
      if (block.offset + block.metaDataLength + message.bodyLength > bytes.length) {
        fail(`fromArrow: record batch ${i} needs ${message.bodyLength} bytes past the end of the file; the file was cut short`);
      }
      checkMessage(message, reader.schema, i);
    }
    return;
  }
  const messages = new MessageReader(bytes);
  let schema: Schema | undefined;
  let batch = 0;
  for (let message = messages.readMessage(); message !== null; message = messages.readMessage()) {
    if (message.isSchema()) schema = message.header();
    else {
      checkMessage(message, schema, batch);
      if (message.isRecordBatch()) batch++;
    }
    messages.readMessageBody(message.bodyLength);
  }
}

/** Rows a fixed-width values buffer holds (bits for booleans, `stride` elements per row otherwise). */
function rowsHeld(d: Data): number {
  const length = (d.values as ArrayLike<unknown> | undefined)?.length ?? 0;
  return DataType.isBool(d.type as DataType) ? length * 8 : Math.floor(length / Math.max(1, d.stride));
}

/**
 * Checks that every column of every batch holds as many values as its row count says (values, validity
 * bitmaps, offsets and dictionaries), so reading a row never runs past the data.
 */
export function checkTable(table: Table): void {
  for (let b = 0; b < table.batches.length; b++) {
    const batch = table.batches[b];
    const fields = table.schema.fields;
    const children = batch.data.children;
    for (let c = 0; c < children.length; c++) checkData(children[c], `column ${quote(fields[c]?.name ?? String(c))} of record batch ${b}`);
  }
}

function short(what: string, rows: number, has: number, of: string): never {
  return fail(`fromArrow: ${what} claims ${rows} rows but holds ${of} for ${has}; the file is corrupt`);
}

function checkData(d: Data, what: string): void {
  const type = d.type as DataType;
  const n = d.offset + d.length;
  if (!Number.isSafeInteger(n) || d.length < 0 || d.offset < 0) fail(`fromArrow: ${what} claims ${d.length} rows; the file is corrupt`);
  const bitmap = d.nullBitmap as Uint8Array | undefined;
  if (bitmap !== undefined && bitmap.length > 0 && bitmap.length * 8 < n) short(what, n, bitmap.length * 8, 'a validity bitmap');
  if (DataType.isNull(type)) return;
  if (DataType.isStruct(type) || DataType.isUnion(type) || DataType.isFixedSizeList(type)) {
    const per = DataType.isFixedSizeList(type) ? type.listSize : 1;
    for (const child of d.children) {
      if (child.length < n * per && !DataType.isDenseUnion(type)) short(what, n, Math.floor(child.length / per), 'child values');
      checkData(child, what);
    }
    return;
  }
  const offsets = d.valueOffsets as ArrayLike<number | bigint> | undefined;
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isList(type) || DataType.isMap(type)) {
    if (offsets === undefined || offsets.length < n + 1) short(what, n, Math.max(0, (offsets?.length ?? 0) - 1), 'offsets');
    const end = Number(offsets[n]);
    const isList = DataType.isList(type) || DataType.isMap(type);
    const held = isList ? (d.children[0]?.length ?? 0) : ((d.values as ArrayLike<number> | undefined)?.length ?? 0);
    if (!(end >= 0 && end <= held)) fail(`fromArrow: ${what} has values up to position ${end} but holds ${held}; the file is corrupt`);
    for (const child of d.children) checkData(child, what);
    return;
  }
  if (rowsHeld(d) < n) short(what, n, rowsHeld(d), 'values');
  if (DataType.isDictionary(type) && d.dictionary !== undefined) {
    for (const part of d.dictionary.data) checkData(part, `the dictionary of ${what}`);
  }
}

// An in-memory matrix as a MatrixSource (pure). It answers getTile at once with views of the caller's array (no copy
// unless a block wraps around the ring), and it is where the live-data edits happen: updateRegion writes a block,
// appendRows scrolls the matrix as a waterfall through a ring offset, so that the GPU re-uploads only the new rows.
// heatgl takes its own copy of the values at the first edit: the caller's array is never written.
import { Emitter } from '../core/emitter';
import type { Matrix } from '../core/matrix';
import type { MatrixSource, SourceRegion, TileBlock, TileRequest } from './matrix-source';

export interface MemorySource extends MatrixSource {
  /** The matrix in logical order (row 0 first), labels included; replaced by heatgl's own copy at the first edit. */
  readonly matrix: Matrix;
  readonly mask: Uint8Array | undefined;
  /** Writes `block` at logical (row0, col0); the caller has checked that it fits. */
  writeRegion(row0: number, col0: number, block: Matrix): void;
  /** Drops the oldest (top) rows and appends `block`'s rows at the bottom (the caller has checked the width); returns
   * how many rows moved in (at most `rows`). */
  appendRows(block: Matrix): number;
  /** Tells the source that every value is finite and unmasked, once a scan of the data has shown it (false until then
   * for a progressive upload, whose limits come in slices). Edits clear it again. */
  setAllFinite(allFinite: boolean): void;
}

/** A stored value as a number (null in a plain array is a missing cell). */
const toNumber = (v: number | null | undefined): number => (v === null || v === undefined ? Number.NaN : +v);

/** A source over `matrix` and `mask`; `allFinite` says the caller knows every value to be finite and unmasked. */
/** Every cell is drawn as a number: no mask, and the limits counted every cell (no NaN or ±Inf). */
export function allCellsFinite(m: Matrix, mask: Uint8Array | undefined, finiteCount: number | undefined): boolean {
  return !mask && finiteCount === m.rows * m.cols;
}

export function createMemorySource(matrix: Matrix, mask: Uint8Array | undefined, allFinite: boolean): MemorySource {
  const { rows, cols } = matrix;
  const changes = new Emitter<{ change: SourceRegion }>();
  let m = matrix;
  let msk = mask;
  let ring = 0;
  let owns = false;
  let finite = allFinite && !mask;

  /** Makes `m.values` heatgl's own array before the first in-place change. */
  const own = (): Float32Array | Float64Array => {
    if (!owns) {
      const v = m.values;
      const copy = v instanceof Float32Array ? new Float32Array(v) : Float64Array.from({ length: v.length }, (_, i) => toNumber(v[i]));
      m = { ...m, values: copy };
      owns = true;
      // In-place edits may bring NaN: from now on every block is encoded.
      finite = false;
    }
    return m.values as Float32Array | Float64Array;
  };

  /** Storage rows [p0, p0 + n) are logical rows starting at (p0 - ring) mod rows: emits them as one or two runs. */
  const emitRows = (p0: number, n: number, col0: number, nCols: number) => {
    const first = Math.min(n, rows - p0);
    changes.emit('change', { row0: p0, col0, rows: first, cols: nCols });
    if (first < n) changes.emit('change', { row0: 0, col0, rows: n - first, cols: nCols });
  };

  return {
    rows,
    cols,
    levels: [{ rows, cols, scale: 1 }],
    get matrix() {
      return m;
    },
    get mask() {
      return msk;
    },
    get ringOffset() {
      return ring;
    },
    get allFinite() {
      return finite;
    },
    getTile(req: TileRequest): TileBlock {
      const l0 = ring === 0 ? req.row0 : (req.row0 - ring + rows) % rows;
      if (l0 + req.rows <= rows) return { values: m.values, offset: l0 * cols + req.col0, stride: cols, mask: msk };
      // The block wraps around the ring: copy its two runs into one block.
      const values = new Float64Array(req.rows * req.cols);
      const outMask = msk ? new Uint8Array(values.length) : undefined;
      for (let r = 0; r < req.rows; r++) {
        const base = ((l0 + r) % rows) * cols + req.col0;
        for (let c = 0; c < req.cols; c++) {
          values[r * req.cols + c] = toNumber(m.values[base + c]);
          if (outMask && msk) outMask[r * req.cols + c] = msk[base + c] as number;
        }
      }
      return { values, offset: 0, stride: req.cols, mask: outMask };
    },
    setAllFinite(v) {
      finite = v && !msk && !owns;
    },
    onChange(listener) {
      return changes.on('change', listener);
    },
    writeRegion(row0, col0, b) {
      const dst = own();
      for (let r = 0; r < b.rows; r++) {
        const base = (row0 + r) * cols + col0;
        for (let c = 0; c < b.cols; c++) dst[base + c] = toNumber(b.values[r * b.cols + c]);
      }
      emitRows((row0 + ring) % rows, b.rows, col0, b.cols);
    },
    appendRows(b) {
      const k = Math.min(b.rows, rows);
      const skip = b.rows - k;
      const dst = own();
      dst.copyWithin(0, k * cols);
      for (let r = 0; r < k; r++) {
        const base = (rows - k + r) * cols;
        const from = (skip + r) * b.cols;
        for (let c = 0; c < cols; c++) dst[base + c] = toNumber(b.values[from + c]);
      }
      if (msk) {
        const next = msk.slice();
        next.copyWithin(0, k * cols);
        next.fill(0, (rows - k) * cols);
        msk = next;
      }
      const labels = m.rowLabels;
      if (labels) {
        const added = b.rowLabels ? b.rowLabels.slice(skip) : Array.from({ length: k }, () => '');
        m = { ...m, rowLabels: [...labels.slice(k), ...added] };
      }
      // The new rows overwrite the oldest ones in place: storage rows [p0, p0 + k) modulo rows.
      const p0 = ring;
      ring = (ring + k) % rows;
      emitRows(p0, k, 0, cols);
      return k;
    },
  };
}

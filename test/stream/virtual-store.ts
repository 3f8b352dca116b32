// A virtual OME-Zarr 0.5 store of a 10⁶ × 10⁶ float32 matrix (10¹² cells), synthesised chunk by chunk on request.
// The field is a sum of separable cosine products, so the mean over any block (every pyramid level's value) has a
// closed form: level k cell (i, j) = the mean of the base cells it covers, computed in float64 and stored as float32.
export const VIRTUAL_N = 1_000_000;
export const VIRTUAL_CHUNK = 256;
/** Levels 0..12: level 12 is 245 × 245 cells. */
export const VIRTUAL_LEVELS = 13;

// f(r, c) = Σ w · cos(2π r / pr + φr) · cos(2π c / pc + φc)
const TERMS = [
  { w: 1, pr: 400_000, pc: 300_000, fr: 0, fc: 0.7 },
  { w: 0.5, pr: 9_000, pc: 13_000, fr: 1.1, fc: 0.3 },
  { w: 0.3, pr: 131, pc: 173, fr: 0.2, fc: 2.1 },
  { w: 0.2, pr: 6, pc: 10, fr: 0.5, fc: 1.3 },
] as const;

/** Mean of cos(2π i / p + φ) over integers i in [a, b). */
function cosMean(a: number, b: number, p: number, phi: number): number {
  const w = (2 * Math.PI) / p;
  const n = b - a;
  if (n === 1) return Math.cos(w * a + phi);
  // Σ_{i=a}^{b-1} cos(w i + φ) = sin(n w / 2) cos(w (a + b - 1) / 2 + φ) / sin(w / 2)
  const s = Math.sin(w / 2);
  if (Math.abs(s) < 1e-300) return Math.cos(w * a + phi);
  return (Math.sin((n * w) / 2) * Math.cos((w * (a + b - 1)) / 2 + phi)) / s / n;
}

/** Level k's value at (row i, col j): the mean of the base block it covers, float64. */
export function virtualValue(level: number, i: number, j: number): number {
  const f = 2 ** level;
  const r0 = i * f;
  const r1 = Math.min(VIRTUAL_N, r0 + f);
  const c0 = j * f;
  const c1 = Math.min(VIRTUAL_N, c0 + f);
  let v = 0;
  for (const t of TERMS) v += t.w * cosMean(r0, r1, t.pr, t.fr) * cosMean(c0, c1, t.pc, t.fc);
  return v;
}

export function virtualLevelSize(level: number): number {
  return Math.ceil(VIRTUAL_N / 2 ** level);
}

function rootJson(): unknown {
  return {
    zarr_format: 3,
    node_type: 'group',
    attributes: {
      ome: {
        version: '0.5',
        multiscales: [
          {
            name: 'virtual 10^12',
            type: 'mean',
            axes: [{ name: 'y', type: 'space' }, { name: 'x', type: 'space' }],
            datasets: Array.from({ length: VIRTUAL_LEVELS }, (_, k) => ({ path: String(k), coordinateTransformations: [{ type: 'scale', scale: [2 ** k, 2 ** k] }] })),
          },
        ],
      },
    },
  };
}

function arrayJson(level: number): unknown {
  const n = virtualLevelSize(level);
  return {
    zarr_format: 3,
    node_type: 'array',
    shape: [n, n],
    data_type: 'float32',
    chunk_grid: { name: 'regular', configuration: { chunk_shape: [VIRTUAL_CHUNK, VIRTUAL_CHUNK] } },
    chunk_key_encoding: { name: 'default', configuration: { separator: '/' } },
    fill_value: 'NaN',
    codecs: [{ name: 'bytes', configuration: { endian: 'little' } }],
    dimension_names: ['y', 'x'],
    attributes: {},
  };
}

/** One chunk's bytes (full chunk shape; cells past the edge hold NaN, the fill value). */
export function virtualChunk(level: number, ci: number, cj: number): Uint8Array {
  const n = virtualLevelSize(level);
  const C = VIRTUAL_CHUNK;
  const f = 2 ** level;
  // Separable: per-row and per-column means of every term, then Σ w · a · b.
  const rowMeans = TERMS.map(() => new Float64Array(C));
  const colMeans = TERMS.map(() => new Float64Array(C));
  for (const [t, term] of TERMS.entries()) {
    for (let k = 0; k < C; k++) {
      const i = ci * C + k;
      const j = cj * C + k;
      if (i < n) (rowMeans[t] as Float64Array)[k] = cosMean(i * f, Math.min(VIRTUAL_N, (i + 1) * f), term.pr, term.fr);
      if (j < n) (colMeans[t] as Float64Array)[k] = cosMean(j * f, Math.min(VIRTUAL_N, (j + 1) * f), term.pc, term.fc);
    }
  }
  const out = new Float32Array(C * C);
  for (let a = 0; a < C; a++) {
    for (let b = 0; b < C; b++) {
      if (ci * C + a >= n || cj * C + b >= n) {
        out[a * C + b] = Number.NaN;
        continue;
      }
      let v = 0;
      for (let t = 0; t < TERMS.length; t++) v += (TERMS[t] as (typeof TERMS)[number]).w * (rowMeans[t] as Float64Array)[a]! * (colMeans[t] as Float64Array)[b]!;
      out[a * C + b] = v;
    }
  }
  return new Uint8Array(out.buffer);
}

const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

/** The store's file at `path` (relative to its root), or undefined (404). */
export function virtualStoreFile(path: string): Uint8Array | undefined {
  const p = path.replace(/^\/+/, '');
  if (p === 'zarr.json') return enc(rootJson());
  const meta = /^(\d+)\/zarr\.json$/.exec(p);
  if (meta) {
    const k = Number(meta[1]);
    return k < VIRTUAL_LEVELS ? enc(arrayJson(k)) : undefined;
  }
  const chunk = /^(\d+)\/c\/(\d+)\/(\d+)$/.exec(p);
  if (chunk) {
    const [k, i, j] = [Number(chunk[1]), Number(chunk[2]), Number(chunk[3])];
    const count = Math.ceil(virtualLevelSize(k) / VIRTUAL_CHUNK);
    if (k >= VIRTUAL_LEVELS || i >= count || j >= count) return undefined;
    return virtualChunk(k, i, j);
  }
  return undefined;
}

/** The same store with consolidated metadata in its root zarr.json (as `zarr.consolidate_metadata` writes it): the
 * levels' metadata come with the root, in one request. */
export function virtualConsolidatedFile(path: string): Uint8Array | undefined {
  if (path.replace(/^\/+/, '') !== 'zarr.json') return virtualStoreFile(path);
  const metadata = Object.fromEntries(Array.from({ length: VIRTUAL_LEVELS }, (_, k) => [String(k), arrayJson(k)]));
  return enc({ ...(rootJson() as Record<string, unknown>), consolidated_metadata: { kind: 'inline', must_understand: false, metadata } });
}

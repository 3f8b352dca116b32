// Test stores: integer-valued analytic fields (so every level's mean, sum and max is exact in float32), their
// pyramids, and OME-Zarr 0.4 (v2) / 0.5 (v3) multiscale groups written with zarr-writer.ts.
import { type ArraySpec, type Compression, type Dtype, type Files, writeArrayV2, writeArrayV3, writeGroupV2, writeGroupV3 } from './zarr-writer';

export type Reduction = 'mean' | 'sum' | 'max';

/** Integer field with structure at several scales: a diagonal band ("Hi-C"), blocks and a ramp; |v| < 1000. */
export function baseField(rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = Math.abs(r - c);
      const band = d < 8 ? 400 - 50 * d : 0;
      const block = (Math.floor(r / 32) + Math.floor(c / 32)) % 2 === 0 ? 100 : 0;
      out[r * cols + c] = band + block + ((r * 7 + c * 13) % 97);
    }
  }
  return out;
}

export interface Level {
  values: Float64Array;
  rows: number;
  cols: number;
  /** Base cells per level cell along each axis. */
  factor: number;
}

/** Level k+1 from level k: blocks of f×f (the last may be partial) reduced by mean, sum or max. */
export function reduceLevel(l: Level, f: number, how: Reduction): Level {
  const rows = Math.ceil(l.rows / f);
  const cols = Math.ceil(l.cols / f);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      let n = 0;
      let m = Number.NEGATIVE_INFINITY;
      for (let r = i * f; r < Math.min(l.rows, (i + 1) * f); r++) {
        for (let c = j * f; c < Math.min(l.cols, (j + 1) * f); c++) {
          const v = l.values[r * l.cols + c] as number;
          s += v;
          n++;
          if (v > m) m = v;
        }
      }
      out[i * cols + j] = how === 'max' ? m : how === 'sum' ? s : s / n;
    }
  }
  return { values: out, rows, cols, factor: l.factor * f };
}

/** Levels 0..count-1: level k reduces the base's 2^k × 2^k blocks (edge blocks partial: their mean is over the cells they have). */
export function pyramid(values: Float64Array, rows: number, cols: number, count: number, how: Reduction): Level[] {
  const base: Level = { values, rows, cols, factor: 1 };
  const levels: Level[] = [base];
  for (let k = 1; k < count; k++) levels.push(reduceLevel(base, 2 ** k, how));
  return levels;
}

export function multiscales(version: '0.4' | '0.5', levels: Level[], type?: string): Record<string, unknown> {
  const ms: Record<string, unknown> = {
    name: 'field',
    axes: [{ name: 'y', type: 'space' }, { name: 'x', type: 'space' }],
    datasets: levels.map((l, k) => ({ path: String(k), coordinateTransformations: [{ type: 'scale', scale: [l.factor, l.factor] }] })),
  };
  if (version === '0.4') ms.version = '0.4';
  if (type) ms.type = type;
  return ms;
}

export interface OmeSpec {
  chunks: [number, number];
  shards?: [number, number];
  compression?: Compression;
  dtype?: Dtype;
  /** The declared downsampling (`type` of the multiscale). */
  type?: string;
  omit?: ArraySpec['omit'];
  fillValue?: ArraySpec['fillValue'];
}

export async function writeOme(files: Files, path: string, version: '0.4' | '0.5', levels: Level[], spec: OmeSpec): Promise<void> {
  const ms = multiscales(version, levels, spec.type);
  if (version === '0.4') writeGroupV2(files, path, { multiscales: [ms] });
  else writeGroupV3(files, path, { ome: { version: '0.5', multiscales: [ms] } });
  for (const [k, l] of levels.entries()) {
    const a: ArraySpec = { values: l.values, shape: [l.rows, l.cols], chunks: spec.chunks, compression: spec.compression ?? 'raw', dtype: spec.dtype ?? 'float32', fillValue: spec.fillValue ?? 0 };
    if (spec.omit) a.omit = spec.omit;
    if (version === '0.4') await writeArrayV2(files, `${path}/${k}`, a);
    else await writeArrayV3(files, `${path}/${k}`, spec.shards ? { ...a, shards: spec.shards, dimensionNames: ['y', 'x'] } : { ...a, dimensionNames: ['y', 'x'] });
  }
}

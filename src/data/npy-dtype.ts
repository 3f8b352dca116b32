// NumPy dtype descriptors for .npy (pure): which ones heatgl reads (bool, ints, uints, floats), their item
// size and byte order, and a specific error for the rest (object, strings, complex, datetime, structured).
import { clip, fail } from '../core/errors';
import type { PyValue } from './npy-header';

export type NpyKind = 'b' | 'i' | 'u' | 'f';

export interface NpyDtype {
  descr: string;
  kind: NpyKind;
  itemsize: 1 | 2 | 4 | 8;
  littleEndian: boolean;
  /** Float32Array holds every value exactly for these; the rest need Float64Array. */
  fitsFloat32: boolean;
}

const SIZES: Record<NpyKind, readonly number[]> = { b: [1], i: [1, 2, 4, 8], u: [1, 2, 4, 8], f: [2, 4, 8] };

function unsupported(descr: string, why: string): never {
  return fail(`fromNpy: dtype '${clip(descr)}' ${why}`);
}

export function parseDtype(descr: PyValue): NpyDtype {
  if (Array.isArray(descr)) {
    const names = descr.map((f) => (f !== null && typeof f === 'object' && 'tuple' in f ? String(f.tuple[0]) : '?'));
    const listed = `${names.slice(0, 20).map((n) => clip(n)).join(', ')}${names.length > 20 ? `, … and ${names.length - 20} more` : ''}`;
    return fail(`fromNpy: structured dtype with fields ${listed} is not supported; save one numeric field, e.g. np.save(f, arr['${clip(names[0])}'])`);
  }
  if (typeof descr !== 'string') return fail('fromNpy: bad header: descr must be a dtype string such as \'<f8\'');
  const m = /^([<>|=]?)([a-zA-Z])(\d*)(.*)$/.exec(descr);
  if (m === null) return unsupported(descr, 'is not a dtype string; expected e.g. \'<f8\', \'>i4\' or \'|b1\'');
  const [, order, kindChar, sizeText, rest] = m;
  switch (kindChar) {
    case 'O':
      return unsupported(descr, 'is an object array (pickled Python objects), which cannot be read safely; convert it with arr.astype(float) first');
    case 'c':
      return unsupported(descr, 'is complex; save a real array instead (np.abs(arr), arr.real or np.angle(arr))');
    case 'U':
    case 'S':
    case 'a':
      return unsupported(descr, 'is a string dtype; expected numbers (convert with arr.astype(float))');
    case 'M':
    case 'm':
      return unsupported(descr, 'is datetime64/timedelta64; convert it to numbers first (e.g. arr.astype("int64"))');
    case 'V':
      return unsupported(descr, 'is a raw void/structured dtype; expected a numeric dtype');
  }
  const kind = kindChar as NpyKind;
  const itemsize = Number(sizeText);
  if (!(kind in SIZES) || rest !== '' || !SIZES[kind].includes(itemsize)) {
    const extra = kind === 'f' && itemsize > 8 ? ' (long double is not portable; use float64)' : '';
    return unsupported(descr, `is not supported${extra}; expected bool (|b1), int8–int64, uint8–uint64 or float16/32/64`);
  }
  if (itemsize > 1 && order === '|') return unsupported(descr, 'has no byte order; expected \'<\' or \'>\' for multi-byte items');
  const fitsFloat32 = kind === 'b' || (kind === 'f' && itemsize <= 4) || ((kind === 'i' || kind === 'u') && itemsize <= 2);
  // NumPy always writes '<', '>' or '|'; a hand-written '=' (native) is read as little-endian, as on every
  // machine a browser runs on.
  return { descr, kind, itemsize: itemsize as NpyDtype['itemsize'], littleEndian: order !== '>', fitsFloat32 };
}

// Distinct group keys for pivot (pure): assigns ids in first-appearance order, drops missing keys like
// pandas' groupby (null, undefined, NaN, invalid Date), and orders keys like pandas' sort.
import { describe, fail } from '../core/errors';
import { formatLabel } from './labels';

export type GroupKey = string | number | boolean | bigint | Date;

/** Compares strings by Unicode code point, like Python (JS `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (0xD800–0xDFFF) starts an astral code point, above every BMP code point ≥ 0xE000.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function typeRank(v: GroupKey): number {
  if (typeof v === 'string') return 2;
  return v instanceof Date ? 1 : 0;
}

/** pandas' order for mixed keys: numbers (booleans as 0/1) numerically, then dates, then strings by code point. */
export function compareKeys(a: GroupKey, b: GroupKey): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 2) return compareCodePoints(a as string, b as string);
  const x = a instanceof Date ? a.getTime() : typeof a === 'boolean' ? Number(a) : a;
  const y = b instanceof Date ? b.getTime() : typeof b === 'boolean' ? Number(b) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

export class KeyIndex {
  readonly keys: GroupKey[] = [];
  private readonly ids = new Map<unknown, number>();
  private readonly dateIds = new Map<number, number>();

  /** `what` names the key for errors ("the index key of record 3"). */
  constructor(private readonly what: string) {}

  get size(): number {
    return this.keys.length;
  }

  /** The key's id, or -1 for a missing key. */
  id(v: unknown, record: number): number {
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return -1;
    if (v instanceof Date) {
      const t = v.getTime();
      if (Number.isNaN(t)) return -1;
      let id = this.dateIds.get(t);
      if (id === undefined) {
        id = this.keys.length;
        this.dateIds.set(t, id);
        this.keys.push(v);
      }
      return id;
    }
    const type = typeof v;
    if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'bigint') {
      fail(`pivot: the ${this.what} of record ${record} is ${describe(v)}; expected a string, number, boolean or Date`);
    }
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(v, id);
      this.keys.push(v as GroupKey);
    }
    return id;
  }

  /** Ids in output order: sorted like pandas, or first appearance. */
  order(sort: boolean): number[] {
    const ids = this.keys.map((_, i) => i);
    if (sort) ids.sort((a, b) => compareKeys(this.keys[a], this.keys[b]) || a - b);
    return ids;
  }

  label(id: number): string {
    return formatLabel(this.keys[id]);
  }
}

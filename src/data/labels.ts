// Label helpers shared by the loaders (pure): default positional labels like pandas' RangeIndex, and the
// one formatting rule for keys (numbers with String(), dates as ISO strings).
import { fail } from '../core/errors';

/** "0", "1", … like a pandas RangeIndex. */
export function rangeLabels(n: number): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = String(i);
  return out;
}

/** An ISO date ("2012-01-31") at UTC midnight, else the full ISO timestamp. */
export function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** A key as a label: strings as is, numbers and bigints with String(), Dates as ISO, booleans like Python. */
export function formatLabel(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return formatDate(v.getTime());
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return '';
  return String(v);
}

/** Validates user-supplied labels (a copy is returned; the caller's array is never kept or changed). */
export function checkLabels(who: string, name: string, labels: readonly unknown[] | undefined, n: number): string[] | undefined {
  if (labels === undefined) return undefined;
  if (!Array.isArray(labels)) fail(`${who}: ${name} must be an array of ${n} strings`);
  if (labels.length !== n) fail(`${who}: ${name} has ${labels.length} entries but the matrix has ${n}`);
  return labels.map(String);
}

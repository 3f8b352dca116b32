// Error type for bad input (pure; shared by every layer). Messages say what was wrong and what was expected.

/** Thrown for invalid data or options. The heatmap keeps its previous picture when this is thrown. */
export class HeatglError extends Error {
  override readonly name = 'HeatglError';
}

export function fail(message: string): never {
  throw new HeatglError(message);
}

/** Longest user string quoted in full in an error message; longer ones are cut with "…". */
export const QUOTE_MAX = 40;

/** A user string cut to at most `max` UTF-16 units (never half a surrogate pair) for an error message. */
export function clip(value: unknown, max = QUOTE_MAX): string {
  const s = String(value);
  if (s.length <= max) return s;
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return `${s.slice(0, end)}…`;
}

/** A user string in double quotes for an error message, cut to a readable length: `"a very long colu…"`. */
export function quote(value: unknown, max = QUOTE_MAX): string {
  return JSON.stringify(clip(value, max));
}

/** Quoted names for an error message, at most `max` of them: `"a", "b", … and 998 more`. */
export function quoteList(values: readonly unknown[], max = 20): string {
  const shown = values.slice(0, max).map((v) => quote(v));
  return values.length > max ? `${shown.join(', ')}, … and ${values.length - max} more` : shown.join(', ');
}

/** Short human description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

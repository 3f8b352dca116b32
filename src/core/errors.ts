// Error type for bad input (pure; shared by every layer). Messages say what was wrong and what was expected.

/** Thrown for invalid data or options. The heatmap keeps its previous picture when this is thrown. */
export class HeatglError extends Error {
  override readonly name = 'HeatglError';
}

export function fail(message: string): never {
  throw new HeatglError(message);
}

/** Short human description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

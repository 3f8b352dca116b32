// Errors of streamed sources: a HeatglError that names the store URL, the array path and the chunk key.
import { HeatglError } from '../core/errors';

export interface StreamErrorContext {
  url: string;
  /** Array path inside the store ('' for the root). */
  path?: string | undefined;
  /** Chunk key, e.g. 'c/0/3' (v3) or '0.3' (v2). */
  chunk?: string | undefined;
  /** HTTP status when the server answered with one. */
  status?: number | undefined;
}

export class StreamError extends HeatglError {
  readonly url: string;
  readonly path: string | undefined;
  readonly chunk: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, context: StreamErrorContext, options?: { cause?: unknown }) {
    const where = [`store ${context.url}`, context.path !== undefined ? `array '${context.path}'` : '', context.chunk !== undefined ? `chunk '${context.chunk}'` : '']
      .filter(Boolean)
      .join(', ');
    super(`${message} (${where})`, options);
    this.url = context.url;
    this.path = context.path;
    this.chunk = context.chunk;
    this.status = context.status;
  }
}

/** An HTTP failure reported by the store's fetch wrapper (kept so the tile error can name the status). */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

// Errors of streamed sources: a HeatglError that names the store URL, the array path and the chunk key.
import { HeatglError } from '../core/errors';

export interface StreamErrorContext {
  url: string;
  /** Array path inside the store ('' for the root). */
  path?: string | undefined;
  /** Chunk key, e.g. 'c/0/3' (v3) or '0.3' (v2); for a sharded array the inner chunk's grid position so encoded. */
  chunk?: string | undefined;
  /** Sharded arrays: the key of the shard object holding the chunk. */
  shard?: string | undefined;
  /** HTTP status when the server answered with one. */
  status?: number | undefined;
}

export class StreamError extends HeatglError {
  readonly url: string;
  readonly path: string | undefined;
  readonly chunk: string | undefined;
  readonly shard: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, context: StreamErrorContext, options?: { cause?: unknown }) {
    const where = [`store ${context.url}`, context.path !== undefined ? `array '${context.path}'` : '', context.chunk !== undefined ? `chunk '${context.chunk}'${context.shard !== undefined ? ` in shard '${context.shard}'` : ''}` : '']
      .filter(Boolean)
      .join(', ');
    super(`${message} (${where})`, options);
    this.url = context.url;
    this.path = context.path;
    this.chunk = context.chunk;
    this.shard = context.shard;
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

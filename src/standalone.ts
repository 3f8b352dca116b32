// Entry of dist/heatgl.standalone.js (`heatgl/standalone`): the whole API in one ES module with the dependencies
// inlined, for plain HTML pages and CDNs. Apache Arrow (about 180 kB) is not inlined: it is loaded on the first
// Arrow input, so here fromArrow returns a Promise (`await fromArrow(bytes)` works with both builds).
import type { ArrowOptions, fromArrow as readArrow } from './data/arrow';
import type { DataMatrix } from './data/types';

export * from './index';

/** fromArrow of the npm build, loading Apache Arrow on first use: Arrow IPC bytes or a Table → a DataMatrix. */
export async function fromArrow(input: Parameters<typeof readArrow>[0], opts: ArrowOptions = {}): Promise<DataMatrix> {
  const arrow = await import('./data/arrow');
  return arrow.fromArrow(input, opts);
}

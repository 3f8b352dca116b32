// Labels of a streamed heatmap's rows and columns (wiring for src/stream/coords.ts): finds the source's coordinates
// once, and shows them to the figure overlay and the pointer as label lists of the matrix's length whose entries are
// made on demand (a 10⁶-long axis has no array of strings; only the labelled cells are asked for). While a label's
// coordinate chunk loads, the figure gets '' (no label rather than an index that then changes) and the tooltip the
// index. The axis labels default to the coordinate's name, with its unit when the store declares one.
import { type AxisCoordinates, findCoordinates } from './coords';
import type { StreamError } from './errors';
import type { StreamSource } from './open-zarr';

export interface StreamLabelHandlers {
  /** Coordinates were found or a chunk of them arrived: draw again. */
  changed(): void;
  error(e: StreamError): void;
}

/** A read-only list of `length` labels computed by `at` (a Proxy, so that nothing is stored). */
function lazyList(length: number, at: (i: number) => string): readonly string[] {
  return new Proxy([] as string[], {
    get(target, key) {
      if (key === 'length') return length;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        const i = Number(key);
        return i < length ? at(i) : undefined;
      }
      return Reflect.get(target, key);
    },
  });
}

export class StreamLabels {
  private axes: [AxisCoordinates | undefined, AxisCoordinates | undefined] = [undefined, undefined];
  private found = false;
  private destroyed = false;
  private lists: { tick: [readonly string[] | undefined, readonly string[] | undefined]; hover: [readonly string[] | undefined, readonly string[] | undefined] } = {
    tick: [undefined, undefined],
    hover: [undefined, undefined],
  };

  constructor(source: StreamSource, handlers: StreamLabelHandlers) {
    findCoordinates(source, { changed: () => !this.destroyed && handlers.changed(), error: (e) => !this.destroyed && handlers.error(e) }).then(
      (axes) => {
        if (this.destroyed) {
          for (const a of axes) a?.destroy();
          return;
        }
        this.axes = axes;
        this.lists = {
          tick: [this.list(0, ''), this.list(1, '')],
          hover: [this.list(0, 'index'), this.list(1, 'index')],
        };
        this.found = true;
        handlers.changed();
      },
      (e: StreamError) => {
        this.found = true;
        if (!this.destroyed) handlers.error(e);
      },
    );
  }

  private list(k: 0 | 1, pending: '' | 'index'): readonly string[] | undefined {
    const a = this.axes[k];
    if (!a) return undefined;
    return lazyList(a.length, (i) => a.label(i) ?? (pending === '' ? '' : String(i)));
  }

  /** True until the coordinates are found and while coordinate chunks load. */
  get pending(): boolean {
    return !this.found || this.axes.some((a) => (a?.pending ?? 0) > 0);
  }

  /** Tick labels of rows (0) or columns (1), '' while loading; undefined without coordinates. */
  ticks(k: 0 | 1): readonly string[] | undefined {
    return this.lists.tick[k];
  }

  /** Labels for the tooltip and hover events: the cell's index while its coordinate loads. */
  hover(k: 0 | 1): readonly string[] | undefined {
    return this.lists.hover[k];
  }

  /** The coordinate's name, e.g. 'lat' or 'x [micrometer]'; undefined without coordinates. */
  axisLabel(k: 0 | 1): string | undefined {
    const a = this.axes[k];
    if (!a) return undefined;
    return a.unit ? `${a.name} [${a.unit}]` : a.name;
  }

  destroy(): void {
    this.destroyed = true;
    for (const a of this.axes) a?.destroy();
  }
}

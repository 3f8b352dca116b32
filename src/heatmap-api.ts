// The public Heatmap interface (types only): what heatmap() returns, and what clustermap, hist2d and <heat-map> use.
import type { ColorScale } from './core/scale';
import type { MatrixInput } from './core/matrix';
import type { DrawnText } from './figure';
import type { HeatmapOptions } from './heatmap-options';
import type { CellInfo, CellView, ClientRect, ExportOptions, HeatmapEvents, HeatmapStats, PixelData } from './types';

export interface Heatmap {
  /** The WebGL canvas (the axes area). */
  readonly canvas: HTMLCanvasElement;
  /** The figure element: canvas, overlay and tooltip, filling the container. */
  readonly element: HTMLElement;
  /** The whole figure (heatmap, axes, labels, colourbar, annotations) as a canvas. */
  toCanvas(options?: ExportOptions): HTMLCanvasElement;
  toBlob(options?: ExportOptions): Promise<Blob>;
  toDataURL(options?: ExportOptions): string;
  /** The figure as SVG: axes, ticks, texts, annotations and colour bar as vectors (text as text), the cells as one
   * embedded PNG at `scale` (matplotlib's savefig('fig.svg') with rasterized=True). */
  toSVG(options?: ExportOptions): string;
  /** Texts the last frame drew, with their boxes in client CSS pixels. */
  drawnText(): DrawnText;
  /** Where the heatmap axes and the colour bar are, in client CSS pixels. */
  figureLayout(): { axes: ClientRect; colorbar: ClientRect | null };
  setData(data: MatrixInput, options?: HeatmapOptions): void;
  update(options: HeatmapOptions): void;
  setView(view: Partial<CellView>): void;
  getView(): CellView;
  resetView(): void;
  cellAt(clientX: number, clientY: number): CellInfo | null;
  cellToClient(row: number, col: number): ClientRect;
  readPixels(): PixelData;
  render(): void;
  resize(): void;
  destroy(): void;
  /** The resolved colour scale (vmin, vmax, center and the LUT actually used). */
  getScale(): ColorScale;
  stats(): HeatmapStats;
  /** Resolves once every value is on the GPU (at once unless a progressive upload is running). */
  loaded(): Promise<void>;
  /** Replaces the cells of a rectangle in place: a GPU sub-upload of those cells and of the pyramid above them only.
   * heatgl takes its own copy of the values at the first in-place change (the caller's array is never written). */
  updateRegion(row0: number, col0: number, block: MatrixInput): void;
  /** Scrolls like a waterfall: drops the oldest (top) rows and appends `block`'s rows at the bottom. The GPU keeps
   * the rows in a ring buffer, so only the new rows are uploaded. */
  appendRows(block: MatrixInput): void;
  on<K extends keyof HeatmapEvents>(name: K, callback: (payload: HeatmapEvents[K]) => void): () => void;
}


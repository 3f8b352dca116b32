// Public exports of heatgl.
export { heatmap } from './heatmap';
export type { CellInfo, CellView, ClientRect, Heatmap, HeatmapEvents, HeatmapOptions, HeatmapStats, PixelData } from './heatmap';
export type { Matrix, MatrixInput, MatrixObject, MaskInput } from './core/matrix';
export { toMatrix, toMask } from './core/matrix';
export { HeatglError } from './core/errors';
export { colormapNames, getColormap, centerColormap, lutIndex } from './core/colormaps';
export type { CmapInput, Colormap } from './core/colormaps';
export { parseColor } from './core/colors';
export type { ColorInput, RGBA } from './core/colors';
export { resolveScale, dataLimits, colorOf, normalize } from './core/scale';
export type { ColorScale, DataLimits, ScaleOptions } from './core/scale';
export { percentiles, finiteStats } from './core/stats';
export { formatNumber, makeFormatter, parseFormatSpec } from './core/format';
export type { FormatSpec, NumberKind } from './core/format';
export { relativeLuminance, annotationColor } from './core/luminance';
export type { AnnotKws, CbarKws, TickLabelsSpec, DrawnText } from './figure';
export type { ExportOptions, HoverInfo } from './heatmap';
export {
  autoTickEvery,
  selectTicks,
  visibleTicks,
  labelsOverlap,
  maxNLocatorTicks,
  colorbarTicks,
  colorbarAxis,
  formatTicks,
} from './core/ticks';
export type { ColorbarAxis, FormattedTicks } from './core/ticks';
export { clustermap } from './clustermap';
export { defineHeatmapElement, HeatmapElement } from './element';
export type { HeatmapElementEventMap } from './element';
export { ariaSummary } from './view/keyboard';
export type { ClusterMap, ClustermapEvents, ClustermapOptions, Selection, TreeKws } from './clustermap';
export { linkage, linkageFromDistances, leafOrder, dendrogramCoords, pdist, zScore, standardScale, LINKAGE_METHODS, METRICS } from './core/cluster';
export type { LinkageMethod, Metric, MetricName, MetricFunction, LinkageOptions, DendrogramCoords, LinkageInput } from './core/cluster';
export { resolveColorBars } from './core/color-bars';
export type { ColorBarsInput } from './core/color-bars';
export { treeLayout } from './core/dendrogram-layout';
export { fromCSV, fromCSVSync, fromNpy, fromArrow, pivot, corr } from './data';
export type {
  DataMatrix,
  PivotOptions,
  AggFunc,
  FieldSpec,
  CsvOptions,
  CsvProgress,
  NpyOptions,
  ArrowOptions,
  PivotInput,
  CorrInput,
  CorrMethod,
  CorrOptions,
} from './data';
export { resolveNorm, normalize as normValue, colorIndex, shaderParams, checkNormSpec } from './core/norms';
export type { Norm, NormSpec, NormKind, Extend } from './core/norms';
export { normColorbarAxis, colorbarBands } from './core/norm-ticks';
export type { NormColorbarAxis } from './core/norm-ticks';
export { resolveGrid, cellAtData } from './core/grid';
export type { Grid, GridOptions } from './core/grid';
export { resampleColormap } from './core/colormaps';
export { histogram2d } from './core/histogram2d';
export type { AxisBins, Bins2d, Histogram2d, Histogram2dOptions } from './core/histogram2d';
export { hist2d } from './hist2d';
export type { Hist2d, Hist2dOptions, Hist2dPoints } from './hist2d';
export { densitymap } from './densitymap';
export type { DensityMap, DensitymapOptions, DensitymapEvents, DensitymapStats, DensityGrid, DensityPoints, DensityView } from './densitymap';
export { kernelValue, kernelSupport, GAUSSIAN_TRUNCATION, DENSITY_KERNELS } from './core/density';
export type { Accessor, DensityAggregation, DensityExtent, DensityKernel, DensityMethod, DensityOptions } from './core/density';
export { estimateGpuBytes, fromHalf, type GpuEstimate, pickLevel, type Quantizer, quantizer, type Reduce, type Storage, toHalf } from './core/storage';
export { clicktracker } from './clicktracker';
export { openZarr } from './stream/open-zarr';
export type { OpenZarrOptions, Selection as ZarrSelection, SideArray, SourceNode, StreamLevel, StreamSource, TileValues, ZarrStore } from './stream/open-zarr';
export { StreamError } from './stream/errors';
export type { StreamCellInfo, StreamHeatmap, StreamHeatmapEvents, StreamHeatmapOptions, StreamHeatmapStats, StreamHoverInfo, StreamOptions, StreamProgress } from './stream/stream-heatmap';
export type { ClickPoint, ClickTracker, ClicktrackerOptions } from './clicktracker';

// Public exports of heatgl's data loaders (pure): CSV, NumPy .npy, Apache Arrow, pivot tables and correlation.
export type { AggFunc, DataMatrix, FieldSpec, PivotOptions } from './types';
export { fromCSV, fromCSVSync } from './csv';
export type { CsvOptions, CsvProgress } from './csv';
export { fromNpy } from './npy';
export type { NpyOptions } from './npy';
export { fromArrow } from './arrow';
export type { ArrowOptions } from './arrow';
export { pivot } from './pivot';
export type { PivotInput } from './pivot';
export { corr } from './corr';
export type { CorrInput, CorrMethod, CorrOptions } from './corr';

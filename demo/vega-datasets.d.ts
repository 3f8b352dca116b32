// vite.config.ts aliases `@vega-datasets/…` to node_modules/vega-datasets/data (the package's exports hide it);
// this tells TypeScript what such an import gives: the parsed JSON, typed loosely.
declare module '@vega-datasets/*.json' {
  const data: readonly Readonly<Record<string, unknown>>[];
  export default data;
}

// volcano.json is one object, not a list of records: the R volcano grid, row-major.
declare module '@vega-datasets/volcano.json' {
  const data: { width: number; height: number; values: number[] };
  export default data;
}

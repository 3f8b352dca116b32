// vite.config.ts aliases `@vega-datasets/…` to node_modules/vega-datasets/data (the package's exports hide it);
// this tells TypeScript what such an import gives: the parsed JSON, typed loosely.
declare module '@vega-datasets/*.json' {
  const data: readonly Readonly<Record<string, unknown>>[];
  export default data;
}

// plotly.js-dist-min ships no types; the benchmark page only needs newPlot and purge.
declare module 'plotly.js-dist-min' {
  const Plotly: {
    newPlot(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<unknown>;
    purge(el: HTMLElement): void;
    version: string;
  };
  export default Plotly;
}

// Types for the `colormap` npm package (it ships none).
declare module 'colormap' {
  interface ColormapOptions {
    colormap?: string | { index: number; rgb: number[] }[];
    nshades?: number;
    format?: 'hex' | 'rgb' | 'rgbaString' | 'rgba' | 'float';
    alpha?: number | [number, number];
  }
  function colormap(options?: ColormapOptions): number[][];
  export default colormap;
}
declare module 'colormap/colorScale.js' {
  const scales: Record<string, { index: number; rgb: number[] }[]>;
  export default scales;
}

// heatmap.js 2.0.5 ships no types; the density benchmark needs create() and setData() only.
declare module 'heatmap.js' {
  interface HeatmapInstance {
    setData(data: { min: number; max: number; data: { x: number; y: number; value: number }[] }): HeatmapInstance;
    _renderer: { canvas: HTMLCanvasElement };
  }
  const h337: {
    create(config: { container: HTMLElement; radius?: number; maxOpacity?: number; minOpacity?: number; blur?: number }): HeatmapInstance;
  };
  export default h337;
}

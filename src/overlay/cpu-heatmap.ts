// The Canvas2D fallback (overlay layer, opt-in with `fallback: 'canvas2d'`): when WebGL cannot be created, each
// device pixel's cell is found on the CPU and coloured with the same reference colorOf the GPU is tested against.
// Nearest cells only (no interpolation or grid lines); fine for the small and medium matrices such pages show.
import { cellAtData, type Grid } from '../core/grid';
import { type ColorScale, colorOf } from '../core/scale';
import { type Space, screenOrigin, type ViewRect } from '../core/camera';

export interface CpuFrame {
  view: ViewRect;
  space: Space;
  grid: Grid | undefined;
  rows: number;
  cols: number;
  values: ArrayLike<number>;
  mask: Uint8Array | undefined;
  scale: ColorScale;
  widthPx: number;
  heightPx: number;
}

/** Draws the heatmap into a 2D context of widthPx × heightPx device pixels (premultiplied like the GPU path). */
export function drawCpuHeatmap(ctx: CanvasRenderingContext2D, f: CpuFrame): void {
  const img = ctx.createImageData(f.widthPx, f.heightPx);
  const o = screenOrigin(f.view, f.space);
  const dx = o.dx / f.widthPx;
  const dy = o.dy / f.heightPx;
  const rgba = [0, 0, 0, 0];
  // Cells are looked up per pixel row and column once: cell columns depend only on x, rows only on y.
  const colOf = new Int32Array(f.widthPx);
  const rowOf = new Int32Array(f.heightPx);
  for (let x = 0; x < f.widthPx; x++) {
    const d = o.x + (x + 0.5) * dx;
    colOf[x] = f.grid ? (cellAtData(f.grid, d, ((f.grid.yEdges[0] as number) + (f.grid.yEdges[1] as number)) / 2)?.col ?? -1) : Math.floor(d);
  }
  for (let y = 0; y < f.heightPx; y++) {
    const d = o.y + (y + 0.5) * dy;
    rowOf[y] = f.grid ? (cellAtData(f.grid, ((f.grid.xEdges[0] as number) + (f.grid.xEdges[1] as number)) / 2, d)?.row ?? -1) : Math.floor(d);
  }
  const data = img.data;
  for (let y = 0; y < f.heightPx; y++) {
    const row = rowOf[y] as number;
    if (row < 0 || row >= f.rows) continue;
    for (let x = 0; x < f.widthPx; x++) {
      const col = colOf[x] as number;
      if (col < 0 || col >= f.cols) continue;
      const i = row * f.cols + col;
      colorOf(+(f.values[i] as number), f.mask !== undefined && f.mask[i] !== 0, f.scale, rgba);
      const k = (y * f.widthPx + x) * 4;
      data[k] = rgba[0] as number;
      data[k + 1] = rgba[1] as number;
      data[k + 2] = rgba[2] as number;
      data[k + 3] = rgba[3] as number;
    }
  }
  ctx.putImageData(img, 0, 0);
}

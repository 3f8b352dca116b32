// The Canvas2D renderer (wiring layer): no WebGL at all; each frame is computed on the CPU by
// src/overlay/cpu-heatmap.ts with the reference colours the GPU path is tested against.
import { drawCpuHeatmap } from '../overlay/cpu-heatmap';
import type { ValueTextures } from '../gl/value-textures';
import type { HeatmapRenderer } from './types';

/** The value store of Canvas2D mode: nothing on a GPU, everything "loaded" at once. */
function cpuValues(): ValueTextures {
  return {
    tiles: [],
    tileSize: 0,
    halo: 0,
    storage: 'float32',
    reduce: 'nearest',
    quant: undefined,
    valueOffset: 0,
    baseBytes: 0,
    levelBytes: 0,
    levelCount: 0,
    checksBands: false,
    lodError: null,
    loadError: null,
    ensureLevels: () => false,
    levelsReady: () => false,
    settle: () => false,
    loadedRows: 0,
    totalRows: 0,
    done: true,
    uploadSome: () => true,
    writeRegion: () => undefined,
    destroy: () => undefined,
  };
}

/** A Canvas2D renderer for `canvas`, or null when the browser has no 2D context either. */
export function createCpuRenderer(canvas: HTMLCanvasElement): HeatmapRenderer | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  return {
    name: 'Canvas2D fallback (CPU)',
    maxTextureSize: 2 ** 30,
    lost: false,
    // Chromium's 2D canvas limit is 32767 a side (and 2^28 pixels, above SCREEN_PIXELS).
    maxCanvasSide: 32767,
    bufferSize: (width, height) => ({ width, height }),
    createValues: () => cpuValues(),
    draw(s) {
      const m = s.source.matrix;
      drawCpuHeatmap(ctx, { view: s.view, space: s.space, grid: s.grid, rows: m.rows, cols: m.cols, values: m.values, mask: s.source.mask, scale: s.scale, widthPx: s.widthPx, heightPx: s.heightPx });
      return 0;
    },
    prepare: () => undefined,
    readPixels(width, height) {
      // ImageData is straight alpha; the GL path returns the drawing buffer's premultiplied bytes: do the same.
      const img = ctx.getImageData(0, 0, width, height).data;
      const data = new Uint8Array(img.length);
      for (let i = 0; i < img.length; i += 4) {
        const a = img[i + 3] as number;
        for (let c = 0; c < 3; c++) data[i + c] = Math.round(((img[i + c] as number) * a) / 255);
        data[i + 3] = a;
      }
      return data;
    },
    destroy: () => undefined,
  };
}

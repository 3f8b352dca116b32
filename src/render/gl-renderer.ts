// The WebGL renderers (wiring layer): one over the heatmap's own context, one over the context shared by many
// heatmaps, whose frames are copied into this heatmap's 2D canvas. Both own the same GL objects (draw command, LUT,
// pyramid reducer), rebuild them when their context comes back after a loss, and free them on destroy.

import type { Colormap } from '../core/colormaps';
import { fail, HeatglError } from '../core/errors';
import { type NormShaderParams, offsetParams, shaderParams } from '../core/norms';
import type { ColorScale } from '../core/scale';
import { estimateGpuBytes, HALF_MAX, quantizer } from '../core/storage';
import { acquireSharedContext, createContext, type GlContext, readDrawingBuffer, sharedCanvas, trackDedicated, watchContextLoss } from '../gl/context';
import { createHeatmapLayer, type HeatmapFrame, type HeatmapLayer } from '../gl/heatmap-layer';
import { createReducer, type Reducer } from '../gl/lod';
import { createLutTexture, type LutTexture } from '../gl/lut-texture';
import { createValueTextures } from '../gl/value-textures';
import type { HeatmapRenderer, HeatmapScene, RendererHandlers } from './types';

type Rgba = [number, number, number, number];

/** The colours the shader takes: premultiplied RGBA in 0..1. */
export function premultipliedColors(scale: ColorScale): { badColor: Rgba; underColor: Rgba; overColor: Rgba } {
  const lut = scale.lut;
  const end = (i: number) => [0, 1, 2, 3].map((k) => lut.rgba[i * 4 + k] as number);
  const premultiplied = (bytes: readonly number[]): Rgba => {
    const a = (bytes[3] as number) / 255;
    return [((bytes[0] as number) / 255) * a, ((bytes[1] as number) / 255) * a, ((bytes[2] as number) / 255) * a, a];
  };
  return {
    badColor: premultiplied(scale.badColor),
    underColor: premultiplied(scale.underColor ?? end(0)),
    overColor: premultiplied(scale.overColor ?? end(lut.n - 1)),
  };
}

/** True when under / over take the colormap's end colours (no colours of their own) and both ends are opaque: the
 * shader may then clamp the LUT index instead of selecting under / over colours (the same pixels). */
export function opaqueEnds(scale: ColorScale): boolean {
  const { rgba, n } = scale.lut;
  return scale.underColor === null && scale.overColor === null && rgba[3] === 255 && rgba[(n - 1) * 4 + 3] === 255;
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;

export function createGlRenderer(canvas: HTMLCanvasElement, o: { shared: boolean; preserveDrawingBuffer: boolean }, handlers: RendererHandlers): HeatmapRenderer {
  let lost = false;
  let ctx: GlContext;
  let copyCtx: CanvasRenderingContext2D | null = null;
  let stopWatch: () => void = () => undefined;
  const onLost = () => {
    lost = true;
    handlers.lost();
  };
  if (o.shared) {
    ctx = acquireSharedContext({ lost: onLost, restored: () => restore() });
    copyCtx = canvas.getContext('2d');
    if (!copyCtx) {
      ctx.destroy();
      throw new HeatglError('Canvas2D is not available to show a shared-context heatmap');
    }
  } else {
    ctx = createContext(canvas, { preserveDrawingBuffer: o.preserveDrawingBuffer });
    trackDedicated(1);
    stopWatch = watchContextLoss(canvas, () => ctx.regl, {
      lost: onLost,
      restored: () => {
        ctx = createContext(canvas, { preserveDrawingBuffer: o.preserveDrawingBuffer });
        restore();
      },
    });
  }

  let layer: HeatmapLayer;
  let lut: LutTexture;
  let reducer: Reducer;
  let lutKey: Colormap | undefined;
  const build = () => {
    layer = createHeatmapLayer(ctx.regl);
    lut = createLutTexture(ctx.regl);
    reducer = createReducer(ctx.regl);
    lutKey = undefined;
  };
  build();
  // Called once the context is back (the old regl already released by the watcher): new objects, then the owner
  // uploads its values again.
  function restore(): void {
    build();
    lost = false;
    handlers.restored();
  }

  let colorKey: ColorScale | undefined;
  let colors = { badColor: [0, 0, 0, 0] as Rgba, underColor: [0, 0, 0, 0] as Rgba, overColor: [0, 0, 0, 0] as Rgba };
  let endsOpaque = false;
  let lutOpaque = false;
  let normKey: ColorScale | undefined;
  let normOffset = 0;
  let norm: NormShaderParams | undefined;

  /** The layer's frame for a scene: the LUT and the colours, norm and offset the shader takes, made when they change. */
  function frameOf(s: HeatmapScene): HeatmapFrame {
    ctx.ensureSize(s.widthPx, s.heightPx);
    ctx.regl.poll();
    if (lutKey !== s.scale.lut) {
      lut.set(s.scale.lut);
      lutKey = s.scale.lut;
    }
    if (colorKey !== s.scale) {
      colors = premultipliedColors(s.scale);
      endsOpaque = opaqueEnds(s.scale);
      lutOpaque = s.scale.lut.rgba.every((b, i) => i % 4 !== 3 || b === 255);
      colorKey = s.scale;
    }
    if (normKey !== s.scale || normOffset !== s.values.valueOffset || !norm) {
      norm = offsetParams(shaderParams(s.scale.norm), s.values.valueOffset);
      normKey = s.scale;
      normOffset = s.values.valueOffset;
    }
    const m = s.source;
    return {
      ...colors,
      lineColor: s.lineColor,
      values: s.values,
      lut,
      lutSize: s.scale.lut.n,
      view: s.view,
      interpolation: s.interpolation,
      rows: m.rows,
      cols: m.cols,
      space: s.space,
      grid: s.grid,
      norm,
      lineWidthPx: s.lineWidthPx,
      widthPx: s.widthPx,
      heightPx: s.heightPx,
      ringOffset: m.ringOffset,
      reduce: s.reduce,
      endsOpaque,
      lutOpaque,
      allFinite: s.allFinite,
    };
  }

  return {
    get name() {
      return ctx.renderer;
    },
    get maxTextureSize() {
      return ctx.maxTextureSize;
    },
    get lost() {
      return lost;
    },
    get maxCanvasSide() {
      // regl read these limits once when it was made.
      const l = ctx.regl.limits;
      return Math.min(l.maxRenderbufferSize, l.maxViewportDims[0] ?? 0, l.maxViewportDims[1] ?? 0);
    },
    bufferSize(width, height) {
      // The shared context's canvas grows to the largest heatmap; its buffer is clamped like any other.
      ctx.ensureSize(width, height);
      return { width: Math.min(width, ctx.gl.drawingBufferWidth), height: Math.min(height, ctx.gl.drawingBufferHeight) };
    },
    createValues(source, plan, onArrive) {
      const { halo, storage, reduce } = plan;
      const maxTile = ctx.maxTextureSize - 2 * halo;
      const tileSize = Math.min(plan.tileSize ?? maxTile, maxTile);
      // Refuse before allocating rather than lose the context or crash the tab half-way through the upload.
      const need = estimateGpuBytes(source.rows, source.cols, tileSize, halo, storage, reduce);
      if (need.total > plan.maxGpuBytes) {
        const per = { float32: 4, float16: 2, uint16: 2, uint8: 1 }[storage];
        fail(
          `a ${source.rows} × ${source.cols} matrix needs ${gib(need.total)} of GPU memory (${gib(need.baseBytes)} of values at ${per} byte${per > 1 ? 's' : ''} a cell with storage '${storage}'` +
            `${need.levelBytes > 0 ? ` + ${gib(need.levelBytes)} of level-of-detail pyramid` : ''}), over the limit of ${gib(plan.maxGpuBytes)} (option maxGpuBytes); ` +
            `use storage 'float16' / 'uint16' / 'uint8', reduce 'nearest', or show a part or a downsampled copy`,
        );
      }
      if (storage === 'float16') {
        const big = plan.maxAbs();
        if (big > HALF_MAX) fail(`storage 'float16' holds finite values up to ±${HALF_MAX}, but the data reaches ${big}; use 'float32' or a quantised storage ('uint16', 'uint8')`);
      }
      const quant = storage === 'uint16' || storage === 'uint8' ? quantizer(storage, plan.vmin, plan.vmax) : undefined;
      // The pyramid is made when a view first needs it; without float / half-float render targets the base is drawn
      // and stats().lodUnavailable says why.
      return createValueTextures(ctx.regl, reduce === 'nearest' ? undefined : reducer, source, { tileSize, halo, storage, reduce, quant, offset: quant ? 0 : plan.offset, onArrive });
    },
    draw(s) {
      const level = layer.draw(frameOf(s));
      // Shared context: copy the frame just drawn (bottom-left of the shared buffer) to this heatmap's canvas.
      const src = sharedCanvas();
      if (copyCtx && src) {
        copyCtx.clearRect(0, 0, s.widthPx, s.heightPx);
        copyCtx.drawImage(src, 0, src.height - s.heightPx, s.widthPx, s.heightPx, 0, 0, s.widthPx, s.heightPx);
      }
      return level;
    },
    prepare(s) {
      if (!lost) layer.prepare(frameOf(s));
    },
    readPixels(width, height) {
      // Raw gl.readPixels right after drawing in the same task: the drawing buffer is intact without
      // preserveDrawingBuffer (regl.read refuses to try).
      return readDrawingBuffer(ctx.regl, width, height);
    },
    destroy() {
      stopWatch();
      lut.destroy();
      layer.destroy();
      reducer.destroy();
      ctx.destroy();
      if (!o.shared) trackDedicated(-1);
    },
  };
}

// The choice of heatmap renderer (wiring layer): its own WebGL context, a WebGL context shared with other heatmaps
// (copied into this heatmap's 2D canvas), or Canvas2D on the CPU. Each one owns its GPU objects, restores them after
// a context loss and frees them on destroy; outside src/render nothing checks which one is running.
import { HeatglError } from '../core/errors';
import { DEDICATED_LIMIT, dedicatedContexts } from '../gl/context';
import { createCpuRenderer } from './cpu-renderer';
import { createGlRenderer } from './gl-renderer';
import type { HeatmapRenderer, RendererHandlers, RendererOptions } from './types';

export type { HeatmapRenderer, HeatmapScene, RendererHandlers, RendererOptions, ValuesPlan } from './types';

/** The renderer for `canvas`: a shared context once DEDICATED_LIMIT heatmaps hold their own (or when asked), else an
 * own context; Canvas2D when WebGL fails and the options allow it. */
export function createRenderer(canvas: HTMLCanvasElement, o: RendererOptions, handlers: RendererHandlers): HeatmapRenderer {
  const share = o.sharedContext === true || (o.sharedContext === 'auto' && dedicatedContexts() >= DEDICATED_LIMIT);
  try {
    return createGlRenderer(canvas, { shared: share, preserveDrawingBuffer: o.preserveDrawingBuffer }, handlers);
  } catch (err) {
    if (!(err instanceof HeatglError) || o.fallback !== 'canvas2d') throw err;
    const cpu = createCpuRenderer(canvas);
    if (!cpu) throw err;
    return cpu;
  }
}

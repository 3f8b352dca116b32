// Creates the regl instance for a canvas (GL layer).
//
// Path chosen: a WebGL1 context with OES_texture_float. regl is WebGL1-first; handed a WebGL2 context it still asks
// for OES_texture_float, which WebGL2 does not expose (regl issue 697), and it has no R32F format. WebGL1 LUMINANCE +
// FLOAT keeps one 32-bit float per cell, works in every browser with the extension and in headless Chromium's
// SwiftShader.
import createRegl from 'regl';
import type { Regl } from 'regl';
import { HeatglError } from '../core/errors';

export interface GlContext {
  readonly regl: Regl;
  readonly gl: WebGLRenderingContext;
  readonly maxTextureSize: number;
  /** UNMASKED_RENDERER_WEBGL when the browser exposes it, else RENDERER. */
  readonly renderer: string;
  /** True for the context shared by many heatmaps (see acquireSharedContext). */
  readonly shared: boolean;
  /** Makes the drawing buffer at least widthPx × heightPx (shared context: it serves heatmaps of every size). */
  ensureSize(widthPx: number, heightPx: number): void;
  destroy(): void;
}

export interface ContextOptions {
  preserveDrawingBuffer?: boolean;
  /** Extensions the caller cannot do without, each with the sentence its error ends with. @default OES_texture_float
   * for heatmap's float value textures */
  required?: readonly (readonly [name: string, error: string])[];
  /** Extensions used when present. @default half-float textures and float / half-float render targets */
  optional?: readonly string[];
}

const HEATMAP_REQUIRED = [['OES_texture_float', 'which heatgl needs for float value textures']] as const;
// Optional: half-float textures ('float16' storage) and float / half-float render targets (the level-of-detail
// pyramid). Without them those features report a clear error or fall back (see src/gl/value-textures.ts).
const HEATMAP_OPTIONAL = ['OES_texture_half_float', 'WEBGL_color_buffer_float', 'EXT_color_buffer_half_float'];

/** The WebGL1 context of a canvas with the required extensions checked (each missing one a HeatglError), no regl yet:
 * densitymap makes its regl only when a GPU pass needs one (see src/gl/density-context.ts). */
export function openWebGl(canvas: HTMLCanvasElement, options: ContextOptions): Omit<GlContext, 'regl' | 'shared' | 'ensureSize' | 'destroy'> {
  const gl = canvas.getContext('webgl', {
    alpha: true,
    antialias: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: true,
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
  });
  if (!gl) throw new HeatglError('WebGL is not available: canvas.getContext("webgl") returned null (WebGL disabled or unsupported)');
  const required = options.required ?? HEATMAP_REQUIRED;
  for (const [name, why] of required) {
    if (!gl.getExtension(name)) {
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      throw new HeatglError(`this browser lacks the WebGL extension ${name}, ${why}`);
    }
  }
  // The renderer's name and the texture limit are asked for when first read (stats, the software check): queries
  // the first frame spares.
  let renderer: string | undefined;
  return {
    gl,
    get renderer() {
      if (renderer === undefined) {
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      }
      return renderer;
    },
    get maxTextureSize() {
      return gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    },
  };
}

/** regl over a context from openWebGl, with the same extensions. */
export function wrapRegl(gl: WebGLRenderingContext, options: ContextOptions): Regl {
  const required = options.required ?? HEATMAP_REQUIRED;
  return createRegl({ gl, extensions: required.map(([name]) => name), optionalExtensions: [...(options.optional ?? HEATMAP_OPTIONAL)] });
}

function init(canvas: HTMLCanvasElement, options: ContextOptions): Omit<GlContext, 'shared' | 'ensureSize' | 'destroy'> {
  const c = openWebGl(canvas, options);
  const regl = wrapRegl(c.gl, options);
  return {
    regl,
    gl: c.gl,
    maxTextureSize: regl.limits.maxTextureSize,
    get renderer() {
      return c.renderer;
    },
  };
}

/** A WebGL context of the heatmap's own canvas. */
export function createContext(canvas: HTMLCanvasElement, options: ContextOptions = {}): GlContext {
  const c = init(canvas, options);
  return {
    regl: c.regl,
    gl: c.gl,
    maxTextureSize: c.maxTextureSize,
    get renderer() {
      return c.renderer;
    },
    shared: false,
    ensureSize: () => undefined,
    // Free the context now rather than when the canvas is collected: browsers keep only a few alive.
    destroy() {
      c.regl.destroy();
      c.gl.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}

// Browsers keep a few live WebGL contexts per page (Chromium 16) and silently drop the oldest beyond that. Heatmaps
// past DEDICATED_LIMIT therefore draw in one shared context on an off-screen canvas and copy each frame to a 2D
// canvas of their own: a facet grid of 48 heatmaps never loses one.
export const DEDICATED_LIMIT = 8;
let dedicatedLive = 0;

/** What a user of the shared context is told when that context is lost and when it is back (with a new regl). */
export interface ContextUser {
  lost(): void;
  restored(): void;
}

interface Shared {
  ctx: Omit<GlContext, 'shared' | 'ensureSize' | 'destroy'>;
  canvas: HTMLCanvasElement;
  users: Set<ContextUser>;
  stopWatch: () => void;
}
let shared: Shared | undefined;

/** Counts the dedicated contexts alive, to decide when new heatmaps should share. */
export function dedicatedContexts(): number {
  return dedicatedLive;
}

export function trackDedicated(delta: 1 | -1): void {
  dedicatedLive += delta;
}

/**
 * The context shared by many heatmaps, for `user`. When the shared context is lost every user hears `lost`; when the
 * browser gives it back, one new regl is made over it and every user hears `restored` and rebuilds its objects in it.
 * The returned context reads the current regl, so it stays valid across a restore.
 */
export function acquireSharedContext(user: ContextUser): GlContext {
  if (!shared) {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const s: Shared = { ctx: init(canvas, {}), canvas, users: new Set(), stopWatch: () => undefined };
    s.stopWatch = watchContextLoss(canvas, () => s.ctx.regl, {
      lost: () => {
        for (const u of [...s.users]) u.lost();
      },
      restored: () => {
        s.ctx = init(canvas, {});
        for (const u of [...s.users]) u.restored();
      },
    });
    shared = s;
  }
  const s = shared;
  s.users.add(user);
  let released = false;
  return {
    get regl() {
      return s.ctx.regl;
    },
    get gl() {
      return s.ctx.gl;
    },
    get maxTextureSize() {
      return s.ctx.maxTextureSize;
    },
    get renderer() {
      return s.ctx.renderer;
    },
    shared: true,
    ensureSize(widthPx, heightPx) {
      // Grow only: shrinking would clear the buffer for every other heatmap's next copy for nothing.
      if (s.canvas.width < widthPx) s.canvas.width = widthPx;
      if (s.canvas.height < heightPx) s.canvas.height = heightPx;
    },
    destroy() {
      if (released) return;
      released = true;
      s.users.delete(user);
      if (s.users.size === 0) {
        s.stopWatch();
        s.ctx.regl.destroy();
        s.ctx.gl.getExtension('WEBGL_lose_context')?.loseContext();
        if (shared === s) shared = undefined;
      }
    },
  };
}

/** The off-screen canvas of the shared context (its drawing buffer holds the last heatmap drawn). */
export function sharedCanvas(): HTMLCanvasElement | undefined {
  return shared?.canvas;
}

/** The drawing buffer's bottom-left widthPx × heightPx as RGBA bytes, top row first (premultiplied, as stored).
 * Call it in the task that drew: without preserveDrawingBuffer the buffer is intact only until compositing. */
export function readDrawingBuffer(regl: Regl, widthPx: number, heightPx: number): Uint8Array {
  const gl = regl._gl;
  const raw = new Uint8Array(widthPx * heightPx * 4);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, widthPx, heightPx, gl.RGBA, gl.UNSIGNED_BYTE, raw);
  // The raw bind above went behind regl's back: make regl re-apply its state (else its next pass into a framebuffer
  // could skip binding it and draw on the screen).
  regl._refresh();
  // GL rows start at the bottom; return the top row first like an image.
  const data = new Uint8Array(raw.length);
  const stride = widthPx * 4;
  for (let y = 0; y < heightPx; y++) data.set(raw.subarray((heightPx - 1 - y) * stride, (heightPx - y) * stride), y * stride);
  return data;
}

/**
 * Listens for the loss and return of a canvas's WebGL context (driver reset, too many live contexts,
 * WEBGL_lose_context). The loss's default is prevented, which is what lets the browser restore the context; on
 * restore the old regl instance is released first (its objects died with the context), then `restored` rebuilds.
 * Returns a function that stops listening.
 */
export function watchContextLoss(canvas: HTMLCanvasElement, current: () => Regl, handlers: { lost(): void; restored(): void }): () => void {
  const onLost = (e: Event) => {
    e.preventDefault();
    handlers.lost();
  };
  const onRestored = () => {
    try {
      current().destroy();
    } catch {
      // The old objects died with the context; nothing to release.
    }
    handlers.restored();
  };
  canvas.addEventListener('webglcontextlost', onLost);
  canvas.addEventListener('webglcontextrestored', onRestored);
  return () => {
    canvas.removeEventListener('webglcontextlost', onLost);
    canvas.removeEventListener('webglcontextrestored', onRestored);
  };
}

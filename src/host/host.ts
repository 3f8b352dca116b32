// The host shared by every entry point (wiring layer): heatmap and densitymap (and through them clustermap, hist2d
// and <heat-map>) get their container checks, root element and canvas, measuring, pixel ratio, one frame per change,
// resize watching and destroy order from here. One copy.
import { describe, fail, HeatglError } from '../core/errors';
import { type Input, watchSize } from '../view/input';

export interface HostOptions {
  /** Class of the root element. */
  className: string;
  /** The pixelRatio option (undefined: the screen's). */
  pixelRatio: () => number | undefined;
  /** Draws a frame (called at most once per animation frame, after requestFrame). */
  draw: () => void;
  /** The container or the pixel ratio changed size. */
  resized: () => void;
}

/** The most device pixels a screen canvas gets (2^25, so reading it back takes at most 128 MiB): a larger container ×
 * pixel ratio is drawn at a lower ratio (stats().pixelRatio, and one console warning). */
export const SCREEN_PIXELS = 2 ** 25;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** How long a started figure whose element has left the document keeps its resources (WebGL context, textures,
 * watchers) before it is released as by destroy(): long enough for a re-parenting (remove, then insert elsewhere)
 * to keep its state. A figure whose container was never in the document is left alone. */
export const DETACHED_GRACE_MS = 3000;

// One MutationObserver for every started host: any removal or insertion in the document re-checks whether each
// host's element is still connected (a check per host per batch of mutations).
const watched = new Set<Host>();
let observer: MutationObserver | undefined;

function watchConnection(host: Host): void {
  watched.add(host);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(() => {
      for (const h of watched) h.checkConnected();
    });
    observer.observe(document, { childList: true, subtree: true });
  }
  host.checkConnected();
}

function unwatchConnection(host: Host): void {
  watched.delete(host);
  if (watched.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

/** The live figures of each container, by kind (class name): a second heatmap() on the same container replaces the
 * first one, which is destroyed, rather than stacking two figures. */
const live = new WeakMap<HTMLElement, Map<string, () => void>>();

export class Host {
  /** The root element, filling the container. */
  readonly element: HTMLDivElement;
  /** The main canvas (WebGL, or 2D for a shared context or Canvas2D). */
  readonly canvas: HTMLCanvasElement;
  /** Figure size in CSS pixels and the pixel ratio it was measured with. */
  cssWidth = 0;
  cssHeight = 0;
  dpr = 0;
  /** Set while exporting: draw at this pixel ratio instead of the screen's (not capped: exports too large for the
   * drawing buffer are drawn in tiles, see export.ts). */
  exportDpr = 0;
  /** The ratio asked for (option, screen or export) when last measured; `dpr` is lower when it was capped. */
  requestedDpr = 0;
  /** What the renderer's drawing buffer can hold: the longest side (MAX_RENDERBUFFER_SIZE / MAX_VIEWPORT_DIMS) and
   * the most pixels (SCREEN_PIXELS, lowered when the browser was seen to clamp a buffer). */
  maxSide = Number.POSITIVE_INFINITY;
  maxPixels = SCREEN_PIXELS;
  private warned = false;
  private pendingFrame = 0;
  private sizeWatch: Input | undefined;
  private isDestroyed = false;
  private readonly container: HTMLElement;
  private owner: (() => void) | undefined;
  private seenConnected = false;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private released = false;

  /** Checks the container and makes the root element and canvas (attached by attach(), once the entry point's own
   * set-up has succeeded). */
  constructor(
    container: HTMLElement,
    private readonly o: HostOptions,
    what = 'heatmap',
  ) {
    if (typeof document === 'undefined' || typeof HTMLElement === 'undefined') {
      throw new HeatglError(`${what}() needs a browser DOM with WebGL or Canvas2D; there is no document here (Node, a worker, or a DOM emulation without canvas)`);
    }
    if (!(container instanceof HTMLElement)) fail(`container must be an HTMLElement, got ${describe(container)}`);
    this.container = container;
    this.element = document.createElement('div');
    this.element.className = o.className;
    this.element.style.cssText = 'position:relative;width:100%;height:100%;overflow:hidden;';
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'position:absolute;display:block;left:0;top:0;width:100%;height:100%;';
    this.canvas.setAttribute('role', 'img');
  }

  /** Puts the root element in the container; `destroyOwner` is how a later figure of the same kind in this container
   * will replace this one (see start()). */
  attach(destroyOwner: () => void): void {
    this.owner = destroyOwner;
    this.container.appendChild(this.element);
  }

  /** Undoes attach() after a failed set-up: the element leaves the container, which keeps its previous figure. */
  detach(): void {
    this.element.remove();
  }

  /** Once the entry point is set up: destroys the figure of the same kind this container held (a second heatmap() on
   * a container replaces the first), starts watching the container's size and the pixel ratio, measures, and asks
   * for the first frame. */
  start(): void {
    let figures = live.get(this.container);
    if (!figures) {
      figures = new Map();
      live.set(this.container, figures);
    }
    const previous = figures.get(this.o.className);
    if (this.owner) figures.set(this.o.className, this.owner);
    if (previous && previous !== this.owner) previous();
    this.sizeWatch = watchSize(this.container, () => this.resize());
    watchConnection(this);
    this.measure();
    this.requestFrame();
  }

  /** False while the container has no area (hidden, or an auto height with nothing in it): draw nothing then. */
  get sized(): boolean {
    return this.cssWidth > 0 && this.cssHeight > 0;
  }

  get destroyed(): boolean {
    return this.isDestroyed;
  }

  pixelRatio(): number {
    if (this.exportDpr > 0) return this.exportDpr;
    return this.o.pixelRatio() ?? (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
  }

  /** True when the ratio asked for is no longer the one measured with. */
  get ratioChanged(): boolean {
    return this.requestedDpr !== this.pixelRatio();
  }

  /** The browser clamps a drawing buffer too large for it without a word (the canvas keeps its size, the picture
   * would be cut and scaled): while the main canvas's buffer (`bufferSize`) is smaller than the canvas, lower the
   * ratio to what it holds and `relayout` (stats().pixelRatio reports it). Not while exporting (tiles instead). */
  fitBuffer(bufferSize: (widthPx: number, heightPx: number) => { width: number; height: number }, relayout: () => void): void {
    for (let i = 0; i < 3 && this.exportDpr === 0; i++) {
      const buf = bufferSize(this.canvas.width, this.canvas.height);
      if (buf.width >= this.canvas.width && buf.height >= this.canvas.height) return;
      this.bufferClamped(buf.width, buf.height);
      relayout();
    }
  }

  /** The drawing buffer held fewer pixels than asked (the browser clamps it silently): remember its size as the
   * bound and measure again. */
  bufferClamped(widthPx: number, heightPx: number): void {
    this.maxPixels = Math.min(this.maxPixels, Math.floor(widthPx * heightPx * 0.99));
    this.measure();
  }

  /** The ratio to draw a w × h (CSS pixels) figure with: the one asked for, lowered so that the figure fits the
   * drawing buffer (maxSide, maxPixels). Exports are not lowered (they are drawn in tiles). */
  private effectiveRatio(asked: number, w: number, h: number): number {
    if (this.exportDpr > 0 || !(w > 0 && h > 0)) return asked;
    const cap = Math.min(this.maxSide / Math.max(w, h), Math.sqrt(this.maxPixels / (w * h)));
    if (asked <= cap) return asked;
    if (!this.warned) {
      this.warned = true;
      console.warn(`heatgl: pixel ratio ${asked} lowered to ${cap.toFixed(3)}: a ${Math.round(w)} × ${Math.round(h)} figure at ${asked} exceeds the drawing buffer (${this.maxSide === Number.POSITIVE_INFINITY ? '' : `${this.maxSide} px a side, `}${this.maxPixels} pixels)`);
    }
    return cap;
  }

  /** Reads the root element's CSS size (fractional, so buffers are not resampled), which follows the container both
   * ways (nothing is written on the element). True when the size or the pixel ratio changed. */
  measure(): boolean {
    const box = this.element.getBoundingClientRect();
    const w = box.width;
    const h = box.height;
    this.requestedDpr = this.pixelRatio();
    const dpr = this.effectiveRatio(this.requestedDpr, w, h);
    const changed = w !== this.cssWidth || h !== this.cssHeight || dpr !== this.dpr;
    this.cssWidth = w;
    this.cssHeight = h;
    this.dpr = dpr;
    return changed;
  }

  /** Device pixels of a CSS length at the current ratio, as sizeCanvas makes them (at least 1). */
  devicePx(css: number): number {
    return Math.max(1, Math.round(css * this.dpr));
  }

  /** Sizes `canvas`'s drawing buffer to widthCss × heightCss at the current pixel ratio (at least 1 × 1). */
  sizeCanvas(canvas: HTMLCanvasElement, widthCss: number, heightCss: number): void {
    const widthPx = this.devicePx(widthCss);
    const heightPx = this.devicePx(heightCss);
    if (canvas.width !== widthPx) canvas.width = widthPx;
    if (canvas.height !== heightPx) canvas.height = heightPx;
  }

  /** Puts the main canvas at `rect` (CSS pixels in the root element) and sizes its drawing buffer to it (unless
   * `size` is false: a tiled export sizes it per tile). */
  placeCanvas(rect: { x: number; y: number; width: number; height: number }, size = true): void {
    const style = this.canvas.style;
    const css = [`${rect.x}px`, `${rect.y}px`, `${rect.width}px`, `${rect.height}px`];
    if (style.left !== css[0] || style.top !== css[1] || style.width !== css[2] || style.height !== css[3]) {
      [style.left, style.top, style.width, style.height] = css as [string, string, string, string];
    }
    if (size) this.sizeCanvas(this.canvas, rect.width, rect.height);
  }

  resize(): void {
    if (this.isDestroyed) return;
    if (this.measure()) this.o.resized();
  }

  /** Asks for one frame at the next animation frame; many requests before it draw once. */
  requestFrame(): void {
    if (this.pendingFrame !== 0 || this.isDestroyed) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      this.o.draw();
    });
  }

  /** Drops a requested frame (the caller draws now, or the context is lost); true when one was pending. */
  cancelFrame(): boolean {
    if (this.pendingFrame === 0) return false;
    cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    return true;
  }

  get framePending(): boolean {
    return this.pendingFrame !== 0;
  }

  /** Throws the one error every method of a destroyed entry point gives. */
  alive(what: string): void {
    if (!this.isDestroyed) return;
    if (this.released) throw new HeatglError(`this ${what} was destroyed: its element left the document for more than ${DETACHED_GRACE_MS} ms, which releases it as destroy() does`);
    throw new HeatglError(`this ${what} was destroyed`);
  }

  /** Called on document mutations: once the element has been in the document, leaving it starts the grace period
   * (DETACHED_GRACE_MS), after which the figure is released through its owner's destroy() unless it is back. */
  checkConnected(): void {
    if (this.element.isConnected) {
      this.seenConnected = true;
      if (this.releaseTimer !== undefined) clearTimeout(this.releaseTimer);
      this.releaseTimer = undefined;
      return;
    }
    if (!this.seenConnected || this.releaseTimer !== undefined || this.isDestroyed) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      if (this.element.isConnected || this.isDestroyed) return;
      this.released = true;
      if (this.owner) this.owner();
      else this.destroy(() => undefined);
    }, DETACHED_GRACE_MS);
  }

  /** Milliseconds since `t0` (a time from Host.now()). */
  static now(): number {
    return now();
  }

  /** Stops frames and watching, then runs the entry point's own clean-up (renderer, inputs), then removes the DOM. */
  destroy(cleanUp: () => void): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    const figures = live.get(this.container);
    if (figures && this.owner && figures.get(this.o.className) === this.owner) figures.delete(this.o.className);
    this.cancelFrame();
    this.sizeWatch?.destroy();
    unwatchConnection(this);
    if (this.releaseTimer !== undefined) clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    try {
      cleanUp();
    } finally {
      this.element.remove();
    }
  }
}

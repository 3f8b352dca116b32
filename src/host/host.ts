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

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

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
  /** Set while exporting: draw at this pixel ratio instead of the screen's. */
  exportDpr = 0;
  private pendingFrame = 0;
  private sizeWatch: Input | undefined;
  private isDestroyed = false;
  private readonly container: HTMLElement;
  private owner: (() => void) | undefined;

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

  /** Reads the root element's CSS size (fractional, so buffers are not resampled), which follows the container both
   * ways (nothing is written on the element). True when the size or the pixel ratio changed. */
  measure(): boolean {
    const box = this.element.getBoundingClientRect();
    const w = box.width;
    const h = box.height;
    const dpr = this.pixelRatio();
    const changed = w !== this.cssWidth || h !== this.cssHeight || dpr !== this.dpr;
    this.cssWidth = w;
    this.cssHeight = h;
    this.dpr = dpr;
    return changed;
  }

  /** Sizes `canvas`'s drawing buffer to widthCss × heightCss at the current pixel ratio (at least 1 × 1). */
  sizeCanvas(canvas: HTMLCanvasElement, widthCss: number, heightCss: number): void {
    const widthPx = Math.max(1, Math.round(widthCss * this.dpr));
    const heightPx = Math.max(1, Math.round(heightCss * this.dpr));
    if (canvas.width !== widthPx) canvas.width = widthPx;
    if (canvas.height !== heightPx) canvas.height = heightPx;
  }

  /** Puts the main canvas at `rect` (CSS pixels in the root element) and sizes its drawing buffer to it. */
  placeCanvas(rect: { x: number; y: number; width: number; height: number }): void {
    const style = this.canvas.style;
    const css = [`${rect.x}px`, `${rect.y}px`, `${rect.width}px`, `${rect.height}px`];
    if (style.left !== css[0] || style.top !== css[1] || style.width !== css[2] || style.height !== css[3]) {
      [style.left, style.top, style.width, style.height] = css as [string, string, string, string];
    }
    this.sizeCanvas(this.canvas, rect.width, rect.height);
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
    if (this.isDestroyed) throw new HeatglError(`this ${what} was destroyed`);
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
    try {
      cleanUp();
    } finally {
      this.element.remove();
    }
  }
}

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

  /** Puts the root element in the container. */
  attach(): void {
    this.container.appendChild(this.element);
  }

  /** Starts watching the container's size and the pixel ratio, measures, and asks for the first frame. */
  start(): void {
    this.sizeWatch = watchSize(this.container, () => this.resize());
    this.measure();
    this.requestFrame();
  }

  get destroyed(): boolean {
    return this.isDestroyed;
  }

  pixelRatio(): number {
    if (this.exportDpr > 0) return this.exportDpr;
    return this.o.pixelRatio() ?? (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
  }

  /** Reads the root element's CSS size (fractional, so buffers are not resampled); a container without height gets a
   * 4:3 figure so the picture is never invisible. True when the size or the pixel ratio changed. */
  measure(): boolean {
    const box = this.element.getBoundingClientRect();
    let w = box.width;
    let h = box.height;
    if (h === 0) {
      w = w || 400;
      h = Math.round(w * 0.75);
      this.element.style.height = `${h}px`;
    }
    const dpr = this.pixelRatio();
    const changed = w !== this.cssWidth || h !== this.cssHeight || dpr !== this.dpr;
    this.cssWidth = w;
    this.cssHeight = h;
    this.dpr = dpr;
    return changed;
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
    this.cancelFrame();
    this.sizeWatch?.destroy();
    try {
      cleanUp();
    } finally {
      this.element.remove();
    }
  }
}

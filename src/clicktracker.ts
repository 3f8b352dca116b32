// clicktracker(): records where people click (and optionally move) on an element, in CSS pixels inside it and as
// fractions of its size, and draws them as a densitymap — the website-heatmap use case. Wiring: DOM events here,
// the density in densitymap().
import { describe, fail } from './core/errors';
import { type DensityMap, type DensitymapOptions, densitymap } from './densitymap';

export interface ClickPoint {
  /** CSS pixels from the element's left border edge. */
  x: number;
  /** CSS pixels from the element's top border edge. */
  y: number;
  /** x / the element's width at that moment (0..1 inside it). */
  nx: number;
  /** y / the element's height at that moment. */
  ny: number;
  type: 'click' | 'move';
  /** The event's timeStamp (ms). */
  timeMs: number;
}

export interface ClicktrackerOptions {
  /** Also record pointer moves, at most one every throttleMs (true: every 100 ms). @default false */
  move?: boolean | { throttleMs?: number | undefined } | undefined;
  /** Called with each point as it is recorded. */
  onPoint?: ((point: ClickPoint) => void) | undefined;
}

export interface ClickTracker {
  readonly element: HTMLElement;
  /** A copy of the points recorded so far, oldest first. */
  points(): ClickPoint[];
  clear(): void;
  /** Stops recording (points are kept). */
  stop(): void;
  readonly stopped: boolean;
  /**
   * Draws the points as a densitymap in `container`: x and y in CSS pixels of the element, the extent the element's
   * current size (so a screenshot of the element as `background` lines up), y downwards. Defaults:
   * `{ radiusPixels: 10, kernel: 'gaussian', opacity: 'ramp', cmap: 'turbo', interactive: false }`.
   */
  draw(container: HTMLElement, options?: DensitymapOptions<ClickPoint>): DensityMap;
  /**
   * A densitymap laid over the element itself (an absolutely positioned layer with pointer-events: none, so the page
   * stays usable), updated as points arrive. The element gets position: relative when it is static.
   * destroy() removes the layer.
   */
  overlay(options?: DensitymapOptions<ClickPoint>): DensityMap;
}

export function clicktracker(element: HTMLElement, options: ClicktrackerOptions = {}): ClickTracker {
  if (!(element instanceof HTMLElement)) fail(`clicktracker needs an HTMLElement, got ${describe(element)}`);
  if (options.onPoint !== undefined && typeof options.onPoint !== 'function') fail(`onPoint must be a function, got ${describe(options.onPoint)}`);
  const move = options.move;
  if (move !== undefined && typeof move !== 'boolean' && !(move && typeof move === 'object')) fail(`move must be true, false or { throttleMs }, got ${describe(move)}`);
  const throttleMs = move === true ? 100 : move && typeof move === 'object' ? (move.throttleMs ?? 100) : 0;
  if (!(throttleMs >= 0 && Number.isFinite(throttleMs))) fail(`move.throttleMs must be a number ≥ 0, got ${describe(throttleMs)}`);

  const recorded: ClickPoint[] = [];
  const live = new Set<DensityMap>();
  let lastMove = Number.NEGATIVE_INFINITY;
  let stopped = false;

  const record = (e: MouseEvent, type: ClickPoint['type']) => {
    const r = element.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const p: ClickPoint = { x, y, nx: r.width > 0 ? x / r.width : 0, ny: r.height > 0 ? y / r.height : 0, type, timeMs: e.timeStamp };
    recorded.push(p);
    options.onPoint?.(p);
    for (const dm of live) dm.setPoints(recorded);
  };
  const onClick = (e: MouseEvent) => record(e, 'click');
  const onMove = (e: PointerEvent) => {
    if (e.timeStamp - lastMove < throttleMs) return;
    lastMove = e.timeStamp;
    record(e, 'move');
  };
  // Capture phase: the page's own handlers cannot hide a click by stopping its propagation.
  element.addEventListener('click', onClick, true);
  if (move) element.addEventListener('pointermove', onMove, true);

  const densityOptions = (o: DensitymapOptions<ClickPoint>): DensitymapOptions<ClickPoint> => {
    const r = element.getBoundingClientRect();
    const kernel = o.bandwidth === undefined && o.radiusPixels === undefined ? { radiusPixels: 10 } : {};
    return { kernel: 'gaussian', opacity: 'ramp', cmap: 'turbo', interactive: false, ...kernel, ...o, x: 'x', y: 'y', yDown: true, extent: [0, Math.max(r.width, 1), 0, Math.max(r.height, 1)] };
  };

  return {
    element,
    points: () => recorded.map((p) => ({ ...p })),
    clear() {
      recorded.length = 0;
      for (const dm of live) dm.setPoints(recorded);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      element.removeEventListener('click', onClick, true);
      element.removeEventListener('pointermove', onMove, true);
    },
    get stopped() {
      return stopped;
    },
    draw: (container, o = {}) => densitymap(container, recorded.slice(), densityOptions(o)),
    overlay(o = {}) {
      if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
      const layer = document.createElement('div');
      layer.className = 'heatgl-click-overlay';
      layer.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none;z-index:2147483000;';
      element.appendChild(layer);
      let dm: DensityMap;
      try {
        dm = densitymap(layer, recorded, densityOptions(o));
      } catch (err) {
        layer.remove();
        throw err;
      }
      dm.canvas.style.pointerEvents = 'none';
      live.add(dm);
      const destroy = dm.destroy.bind(dm);
      dm.destroy = () => {
        live.delete(dm);
        destroy();
        layer.remove();
      };
      return dm;
    },
  };
}

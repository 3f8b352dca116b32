// The view controller (view layer) shared by heatmap and densitymap: the visible rectangle of a data space, the
// setView / getView / resetView checks, pan and zoom in CSS pixels, and client ↔ data coordinates. It calls
// `changed` after every change of the rectangle; the entry point emits its `view` event and redraws there.
import { clampView, dataToFraction, fractionToData, fullView, panBy, sameView, type Space, screenSigns, type ViewRect, zoomAbout } from '../core/camera';
import { fail } from '../core/errors';

/** A view as the API takes and gives it: [start, end] along x and y. */
export interface ViewPair {
  x: [number, number];
  y: [number, number];
}

export interface ViewControllerOptions {
  /** How the error messages name the coordinates: 'cell coordinates' or 'data coordinates'. */
  units: string;
  /** Log axes: the API speaks data values, the rectangle holds their log10. */
  log?: () => [boolean, boolean];
  changed: () => void;
}

export class ViewController {
  private rectNow: ViewRect;

  constructor(
    private spaceNow: Space,
    private readonly o: ViewControllerOptions,
  ) {
    this.rectNow = fullView(spaceNow);
  }

  get rect(): ViewRect {
    return this.rectNow;
  }

  get space(): Space {
    return this.spaceNow;
  }

  /** A new data space; the view goes back to its full extent when `reset` (without a `changed` call when `quiet`). */
  setSpace(space: Space, reset: boolean, quiet = false): void {
    this.spaceNow = space;
    if (!reset) return;
    if (quiet) this.rectNow = fullView(space);
    else this.setRect(fullView(space));
  }

  /** Clamps and applies a rectangle; true if it changed. */
  setRect(v: ViewRect): boolean {
    const clamped = clampView(v, this.spaceNow);
    if (sameView(clamped, this.rectNow)) return false;
    this.rectNow = clamped;
    this.o.changed();
    return true;
  }

  set(view: Partial<ViewPair>): void {
    const pair = (p: unknown, name: string): [number, number] | undefined => {
      if (p === undefined) return undefined;
      if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n)) || !(p[0] < p[1])) {
        fail(`view.${name} must be [start, end] with finite start < end (${this.o.units}), got ${JSON.stringify(p)}`);
      }
      return p as [number, number];
    };
    const toLog = (p: [number, number], name: string): [number, number] => {
      if (!(p[0] > 0)) fail(`view.${name} must be positive on a log axis, got ${JSON.stringify(p)}`);
      return [Math.log10(p[0]), Math.log10(p[1])];
    };
    const [xlog, ylog] = this.o.log?.() ?? [false, false];
    const px = pair(view.x, 'x');
    const py = pair(view.y, 'y');
    const v = this.rectNow;
    const x = px ? (xlog ? toLog(px, 'x') : px) : [v.x0, v.x1];
    const y = py ? (ylog ? toLog(py, 'y') : py) : [v.y0, v.y1];
    this.setRect({ x0: x[0] as number, x1: x[1] as number, y0: y[0] as number, y1: y[1] as number });
  }

  get(): ViewPair {
    const v = this.rectNow;
    const [xlog, ylog] = this.o.log?.() ?? [false, false];
    const x: [number, number] = xlog ? [10 ** v.x0, 10 ** v.x1] : [v.x0, v.x1];
    const y: [number, number] = ylog ? [10 ** v.y0, 10 ** v.y1] : [v.y0, v.y1];
    return { x, y };
  }

  reset(): boolean {
    return this.setRect(fullView(this.spaceNow));
  }

  /** Drags the picture by (dx, dy) CSS pixels over an area of widthCss × heightCss. */
  pan(dx: number, dy: number, widthCss: number, heightCss: number): void {
    if (widthCss === 0 || heightCss === 0) return;
    const v = this.rectNow;
    const [sx, sy] = screenSigns(this.spaceNow);
    this.setRect(panBy(v, -sx * (dx / widthCss) * (v.x1 - v.x0), -sy * (dy / heightCss) * (v.y1 - v.y0)));
  }

  /** Zooms by `factor` about (cssX, cssY) of an area of widthCss × heightCss; true if the view changed. */
  zoom(factor: number, cssX: number, cssY: number, widthCss: number, heightCss: number): boolean {
    if (widthCss === 0 || heightCss === 0 || !(factor > 0)) return false;
    const [dataX, dataY] = fractionToData(this.rectNow, cssX / widthCss, cssY / heightCss, this.spaceNow);
    return this.setRect(zoomAbout(this.rectNow, factor, dataX, dataY));
  }

  /** Data coordinates of a client position over `box` (the canvas's client rectangle), or null outside it. */
  clientToData(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }): [number, number] | null {
    const fx = (clientX - box.left) / box.width;
    const fy = (clientY - box.top) / box.height;
    if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
    return fractionToData(this.rectNow, fx, fy, this.spaceNow);
  }

  /** Fractions of the canvas (0..1 from the top-left) where a data point shows. */
  toFraction(dataX: number, dataY: number): [number, number] {
    return dataToFraction(this.rectNow, dataX, dataY, this.spaceNow);
  }
}

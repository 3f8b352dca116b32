// The seaborn figure around the GL heatmap (wiring): chooses tick labels for the current view, lays out axes, titles
// and colourbar, and draws the Canvas2D overlay (ticks, annotations, colourbar). Pure decisions live in src/core
// (ticks, formats, luminance); drawing lives in src/overlay.
import type { Colormap } from './core/colormaps';
import { type ColorInput, cssColor } from './core/colors';
import { describe, fail } from './core/errors';
import { makeFormatter } from './core/format';
import { annotationColor } from './core/luminance';
import { type ColorScale, colorOfFloat } from './core/scale';
import { colorbarBands, normColorbarAxis } from './core/norm-ticks';
import { resolveNorm } from './core/norms';
import { AUTO_LOCATOR_STEPS, autoTickCount, autoTickEvery, colorbarAxis, formatTicks, maxNLocatorTicks } from './core/ticks';
import { type AxisTicks, type DrawnLabel, drawFigureTexts, drawTicks, type ViewSpan } from './overlay/axes';
import { type AnnotationStats, type CellGeometry, drawAnnotations, uniformGeometry } from './overlay/annotations';
import type { Grid } from './core/grid';
import { type Space, dataToFraction } from './core/camera';
import { type ColorbarTicks, drawColorbar } from './overlay/colorbar';
import { computeLayout, type Extend, type FigureLayout, type Orientation } from './overlay/layout';
import { cssFont, DEFAULT_FAMILY, TextMeasurer } from './overlay/text';

/** seaborn's xticklabels / yticklabels. */
export type TickLabelsSpec = 'auto' | boolean | number | readonly string[];

export interface AnnotKws {
  /** CSS pixels. @default the figure's fontSize */
  fontSize?: number | undefined;
  fontFamily?: string | undefined;
  fontWeight?: string | number | undefined;
  /** Fixed text colour (any matplotlib colour). @default black or white by the cell colour's luminance, as seaborn chooses */
  color?: ColorInput | undefined;
}

export interface CbarKws {
  label?: string | undefined;
  /** @default 'vertical' */
  orientation?: Orientation | undefined;
  /** Fraction of the axes length. @default 1 */
  shrink?: number | undefined;
  /** Tick values. @default matplotlib's AutoLocator for the bar's length */
  ticks?: readonly number[] | undefined;
  /** Python format for the tick labels: '.2f', '{x:.2f}' or '%.2f'. @default matplotlib's ScalarFormatter */
  format?: string | undefined;
  /** Triangles for values beyond the range. @default 'neither' */
  extend?: Extend | undefined;
}

export interface FigureOptions {
  xticklabels: TickLabelsSpec;
  yticklabels: TickLabelsSpec;
  cbar: boolean;
  cbarKws: CbarKws;
  square: boolean;
  title: string;
  xlabel: string;
  ylabel: string;
  fontSize: number;
  fontFamily: string;
  textColor: string;
  fmt: string;
  annotKws: AnnotKws;
  /** Where the y ticks, their labels and the y label go. */
  yticksPosition: 'left' | 'right';
  /** imshow's aspect: 'auto', 'equal' (a data unit as long on both axes) or the y/x unit length ratio. */
  aspect: 'auto' | 'equal' | number;
  /** Log axes of a grid: the data space is then log10 of the data. */
  xscale: 'linear' | 'log';
  yscale: 'linear' | 'log';
}

/** Everything the overlay needs from the heatmap for one frame. */
export interface FrameData {
  rows: number;
  cols: number;
  view: ViewSpan;
  scale: ColorScale;
  values: ArrayLike<number>;
  mask: Uint8Array | undefined;
  /** Values to annotate (the data, or the `annot` matrix), or undefined for no annotations. */
  annot: ArrayLike<number> | undefined;
  rowLabels: readonly string[] | undefined;
  colLabels: readonly string[] | undefined;
  /** The data space; with a grid the view is in its data coordinates. */
  space: Space;
  grid: Grid | undefined;
}

export interface DrawnText {
  tickLabels: DrawnLabel[];
  annotations: AnnotationStats['boxes'];
}

/** matplotlib accepts '%.2f' and '{x:.2f}' styles for colorbar formats; both become a Python format spec. */
export function normalizeSpec(format: string): string {
  const brace = /^\{[^:}]*:([^}]*)\}$/.exec(format);
  if (brace) return brace[1] as string;
  if (format.startsWith('%')) return format.slice(1);
  return format;
}

function checkTickSpec(name: string, spec: unknown, n: number): void {
  if (spec === 'auto' || typeof spec === 'boolean') return;
  if (typeof spec === 'number') {
    if (!(Number.isInteger(spec) && spec >= 1)) fail(`${name} must be 'auto', true, false, a positive integer or an array of strings, got ${spec}`);
    return;
  }
  if (Array.isArray(spec)) {
    // seaborn labels the first cells with a shorter list; a longer one widens its axes with empty cells, which
    // heatgl refuses (README: deliberate departure).
    if (spec.length > n) fail(`${name} has ${spec.length} labels but the matrix has only ${n} ${name === 'xticklabels' ? 'columns' : 'rows'} (a shorter list labels the first ones, as in seaborn)`);
    return;
  }
  fail(`${name} must be 'auto', true, false, a positive integer or an array of strings, got ${describe(spec)}`);
}

/** Validates the figure options against the data shape (throws before anything changes). */
export function checkFigureOptions(o: FigureOptions, rows: number, cols: number): void {
  checkTickSpec('xticklabels', o.xticklabels, cols);
  checkTickSpec('yticklabels', o.yticklabels, rows);
  if (!(o.fontSize > 0 && Number.isFinite(o.fontSize))) fail(`fontSize must be a positive number of CSS pixels, got ${describe(o.fontSize)}`);
  const k = o.cbarKws;
  if (k.orientation !== undefined && k.orientation !== 'vertical' && k.orientation !== 'horizontal') {
    fail(`cbarKws.orientation must be 'vertical' or 'horizontal', got ${describe(k.orientation)}`);
  }
  if (k.extend !== undefined && !['neither', 'min', 'max', 'both'].includes(k.extend)) {
    fail(`cbarKws.extend must be 'neither', 'min', 'max' or 'both', got ${describe(k.extend)}`);
  }
  if (k.shrink !== undefined && !(typeof k.shrink === 'number' && k.shrink > 0 && k.shrink <= 1)) fail(`cbarKws.shrink must be in (0, 1], got ${describe(k.shrink)}`);
  if (k.ticks !== undefined && !(Array.isArray(k.ticks) && k.ticks.every(Number.isFinite))) fail('cbarKws.ticks must be an array of finite numbers');
  if (o.aspect !== 'auto' && o.aspect !== 'equal' && !(typeof o.aspect === 'number' && o.aspect > 0 && Number.isFinite(o.aspect))) {
    fail(`aspect must be 'auto', 'equal' or a positive number, got ${describe(o.aspect)}`);
  }
  if (o.yticksPosition !== 'left' && o.yticksPosition !== 'right') fail(`yticksPosition must be 'left' or 'right', got ${describe(o.yticksPosition)}`);
  if (o.annotKws.color !== undefined) cssColor(o.annotKws.color, 'annotKws.color');
  makeFormatter(o.fmt);
  if (k.format !== undefined) makeFormatter(normalizeSpec(k.format));
}

export class FigureOverlay {
  readonly measure = new TextMeasurer();
  private layoutCache: FigureLayout | undefined;
  private layoutKey = '';
  private xVertical = false;
  private yVertical = true;
  private lastText: DrawnText = { tickLabels: [], annotations: [] };
  /** The on-screen overlay holds nothing (nothing drawn on it since it was made or last cleared). */
  private overlayClear = true;

  constructor(private options: FigureOptions) {}

  setOptions(o: FigureOptions): void {
    this.options = o;
    this.layoutKey = '';
  }

  invalidate(): void {
    this.layoutKey = '';
  }

  private fonts() {
    const o = this.options;
    return {
      tick: cssFont({ size: o.fontSize, family: o.fontFamily, weight: 'normal' }),
      label: cssFont({ size: o.fontSize * 1.1, family: o.fontFamily, weight: 'normal' }),
      title: cssFont({ size: o.fontSize * 1.2, family: o.fontFamily, weight: 'normal' }),
    };
  }

  private labelsFor(axis: 'x' | 'y', d: FrameData): readonly string[] | undefined {
    const spec = axis === 'x' ? this.options.xticklabels : this.options.yticklabels;
    if (spec === false) return undefined;
    if (Array.isArray(spec)) return spec as readonly string[];
    return axis === 'x' ? d.colLabels : d.rowLabels;
  }

  private label(labels: readonly string[] | undefined, i: number): string {
    return labels?.[i] ?? String(i);
  }

  /** matplotlib's AutoLocator ticks and ScalarFormatter labels on a grid's data axis, placed through the view. */
  private dataTicks(axis: 'x' | 'y', d: FrameData, axisLengthPx: number): AxisTicks {
    const lo = axis === 'x' ? d.view.x0 : d.view.y0;
    const hi = axis === 'x' ? d.view.x1 : d.view.y1;
    if ((axis === 'x' ? this.options.xscale : this.options.yscale) === 'log') {
      // matplotlib's LogLocator and LogFormatterSciNotation, as on a log colour bar spanning the same decades.
      const norm = resolveNorm('log', { min: 10 ** lo, max: 10 ** hi, minPositive: 10 ** lo }, 10 ** lo, 10 ** hi);
      const t = normColorbarAxis(norm, axisLengthPx, this.options.fontSize, axis === 'x' ? 'horizontal' : 'vertical');
      const labelled = t.minor.labels.map((l, i) => [l, i] as const).filter(([l]) => l !== '');
      const values = [...t.values, ...labelled.map(([, i]) => t.minor.values[i] as number)];
      const along = [...t.positions, ...labelled.map(([, i]) => t.minor.positions[i] as number)];
      const flip = axis === 'x' ? d.space.xFlip : !d.space.yDown;
      return { indices: values, labels: [...t.labels, ...labelled.map(([l]) => l)], fractions: along.map((p) => (flip ? 1 - p : p)) };
    }
    const nbins = autoTickCount(axisLengthPx, this.options.fontSize, axis === 'x' ? 'horizontal' : 'vertical');
    const all = maxNLocatorTicks(lo, hi, nbins, { steps: AUTO_LOCATOR_STEPS });
    const { labels: allLabels } = formatTicks(all, [lo, hi]);
    const slack = (hi - lo) * 1e-10;
    const keep = all.map((v, i) => [v, i] as const).filter(([v]) => v >= lo - slack && v <= hi + slack);
    const values = keep.map(([v]) => v);
    const mid = axis === 'x' ? (d.view.y0 + d.view.y1) / 2 : (d.view.x0 + d.view.x1) / 2;
    const fractions = values.map((v) => {
      const [fx, fy] = axis === 'x' ? dataToFraction(d.view, v, mid, d.space) : dataToFraction(d.view, mid, v, d.space);
      return axis === 'x' ? fx : fy;
    });
    return { indices: values, labels: keep.map(([, i]) => allLabels[i] as string), fractions };
  }

  /** Labelled cell indices along one axis for the visible range (seaborn's rules, applied to what is visible). */
  ticks(axis: 'x' | 'y', d: FrameData, axisLengthPx: number): AxisTicks {
    const spec = axis === 'x' ? this.options.xticklabels : this.options.yticklabels;
    if (spec === false) return { indices: [], labels: [] };
    if (d.grid) return this.dataTicks(axis, d, axisLengthPx);
    const n = axis === 'x' ? d.cols : d.rows;
    const lo = axis === 'x' ? d.view.x0 : d.view.y0;
    const hi = axis === 'x' ? d.view.x1 : d.view.y1;
    const first = Math.max(0, Math.floor(lo));
    const last = Math.min(n, Math.ceil(hi)) - 1;
    let every = 1;
    if (spec === 'auto') every = autoTickEvery(last - first + 1, axisLengthPx, this.options.fontSize);
    else if (typeof spec === 'number') every = spec;
    if (every === 0 || last < first) return { indices: [], labels: [] };
    const labels = this.labelsFor(axis, d);
    const indices: number[] = [];
    const texts: string[] = [];
    const end = Array.isArray(spec) ? Math.min(last, spec.length - 1) : last;
    for (let i = Math.ceil(first / every) * every; i <= end; i += every) {
      indices.push(i);
      texts.push(this.label(labels, i));
    }
    return { indices, labels: texts };
  }

  /** The colour bar's extend: cbarKws.extend, else a BoundaryNorm's own, else 'neither'. */
  private extend(d: FrameData): Extend {
    return this.options.cbarKws.extend ?? (d.scale.norm.kind === 'boundary' ? d.scale.norm.extend : 'neither');
  }

  private cbarTicks(d: FrameData, lengthPx: number, orientation: Orientation): ColorbarTicks {
    const { vmin, vmax, norm } = d.scale;
    const k = this.options.cbarKws;
    const format = k.format !== undefined ? makeFormatter(normalizeSpec(k.format)) : undefined;
    if (norm.kind !== 'linear') {
      // matplotlib's colour bar for this norm: its locator and formatter, ticks placed along the norm's scale.
      const axis = normColorbarAxis(norm, lengthPx, this.options.fontSize, orientation, { extend: this.extend(d) });
      const labelledMinor = axis.minor.labels.map((l, i) => [l, i] as const).filter(([l]) => l !== '');
      const values = [...axis.values, ...labelledMinor.map(([, i]) => axis.minor.values[i] as number)];
      const positions = [...axis.positions, ...labelledMinor.map(([, i]) => axis.minor.positions[i] as number)];
      const labels = format ? values.map(format) : [...axis.labels, ...labelledMinor.map(([l]) => l)];
      return { values, labels, offset: format ? '' : axis.offset, range: axis.view, positions };
    }
    // Units cancel in matplotlib's tick-space rule (length / font size), so CSS pixels stand in for points.
    const axis = colorbarAxis(vmin, vmax, lengthPx, this.options.fontSize, orientation);
    if (!k.ticks && !format) return { values: axis.ticks, labels: axis.labels, offset: axis.offset, range: axis.view };
    const values = k.ticks ? k.ticks.filter((v) => v >= axis.view[0] && v <= axis.view[1]) : axis.ticks;
    if (format) return { values, labels: values.map(format), offset: '', range: axis.view };
    const { labels, offset } = formatTicks(values, axis.view);
    return { values, labels, offset, range: axis.view };
  }

  /** Whether adjacent labels (centres `spacing` apart) would overlap, given their extents along the axis. */
  private overlap(texts: readonly string[], spacing: number, font: string): boolean {
    for (let i = 1; i < texts.length; i++) {
      const a = this.measure.width(texts[i - 1] as string, font);
      const b = this.measure.width(texts[i] as string, font);
      if ((a + b) / 2 > spacing) return true;
      if (i > 2000) break;
    }
    return false;
  }

  /** Lays the figure out for its size (cached until size, options, data or scale change). */
  layout(width: number, height: number, d: FrameData): FigureLayout {
    const o = this.options;
    const key = `${width}x${height}|${d.rows}x${d.cols}|${d.scale.vmin}|${d.scale.vmax}`;
    if (this.layoutCache && key === this.layoutKey) return this.layoutCache;
    const fonts = this.fonts();
    const full: FrameData = { ...d, view: { x0: d.space.x0, x1: d.space.x1, y0: d.space.y0, y1: d.space.y1 } };
    const orientation = o.cbarKws.orientation ?? 'vertical';
    const spec = (xExtent: number, yExtent: number, cbarExtent: number, xOverhang = 0, yOverhang = 0) =>
      computeLayout({
        width,
        height,
        xOverhang,
        yOverhang,
        yRight: o.yticksPosition === 'right',
        xTickExtent: xExtent,
        yTickExtent: yExtent,
        title: o.title !== '',
        titleSize: o.fontSize * 1.2,
        xlabel: o.xlabel !== '',
        ylabel: o.ylabel !== '',
        labelSize: o.fontSize * 1.1,
        cbar: o.cbar
          ? { orientation, shrink: o.cbarKws.shrink ?? 1, tickExtent: cbarExtent, label: (o.cbarKws.label ?? '') !== '', extend: this.extend(d) }
          : null,
        square: o.square
          ? { rows: d.rows, cols: d.cols }
          : o.aspect !== 'auto'
            ? { rows: (d.space.y1 - d.space.y0) * (o.aspect === 'equal' ? 1 : o.aspect), cols: d.space.x1 - d.space.x0 }
            : null,
      });
    const hasX = o.xticklabels !== false;
    const hasY = o.yticklabels !== false;
    // Distance between neighbouring labels along the axis, in pixels.
    const spacing = (t: AxisTicks, len: number, n: number) =>
      t.fractions && t.fractions.length > 1
        ? Math.abs((t.fractions[1] as number) - (t.fractions[0] as number)) * len
        : ((t.indices.length > 1 ? (t.indices[1] as number) - (t.indices[0] as number) : 1) * len) / n;
    let cbarExtent = o.fontSize * 3;
    // seaborn starts from horizontal x labels and vertical y labels, then rotates x labels to vertical when they
    // overlap and y labels to horizontal when they overlap. Margins depend on that choice and the axes size on the
    // margins, so decide, lay out, and decide again until the choice holds (two or three rounds).
    this.xVertical = false;
    this.yVertical = true;
    let layout = spec(hasX ? o.fontSize : 0, hasY ? o.fontSize : 0, cbarExtent);
    for (let round = 0; round < 4; round++) {
      const xt = this.ticks('x', full, layout.axes.width);
      const yt = this.ticks('y', full, layout.axes.height);
      const xVertical: boolean = this.xVertical || this.overlap(xt.labels, spacing(xt, layout.axes.width, d.cols), fonts.tick);
      const yVertical: boolean = this.yVertical && !this.overlap(yt.labels, spacing(yt, layout.axes.height, d.rows), fonts.tick);
      const settled = round > 0 && xVertical === this.xVertical && yVertical === this.yVertical;
      this.xVertical = xVertical;
      this.yVertical = yVertical;
      if (settled) break;
      const xMax = this.measure.maxWidth(xt.labels, fonts.tick);
      const yMax = this.measure.maxWidth(yt.labels, fonts.tick);
      if (o.cbar && orientation === 'vertical' && layout.cbar) {
        cbarExtent = this.measure.maxWidth(this.cbarTicks(d, layout.cbar.height, orientation).labels, fonts.tick);
      }
      // Each label's length along its own axis: half of it may hang past the axes' ends.
      const xAlong = this.xVertical ? o.fontSize : xMax;
      const yAlong = this.yVertical ? yMax : o.fontSize;
      layout = spec(
        hasX ? (this.xVertical ? xMax : o.fontSize) : 0,
        hasY ? (this.yVertical ? o.fontSize : yMax) : 0,
        o.cbar && orientation === 'vertical' ? cbarExtent : o.fontSize,
        // The colour bar's end labels are centred on its ends: keep half a label free beyond them too.
        Math.max(hasX ? xAlong / 2 + 2 : 0, o.cbar && orientation === 'horizontal' ? o.fontSize * 2 : 0),
        Math.max(hasY ? yAlong / 2 + 2 : 0, o.cbar && orientation === 'vertical' ? o.fontSize / 2 + 2 : 0),
      );
    }
    this.layoutCache = layout;
    this.layoutKey = key;
    return layout;
  }

  /** Draws ticks, labels, annotations and the colourbar in CSS pixels. With `dpr` (the on-screen overlay) the transform is set here, and
   * a frame with nothing to draw leaves an already clear canvas alone: its 2D context is never touched, which spares
   * a browser the canvas's backing store (milliseconds on a first frame). */
  draw(ctx: CanvasRenderingContext2D, layout: FigureLayout, d: FrameData, dpr?: number): void {
    const o = this.options;
    const x = this.ticks('x', d, layout.axes.width);
    const y = this.ticks('y', d, layout.axes.height);
    const blank = x.labels.length === 0 && y.labels.length === 0 && !o.title && !o.xlabel && !o.ylabel && !d.annot && !(o.cbar && layout.cbar);
    if (dpr !== undefined) {
      if (blank && this.overlayClear) {
        this.lastText = { tickLabels: [], annotations: [] };
        return;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.overlayClear = blank;
    }
    const fonts = this.fonts();
    ctx.clearRect(0, 0, layout.width, layout.height);
    const tickLabels = drawTicks(ctx, layout, d.view, x, y, { font: fonts.tick, fontSize: o.fontSize, color: o.textColor, xVertical: this.xVertical, yVertical: this.yVertical, yRight: o.yticksPosition === 'right' }, this.measure);
    drawFigureTexts(ctx, layout, { title: o.title, xlabel: o.xlabel, ylabel: o.ylabel, titleFont: fonts.title, labelFont: fonts.label, color: o.textColor });
    let annotations: AnnotationStats['boxes'] = [];
    if (d.annot) annotations = this.drawAnnot(ctx, layout, d);
    if (o.cbar && layout.cbar) {
      const orientation = o.cbarKws.orientation ?? 'vertical';
      const ticks = this.cbarTicks(d, orientation === 'vertical' ? layout.cbar.height : layout.cbar.width, orientation);
      const scale = d.scale;
      const css = (bytes: readonly number[]) => `rgba(${bytes[0]}, ${bytes[1]}, ${bytes[2]}, ${(bytes[3] as number) / 255})`;
      const lutCss = (i: number) => css([0, 1, 2, 3].map((c) => scale.lut.rgba[i * 4 + c] as number));
      const colorOfBand = (c: number | 'under' | 'over' | 'bad') =>
        c === 'bad' ? css(scale.badColor) : c === 'under' ? (scale.underColor ? css(scale.underColor) : lutCss(0)) : c === 'over' ? (scale.overColor ? css(scale.overColor) : lutCss(scale.lut.n - 1)) : lutCss(c);
      const extend = this.extend(d);
      const bands = scale.norm.kind === 'boundary' ? colorbarBands(scale.norm, scale.lut.n, { extend }) : undefined;
      drawColorbar(ctx, layout, scale.lut as Colormap, ticks, {
        orientation,
        extend,
        lowerColor: bands?.lower !== undefined ? colorOfBand(bands.lower) : colorOfBand('under'),
        upperColor: bands?.upper !== undefined ? colorOfBand(bands.upper) : colorOfBand('over'),
        bands: bands?.bands.map((b) => ({ start: b.start, end: b.end, color: colorOfBand(b.color) })),
        label: o.cbarKws.label ?? '',
        font: fonts.tick,
        labelFont: fonts.label,
        color: o.textColor,
      });
    }
    this.lastText = { tickLabels, annotations };
  }

  private drawAnnot(ctx: CanvasRenderingContext2D, layout: FigureLayout, d: FrameData): AnnotationStats['boxes'] {
    const o = this.options;
    const annot = d.annot as ArrayLike<number>;
    const format = makeFormatter(o.fmt);
    const kws = o.annotKws;
    const size = kws.fontSize ?? o.fontSize;
    const font = cssFont({ size, family: kws.fontFamily ?? o.fontFamily, weight: String(kws.fontWeight ?? 'normal') });
    const rgba = [0, 0, 0, 0];
    const fixedColor = kws.color === undefined ? undefined : cssColor(kws.color, 'annotKws.color');
    const stats = drawAnnotations(
      ctx,
      layout.axes,
      d.grid ? gridGeometry(layout.axes, d) : uniformGeometry(layout.axes, d.view, d.rows, d.cols),
      {
        text: (r, c) => {
          const i = r * d.cols + c;
          const v = +(d.values[i] as number);
          if (v - v !== 0 || (d.mask !== undefined && d.mask[i] !== 0)) return null;
          return format(+(annot[i] as number));
        },
        color: (r, c) => {
          if (fixedColor !== undefined) return fixedColor;
          colorOfFloat(+(d.values[r * d.cols + c] as number), false, d.scale, rgba);
          return annotationColor(rgba[0] as number, rgba[1] as number, rgba[2] as number);
        },
      },
      font,
      size,
      this.measure,
      true,
    );
    return stats.boxes;
  }

  drawnText(): DrawnText {
    return this.lastText;
  }
}

/** First index i with edges[i] >= v for monotonic edges, counted in the increasing direction. */
function edgeIndex(edges: Float64Array, v: number): number {
  const up = (edges[edges.length - 1] as number) >= (edges[0] as number);
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = edges[up ? mid : edges.length - 1 - mid] as number;
    if (e < v) lo = mid + 1;
    else hi = mid;
  }
  return up ? lo : edges.length - 1 - lo;
}

/** Visible cells of a pcolormesh / imshow grid and their pixel rectangles. */
function gridGeometry(axes: { x: number; y: number; width: number; height: number }, d: FrameData): CellGeometry {
  const g = d.grid as Grid;
  const span = (edges: Float64Array, lo: number, hi: number, n: number): [number, number] => {
    const a = edgeIndex(edges, lo);
    const b = edgeIndex(edges, hi);
    return [Math.max(0, Math.min(a, b) - 1), Math.min(n, Math.max(a, b) + 1)];
  };
  const [c0, c1] = span(g.xEdges, d.view.x0, d.view.x1, d.cols);
  const [r0, r1] = span(g.yEdges, d.view.y0, d.view.y1, d.rows);
  return {
    c0,
    c1,
    r0,
    r1,
    rect(r, c) {
      const [fx0, fy0] = dataToFraction(d.view, g.xEdges[c] as number, g.yEdges[r] as number, d.space);
      const [fx1, fy1] = dataToFraction(d.view, g.xEdges[c + 1] as number, g.yEdges[r + 1] as number, d.space);
      return {
        x: axes.x + Math.min(fx0, fx1) * axes.width,
        y: axes.y + Math.min(fy0, fy1) * axes.height,
        width: Math.abs(fx1 - fx0) * axes.width,
        height: Math.abs(fy1 - fy0) * axes.height,
      };
    },
  };
}

export const FIGURE_DEFAULTS: FigureOptions = {
  xticklabels: 'auto',
  yticklabels: 'auto',
  cbar: true,
  cbarKws: {},
  square: false,
  title: '',
  xlabel: '',
  ylabel: '',
  fontSize: 12,
  fontFamily: DEFAULT_FAMILY,
  textColor: '#000',
  fmt: '.2g',
  annotKws: {},
  yticksPosition: 'left',
  aspect: 'auto',
  xscale: 'linear',
  yscale: 'linear',
};

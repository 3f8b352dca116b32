// A Canvas2D look-alike that records what the overlay draws as SVG elements (export layer): the same drawing code
// (ticks, labels, colour bars, annotations, dendrograms) runs once on a canvas and once here, so the SVG needs no
// layout of its own. Text stays text, lines and rectangles stay vectors, drawn images are embedded as PNG.
// Implements the subset of CanvasRenderingContext2D the overlay uses; coordinates are CSS pixels.

type Matrix = [a: number, b: number, c: number, d: number, e: number, f: number];

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  lineCap: CanvasLineCap;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  imageSmoothingEnabled: boolean;
  globalAlpha: number;
  transform: Matrix;
  /** id of the clipPath in force, or '' for none. */
  clip: string;
}

/** Counts recordings so clip ids stay unique when several SVGs share a page or nest. */
let documents = 0;

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const num = (v: number) => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** stop-opacity of a "colour/alpha" key, '' when opaque. */
const prevOpacity = (key: string) => {
  const a = Number(key.split('/')[1]);
  return a < 1 ? ` stop-opacity="${num(a)}"` : '';
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const isIdentity = (m: Matrix) => m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;

/** Canvas textBaseline → SVG dominant-baseline (both name the same lines of the em box). */
const BASELINE: Record<CanvasTextBaseline, string> = {
  top: 'text-before-edge',
  hanging: 'hanging',
  middle: 'central',
  alphabetic: 'alphabetic',
  ideographic: 'ideographic',
  bottom: 'text-after-edge',
};

const ANCHOR: Record<CanvasTextAlign, string> = { left: 'start', start: 'start', center: 'middle', right: 'end', end: 'end' };

export class SvgContext {
  /** SVG elements in drawing order. */
  readonly elements: string[] = [];
  /** <clipPath> definitions. */
  readonly defs: string[] = [];
  private state: State = {
    fillStyle: '#000',
    strokeStyle: '#000',
    lineWidth: 1,
    lineCap: 'butt',
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    imageSmoothingEnabled: true,
    globalAlpha: 1,
    transform: IDENTITY,
    clip: '',
  };
  private readonly stack: State[] = [];
  private path: string[] = [];
  private clipCount = 0;
  private readonly measurer: CanvasRenderingContext2D | null;

  private readonly idPrefix = `heatgl${++documents}`;

  constructor() {
    this.measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }

  // ---- state ----------------------------------------------------------------------------------------------------
  get fillStyle(): string {
    return this.state.fillStyle;
  }
  set fillStyle(v: string) {
    this.state.fillStyle = String(v);
  }
  get strokeStyle(): string {
    return this.state.strokeStyle;
  }
  set strokeStyle(v: string) {
    this.state.strokeStyle = String(v);
  }
  get lineWidth(): number {
    return this.state.lineWidth;
  }
  set lineWidth(v: number) {
    if (v > 0 && Number.isFinite(v)) this.state.lineWidth = v;
  }
  get lineCap(): CanvasLineCap {
    return this.state.lineCap;
  }
  set lineCap(v: CanvasLineCap) {
    this.state.lineCap = v;
  }
  get font(): string {
    return this.state.font;
  }
  set font(v: string) {
    this.state.font = v;
  }
  get textAlign(): CanvasTextAlign {
    return this.state.textAlign;
  }
  set textAlign(v: CanvasTextAlign) {
    this.state.textAlign = v;
  }
  get textBaseline(): CanvasTextBaseline {
    return this.state.textBaseline;
  }
  set textBaseline(v: CanvasTextBaseline) {
    this.state.textBaseline = v;
  }
  get imageSmoothingEnabled(): boolean {
    return this.state.imageSmoothingEnabled;
  }
  set imageSmoothingEnabled(v: boolean) {
    this.state.imageSmoothingEnabled = v;
  }
  get globalAlpha(): number {
    return this.state.globalAlpha;
  }
  set globalAlpha(v: number) {
    this.state.globalAlpha = v;
  }

  save(): void {
    this.stack.push({ ...this.state });
  }
  restore(): void {
    const s = this.stack.pop();
    if (s) this.state = s;
  }

  // ---- transforms -------------------------------------------------------------------------------------------------
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.state.transform = [a, b, c, d, e, f];
  }
  resetTransform(): void {
    this.state.transform = IDENTITY;
  }
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.state.transform = multiply(this.state.transform, [a, b, c, d, e, f]);
  }
  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y);
  }
  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0);
  }
  rotate(angle: number): void {
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    this.transform(c, s, -s, c, 0, 0);
  }

  // ---- paths (points are transformed when added, as a canvas does) -------------------------------------------------
  private pt(x: number, y: number): string {
    const m = this.state.transform;
    return `${num(m[0] * x + m[2] * y + m[4])} ${num(m[1] * x + m[3] * y + m[5])}`;
  }
  beginPath(): void {
    this.path = [];
  }
  moveTo(x: number, y: number): void {
    this.path.push(`M${this.pt(x, y)}`);
  }
  lineTo(x: number, y: number): void {
    this.path.push(`L${this.pt(x, y)}`);
  }
  closePath(): void {
    this.path.push('Z');
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.path.push(`M${this.pt(x, y)}`, `L${this.pt(x + w, y)}`, `L${this.pt(x + w, y + h)}`, `L${this.pt(x, y + h)}`, 'Z');
  }

  private attrs(): string {
    const a = this.state.globalAlpha < 1 ? ` opacity="${num(this.state.globalAlpha)}"` : '';
    return this.state.clip ? `${a} clip-path="url(#${this.state.clip})"` : a;
  }
  private transformAttr(): string {
    const m = this.state.transform;
    return isIdentity(m) ? '' : ` transform="matrix(${m.map(num).join(' ')})"`;
  }
  /** Adds an element drawn in the current transform; the clip (in untransformed coordinates) goes on a wrapper. */
  private emitTransformed(open: string, rest: string): void {
    const t = this.transformAttr();
    if (t === '' || this.state.clip === '') {
      this.elements.push(`${open}${t}${this.attrs()}${rest}`);
      return;
    }
    this.elements.push(`<g${this.attrs()}>${open}${t}${rest}</g>`);
  }

  stroke(): void {
    if (this.path.length === 0) return;
    const s = this.state;
    // Line widths scale with the transform, as on a canvas (uniform scales only in the overlay).
    const scale = Math.hypot(s.transform[0], s.transform[1]);
    this.elements.push(`<path d="${this.path.join('')}" fill="none" stroke="${escapeXml(s.strokeStyle)}" stroke-width="${num(s.lineWidth * scale)}"${s.lineCap === 'butt' ? '' : ` stroke-linecap="${s.lineCap}"`}${this.attrs()}/>`);
  }
  fill(): void {
    if (this.path.length === 0) return;
    this.elements.push(`<path d="${this.path.join('')}" fill="${escapeXml(this.state.fillStyle)}"${this.attrs()}/>`);
  }
  clip(): void {
    const id = `${this.idPrefix}-clip${this.clipCount++}`;
    // A clip inside a clip: the new clipPath is itself clipped by the one in force (their intersection).
    const outer = this.state.clip ? ` clip-path="url(#${this.state.clip})"` : '';
    this.defs.push(`<clipPath id="${id}"${outer}><path d="${this.path.join('')}"/></clipPath>`);
    this.state.clip = id;
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    if (!(w !== 0 && h !== 0)) return;
    const [x0, w0] = w < 0 ? [x + w, -w] : [x, w];
    const [y0, h0] = h < 0 ? [y + h, -h] : [y, h];
    this.emitTransformed(`<rect x="${num(x0)}" y="${num(y0)}" width="${num(w0)}" height="${num(h0)}" fill="${escapeXml(this.state.fillStyle)}"`, '/>');
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    const saved = this.path;
    this.beginPath();
    this.rect(x, y, w, h);
    this.stroke();
    this.path = saved;
  }
  /** The overlay clears its whole canvas before drawing: the recording starts over. */
  clearRect(): void {
    this.elements.length = 0;
  }

  // ---- text ---------------------------------------------------------------------------------------------------------
  fillText(text: string, x: number, y: number): void {
    if (text === '') return;
    const s = this.state;
    // SVG's dominant-baseline names differ in where browsers put them: place the alphabetic baseline where the
    // canvas would, from the canvas's own metrics, so the text lands on the same pixels.
    const shift = this.baselineShift(text);
    const baseline = shift === null ? ` dominant-baseline="${BASELINE[s.textBaseline]}"` : '';
    this.emitTransformed(
      `<text x="${num(x)}" y="${num(y + (shift ?? 0))}" fill="${escapeXml(s.fillStyle)}" text-anchor="${ANCHOR[s.textAlign]}"${baseline} style="font: ${escapeXml(s.font)}; white-space: pre"`,
      `>${escapeXml(text)}</text>`,
    );
  }

  /** How far below the canvas's textBaseline line the alphabetic baseline lies, or null without a canvas. */
  private baselineShift(text: string): number | null {
    const m = this.measurer;
    if (!m) return null;
    if (this.state.textBaseline === 'alphabetic') return 0;
    m.font = this.state.font;
    // The font's ascent line measured from both baselines (independent of the glyphs, so blank text works too).
    const ascent = (baseline: CanvasTextBaseline) => {
      m.textBaseline = baseline;
      const t = m.measureText(text);
      return t.fontBoundingBoxAscent ?? t.actualBoundingBoxAscent;
    };
    return ascent('alphabetic') - ascent(this.state.textBaseline);
  }

  measureText(text: string): TextMetrics {
    if (this.measurer) {
      this.measurer.font = this.state.font;
      this.measurer.textBaseline = this.state.textBaseline;
      return this.measurer.measureText(text);
    }
    return { width: text.length * 6 } as TextMetrics;
  }

  // ---- images -------------------------------------------------------------------------------------------------------
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw?: number, dh?: number): void {
    const src = image as HTMLCanvasElement;
    const w = dw ?? src.width;
    const h = dh ?? src.height;
    if (src.height === 1 && !this.state.imageSmoothingEnabled && this.strip(src, dx, dy, w, h)) return;
    this.image(src.toDataURL('image/png'), dx, dy, w, h, !this.state.imageSmoothingEnabled);
  }

  /**
   * An N × 1 image drawn without smoothing (a colour bar's LUT) as a vector: one rectangle filled with a gradient of
   * hard stops, a band per texel, so it scales without seams or blur.
   */
  private strip(src: HTMLCanvasElement, x: number, y: number, w: number, h: number): boolean {
    const data = src.getContext('2d')?.getImageData(0, 0, src.width, 1).data;
    if (!data) return false;
    const id = `${this.idPrefix}-lut${this.clipCount++}`;
    const n = src.width;
    const stops: string[] = [];
    let prev = '';
    for (let i = 0; i < n; i++) {
      const a = (data[i * 4 + 3] as number) / 255;
      const color = `rgb(${data[i * 4]}, ${data[i * 4 + 1]}, ${data[i * 4 + 2]})`;
      const key = `${color}/${a}`;
      if (key === prev) continue;
      const opacity = a < 1 ? ` stop-opacity="${num(a)}"` : '';
      // The previous band ends where this one starts.
      if (i > 0) stops.push(`<stop offset="${(i / n).toFixed(6)}" stop-color="${prev.split('/')[0]}"${prevOpacity(prev)}/>`);
      stops.push(`<stop offset="${(i / n).toFixed(6)}" stop-color="${color}"${opacity}/>`);
      prev = key;
    }
    stops.push(`<stop offset="1" stop-color="${prev.split('/')[0]}"${prevOpacity(prev)}/>`);
    this.defs.push(`<linearGradient id="${id}" x1="0" y1="0" x2="1" y2="0">${stops.join('')}</linearGradient>`);
    this.emitTransformed(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="url(#${id})" shape-rendering="crispEdges"`, '/>');
    return true;
  }

  /** Places a PNG (data URL) at (x, y) with CSS size w × h; `pixelated` draws its texels as hard squares. */
  image(href: string, x: number, y: number, w: number, h: number, pixelated: boolean): void {
    const rendering = pixelated ? ' image-rendering="optimizeSpeed" style="image-rendering: pixelated"' : '';
    this.emitTransformed(`<image href="${href}" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" preserveAspectRatio="none"${rendering}`, '/>');
  }

  /** The recording as an element of its own (defs first); `x`, `y` shift it inside a parent document. */
  group(x = 0, y = 0): string {
    const shift = x !== 0 || y !== 0 ? ` transform="translate(${num(x)} ${num(y)})"` : '';
    const defs = this.defs.length > 0 ? `<defs>${this.defs.join('')}</defs>` : '';
    return `<g${shift}>${defs}${this.elements.join('\n')}</g>`;
  }
}

/** A whole SVG document of CSS size width × height; `background` fills it first unless 'transparent'. */
export function svgDocument(width: number, height: number, body: string, background: string): string {
  const bg = background === 'transparent' ? '' : `<rect width="100%" height="100%" fill="${escapeXml(background)}"/>\n`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}">\n` +
    `${bg}${body}\n</svg>\n`
  );
}

// A log-log line chart on Canvas2D, shared by the benchmark chart (bench/chart.mjs → bench/chart.png) and the GPU
// benchmark page (demo/bench.html). No DOM beyond the 2D context it is given.

export interface ChartPoint {
  x: number;
  /** null: no value; `mark` then says why (drawn as a cross at the top of the panel). */
  y: number | null;
  mark?: string | undefined;
}

export interface ChartSeries {
  name: string;
  color: string;
  points: ChartPoint[];
  /** Line dash in CSS px, e.g. [6, 4]. */
  dash?: number[] | undefined;
  width?: number | undefined;
}

export interface ChartPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  formatX?: ((x: number) => string) | undefined;
  formatY?: ((y: number) => string) | undefined;
  /** Horizontal reference lines, e.g. a time limit. */
  rules?: { y: number; label: string }[] | undefined;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const FONT = '12px "DejaVu Sans", system-ui, sans-serif';
const SMALL = '11px "DejaVu Sans", system-ui, sans-serif';

/** 1e3 → '1k', 1.05e6 → '1M', 0.5 → '0.5'. */
export function siFormat(v: number): string {
  const abs = Math.abs(v);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [f, u] of units) if (abs >= f) return `${+(v / f).toPrecision(3)}${u}`;
  return `${+v.toPrecision(3)}`;
}

/** Milliseconds as '0.5 ms', '20 ms', '2 s'. */
export function msFormat(v: number): string {
  return v >= 1000 ? `${+(v / 1000).toPrecision(3)} s` : `${+v.toPrecision(3)} ms`;
}

/**
 * The axis range in log10 units: the data padded by a tenth of a decade each side (so that no point sits on the
 * frame), at least one decade wide; and the ticks to label: decades, or 1-2-5 steps when fewer than two decades fall
 * inside.
 */
function logAxis(lo: number, hi: number): { min: number; max: number; ticks: number[]; minor: number[] } {
  let min = Math.log10(lo) - 0.1;
  let max = Math.log10(hi) + 0.1;
  if (max - min < 1) {
    const mid = (min + max) / 2;
    min = mid - 0.5;
    max = mid + 0.5;
  }
  const inside = (v: number) => Math.log10(v) >= min - 1e-9 && Math.log10(v) <= max + 1e-9;
  const ticks: number[] = [];
  const minor: number[] = [];
  for (let d = Math.floor(min); d <= Math.ceil(max); d++) {
    for (let k = 1; k <= 9; k++) {
      const v = k * 10 ** d;
      if (inside(v)) (k === 1 ? ticks : minor).push(v);
    }
  }
  if (ticks.length < 2) {
    for (const v of minor) if ([2, 5].includes(Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9)))) ticks.push(v);
    ticks.sort((a, b) => a - b);
  }
  return { min, max, ticks, minor };
}

/** Draws one panel into `rect` of the context (CSS px), both axes logarithmic. */
export function drawLogLogPanel(ctx: CanvasRenderingContext2D, rect: Rect, panel: ChartPanel): void {
  const fx = panel.formatX ?? siFormat;
  const fy = panel.formatY ?? siFormat;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of panel.series) {
    for (const p of s.points) {
      if (p.x > 0) xs.push(p.x);
      if (p.y !== null && p.y > 0) ys.push(p.y);
    }
  }
  for (const r of panel.rules ?? []) ys.push(r.y);
  if (xs.length === 0 || ys.length === 0) {
    ctx.fillStyle = '#666';
    ctx.font = FONT;
    ctx.fillText(`${panel.title}: no data`, rect.x + 10, rect.y + 20);
    return;
  }
  const ax = logAxis(Math.min(...xs), Math.max(...xs));
  const ay = logAxis(Math.min(...ys), Math.max(...ys));
  const left = rect.x + 68;
  const right = rect.x + rect.width - 22;
  const top = rect.y + 28;
  const bottom = rect.y + rect.height - 40;
  const px = (x: number) => left + ((Math.log10(x) - ax.min) / (ax.max - ax.min)) * (right - left);
  const py = (y: number) => bottom - ((Math.log10(y) - ay.min) / (ay.max - ay.min)) * (bottom - top);

  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  // Grid: labelled ticks solid, the other 2–9 multiples faint.
  ctx.lineWidth = 1;
  const vline = (v: number, color: string) => {
    const x = Math.round(px(v)) + 0.5;
    ctx.strokeStyle = color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
  };
  const hline = (v: number, color: string) => {
    const y = Math.round(py(v)) + 0.5;
    ctx.strokeStyle = color;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
  };
  for (const v of ax.minor) vline(v, '#eee');
  for (const v of ay.minor) hline(v, '#eee');
  for (const v of ax.ticks) vline(v, '#ccc');
  for (const v of ay.ticks) hline(v, '#ccc');
  ctx.strokeStyle = '#333';
  ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);

  // Tick labels.
  ctx.fillStyle = '#333';
  ctx.font = SMALL;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of ax.ticks) ctx.fillText(fx(v), px(v), bottom + 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ay.ticks) ctx.fillText(fy(v), left - 5, py(v));

  // Titles.
  ctx.font = `bold ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(panel.title, left, rect.y + 18);
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.fillText(panel.xLabel, (left + right) / 2, rect.y + rect.height - 8);
  ctx.save();
  ctx.translate(rect.x + 12, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(panel.yLabel, 0, 0);
  ctx.restore();

  for (const r of panel.rules ?? []) {
    const y = Math.round(py(r.y)) + 0.5;
    ctx.strokeStyle = '#b00';
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#b00';
    ctx.font = SMALL;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(r.label, left + 4, y + 3);
  }

  // Series, clipped to the plot area.
  ctx.beginPath();
  ctx.rect(left, top - 12, right - left, bottom - top + 12);
  ctx.clip();
  for (const s of panel.series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = s.width ?? 2;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    let open = false;
    for (const p of s.points) {
      if (p.y === null || p.y <= 0) {
        open = false;
        continue;
      }
      if (open) ctx.lineTo(px(p.x), py(p.y));
      else ctx.moveTo(px(p.x), py(p.y));
      open = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    for (const p of s.points) {
      if (p.y !== null && p.y > 0) {
        ctx.beginPath();
        ctx.arc(px(p.x), py(p.y), 3, 0, 2 * Math.PI);
        ctx.fill();
      } else if (p.mark) {
        // A cross at the top edge: the library did not finish this size (time-out, crash).
        const x = px(p.x);
        const y = top - 4;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x - 4, y - 4);
        ctx.lineTo(x + 4, y + 4);
        ctx.moveTo(x + 4, y - 4);
        ctx.lineTo(x - 4, y + 4);
        ctx.stroke();
      }
    }
  }
  ctx.restore();
}

/** A legend row (swatch + name per series) in `rect`, wrapping to further rows. */
export function drawLegend(ctx: CanvasRenderingContext2D, rect: Rect, series: ChartSeries[], note?: string): void {
  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  let x = rect.x + 10;
  let y = rect.y + 12;
  for (const s of series) {
    const w = 30 + ctx.measureText(s.name).width + 18;
    if (x + w > rect.x + rect.width) {
      x = rect.x + 10;
      y += 20;
    }
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = s.width ?? 2;
    ctx.setLineDash(s.dash ?? []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 24, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(x + 12, y, 3, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = '#222';
    ctx.fillText(s.name, x + 30, y);
    x += w;
  }
  if (note) {
    ctx.fillStyle = '#555';
    ctx.font = SMALL;
    ctx.fillText(note, rect.x + 10, y + 20);
  }
  ctx.restore();
}

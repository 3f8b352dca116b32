// The peers chart (bench/chart.mjs screenshots it to bench/chart.png): first frame and redraw against cells, log-log,
// one line per library, from bench/results-peers.json handed over by the driver.
import { type ChartPoint, type ChartSeries, drawLegend, drawLogLogPanel, msFormat } from './chart-draw';

interface Summary {
  median: number;
  n: number;
}
interface LibSize {
  firstFrame?: Summary | null;
  redraw?: Summary | null;
  error?: string | null;
  redrawError?: string | null;
}
export interface PeersReport {
  date: string;
  renderer: string;
  browser: string;
  machine: { cpu: string; cores: number };
  config: { sizes: number[]; libs: string[]; stepTimeoutMs: number };
  results: Record<string, Record<string, LibSize>>;
}

const STYLE: Record<string, { name: string; color: string; dash?: number[]; width?: number }> = {
  heatgl: { name: 'heatgl', color: '#1f4fd8', width: 3 },
  'heatgl-nearest': { name: "heatgl, reduce: 'nearest'", color: '#6f93f0', dash: [6, 4] },
  floor: { name: 'bare WebGL2 floor', color: '#111', dash: [2, 3] },
  canvas2d: { name: 'Canvas2D (CPU)', color: '#8a8a8a' },
  plotly: { name: 'plotly.js', color: '#e07b00' },
  echarts: { name: 'ECharts', color: '#c0283c' },
};

function series(report: PeersReport, key: 'firstFrame' | 'redraw'): ChartSeries[] {
  return report.config.libs.map((lib) => {
    const points: ChartPoint[] = [];
    for (const n of report.config.sizes) {
      const r = report.results[lib]?.[String(n)];
      const s = r?.[key];
      const error = key === 'redraw' ? (r?.redrawError ?? r?.error) : r?.error;
      if (s) points.push({ x: n * n, y: s.median });
      else if (error && !error.startsWith('skipped')) points.push({ x: n * n, y: null, mark: error.split(':')[0] });
    }
    const st = STYLE[lib] ?? { name: lib, color: '#444' };
    return { name: st.name, color: st.color, dash: st.dash, width: st.width, points };
  });
}

function draw(report: PeersReport): void {
  const canvas = document.getElementById('chart') as HTMLCanvasElement;
  const width = 1200;
  const height = 520;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const legendH = 64;
  const panelH = height - legendH;
  const sizes = report.config.sizes.map((n) => `${n}²`).join(', ');
  drawLogLogPanel(
    ctx,
    { x: 0, y: 0, width: width / 2, height: panelH },
    {
      title: 'First frame (data in memory → pixels)',
      xLabel: `cells (${sizes})`,
      yLabel: 'time',
      formatY: msFormat,
      series: series(report, 'firstFrame'),
      rules: [{ y: report.config.stepTimeoutMs, label: `time-out (${report.config.stepTimeoutMs / 1000} s)` }],
    },
  );
  drawLogLogPanel(
    ctx,
    { x: width / 2, y: 0, width: width / 2, height: panelH },
    { title: 'Redraw after pan/zoom', xLabel: `cells (${sizes})`, yLabel: 'time', formatY: msFormat, series: series(report, 'redraw') },
  );
  const note = `Medians, lower is better; × on top: time-out or crash. ${report.browser}, ${report.renderer}; ${report.machine.cpu} × ${report.machine.cores}; ${report.date.slice(0, 10)}.`;
  drawLegend(ctx, { x: 0, y: panelH, width, height: legendH }, series(report, 'firstFrame'), note);
}

declare global {
  interface Window {
    drawPeersChart: (report: PeersReport) => void;
    chartReady: boolean;
  }
}
window.drawPeersChart = draw;
window.chartReady = true;

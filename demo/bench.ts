// The GPU benchmark page (demo/bench.html): renderer string and limits, then bench/gpu-bench.ts at growing sizes with
// a table, a Canvas2D chart and the results as JSON. Query parameters: auto=1 starts at once (bench/gpu.mjs),
// max=<side> the largest side, maxGpuBytes=<GiB> heatgl's limit. When a run ends, window.benchResult holds the
// results and window.benchDone is true.
import { type ChartPanel, drawLegend, drawLogLogPanel, msFormat, siFormat } from '../bench/chart-draw';
import { DEFAULT_SIDES, type GpuBenchResult, gpuInfo, HEATGL_DEFAULT_MAX_GPU_BYTES, runGpuBench } from '../bench/gpu-bench';

declare global {
  interface Window {
    benchDone?: boolean;
    benchResult?: GpuBenchResult;
  }
}

function find<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`bench.html lacks #${id}`);
  return el as T;
}

const params = new URLSearchParams(location.search);
const info = gpuInfo();
find('renderer').textContent = info.renderer;
find('vendor').textContent = info.vendor;
find('max-texture').textContent = `${info.maxTextureSize} (MAX_RENDERBUFFER_SIZE ${info.maxRenderbufferSize})`;
find('agent').textContent = navigator.userAgent;

const maxSideSelect = find<HTMLSelectElement>('max-side');
const maxGpuSelect = find<HTMLSelectElement>('max-gpu');
const startButton = find<HTMLButtonElement>('start');
const stopButton = find<HTMLButtonElement>('stop');
const status = find('status');

const sideParam = Number(params.get('max'));
const sides = [...new Set([...DEFAULT_SIDES, ...(sideParam > 0 ? [sideParam] : [])])].sort((a, b) => a - b);
for (const side of [...sides, 0]) {
  const opt = new Option(side === 0 ? 'until a limit' : `${side}² (${siFormat(side * side)} cells)`, String(side));
  maxSideSelect.add(opt);
}
maxSideSelect.value = sideParam > 0 ? String(sideParam) : '0';
const gpuParam = Number(params.get('maxGpuBytes'));
const gibs = [...new Set([2, 4, 8, 16, ...(gpuParam > 0 ? [gpuParam] : [])])].sort((a, b) => a - b);
for (const gib of gibs) maxGpuSelect.add(new Option(`${gib} GiB${gib * 2 ** 30 === HEATGL_DEFAULT_MAX_GPU_BYTES ? ' (default)' : ''}`, String(gib)));
maxGpuSelect.value = String(gpuParam > 0 ? gpuParam : HEATGL_DEFAULT_MAX_GPU_BYTES / 2 ** 30);

const fmt = (x: number, digits: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(digits));

function showTable(result: GpuBenchResult): void {
  const body = find('rows');
  body.replaceChildren(
    ...result.sizes.map((s) => {
      const tr = document.createElement('tr');
      const cells = [
        `${s.side}²`,
        siFormat(s.cells),
        String(s.valueTextures),
        msFormat(+fmt(s.firstFrameMs, 3)),
        `${s.uploadGBps.toFixed(2)} GB/s`,
        msFormat(+fmt(s.frameMs, 3)),
        siFormat(s.cellsPerSecond),
      ];
      for (const text of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      return tr;
    }),
  );
  find('stopped').textContent = result.stopped ? `Stopped before ${result.stopped.side}²: ${result.stopped.reason}.` : '';
}

function showChart(result: GpuBenchResult): void {
  const canvas = find<HTMLCanvasElement>('chart');
  const dpr = window.devicePixelRatio || 1;
  const cssWidth = canvas.clientWidth || 1180;
  const cssHeight = 340;
  canvas.width = Math.round(cssWidth * dpr);
  canvas.height = Math.round(cssHeight * dpr);
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, cssWidth, cssHeight);
  const color = '#3a5bd9';
  const series = (pick: (s: GpuBenchResult['sizes'][number]) => number) => [
    { name: result.renderer, color, points: result.sizes.map((s) => ({ x: s.cells, y: pick(s) })) },
  ];
  const panels: ChartPanel[] = [
    { title: 'Upload throughput (heatmap() to pixels)', xLabel: 'cells', yLabel: 'GB/s', series: series((s) => s.uploadGBps) },
    { title: 'Frame time after pan/zoom', xLabel: 'cells', yLabel: 'time', formatY: msFormat, series: series((s) => s.frameMs) },
    { title: 'Cells per second', xLabel: 'cells', yLabel: 'cells/s', series: series((s) => s.cellsPerSecond) },
  ];
  const w = cssWidth / panels.length;
  for (const [i, p] of panels.entries()) drawLogLogPanel(ctx, { x: i * w, y: 0, width: w, height: cssHeight - 30 }, p);
  drawLegend(ctx, { x: 0, y: cssHeight - 30, width: cssWidth, height: 30 }, series(() => 0));
}

function showJson(result: GpuBenchResult): void {
  const json = JSON.stringify(result, null, 2);
  find('json').textContent = json;
  const link = find<HTMLAnchorElement>('download');
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  link.hidden = false;
}

let controller: AbortController | null = null;

async function start(): Promise<void> {
  window.benchDone = false;
  controller = new AbortController();
  startButton.disabled = true;
  stopButton.disabled = false;
  const maxSide = Number(maxSideSelect.value);
  const result = await runGpuBench({
    container: find('plot'),
    maxSide: maxSide > 0 ? maxSide : undefined,
    maxGpuBytes: Number(maxGpuSelect.value) * 2 ** 30,
    keepLast: true,
    signal: controller.signal,
    onProgress(message, partial) {
      status.textContent = message;
      showTable(partial);
    },
  });
  showTable(result);
  showChart(result);
  showJson(result);
  status.textContent = `Done in ${(result.totalMs / 1000).toFixed(1)} s${result.stopped ? ` (stopped before ${result.stopped.side}²)` : ''}.`;
  startButton.disabled = false;
  stopButton.disabled = true;
  window.benchResult = result;
  window.benchDone = true;
}

startButton.addEventListener('click', () => void start());
stopButton.addEventListener('click', () => controller?.abort());
if (params.get('auto') === '1') void start();

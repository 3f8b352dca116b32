// Loaders benchmark page (driven by bench/loaders.mjs): times the way from a file to a first frame, step by step, for
//   (a) vega-datasets' flights-200k.arrow: fetch → fromArrow(buffer, { pivot }) → heatmap() → render() + readback;
//   (b) a 5000 × 2000 CSV built in the page (~90 MB string, not timed): fromCSV (chunked, async) → heatmap() →
//       render() + readback, watching how long the main thread stalls while fromCSV runs.
// All timing happens here with performance.now(); the Node side only drives the runs and takes medians.
import { tableFromIPC } from 'apache-arrow';
import flightsUrl from '../node_modules/vega-datasets/data/flights-200k.arrow?url';
import { type ArrowOptions, fromArrow, fromCSV, heatmap } from '../src/index';
import { box, heatmapGl, readOnePixel } from './page-util';

/** The gallery's pivot (demo/real-data.ts): mean delay by 250-mile distance bin (2500 and over last) × departure hour. */
const FLIGHTS_PIVOT: NonNullable<ArrowOptions['pivot']> = {
  index: (r) => Math.min(Math.floor(Number(r.distance) / 250), 10) * 250,
  columns: (r) => Math.floor(Number(r.time)),
  values: 'delay',
};

/** heatmap() then render() + readback, timed apart; the heatmap is destroyed afterwards. */
function draw(data: Parameters<typeof heatmap>[1], options: Parameters<typeof heatmap>[2]): { heatmapMs: number; frameMs: number; renderer: string } {
  const t0 = performance.now();
  const hm = heatmap(box(), data, { pixelRatio: 1, interactive: false, ...options });
  const t1 = performance.now();
  hm.render();
  readOnePixel(heatmapGl(hm));
  const t2 = performance.now();
  const renderer = hm.stats().renderer;
  hm.destroy();
  return { heatmapMs: t1 - t0, frameMs: t2 - t1, renderer };
}

export interface ArrowRun {
  fetchMs: number;
  fromArrowMs: number;
  heatmapMs: number;
  frameMs: number;
  totalMs: number;
  /** A separate tableFromIPC of the same bytes: the IPC decode part of fromArrow (informational). */
  decodeMs: number;
  bytes: number;
  rows: number;
  cols: number;
  records: number;
  renderer: string;
}

export interface CsvRun {
  fromCsvMs: number;
  heatmapMs: number;
  frameMs: number;
  totalMs: number;
  /** Longest gap between heartbeats of a setInterval(…, 0) while fromCSV ran. */
  longestGapMs: number;
  /** Longest 'longtask' entry reported while fromCSV ran (0 when none was over 50 ms or the API is missing). */
  longestTaskMs: number;
  /** Heartbeats seen while fromCSV ran: how often the page got a turn. */
  heartbeats: number;
  rows: number;
  cols: number;
  renderer: string;
}

let csvText = '';

declare global {
  interface Window {
    loadersBench: {
      arrow(): Promise<ArrowRun>;
      makeCsv(rows: number, cols: number): { chars: number; ms: number };
      csv(): Promise<CsvRun>;
      dropCsv(): void;
    };
    loadersBenchReady: boolean;
  }
}

window.loadersBench = {
  async arrow() {
    const t0 = performance.now();
    const res = await fetch(flightsUrl, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${flightsUrl}: HTTP ${res.status}`);
    const buffer = await res.arrayBuffer();
    const t1 = performance.now();
    const data = fromArrow(buffer, { pivot: FLIGHTS_PIVOT });
    const t2 = performance.now();
    const { heatmapMs, frameMs, renderer } = draw(data, { cmap: 'rocket_r', vmax: 40, xticklabels: 2, cbarKws: { label: 'mean delay (min)', extend: 'max' } });
    const totalMs = t2 - t0 + heatmapMs + frameMs;
    const d0 = performance.now();
    const table = tableFromIPC(new Uint8Array(buffer));
    const decodeMs = performance.now() - d0;
    return { fetchMs: t1 - t0, fromArrowMs: t2 - t1, heatmapMs, frameMs, totalMs, decodeMs, bytes: buffer.byteLength, rows: data.rows, cols: data.cols, records: table.numRows, renderer };
  },

  makeCsv(rows, cols) {
    csvText = '';
    const t0 = performance.now();
    let s = 0x2545f491;
    const rand = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
    const header = ['id'];
    for (let c = 0; c < cols; c++) header.push(`c${c}`);
    const lines = [header.join(',')];
    const fields = new Array<string>(cols + 1);
    for (let r = 0; r < rows; r++) {
      fields[0] = `r${r}`;
      // Values 0–100 with 5 decimals, a smooth part plus noise: 8 characters and a comma per field, ~90 MB in all.
      for (let c = 0; c < cols; c++) fields[c + 1] = (50 + 30 * Math.sin(r / 400 + c / 150) + 19.9 * rand()).toFixed(5);
      lines.push(fields.join(','));
    }
    csvText = `${lines.join('\n')}\n`;
    return { chars: csvText.length, ms: performance.now() - t0 };
  },

  async csv() {
    if (csvText === '') throw new Error('makeCsv() first');
    // Heartbeat: the longest gap between its ticks is the longest time the page could not run a task.
    let last = performance.now();
    let longestGapMs = 0;
    let heartbeats = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      heartbeats++;
    }, 0);
    let longestTaskMs = 0;
    let observer: PerformanceObserver | null = null;
    if (PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
      observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
    }
    // Start fromCSV in a task of its own: the observer does not report the task that registered it.
    await new Promise((r) => setTimeout(r, 0));
    const t0 = performance.now();
    last = t0;
    const data = await fromCSV(csvText);
    const t1 = performance.now();
    // One more turn, so that a stall at the very end (the last chunk, building the matrix) is counted too.
    await new Promise((r) => setTimeout(r, 0));
    clearInterval(timer);
    // Long-task entries arrive a little after their task: give them time before reading the last ones.
    await new Promise((r) => setTimeout(r, 200));
    if (observer) {
      for (const e of observer.takeRecords()) longestTaskMs = Math.max(longestTaskMs, e.duration);
      observer.disconnect();
    }
    const { heatmapMs, frameMs, renderer } = draw(data, {});
    return { fromCsvMs: t1 - t0, heatmapMs, frameMs, totalMs: t1 - t0 + heatmapMs + frameMs, longestGapMs, longestTaskMs, heartbeats, rows: data.rows, cols: data.cols, renderer };
  },

  dropCsv() {
    csvText = '';
  },
};
window.loadersBenchReady = true;

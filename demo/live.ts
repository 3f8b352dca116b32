// Live spectrogram: 60 rows a second of a synthetic signal's spectrum, appended to a 1024 × 4096 heatmap through
// appendRows (a ring buffer on the GPU). Shows the frame time, the rows per second achieved and the append cost.
import { heatmap } from 'heatgl';

const COLS = 4096;
const ROWS = 1024;
const RATE = 16384;
const WINDOW = 2 * COLS;
const ROWS_PER_SECOND = 60;

/** In-place radix-2 FFT of (re, im), length a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const xr = (re[b] as number) * cr - (im[b] as number) * ci;
        const xi = (re[b] as number) * ci + (im[b] as number) * cr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
}

let seed = 12345;
const noise = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff - 0.5;
};

/** The signal at sample index n. */
function signal(n: number): number {
  const t = n / RATE;
  const sweep = 20; // seconds per chirp sweep
  const phase = (t % sweep) / sweep;
  const chirp1 = Math.sin(2 * Math.PI * (200 * t + 3000 * sweep * phase * phase * 0.5));
  const chirp2 = 0.5 * Math.sin(2 * Math.PI * (7000 * t - 2500 * sweep * phase * phase * 0.5));
  const tone = 0.3 * Math.sin(2 * Math.PI * 1234.5 * t);
  const pulse = Math.sin(2 * Math.PI * t * 0.5) > 0.6 ? 0.4 * Math.sin(2 * Math.PI * 5000 * t) : 0;
  return chirp1 + chirp2 + tone + pulse + 0.3 * noise();
}

const hann = Float64Array.from({ length: WINDOW }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (WINDOW - 1)));
const re = new Float64Array(WINDOW);
const im = new Float64Array(WINDOW);
let sample = 0;

/** One spectrum row: the last WINDOW samples up to `sample`, in dB. */
function spectrumRow(out: Float32Array): void {
  const start = sample - WINDOW;
  for (let i = 0; i < WINDOW; i++) {
    re[i] = signal(start + i) * (hann[i] as number);
    im[i] = 0;
  }
  fft(re, im);
  for (let k = 0; k < COLS; k++) {
    const p = ((re[k] as number) ** 2 + (im[k] as number) ** 2) / (WINDOW * WINDOW);
    out[k] = 10 * Math.log10(p + 1e-12);
  }
}

const plot = document.querySelector<HTMLElement>('#live .plot') as HTMLElement;
const status = document.getElementById('live-status') as HTMLElement;
const toggle = document.getElementById('live-toggle') as HTMLButtonElement;

const history = new Float32Array(ROWS * COLS).fill(-120);
const hm = heatmap(
  plot,
  { values: history, rows: ROWS, cols: COLS },
  {
    cmap: 'magma',
    vmin: -100,
    vmax: -10,
    xlabel: `frequency (Hz, 0 – ${RATE / 2}; ${COLS} bins)`,
    ylabel: 'time (newest at the bottom)',
    xticklabels: false,
    yticklabels: false,
    cbarKws: { label: 'power (dB)' },
    title: 'appendRows at 60 rows/s into a 1024 × 4096 ring buffer',
  },
);

const row = new Float32Array(COLS);
let running = true;
let last = performance.now();
let owed = 0;
let appended = 0;
let appendMs = 0;
let fftMs = 0;
const frameTimes: number[] = [];
const windowStart = performance.now();
sample = WINDOW;

function tick(t: number): void {
  if (!running) return;
  const dt = t - last;
  last = t;
  frameTimes.push(dt);
  if (frameTimes.length > 120) frameTimes.shift();
  owed += (dt / 1000) * ROWS_PER_SECOND;
  // At most 4 rows a frame: a background tab catching up does not freeze the page.
  const n = Math.min(4, Math.floor(owed));
  owed -= n;
  for (let i = 0; i < n; i++) {
    sample += RATE / ROWS_PER_SECOND;
    const f0 = performance.now();
    spectrumRow(row);
    const f1 = performance.now();
    hm.appendRows({ values: row, rows: 1, cols: COLS });
    appendMs += performance.now() - f1;
    fftMs += f1 - f0;
    appended++;
  }
  if (frameTimes.length % 15 === 0) {
    const sorted = [...frameTimes].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    const s = hm.stats();
    const secs = (performance.now() - windowStart) / 1000;
    status.textContent =
      `frame time ${median.toFixed(1)} ms (median of ${frameTimes.length}), draw ${s.lastFrameMs.toFixed(1)} ms · ` +
      `${(appended / secs).toFixed(1)} rows/s · appendRows ${(appendMs / Math.max(1, appended)).toFixed(2)} ms/row, FFT ${(fftMs / Math.max(1, appended)).toFixed(2)} ms/row · ` +
      `pyramid level ${s.drawnLevel} of ${s.levels} · ${s.renderer}`;
  }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);

toggle.addEventListener('click', () => {
  running = !running;
  toggle.textContent = running ? 'Pause' : 'Resume';
  if (running) {
    last = performance.now();
    requestAnimationFrame(tick);
  }
});
(window as unknown as { liveHeatmap: unknown }).liveHeatmap = hm;

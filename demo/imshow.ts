// Gallery cards for matplotlib's imshow and pcolormesh: the volcano with bicubic interpolation and origin 'lower',
// and a spectrogram on log-spaced frequency bins with a log norm.
import volcano from '@vega-datasets/volcano.json';
import { type Heatmap, heatmap } from 'heatgl';

function plotOf(card: HTMLElement): HTMLElement {
  const el = card.querySelector<HTMLElement>('.plot');
  if (!el) throw new Error(`card #${card.id} has no .plot`);
  return el;
}

function status(card: HTMLElement, text: string): void {
  const el = card.querySelector('.status');
  if (el) el.textContent = text;
}

export function imshowExample(card: HTMLElement): Heatmap {
  const { width, height, values } = volcano;
  const hm = heatmap(plotOf(card), { values, rows: height, cols: width }, {
    origin: 'lower',
    extent: [0, width * 10, 0, height * 10],
    aspect: 'equal',
    interpolation: 'bicubic',
    cmap: 'terrain',
    xlabel: 'x (m)',
    ylabel: 'y (m)',
    cbarKws: { label: 'elevation (m)' },
  });
  hm.on('hover', (c) => status(card, c ? `row ${c.row}, column ${c.col}: ${c.value} m` : 'hover a cell · wheel to zoom into the interpolation'));
  status(card, 'hover a cell · wheel to zoom into the interpolation');
  return hm;
}

/** A chirp sweeping up from 50 Hz to 8 kHz over 10 s, its first harmonic, and pink-ish background noise. */
function spectrogram(times: number, bins: number): { values: Float64Array; xEdges: number[]; yEdges: number[] } {
  const xEdges = Array.from({ length: times + 1 }, (_, i) => (i * 10) / times);
  const yEdges = Array.from({ length: bins + 1 }, (_, j) => 20 * 1000 ** (j / bins));
  const values = new Float64Array(times * bins);
  let seed = 3;
  const noise = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  for (let j = 0; j < bins; j++) {
    const f = Math.sqrt((yEdges[j] as number) * (yEdges[j + 1] as number));
    for (let i = 0; i < times; i++) {
      const t = (i + 0.5) * (10 / times);
      const chirp = 50 * 160 ** (t / 10);
      const peak = (c: number, width: number) => Math.exp(-((Math.log(f / c) / width) ** 2));
      values[j * times + i] = 1e3 * peak(chirp, 0.08) + 80 * peak(2 * chirp, 0.08) + (0.02 + noise() * 0.05) * (1000 / f);
    }
  }
  return { values, xEdges, yEdges };
}

export function pcolormeshExample(card: HTMLElement): Heatmap {
  const times = 200;
  const bins = 64;
  const { values, xEdges, yEdges } = spectrogram(times, bins);
  const hm = heatmap(plotOf(card), { values, rows: bins, cols: times }, {
    xEdges,
    yEdges,
    norm: 'log',
    cmap: 'magma',
    xlabel: 'time (s)',
    ylabel: 'frequency (Hz)',
    cbarKws: { label: 'power' },
  });
  hm.on('hover', (c) => status(card, c ? `${Math.round(yEdges[c.row] as number)}–${Math.round(yEdges[c.row + 1] as number)} Hz at ${(xEdges[c.col] as number).toFixed(2)} s: ${c.value.toPrecision(3)}` : 'hover a cell'));
  status(card, 'hover a cell');
  return hm;
}

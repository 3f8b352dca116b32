// "Real data in": vega-datasets files through heatgl's loaders. Each card runs one recipe in three timed steps
// (load, parse, draw). The gallery shows the source between a card's `// #region <id>` and `// #endregion` lines
// under its heatmap (imported with vite's ?raw), so the code on the page is the code that drew the figure; keep
// those lines short (≤ 76 characters) so they fit a card without scrolling.
import type { Heatmap, MatrixInput } from 'heatgl';
import { fromArrow, fromCSVSync, heatmap, pivot } from 'heatgl';

/** One card: get the raw input, turn it into a matrix, draw it. The gallery times each step. */
export interface Recipe<T> {
  load(): T | Promise<T>;
  parse(input: T): MatrixInput;
  draw(el: HTMLElement, data: MatrixInput): Heatmap;
}

// #region github
import githubCsv from '@vega-datasets/github.csv?raw';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const utc = (t: string) =>
  new Date(`${t.replaceAll('/', '-').replace(' ', 'T')}Z`);

export const punchCard: Recipe<string> = {
  load: () => githubCsv, // "time,count": commits per hour, Jan–May 2015
  parse(csv) {
    const commits = fromCSVSync(csv); // index "2015/01/01 01:00:00"
    const at = commits.rowLabels.map(utc);
    const punch = pivot(
      {
        weekday: at.map((d) => (d.getUTCDay() + 6) % 7), // Monday = 0
        hour: at.map((d) => d.getUTCHours()),
        count: commits.values,
      },
      { index: 'weekday', columns: 'hour', values: 'count',
        aggfunc: 'sum', fillValue: 0 }, // no row for an hour: 0 commits
    );
    punch.rowLabels = punch.rowLabels.map((d) => DAYS[Number(d)]);
    return punch;
  },
  draw: (el, punch) =>
    heatmap(el, punch, { cmap: 'Greens', square: true, linewidths: 1,
      xlabel: 'hour of day', cbarKws: { label: 'commits' } }),
};
// #endregion

// #region volcano
import volcano from '@vega-datasets/volcano.json';

export const volcanoGrid: Recipe<typeof volcano> = {
  load: () => volcano, // { width: 87, height: 61, values: number[] }
  // row-major heights (m) on points 10 m apart: 61 rows of 87
  parse: ({ width, height, values }) =>
    ({ values, rows: height, cols: width }),
  draw: (el, grid) =>
    heatmap(el, grid, { cmap: 'terrain', square: true,
      xticklabels: false, yticklabels: false,
      cbarKws: { label: 'elevation (m)' } }),
};
// #endregion

// #region flights
import flightsUrl from '@vega-datasets/flights-200k.arrow?url';

const bin = (miles: number) => Math.min(Math.floor(miles / 250), 10) * 250;

export const flightDelays: Recipe<ArrayBuffer> = {
  load: async () => {
    const res = await fetch(flightsUrl); // 1.6 MB, 200,000 flights
    if (!res.ok) throw new Error(`${flightsUrl}: HTTP ${res.status}`);
    return res.arrayBuffer();
  },
  parse(buffer) {
    // columns: delay (min), distance (miles), time (hour, fractional)
    const delays = fromArrow(buffer, {
      pivot: {
        index: (r) => bin(Number(r.distance)), // 2500: 2500 and over
        columns: (r) => Math.floor(Number(r.time)),
        values: 'delay', // aggfunc 'mean', the default
      },
    });
    delays.rowLabels[delays.rows - 1] = '2500+';
    return delays;
  },
  draw: (el, delays) =>
    heatmap(el, delays, { cmap: 'rocket_r', vmax: 40, xticklabels: 2,
      xlabel: 'departure hour', ylabel: 'distance (miles)',
      cbarKws: { label: 'mean delay (min)', extend: 'max' } }),
};
// #endregion

// #region seattle
import seattleCsv from '@vega-datasets/seattle-weather.csv?raw';

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

export const seattleTemps: Recipe<string> = {
  // date,precipitation,temp_max,temp_min,wind,weather
  load: () => seattleCsv,
  parse(csv) {
    // coerce: the text column "weather" becomes NaN, not an error
    const days = fromCSVSync(csv, { coerce: true });
    const col = days.colLabels.indexOf('temp_max');
    const tmax = days.rowLabels.map(
      (_, i) => days.values[i * days.cols + col],
    );
    return pivot({ date: days.rowLabels, tmax }, {
      index: (r) => MONTHS[Number(String(r.date).slice(5, 7)) - 1],
      columns: (r) => Number(String(r.date).slice(0, 4)),
      values: 'tmax',
      sortRows: false, // months as first seen (Jan–Dec), not A–Z
    });
  },
  draw: (el, temps) =>
    heatmap(el, temps, { annot: true, fmt: '.1f', cmap: 'coolwarm',
      cbarKws: { label: 'mean daily high (°C)' } }),
};
// #endregion

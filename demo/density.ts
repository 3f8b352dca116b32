// Density demo page: vega-datasets earthquakes as a GPU kernel density over longitude/latitude (densitymap), and
// flights-200k as a 2-D histogram of distance × delay (hist2d). `window.densityDemoReady` becomes true when both have
// drawn (or failed), for scripts that take screenshots.
import quakesJson from '@vega-datasets/earthquakes.json';
import flightsUrl from '@vega-datasets/flights-200k.arrow?url';
import { tableFromIPC } from 'apache-arrow';
import { type DensityMap, densitymap, hist2d } from 'heatgl';

declare global {
  interface Window {
    densityDemoReady?: boolean;
    densityDemoErrors?: string[];
    quakes?: DensityMap;
  }
}

interface Quake {
  geometry: { coordinates: [number, number, number] };
  properties: { mag: number | null; place: string };
}
const quakes = (quakesJson as unknown as { features: Quake[] }).features;

const $ = <T extends HTMLElement>(id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};
const errors: string[] = [];
const fail = (where: HTMLElement, err: unknown) => {
  const msg = err instanceof Error ? err.message : String(err);
  errors.push(msg);
  where.textContent = `Failed: ${msg}`;
};

/** A graticule every 30° on a 2:1 canvas: the background the density is drawn over (it spans the extent). */
function graticule(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = 1440;
  c.height = 720;
  const g = c.getContext('2d');
  if (!g) return c;
  g.fillStyle = '#10131c';
  g.fillRect(0, 0, c.width, c.height);
  g.strokeStyle = 'rgba(160, 170, 200, 0.25)';
  g.lineWidth = 1.5;
  for (let lon = -180; lon <= 180; lon += 30) {
    const x = ((lon + 180) / 360) * c.width;
    g.beginPath();
    g.moveTo(x, 0);
    g.lineTo(x, c.height);
    g.stroke();
  }
  for (let lat = -90; lat <= 90; lat += 30) {
    const y = ((90 - lat) / 180) * c.height;
    g.beginPath();
    g.moveTo(0, y);
    g.lineTo(c.width, y);
    g.stroke();
  }
  g.fillStyle = 'rgba(160, 170, 200, 0.55)';
  g.font = '20px system-ui, sans-serif';
  for (let lon = -150; lon < 180; lon += 60) g.fillText(`${lon}°`, ((lon + 180) / 360) * c.width + 6, c.height / 2 - 6);
  return c;
}

function quakeMap(): Promise<void> {
  const plot = $('q-plot');
  const readout = $('q-readout');
  try {
    const dm = densitymap(plot, quakes, {
      x: (q) => q.geometry.coordinates[0],
      y: (q) => q.geometry.coordinates[1],
      weight: (q) => q.properties.mag ?? Number.NaN,
      extent: [-180, 180, -90, 90],
      bandwidth: 2.5,
      cmap: 'magma',
      // Californian swarms dwarf everything else at the data's maximum: cap the scale well below their peak.
      vmax: 0.5,
      opacity: 'ramp',
      background: graticule(),
    });
    window.quakes = dm;
    const st = () => dm.stats();
    const describeValue = (v: number | null) => {
      if (v === null) return 'outside the map';
      const mean = ($<HTMLSelectElement>('q-agg').value as 'sum' | 'mean') === 'mean';
      if (Number.isNaN(v)) return 'no quake within reach';
      return mean ? `mean magnitude ${v.toFixed(2)}` : `${v.toFixed(3)} (magnitude-weighted quakes per deg²)`;
    };
    plot.addEventListener('pointermove', (e) => {
      const at = dm.clientToData(e.clientX, e.clientY);
      if (!at) return;
      readout.textContent = `${at[0].toFixed(1)}°, ${at[1].toFixed(1)}°: ${describeValue(dm.valueAt(e.clientX, e.clientY))} · ${st().points} quakes drawn, ${st().skipped} without a magnitude skipped`;
    });
    $('q-kernel').addEventListener('change', (e) => dm.update({ kernel: (e.target as HTMLSelectElement).value as 'gaussian' }));
    $('q-bw').addEventListener('change', (e) => dm.update({ bandwidth: Number((e.target as HTMLSelectElement).value) }));
    $('q-agg').addEventListener('change', (e) => {
      const mean = (e.target as HTMLSelectElement).value === 'mean';
      dm.update({ aggregation: mean ? 'mean' : 'sum', cmap: mean ? 'viridis' : 'magma', opacity: mean ? 0.85 : 'ramp', vmax: mean ? undefined : 0.5 });
    });
    $('q-zoom').addEventListener('click', () => dm.setView({ x: [120, 180], y: [20, 50] }));
    $('q-reset').addEventListener('click', () => dm.resetView());
    return new Promise((resolve) => {
      const off = dm.on('render', () => {
        off();
        resolve();
      });
    });
  } catch (err) {
    fail(readout, err);
    return Promise.resolve();
  }
}

async function flights(): Promise<void> {
  const status = $('f-status');
  try {
    const t0 = performance.now();
    const res = await fetch(flightsUrl);
    if (!res.ok) throw new Error(`${flightsUrl}: HTTP ${res.status}`);
    const table = tableFromIPC(await res.arrayBuffer());
    const distance = Float64Array.from(table.getChild('distance')?.toArray() ?? [], Number);
    const delay = Float64Array.from(table.getChild('delay')?.toArray() ?? [], Number);
    const hm = hist2d($('f-plot'), { x: distance, y: delay }, {
      bins: [60, 48],
      range: [[0, 3000], [-60, 180]],
      norm: 'log',
      cmap: 'viridis',
      xlabel: 'distance (miles)',
      ylabel: 'arrival delay (min)',
      cbarKws: { label: 'flights per bin' },
      xticklabels: 10,
      yticklabels: 8,
    });
    const inRange = hm.histogram.counts.reduce((a, b) => a + b, 0);
    status.textContent = `${distance.length.toLocaleString()} flights loaded and binned in ${(performance.now() - t0).toFixed(0)} ms; ${inRange.toLocaleString()} fall in the range shown`;
    await new Promise<void>((resolve) => {
      const off = hm.on('render', () => {
        off();
        resolve();
      });
    });
  } catch (err) {
    fail(status, err);
  }
}

Promise.all([quakeMap(), flights()]).then(() => {
  window.densityDemoErrors = errors;
  window.densityDemoReady = true;
});

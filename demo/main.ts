// The heatgl gallery: three live examples. Each is built inside try/catch so that one failure (no WebGL, say) shows
// its message in its own card and leaves the others running. When every example has drawn its first frame (or
// failed), `window.galleryReady` becomes true; scripts/screenshot.mjs waits for it.
import cars from '@vega-datasets/cars.json';
// The library's source (vite aliases `heatgl` to the same file; tsconfig has no such path, so import it directly).
import { type CellInfo, type Heatmap, heatmap } from 'heatgl';
import { createColorbar } from './colorbar';
import { correlationMatrix } from './corr';
import { syntheticField } from './field';
import { mulberry32, randomIntegers } from './random';

declare global {
  interface Window {
    /** True once every example has rendered its first frame or failed. */
    galleryReady?: boolean;
    /** Error messages of the examples that failed. */
    galleryErrors?: string[];
    /** The live heatmaps by card id, for poking at in the console. */
    gallery?: Record<string, Heatmap>;
  }
}

function find<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`gallery markup lacks ${selector}`);
  return el;
}

/** A status line made of named parts, shown in insertion order and joined by " · ". */
function statusLine(el: HTMLElement) {
  const parts = new Map<string, string>();
  return (key: string, text: string | null) => {
    if (text === null) parts.delete(key);
    else parts.set(key, text);
    el.textContent = [...parts.values()].join(' · ');
  };
}

const fmt = (v: number, digits = 3) => (Number.isNaN(v) ? 'NaN' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

/** Calls `show` with the cell under the pointer (null when it leaves), also when the view moves under a still pointer. */
function onHover(hm: Heatmap, show: (cell: CellInfo | null) => void): void {
  let pointer: { x: number; y: number } | null = null;
  const update = () => show(pointer ? hm.cellAt(pointer.x, pointer.y) : null);
  hm.canvas.addEventListener('pointermove', (e) => {
    pointer = { x: e.clientX, y: e.clientY };
    update();
  });
  hm.canvas.addEventListener('pointerleave', () => {
    pointer = null;
    update();
  });
  hm.on('view', update);
}

/** Resolves on the heatmap's first 'render' event (or after a timeout, so a stuck example cannot hang the page). */
function firstRender(hm: Heatmap, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const off = hm.on('render', done);
    function done() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

// ---- 1. seed example -----------------------------------------------------------------------------------------------
function seedExample(card: HTMLElement): Heatmap {
  const data = randomIntegers(10, 10, 1, 99, mulberry32(20240607));
  const figure = find<HTMLElement>(card, '.figure');
  const hm = heatmap(find(card, '.plot'), data);
  const bar = createColorbar(360);
  figure.append(bar.element);
  const scale = hm.getScale();
  bar.set(scale);
  const status = statusLine(find(card, '.status'));
  status('scale', `vmin ${fmt(scale.vmin)}, vmax ${fmt(scale.vmax)} (data limits)`);
  status('cell', 'hover a cell');
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));
  onHover(hm, (c) => status('cell', c ? `row ${c.row}, col ${c.col} = ${fmt(c.value)}` : 'hover a cell'));
  return hm;
}

// ---- 2. correlation of the cars data -------------------------------------------------------------------------------
const CAR_COLUMNS = ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];

function carsExample(card: HTMLElement): Heatmap {
  const corr = correlationMatrix(cars, CAR_COLUMNS);
  const figure = find<HTMLElement>(card, '.figure');
  // Axis labels are not in the library yet: row i / column i = CAR_COLUMNS[i], laid out beside and under the box.
  find(card, '.row-labels').replaceChildren(
    ...CAR_COLUMNS.map((name, i) => {
      const li = document.createElement('li');
      li.innerHTML = `<span class="name"></span><span class="index">${i}</span>`;
      find(li, '.name').textContent = name;
      return li;
    }),
  );
  find(card, '.col-labels').replaceChildren(
    ...CAR_COLUMNS.map((name, i) => {
      const li = document.createElement('li');
      li.textContent = String(i);
      li.title = name;
      return li;
    }),
  );
  const hm = heatmap(find(card, '.plot'), corr, { center: 0, vmin: -1, vmax: 1 });
  const bar = createColorbar(360);
  figure.append(bar.element);
  bar.set(hm.getScale());
  const status = statusLine(find(card, '.status'));
  status('data', `${cars.length} cars, pairwise-complete`);
  status('cell', 'hover a cell');
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));
  onHover(hm, (c) =>
    status('cell', c ? `${CAR_COLUMNS[c.row]} × ${CAR_COLUMNS[c.col]}: r = ${c.value.toFixed(3)}` : 'hover a cell'),
  );
  return hm;
}

// ---- 3. 4096×4096 synthetic field -----------------------------------------------------------------------------------
const FIELD_SIZE = 4096;
const FIELD_CMAPS = ['viridis', 'magma', 'rocket', 'mako', 'icefire', 'RdBu_r', 'coolwarm'];

function fieldExample(card: HTMLElement): Heatmap {
  const t0 = performance.now();
  const values = syntheticField(FIELD_SIZE);
  const generateMs = performance.now() - t0;
  const figure = find<HTMLElement>(card, '.figure');
  const hm = heatmap(find(card, '.plot'), { values, rows: FIELD_SIZE, cols: FIELD_SIZE }, { cmap: 'viridis' });
  const bar = createColorbar(560);
  figure.append(bar.element);
  bar.set(hm.getScale());

  const status = statusLine(find(card, '.status'));
  const showView = ({ x, y }: { x: [number, number]; y: [number, number] }) => {
    const span = x[1] - x[0];
    const d = span < 100 ? 1 : 0;
    status(
      'view',
      `view cols ${x[0].toFixed(d)}–${x[1].toFixed(d)}, rows ${y[0].toFixed(d)}–${y[1].toFixed(d)} (${(FIELD_SIZE / span).toFixed(1)}×)`,
    );
  };
  showView(hm.getView());
  status('cell', 'hover a cell');
  hm.on('view', showView);
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));
  onHover(hm, (c) => status('cell', c ? `row ${c.row}, col ${c.col} = ${fmt(c.value)}` : 'hover a cell'));

  const select = find<HTMLSelectElement>(card, '#field-cmap');
  select.replaceChildren(...FIELD_CMAPS.map((name) => new Option(name, name, name === 'viridis', name === 'viridis')));
  select.addEventListener('change', () => {
    hm.update({ cmap: select.value });
    bar.set(hm.getScale());
  });
  find(card, '#field-reset').addEventListener('click', () => hm.resetView());
  // The two wave sources of syntheticField sit near (0.46, 0.6) of the field: show the 640 × 640 cells around them.
  find(card, '#field-zoom').addEventListener('click', () => {
    const cx = 0.46 * FIELD_SIZE;
    const cy = 0.6 * FIELD_SIZE;
    hm.setView({ x: [cx - 320, cx + 320], y: [cy - 320, cy + 320] });
  });

  const s = hm.stats();
  const scale = hm.getScale();
  const facts: [string, string][] = [
    ['Cells', `${FIELD_SIZE} × ${FIELD_SIZE} = ${(FIELD_SIZE * FIELD_SIZE).toLocaleString('en')}`],
    ['Value range', `${fmt(scale.vmin)} to ${fmt(scale.vmax)}`],
    ['Generated', `${generateMs.toFixed(0)} ms`],
    ['Uploaded', `${s.lastUploadMs.toFixed(0)} ms, ${s.textures - 1} tile${s.textures === 2 ? '' : 's'} of ≤ ${s.tileSize}²`],
    ['GPU memory', `${(s.gpuBytes / 2 ** 20).toFixed(1)} MiB`],
    ['Renderer', s.renderer],
  ];
  find(card, '.facts').replaceChildren(
    ...facts.flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      return [dt, dd];
    }),
  );
  return hm;
}

// ---- wiring --------------------------------------------------------------------------------------------------------
const EXAMPLES: [id: string, build: (card: HTMLElement) => Heatmap][] = [
  ['seed', seedExample],
  ['cars', carsExample],
  ['field', fieldExample],
];

async function main(): Promise<void> {
  const gallery: Record<string, Heatmap> = {};
  const errors: string[] = [];
  const rendered: Promise<void>[] = [];
  window.gallery = gallery;
  window.galleryErrors = errors;
  for (const [id, build] of EXAMPLES) {
    const card = document.getElementById(id);
    if (!card) continue;
    // Let the previous cards paint before a slow example (the field takes a moment to generate).
    await nextFrame();
    try {
      const hm = build(card);
      gallery[id] = hm;
      rendered.push(firstRender(hm));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push(`${id}: ${message}`);
      card.classList.add('failed');
      const status = card.querySelector('.status');
      if (status) status.textContent = `Error: ${message}`;
      console.error(err);
    }
  }
  await Promise.all(rendered);
  await nextFrame();
  window.galleryReady = true;
  document.body.dataset.ready = 'true';
}

void main();

// The heatgl gallery: five live examples, then "Real data in": four vega-datasets files through the loaders
// (demo/real-data.ts, run one after another, each step timed) and a drop zone for the visitor's own file
// (demo/dropzone.ts). The library draws each whole figure (axes, tick labels, colour bar, annotations, tooltip) inside
// its .plot box. Each example is built inside try/catch so that one failure (no WebGL, say) shows its message in its
// own card and leaves the others running. When every example has drawn its first frame (or failed), and the
// real-data cards too, `window.galleryReady` becomes true; scripts/screenshot.mjs waits for it.
import cars from '@vega-datasets/cars.json';
import { type CellView, type Heatmap, type HoverInfo, clustermap, corr, heatmap } from 'heatgl';
import { imshowExample, pcolormeshExample } from './imshow';
import { distanceMatrix, routeStops } from './distances';
import { dropZone } from './dropzone';
import dropzoneSource from './dropzone.ts?raw';
import { syntheticField } from './field';
import { mulberry32, randomIntegers } from './random';
import { flightDelays, punchCard, type Recipe, seattleTemps, volcanoGrid } from './real-data';
import realDataSource from './real-data.ts?raw';

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

function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
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

/** Shows the hovered cell in the status line (the library's 'hover' event fires when the cell under the pointer changes). */
function showHover(hm: Heatmap, status: ReturnType<typeof statusLine>, text: (info: HoverInfo) => string): void {
  status('cell', 'hover a cell');
  hm.on('hover', (info) => status('cell', info ? text(info) : 'hover a cell'));
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

/** Saves a blob as a file through a temporary object URL. */
function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "cols 440–452, rows 400–412 (83.3×)" for a view of an n × n matrix. */
function describeView({ x, y }: CellView, n: number): string {
  const span = x[1] - x[0];
  const d = span < 100 ? 1 : 0;
  return `view cols ${x[0].toFixed(d)}–${x[1].toFixed(d)}, rows ${y[0].toFixed(d)}–${y[1].toFixed(d)} (${(n / span).toFixed(1)}×)`;
}

// ---- 1. seed example -----------------------------------------------------------------------------------------------
function seedExample(card: HTMLElement): Heatmap {
  const data = randomIntegers(10, 10, 1, 99, mulberry32(20240607));
  // sns.heatmap(data, annot=True, linewidths=.5)
  const hm = heatmap(find(card, '.plot'), data, { annot: true, linewidths: 0.5 });
  const scale = hm.getScale();
  const status = statusLine(find(card, '.status'));
  status('scale', `vmin ${fmt(scale.vmin)}, vmax ${fmt(scale.vmax)} (data limits)`);
  showHover(hm, status, (c) => `row ${c.rowLabel}, col ${c.colLabel} = ${fmt(c.value)}`);
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));
  return hm;
}

// ---- 2. correlation of the cars data -------------------------------------------------------------------------------
const CAR_COLUMNS = ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];

function carsExample(card: HTMLElement): Heatmap {
  // pandas' DataFrame.corr: pairwise-complete Pearson correlations; labels are the column names.
  const columns = Object.fromEntries(
    CAR_COLUMNS.map((name) => [name, cars.map((car) => (car as Record<string, unknown>)[name] ?? Number.NaN) as number[]]),
  );
  const data = corr(columns);
  const hm = heatmap(find(card, '.plot'), data, {
    annot: true,
    fmt: '.2f',
    cmap: 'BrBG',
    center: 0,
    vmin: -1,
    vmax: 1,
    square: true,
    title: 'Multi-collinearity of car attributes',
  });
  const status = statusLine(find(card, '.status'));
  status('data', `${cars.length} cars, pairwise-complete`);
  showHover(hm, status, (c) => `${c.rowLabel} × ${c.colLabel}: r = ${c.value.toFixed(3)}`);
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));

  const button = find<HTMLButtonElement>(card, '#cars-export');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      download(await hm.toBlob({ scale: 2 }), 'cars-correlation@2x.png');
    } catch (err) {
      status('export', `export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      button.disabled = false;
    }
  });
  return hm;
}

// ---- 3. 1000×1000 distance matrix, annotated when zoomed in ------------------------------------------------------
const STOPS = 1000;

function distancesExample(card: HTMLElement): Heatmap {
  const values = distanceMatrix(routeStops(STOPS));
  const hm = heatmap(find(card, '.plot'), { values, rows: STOPS, cols: STOPS }, { annot: true, fmt: '.1f', cmap: 'mako' });
  const status = statusLine(find(card, '.status'));
  status('view', describeView(hm.getView(), STOPS));
  showHover(hm, status, (c) => `stop ${c.rowLabel} to stop ${c.colLabel}: ${c.value.toFixed(2)} km`);
  hm.on('view', (v) => status('view', describeView(v, STOPS)));
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));
  // A 12 × 12 block of stops about 34 km apart, where mako turns light enough for seaborn's dark text: both text
  // colours side by side.
  find(card, '#distances-zoom').addEventListener('click', () => hm.setView({ x: [784, 796], y: [96, 108] }));
  find(card, '#distances-reset').addEventListener('click', () => hm.resetView());
  return hm;
}

// ---- 4. 4096×4096 synthetic field -----------------------------------------------------------------------------------
const FIELD_SIZE = 4096;
const FIELD_CMAPS = ['viridis', 'magma', 'rocket', 'mako', 'icefire', 'RdBu_r', 'coolwarm'];

function fieldExample(card: HTMLElement): Heatmap {
  const t0 = performance.now();
  const values = syntheticField(FIELD_SIZE);
  const generateMs = performance.now() - t0;
  const hm = heatmap(
    find(card, '.plot'),
    { values, rows: FIELD_SIZE, cols: FIELD_SIZE },
    { cmap: 'viridis', xlabel: 'x (column)', ylabel: 'y (row)', cbarKws: { label: 'value' } },
  );

  const status = statusLine(find(card, '.status'));
  status('view', describeView(hm.getView(), FIELD_SIZE));
  showHover(hm, status, (c) => `row ${c.rowLabel}, col ${c.colLabel} = ${fmt(c.value)}`);
  hm.on('view', (v) => status('view', describeView(v, FIELD_SIZE)));
  hm.on('render', ({ durationMs }) => status('render', `render ${durationMs.toFixed(2)} ms`));

  const select = find<HTMLSelectElement>(card, '#field-cmap');
  select.replaceChildren(...FIELD_CMAPS.map((name) => new Option(name, name, name === 'viridis', name === 'viridis')));
  select.addEventListener('change', () => hm.update({ cmap: select.value }));
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
    ['Uploaded', `${s.lastUploadMs.toFixed(0)} ms, ${s.valueTextures} tile${s.valueTextures === 1 ? '' : 's'} of ≤ ${s.tileSize}²`],
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

// ---- 5. clustermap of a synthetic expression matrix -------------------------------------------------------------------
/** Waits that the gallery must see through before it counts as ready (the clustering finishes after the first frame). */
const pending: Promise<unknown>[] = [];

function expression(genes: number, samples: number): { values: Float64Array; rowLabels: string[]; colLabels: string[]; group: string[] } {
  const rand = mulberry32(7);
  const groups = ['control', 'treated', 'resistant'];
  const group = Array.from({ length: samples }, (_, j) => groups[j % 3] as string);
  const values = new Float64Array(genes * samples);
  for (let g = 0; g < genes; g++) {
    const module = g % 4;
    for (let s = 0; s < samples; s++) {
      // Module m responds to group (m mod 3); module 3 is noise only.
      const effect = module < 3 && s % 3 === module ? 2.5 : 0;
      const noise = (rand() + rand() + rand() - 1.5) * 1.2;
      values[g * samples + s] = 5 + effect + noise + (g % 17) * 0.05;
    }
  }
  return {
    values,
    rowLabels: Array.from({ length: genes }, (_, g) => `gene ${g}`),
    colLabels: Array.from({ length: samples }, (_, s) => `${group[s]} ${Math.floor(s / 3) + 1}`),
    group,
  };
}

function clustermapExample(card: HTMLElement): Heatmap {
  const { values, rowLabels, colLabels, group } = expression(2000, 60);
  const status = statusLine(find(card, '.status'));
  const t0 = performance.now();
  const cm = clustermap(find(card, '.plot'), { values, rows: 2000, cols: 60, rowLabels, colLabels }, { zScore: 0, cmap: 'vlag', center: 0, colColors: { group } });
  status('state', 'clustering in a Web Worker…');
  cm.on('progress', ({ axis, fraction }) => status('state', `clustering ${axis}s… ${Math.round(fraction * 100)}%`));
  pending.push(
    cm.ready.then(() => {
      status('state', `clustered 2000 genes and 60 samples in ${(performance.now() - t0).toFixed(0)} ms`);
      return firstRender(cm.heatmap);
    }),
  );
  cm.on('select', (sel) => status('select', sel ? `selected ${sel.indices.length} ${sel.axis === 'row' ? 'genes' : 'samples'}` : 'nothing selected'));
  return cm.heatmap;
}

// ---- 6. real data in: vega-datasets files through the loaders ----------------------------------------------------------
/** The lines between `// #region <id>` and `// #endregion` of a source file: the code a card shows. */
function region(source: string, id: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${id}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '// #endregion');
  if (start < 0 || end < 0) throw new Error(`no region ${id} in the shown source`);
  return lines.slice(start + 1, end).join('\n').trim();
}

const ms = (t: number) => `${t < 10 ? t.toFixed(1) : t.toFixed(0)} ms`;

interface RecipeCard<T> {
  recipe: Recipe<T>;
  /** What the parse step does, for the status line. */
  parse: string;
  hover: (c: HoverInfo) => string;
}

const RECIPES: [id: string, run: (card: HTMLElement) => Promise<Heatmap>][] = [
  ['github', (card) => recipeCard(card, { recipe: punchCard, parse: 'fromCSVSync + pivot', hover: (c) => `${c.rowLabel} ${c.colLabel}:00–${c.colLabel}:59: ${fmt(c.value)} commits` })],
  ['volcano', (card) => recipeCard(card, { recipe: volcanoGrid, parse: 'to matrix', hover: (c) => `row ${c.row}, col ${c.col}: ${fmt(c.value)} m` })],
  ['flights', (card) => recipeCard(card, { recipe: flightDelays, parse: 'fromArrow (decode + pivot)', hover: (c) => `${c.rowLabel} miles, departing ${c.colLabel}h: ${Number.isNaN(c.value) ? 'no flights' : `mean delay ${c.value.toFixed(1)} min`}` })],
  ['seattle', (card) => recipeCard(card, { recipe: seattleTemps, parse: 'fromCSVSync + pivot', hover: (c) => `${c.rowLabel} ${c.colLabel}: mean high ${c.value.toFixed(2)} °C` })],
];

/** Runs a recipe's three steps in a card, timing each; resolves once the heatmap has drawn its first frame. */
async function recipeCard<T>(card: HTMLElement, { recipe, parse, hover }: RecipeCard<T>): Promise<Heatmap> {
  find(card, 'pre.code code').textContent = region(realDataSource, card.id);
  const status = statusLine(find(card, '.status'));
  const t0 = performance.now();
  const loading = recipe.load();
  const input = loading instanceof Promise ? await loading : loading;
  const t1 = performance.now();
  const data = recipe.parse(input);
  const t2 = performance.now();
  const hm = recipe.draw(find(card, '.plot'), data);
  const { rows, cols } = Array.isArray(data) ? { rows: data.length, cols: data[0]?.length ?? 0 } : (data as { rows: number; cols: number });
  status('shape', `${rows} × ${cols}`);
  status('load', loading instanceof Promise ? `fetch ${ms(t1 - t0)}` : 'bundled by vite');
  status('parse', `${parse} ${ms(t2 - t1)}`);
  await firstRender(hm);
  status('draw', `heatmap() + first frame ${ms(performance.now() - t2)}`);
  showHover(hm, status, hover);
  return hm;
}

// ---- wiring --------------------------------------------------------------------------------------------------------
const EXAMPLES: [id: string, build: (card: HTMLElement) => Heatmap][] = [
  ['seed', seedExample],
  ['cars', carsExample],
  ['distances', distancesExample],
  ['field', fieldExample],
  ['clustermap', clustermapExample],
  ['imshow', imshowExample],
  ['pcolormesh', pcolormeshExample],
];

async function main(): Promise<void> {
  const gallery: Record<string, Heatmap> = {};
  const errors: string[] = [];
  const rendered: Promise<void>[] = [];
  window.gallery = gallery;
  window.galleryErrors = errors;
  /** Shows an example's error in its own card and records it for scripts/screenshot.mjs. */
  const fail = (card: HTMLElement, id: string, err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    errors.push(`${id}: ${message}`);
    card.classList.add('failed');
    const status = card.querySelector('.status');
    if (status) status.textContent = `Error: ${message}`;
    console.error(err);
  };
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
      fail(card, id, err);
    }
  }
  // One recipe card at a time, so that each card's timings are its own.
  pending.push(
    (async () => {
      for (const [id, run] of RECIPES) {
        const card = document.getElementById(id);
        if (!card) continue;
        try {
          gallery[id] = await run(card);
        } catch (err) {
          fail(card, id, err);
        }
      }
    })(),
  );
  const drop = document.getElementById('dropzone');
  if (drop) {
    try {
      find(drop, 'pre.code code').textContent = region(dropzoneSource, 'dropzone');
      dropZone(drop, (hm) => {
        gallery.dropzone = hm;
      });
    } catch (err) {
      fail(drop, 'dropzone', err);
    }
  }
  await Promise.all(rendered);
  await Promise.allSettled(pending);
  await nextFrame();
  window.galleryReady = true;
  document.body.dataset.ready = 'true';
}

void main();

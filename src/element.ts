// <heat-map>: heatmap() as a custom element (wiring; no framework code). Properties carry data, attributes carry the
// common options, and the Heatmap's events come back as DOM CustomEvents, so plain HTML, React 19, Vue and Svelte can
// all use it without a wrapper:
//
//   import { defineHeatmapElement } from 'heatgl';
//   defineHeatmapElement();                        // registers <heat-map> (idempotent)
//
//   <heat-map src="corr.csv" cmap="vlag" center="0" annot fmt=".2f" title="Correlations"></heat-map>
//
//   el.data = [[1, 2], [3, 4]];                    // or any MatrixInput, or a loader's result: setting it draws
//   el.options = { mask, cbarKws: { … } };         // any HeatmapOptions, merged over the attributes
//   el.addEventListener('heatmap-click', (e) => console.log(e.detail.row, e.detail.col, e.detail.value));
//   el.heatmap?.setView({ x: [0, 10] });           // the live Heatmap (undefined until there is data)
//
// React 19: <heat-map data={matrix} options={opts} cmap="mako" onheatmap-click={…} /> — React 19 sets `data` and
// `options` as properties because the element has them; React 18 passes only strings, so set `data` through a ref.
// Vue: <heat-map :data="matrix" cmap="mako" @heatmap-click="…" /> (tell Vue it is a custom element with
// compilerOptions.isCustomElement). Svelte: <heat-map data={matrix} cmap="mako" on:heatmap-click={…} />.
//
// Every option attribute is a string: numbers are parsed (a bad one is a `heatmap-error`), boolean attributes are on
// when present unless their value is "false" (so frameworks that write `robust="false"` work). Labels and titles are
// drawn as text, never parsed as HTML. The element is display:block, 400×300 CSS pixels unless styled otherwise.
import { clip, describe, fail, HeatglError, quote } from './core/errors';
import type { MatrixInput } from './core/matrix';
import type { TickLabelsSpec } from './figure';
import { type Heatmap, type HeatmapEvents, type HeatmapOptions, heatmap } from './heatmap';
// Options a Heatmap takes only when it is created: changing them makes a new one.
import { CREATION_ONLY } from './options/resolve';

/** Event types the element dispatches, with their `detail`. All bubble and cross shadow roots (composed). */
export interface HeatmapElementEventMap {
  'heatmap-hover': CustomEvent<HeatmapEvents['hover']>;
  'heatmap-click': CustomEvent<HeatmapEvents['click']>;
  'heatmap-view': CustomEvent<HeatmapEvents['view']>;
  'heatmap-render': CustomEvent<HeatmapEvents['render']>;
  'heatmap-contextlost': CustomEvent<undefined>;
  'heatmap-contextrestored': CustomEvent<undefined>;
  /** Bad data, a bad attribute or option, or a `src` that could not be loaded; the previous picture stays. The event
   * is cancelable: without preventDefault() the error is also logged with console.error. */
  'heatmap-error': CustomEvent<Error>;
}

const NUMBER_ATTRS = ['vmin', 'vmax', 'center', 'linewidths'] as const;
const STRING_ATTRS = ['cmap', 'fmt', 'linecolor', 'title', 'xlabel', 'ylabel'] as const;
const BOOLEAN_ATTRS = ['robust', 'annot', 'square', 'cbar'] as const;
const TICK_ATTRS = ['xticklabels', 'yticklabels'] as const;
const OPTION_ATTRS = [...NUMBER_ATTRS, ...STRING_ATTRS, ...BOOLEAN_ATTRS, ...TICK_ATTRS] as const;


/** Events re-dispatched from the Heatmap. */
const FORWARDED = ['hover', 'click', 'view', 'render', 'contextlost', 'contextrestored'] as const;

const HOST_CSS = ':host{display:block;position:relative;width:400px;height:300px}:host([hidden]){display:none}';

/** The host style as a constructable stylesheet, shared by every element: a Content-Security-Policy without
 * style-src 'unsafe-inline' blocks a shadow <style> but not adoptedStyleSheets. Undefined where unsupported. */
let hostSheet: CSSStyleSheet | undefined;
function hostStyleSheet(): CSSStyleSheet | undefined {
  if (hostSheet === undefined && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    try {
      hostSheet = new CSSStyleSheet();
      hostSheet.replaceSync(HOST_CSS);
    } catch {
      hostSheet = undefined;
    }
  }
  return hostSheet;
}

/** Longest src URL quoted in full in an error (longer than other quoted values: a URL's tail names the file). */
const URL_QUOTE_MAX = 120;

type Format = 'csv' | 'tsv' | 'npy' | 'arrow' | 'json';

/** The HeatmapOptions the element's attributes give (absent attributes leave the option out). */
export function optionsFromAttributes(el: Element): HeatmapOptions {
  const o: Record<string, unknown> = {};
  const attr = (name: string) => el.getAttribute(name);
  for (const name of NUMBER_ATTRS) {
    const s = attr(name)?.trim();
    if (s === undefined || s === '') continue;
    const v = Number(s);
    if (Number.isNaN(v)) fail(`<${el.localName}> attribute ${name}=${quote(s)} is not a number`);
    o[name] = v;
  }
  for (const name of STRING_ATTRS) {
    const s = attr(name);
    // An empty cmap or fmt means the default; an empty title is just no title.
    if (s !== null && !(s === '' && (name === 'cmap' || name === 'fmt' || name === 'linecolor'))) o[name] = s;
  }
  for (const name of BOOLEAN_ATTRS) {
    const s = attr(name);
    if (s !== null) o[name] = s.trim().toLowerCase() !== 'false';
  }
  for (const name of TICK_ATTRS) {
    const s = attr(name)?.trim().toLowerCase();
    if (s === undefined) continue;
    let v: TickLabelsSpec;
    if (s === 'auto') v = 'auto';
    else if (s === '' || s === 'true') v = true;
    else if (s === 'false') v = false;
    else if (/^[+]?\d+$/.test(s)) v = Number(s);
    else return fail(`<${el.localName}> attribute ${name}=${quote(s)} must be auto, true, false or a whole number n (every n-th label)`);
    o[name] = v;
  }
  return o as HeatmapOptions;
}

function formatOf(url: string, contentType: string | null): Format {
  let path = url;
  try {
    path = new URL(url, typeof document !== 'undefined' ? document.baseURI : undefined).pathname;
  } catch {
    // Not a URL we can parse: look at the string itself.
  }
  const ext = /\.([a-z]+)$/.exec(path.toLowerCase())?.[1];
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'npy') return 'npy';
  if (ext === 'arrow' || ext === 'arrows' || ext === 'feather' || ext === 'ipc') return 'arrow';
  if (ext === 'json') return 'json';
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/csv') return 'csv';
  if (type === 'text/tab-separated-values') return 'tsv';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type.startsWith('application/vnd.apache.arrow')) return 'arrow';
  if (type === 'application/x-npy' || type === 'application/npy') return 'npy';
  return fail(`cannot tell the format of src ${quote(url, URL_QUOTE_MAX)} (Content-Type ${quote(type)}): use a .csv, .tsv, .npy, .arrow or .json URL`);
}

/** JSON data: number[][] (null = NaN) or { values, rows, cols, rowLabels?, colLabels? }. */
function fromJSON(text: string): MatrixInput {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail(`the JSON could not be parsed: ${clip((e as Error).message, 120)}`);
  }
  if (Array.isArray(v)) return v as number[][];
  if (v !== null && typeof v === 'object' && 'values' in v && 'rows' in v && 'cols' in v) return v as MatrixInput;
  return fail(`JSON data must be number[][] or { values, rows, cols }, got ${describe(v)}`);
}

/** Reads a fetched response with the loader its format needs, imported on first use (a CSV page never loads Arrow). */
async function loadResponse(url: string, res: Response): Promise<MatrixInput> {
  const format = formatOf(url, res.headers.get('content-type'));
  if (format === 'csv' || format === 'tsv') {
    const { fromCSV } = await import('./data/csv');
    return fromCSV(await res.text(), format === 'tsv' ? { delimiter: '\t' } : {});
  }
  if (format === 'json') return fromJSON(await res.text());
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (format === 'npy') return (await import('./data/npy')).fromNpy(bytes);
  return (await import('./data/arrow')).fromArrow(bytes);
}

// Lets the module load where there is no DOM (server rendering, Node tests); the element is only usable in a browser.
const ElementBase = (typeof HTMLElement !== 'undefined' ? HTMLElement : class {}) as typeof HTMLElement;

/**
 * `<heat-map>`: a heatmap as a custom element. Register it with {@link defineHeatmapElement}. Set `data` (property)
 * or `src` (attribute) to draw; options come from the attributes, with the `options` property merged over them.
 */
export class HeatmapElement extends ElementBase {
  static get observedAttributes(): string[] {
    return [...OPTION_ATTRS, 'src'];
  }

  // Private fields (#) only: an instance property named like an attribute would make React 19 set it instead.
  #hm: Heatmap | undefined;
  #offs: (() => void)[] = [];
  readonly #mount: HTMLDivElement;
  #data: MatrixInput | undefined;
  #options: HeatmapOptions = {};
  /** The options the live heatmap was last given (attributes and `options` merged). */
  #applied: HeatmapOptions = {};
  #dataDirty = false;
  #pending = false;
  #loadSeq = 0;
  #abort: AbortController | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const sheet = hostStyleSheet();
    if (sheet && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [sheet];
    else {
      const style = document.createElement('style');
      style.textContent = HOST_CSS;
      root.append(style);
    }
    this.#mount = document.createElement('div');
    this.#mount.setAttribute('part', 'figure');
    this.#mount.style.cssText = 'width:100%;height:100%;';
    // The `title` attribute is the figure's title here; an empty title inside stops the browser's own title tooltip.
    this.#mount.title = '';
    root.append(this.#mount);
    // Properties set before the element was defined are own properties hiding the accessors: re-set them.
    for (const key of ['data', 'options'] as const) {
      if (Object.hasOwn(this, key)) {
        const value = (this as Record<string, unknown>)[key];
        delete (this as Record<string, unknown>)[key];
        (this as Record<string, unknown>)[key] = value;
      }
    }
  }

  /** The matrix to draw (any MatrixInput, e.g. a loader's result); setting it draws. Also what `src` loaded. */
  get data(): MatrixInput | undefined {
    return this.#data;
  }
  set data(value: MatrixInput | null | undefined) {
    this.#loadSeq++; // a later `data` wins over a `src` still loading
    this.#abort?.abort();
    this.#data = value ?? undefined;
    this.#dataDirty = true;
    this.#schedule();
  }

  /** Any HeatmapOptions, merged over the attributes (an option given both ways takes this value). */
  get options(): HeatmapOptions {
    return this.#options;
  }
  set options(value: HeatmapOptions | null | undefined) {
    this.#options = value ?? {};
    this.#schedule();
  }

  /** The live Heatmap: undefined until connected with data (and after a failed draw); replaced when disconnected. */
  get heatmap(): Heatmap | undefined {
    if (this.#pending) this.#flush();
    return this.#hm;
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    // A move (removed and inserted again in the same task) keeps the heatmap, its GL context and its view.
    queueMicrotask(() => {
      if (!this.isConnected) this.#destroyHeatmap();
    });
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value) return;
    if (name === 'src') void this.#load(value);
    else this.#schedule();
  }

  /** Attribute and property changes in one task are applied together, once. */
  #schedule(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      if (this.#pending) this.#flush();
    });
  }

  #flush(): void {
    this.#pending = false;
    if (!this.isConnected) return;
    if (this.#data === undefined) {
      this.#destroyHeatmap();
      return;
    }
    try {
      const next: HeatmapOptions = { ...optionsFromAttributes(this), ...this.#options };
      const prev = this.#applied;
      const hm = this.#hm;
      if (!hm || CREATION_ONLY.some((k) => next[k] !== prev[k])) {
        this.#destroyHeatmap();
        this.#create(this.#data, next);
      } else {
        // Only what changed (removed options as undefined, which restores their defaults): unchanged ones such as a
        // mask are not re-validated or re-uploaded.
        const changed: Record<string, unknown> = {};
        for (const key of new Set([...Object.keys(prev), ...Object.keys(next)]) as Set<keyof HeatmapOptions>) {
          if (next[key] !== prev[key]) changed[key] = next[key];
        }
        if (this.#dataDirty) hm.setData(this.#data, changed as HeatmapOptions);
        else if (Object.keys(changed).length > 0) hm.update(changed as HeatmapOptions);
      }
      this.#applied = next;
      this.#dataDirty = false;
    } catch (err) {
      this.#error(err);
    }
  }

  #create(data: MatrixInput, options: HeatmapOptions): void {
    const hm = heatmap(this.#mount, data, options);
    this.#hm = hm;
    for (const name of FORWARDED) {
      this.#offs.push(
        hm.on(name, (detail: unknown) => {
          this.dispatchEvent(new CustomEvent(`heatmap-${name}`, { detail, bubbles: true, composed: true }));
        }),
      );
    }
  }

  #destroyHeatmap(): void {
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#hm?.destroy();
    this.#hm = undefined;
    this.#applied = {};
    this.#dataDirty = this.#data !== undefined;
  }

  #error(err: unknown): void {
    const error = err instanceof Error ? err : new HeatglError(String(err));
    const event = new CustomEvent('heatmap-error', { detail: error, bubbles: true, composed: true, cancelable: true });
    if (this.dispatchEvent(event)) console.error(`<${this.localName}>:`, error);
  }

  async #load(url: string | null): Promise<void> {
    const seq = ++this.#loadSeq;
    this.#abort?.abort();
    this.#abort = undefined;
    if (url === null || url.trim() === '') return;
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const res = await fetch(url, { signal: abort.signal });
      if (!res.ok) fail(`could not load src ${quote(url, URL_QUOTE_MAX)}: HTTP ${res.status} ${clip(res.statusText)}`.trim());
      const data = await loadResponse(url, res);
      if (seq !== this.#loadSeq) return;
      this.#data = data;
      this.#dataDirty = true;
      this.#schedule();
    } catch (err) {
      if (seq !== this.#loadSeq || abort.signal.aborted) return;
      const e = err instanceof Error ? err : new Error(String(err));
      this.#error(e instanceof HeatglError ? e : new HeatglError(`could not load src ${quote(url, URL_QUOTE_MAX)}: ${clip(e.message, 120)}`));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'heat-map': HeatmapElement;
  }
}

/** Tag names registered by this module (each needs its own class: a constructor can be defined only once). */
const defined = new Set<string>();

/**
 * Registers the `<heat-map>` element (or `tagName`). Safe to call more than once, and a no-op without
 * `customElements` (server rendering) or when the name is already taken.
 */
export function defineHeatmapElement(tagName = 'heat-map'): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName) !== undefined) return;
  customElements.define(tagName, defined.size === 0 ? HeatmapElement : class extends HeatmapElement {});
  defined.add(tagName);
}

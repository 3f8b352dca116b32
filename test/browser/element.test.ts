// <heat-map>: the custom element draws exactly what heatmap() draws for the same data and options, applies attribute
// changes as updates, re-dispatches events, reports errors as events, loads `src`, and follows the DOM lifecycle.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
  // A string, so that vitest does not rewrite the dynamic import; the dev server serves the TypeScript source.
  await h.page.evaluate(`import('/src/element.ts').then((m) => { window.heatglElement = m; m.defineHeatmapElement(); })`);
  await h.page.evaluate(() => {
    const w = window as any;
    w.ROWS = 6;
    w.COLS = 8;
    w.sample = () => ({
      values: Float64Array.from({ length: w.ROWS * w.COLS }, (_, i) => (i === 7 ? Number.NaN : Math.sin(i * 0.37) * 1.7 + 0.2)),
      rows: w.ROWS,
      cols: w.COLS,
      rowLabels: Array.from({ length: w.ROWS }, (_, i) => `r${i}`),
      colLabels: Array.from({ length: w.COLS }, (_, i) => `c${i}`),
    });
    // A <heat-map> at the page's top-left (class "box", so clearBoxes() removes it) with these attributes.
    w.makeElement = (attrs: Record<string, string>, tag = 'heat-map') => {
      const el = document.createElement(tag);
      el.className = 'box';
      el.style.cssText = 'position:absolute;left:0;top:0;';
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      return el;
    };
    w.once = (el: EventTarget, type: string, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
        el.addEventListener(
          type,
          (e) => {
            clearTimeout(t);
            resolve((e as CustomEvent).detail);
          },
          { once: true },
        );
      });
    w.same = (a: any, b: any) => {
      const pa = a.readPixels();
      const pb = b.readPixels();
      return pa.width === pb.width && pa.height === pb.height && pa.data.every((v: number, i: number) => v === pb.data[i]) && a.toDataURL({ scale: 1 }) === b.toDataURL({ scale: 1 });
    };
  });
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.page.evaluate(() => (window as any).clearBoxes());
});

test('<heat-map> draws the same pixels as heatmap() for the same data and options', async () => {
  const r = await h.page.evaluate(() => {
    const w = window as any;
    const attrs = {
      cmap: 'vlag',
      center: '0',
      vmin: '-1.5',
      annot: '',
      fmt: '.1f',
      linewidths: '0.5',
      linecolor: '#eeeeee',
      title: 'Sine <b>waves</b>',
      xlabel: 'column',
      ylabel: 'row',
      xticklabels: '2',
      yticklabels: 'true',
    };
    const el = w.makeElement(attrs);
    el.data = w.sample();
    document.body.append(el);
    const hm = el.heatmap;
    const fn = w.heatgl.heatmap(w.makeBox(400, 300), w.sample(), {
      cmap: 'vlag',
      center: 0,
      vmin: -1.5,
      annot: true,
      fmt: '.1f',
      linewidths: 0.5,
      linecolor: '#eeeeee',
      title: 'Sine <b>waves</b>',
      xlabel: 'column',
      ylabel: 'row',
      xticklabels: 2,
      yticklabels: true,
    });
    const box = el.getBoundingClientRect();
    const pixels = hm.readPixels();
    return {
      created: hm !== undefined,
      same: w.same(hm, fn),
      scale: [hm.getScale().vmin, hm.getScale().vmax, hm.getScale().center],
      want: [fn.getScale().vmin, fn.getScale().vmax, fn.getScale().center],
      display: getComputedStyle(el).display,
      size: [box.width, box.height],
      drawnSomething: pixels.data.some((v: number) => v !== 0),
      // Labels are text drawn on the canvas: nothing from them becomes markup.
      markup: el.shadowRoot.querySelectorAll('b').length,
      shadowTitle: el.shadowRoot.querySelector('[part=figure]').getAttribute('title'),
      texts: [hm.drawnText().tickLabels.length > 0, hm.drawnText().annotations.length > 0],
    };
  });
  expect(r.created).toBe(true);
  expect(r.drawnSomething).toBe(true);
  expect(r.same).toBe(true);
  expect(r.scale).toEqual(r.want);
  expect(r.display).toBe('block');
  expect(r.size).toEqual([400, 300]);
  expect(r.markup).toBe(0);
  expect(r.shadowTitle).toBe('');
  expect(r.texts).toEqual([true, true]);
});

test('attribute changes update the same heatmap (no re-upload); removing one restores the default; options override attributes', async () => {
  const r = await h.page.evaluate(async () => {
    const w = window as any;
    const el = w.makeElement({ cmap: 'mako', vmax: '1' });
    el.data = w.sample();
    document.body.append(el);
    const fn = w.heatgl.heatmap(w.makeBox(400, 300), w.sample(), { cmap: 'mako', vmax: 1 });
    const hm = el.heatmap;
    const uploads = hm.stats().uploads;
    const out: Record<string, unknown> = { first: w.same(hm, fn) };
    el.setAttribute('cmap', 'rocket');
    el.setAttribute('robust', '');
    el.setAttribute('cbar', 'false');
    await Promise.resolve(); // changes in one task are applied together in a microtask
    fn.update({ cmap: 'rocket', robust: true, cbar: false });
    out.updated = w.same(hm, fn);
    out.noColorbar = hm.figureLayout().colorbar === null;
    el.removeAttribute('vmax');
    el.removeAttribute('cbar');
    el.setAttribute('robust', 'false');
    fn.update({ vmax: undefined, robust: false, cbar: true });
    out.restored = w.same(el.heatmap, fn);
    out.colorbarBack = hm.figureLayout().colorbar !== null;
    el.options = { cmap: 'viridis', linewidths: 2 };
    fn.update({ cmap: 'viridis', linewidths: 2 });
    out.optionsWin = w.same(el.heatmap, fn);
    out.sameHeatmap = el.heatmap === hm;
    out.uploads = hm.stats().uploads - uploads;
    // interactive is read only at creation: changing it makes a new heatmap.
    el.options = { cmap: 'viridis', linewidths: 2, interactive: false };
    out.recreated = el.heatmap !== hm && el.heatmap !== undefined;
    out.recreatedSame = w.same(el.heatmap, fn);
    el.data = [
      [1, 2],
      [3, 4],
    ];
    out.shape = [el.heatmap.getView().x[1], el.heatmap.getView().y[1]];
    return out;
  });
  expect(r).toEqual({
    first: true,
    updated: true,
    noColorbar: true,
    restored: true,
    colorbarBack: true,
    optionsWin: true,
    sameHeatmap: true,
    uploads: 0,
    recreated: true,
    recreatedSame: true,
    shape: [2, 2],
  });
});

test('hover, click, view and render come back as DOM events on the element', async () => {
  const centre = await h.page.evaluate(async () => {
    const w = window as any;
    const el = w.makeElement({ cbar: 'false', xticklabels: 'false', yticklabels: 'false' });
    el.style.width = '320px';
    el.style.height = '240px';
    w.events = [];
    for (const type of ['heatmap-hover', 'heatmap-click', 'heatmap-view', 'heatmap-render']) {
      // Listening on the document: the events bubble.
      document.addEventListener(type, (e) => w.events.push([type, (e as CustomEvent).detail]));
    }
    const rendered = w.once(el, 'heatmap-render');
    el.data = w.sample();
    document.body.append(el);
    await rendered;
    el.heatmap.setView({ x: [0, 4], y: [0, 3] });
    const c = el.heatmap.cellToClient(2, 3);
    return { x: c.x + c.width / 2, y: c.y + c.height / 2 };
  });
  await h.page.mouse.move(centre.x, centre.y);
  await h.page.mouse.click(centre.x, centre.y);
  const events = await h.page.evaluate(() => (window as any).events as [string, any][]);
  const types = new Set(events.map(([t]) => t));
  expect([...types].sort()).toEqual(['heatmap-click', 'heatmap-hover', 'heatmap-render', 'heatmap-view']);
  const view = events.find(([t]) => t === 'heatmap-view')?.[1];
  expect(view).toEqual({ x: [0, 4], y: [0, 3] });
  const hover = events.find(([t, d]) => t === 'heatmap-hover' && d)?.[1];
  expect(hover).toMatchObject({ row: 2, col: 3, rowLabel: 'r2', colLabel: 'c3' });
  const click = events.find(([t]) => t === 'heatmap-click')?.[1];
  expect(click).toMatchObject({ row: 2, col: 3 });
  expect(click.value).toBeCloseTo(Math.sin((2 * 8 + 3) * 0.37) * 1.7 + 0.2, 12);
  expect(events.find(([t]) => t === 'heatmap-render')?.[1].durationMs).toBeGreaterThanOrEqual(0);
});

test('bad attributes, options and data are heatmap-error events; the picture stays and recovers when fixed', async () => {
  const r = await h.page.evaluate(async () => {
    const w = window as any;
    const el = w.makeElement({ cmap: 'mako' });
    const errors: [string, boolean][] = [];
    el.addEventListener('heatmap-error', (e: CustomEvent) => {
      e.preventDefault(); // handled: not logged
      errors.push([e.detail.message, e.detail instanceof w.heatgl.HeatglError]);
    });
    el.data = w.sample();
    document.body.append(el);
    const hm = el.heatmap;
    const before = Array.from(hm.readPixels().data).join();
    el.setAttribute('vmin', 'abc');
    await Promise.resolve();
    el.setAttribute('vmin', '0');
    el.setAttribute('cmap', 'nope');
    await Promise.resolve();
    el.setAttribute('cmap', 'mako');
    el.removeAttribute('vmin');
    el.setAttribute('xticklabels', 'some');
    await Promise.resolve();
    el.removeAttribute('xticklabels');
    el.data = [[1, 2], [3]];
    await Promise.resolve();
    const after = Array.from(hm.readPixels().data).join();
    el.data = w.sample();
    await Promise.resolve();
    const fixed = Array.from(el.heatmap.readPixels().data).join();
    return { errors, intact: before === after, fixed: before === fixed, same: el.heatmap === hm };
  });
  expect(r.errors.map(([m]) => m)).toEqual([
    expect.stringMatching(/<heat-map> attribute vmin="abc" is not a number/),
    expect.stringMatching(/unknown colormap "nope"/),
    expect.stringMatching(/attribute xticklabels="some" must be auto, true, false or a whole number/),
    expect.stringMatching(/ragged rows/),
  ]);
  expect(r.errors.every(([, isHeatglError]) => isHeatglError)).toBe(true);
  expect(r.intact).toBe(true);
  expect(r.fixed).toBe(true);
  expect(r.same).toBe(true);
});

test('src loads .csv, .tsv, .npy, .arrow and JSON with the loaders; a failed load is a heatmap-error', async () => {
  const r = await h.page.evaluate(async () => {
    const w = window as any;
    const el = w.makeElement({});
    document.body.append(el);
    const out: Record<string, unknown> = {};
    const fixtures = '/test/fixtures/data';
    const load = async (src: string) => {
      const before = el.data;
      el.setAttribute('src', src);
      // The previous data's redraw from its level-of-detail pyramid (made after its first frame) may render first: wait
      // for a render once the new data is in.
      do await w.once(el, 'heatmap-render');
      while (el.data === before);
      const d = el.data;
      if (Array.isArray(d)) return { rows: d.length, cols: d[0].length, values: d.flat().map(String), labels: [] };
      return { rows: d.rows, cols: d.cols, values: Array.from(d.values, String), labels: [d.rowLabels, d.colLabels] };
    };
    const expected = async (src: string, loader: (r: Response) => Promise<any>) => {
      const d = await loader(await fetch(src));
      return { rows: d.rows, cols: d.cols, values: Array.from(d.values, String), labels: [d.rowLabels, d.colLabels] };
    };
    const H = w.heatgl;
    for (const [name, src, loader] of [
      ['csv', `${fixtures}/csv/basic.csv`, async (r: Response) => H.fromCSV(await r.text())],
      ['tsv', `${fixtures}/csv/tabs.tsv`, async (r: Response) => H.fromCSV(await r.text(), { delimiter: '\t' })],
      ['npy', `${fixtures}/npy/int16-le-c.npy`, async (r: Response) => H.fromNpy(await r.arrayBuffer())],
      ['arrow', `${fixtures}/seattle.arrow`, async (r: Response) => H.fromArrow(await r.arrayBuffer())],
    ] as const) {
      const got = await load(src);
      out[name] = { ok: JSON.stringify(got) === JSON.stringify(await expected(src, loader)), rows: got.rows, cols: got.cols };
    }
    // JSON, nested and flat, from URLs without an extension: the Content-Type tells the format.
    const nested = URL.createObjectURL(new Blob([JSON.stringify([[1, 2, 3], [4, null, 6]])], { type: 'application/json' }));
    const gotNested = await load(nested);
    out.jsonNested = [gotNested.rows, gotNested.cols, el.heatmap.getView()];
    const flat = URL.createObjectURL(new Blob([JSON.stringify({ values: [1, 2, 3, 4, 5, 6], rows: 3, cols: 2 })], { type: 'application/json' }));
    await load(flat);
    out.jsonFlat = el.heatmap.getView();
    const errors: string[] = [];
    el.addEventListener('heatmap-error', (e: CustomEvent) => {
      e.preventDefault();
      errors.push(e.detail.message);
    });
    const failed = w.once(el, 'heatmap-error');
    el.setAttribute('src', `${fixtures}/no-such-file.csv`);
    await failed;
    const bad = w.once(el, 'heatmap-error');
    el.setAttribute('src', `${fixtures}/npy/bad-magic.npy`);
    await bad;
    out.errors = errors;
    out.stillDrawn = el.heatmap.getView();
    return out;
  });
  for (const name of ['csv', 'tsv', 'npy', 'arrow']) expect(r[name], name).toMatchObject({ ok: true });
  expect(r.jsonNested).toEqual([2, 3, { x: [0, 3], y: [0, 2] }]);
  expect(r.jsonFlat).toEqual({ x: [0, 2], y: [0, 3] });
  expect(r.errors).toEqual([expect.stringMatching(/could not load src ".*no-such-file.csv": HTTP 404/), expect.stringMatching(/npy|magic/i)]);
  expect(r.stillDrawn).toEqual({ x: [0, 2], y: [0, 3] });
});

test('disconnecting destroys the heatmap, reconnecting draws again, moving keeps it', async () => {
  const r = await h.page.evaluate(async () => {
    const w = window as any;
    const el = w.makeElement({});
    el.data = w.sample();
    document.body.append(el);
    const hm = el.heatmap;
    // A move in one task (remove, insert elsewhere) keeps the heatmap and its view.
    hm.setView({ x: [2, 6] });
    const holder = document.createElement('div');
    holder.className = 'box';
    document.body.append(holder);
    holder.append(el);
    await Promise.resolve();
    await Promise.resolve();
    const moved = el.heatmap === hm && hm.getView().x[0] === 2;
    el.remove();
    await Promise.resolve();
    await Promise.resolve();
    let destroyed = '';
    try {
      hm.resetView();
    } catch (e) {
      destroyed = (e as Error).message;
    }
    const canvases = el.shadowRoot.querySelectorAll('canvas').length;
    document.body.append(el);
    const again = el.heatmap;
    return { moved, destroyed, canvases, again: again !== undefined && again !== hm, canvasesAgain: el.shadowRoot.querySelectorAll('canvas').length };
  });
  expect(r).toEqual({ moved: true, destroyed: 'this heatmap was destroyed', canvases: 0, again: true, canvasesAgain: 2 });
});

test('defineHeatmapElement is idempotent, takes other tag names, and upgrades elements whose data was set before', async () => {
  const r = await h.page.evaluate(() => {
    const w = window as any;
    const m = w.heatglElement;
    m.defineHeatmapElement();
    m.defineHeatmapElement('heat-map');
    // Set as a plain property before the tag is defined (as a framework may do), then defined: the element upgrades.
    const el = w.makeElement({ cmap: 'viridis' }, 'heat-map-late');
    el.data = w.sample();
    document.body.append(el);
    const before = el.heatmap;
    m.defineHeatmapElement('heat-map-late');
    const fn = w.heatgl.heatmap(w.makeBox(400, 300), w.sample(), { cmap: 'viridis' });
    return {
      before: before === undefined,
      upgraded: el instanceof m.HeatmapElement,
      drawn: el.heatmap !== undefined && w.same(el.heatmap, fn),
      first: customElements.get('heat-map') === m.HeatmapElement,
      observed: m.HeatmapElement.observedAttributes.length,
    };
  });
  expect(r).toEqual({ before: true, upgraded: true, drawn: true, first: true, observed: 17 });
});

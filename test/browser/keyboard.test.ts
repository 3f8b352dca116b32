// Keyboard navigation (src/view/keyboard.ts): real key presses in headless Chromium on an element with attachKeyboard,
// the pure focus stepping and aria summary, and the heatmap's own canvas once heatmap.ts wires the keyboard in.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ariaSummary, KEY_PAN_FRACTION, KEY_ZOOM_FACTOR, stepFocus } from '../../src/view/keyboard';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
  // A string, so that vitest does not rewrite the dynamic import; the dev server serves the TypeScript source.
  await h.page.evaluate(`import('/src/view/keyboard.ts').then((m) => { window.keyboard = m; })`);
});
afterAll(async () => h.close());

beforeEach(async () => {
  await h.page.evaluate(() => {
    const w = window as any;
    w.kb?.destroy();
    w.hm?.destroy();
    w.hm = undefined;
    w.clearBoxes();
    // A canvas (tabIndex -1 by default) with recording handlers over a 60×40 view.
    const box = w.makeBox(300, 200);
    w.target = document.createElement('canvas');
    box.append(w.target);
    w.calls = [];
    w.prevented = [];
    const rec =
      (name: string) =>
      (...args: number[]) =>
        w.calls.push([name, ...args]);
    w.kb = w.keyboard.attachKeyboard(w.target, {
      pan: rec('pan'),
      zoom: rec('zoom'),
      reset: rec('reset'),
      focusCell: rec('focusCell'),
      activate: rec('activate'),
      dismiss: rec('dismiss'),
      view: () => ({ x: [10, 70], y: [0, 40] }),
    });
    w.onKey ??= (e: KeyboardEvent) => w.prevented.push([e.key, e.defaultPrevented]);
    document.removeEventListener('keydown', w.onKey);
    document.addEventListener('keydown', w.onKey);
  });
});

const calls = () => h.page.evaluate(() => (window as any).calls as unknown[][]);

test('the element becomes focusable; arrows pan by 10% of the view, + = - _ zoom about the centre, 0 resets', async () => {
  const tab = await h.page.evaluate(() => [(window as any).target.tabIndex, (window as any).target.getAttribute('aria-keyshortcuts')]);
  expect(tab[0]).toBe(0);
  expect(tab[1]).toContain('Shift+ArrowLeft');
  await h.page.keyboard.press('Tab');
  expect(await h.page.evaluate(() => document.activeElement === (window as any).target)).toBe(true);
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', '=', '-', '0'] as const) await h.page.keyboard.press(key);
  await h.page.keyboard.type('+_');
  const dx = KEY_PAN_FRACTION * 60;
  const dy = KEY_PAN_FRACTION * 40;
  expect(await calls()).toEqual([
    ['pan', dx, 0],
    ['pan', -dx, 0],
    ['pan', 0, dy],
    ['pan', 0, -dy],
    ['zoom', KEY_ZOOM_FACTOR],
    ['zoom', 1 / KEY_ZOOM_FACTOR],
    ['reset'],
    ['zoom', KEY_ZOOM_FACTOR],
    ['zoom', 1 / KEY_ZOOM_FACTOR],
  ]);
  // Handled keys do not also scroll the page.
  const prevented = await h.page.evaluate(() => (window as any).prevented as [string, boolean][]);
  expect(prevented.filter(([k]) => k !== 'Shift' && k !== 'Tab').every(([, p]) => p)).toBe(true);
});

test('Shift+arrows move the focused cell; Enter and Space activate it; Escape and blur dismiss; Ctrl/Alt keys and others are left alone', async () => {
  await h.page.evaluate(() => (window as any).target.focus());
  const shifted = async (key: 'ArrowRight' | 'ArrowLeft' | 'ArrowDown' | 'ArrowUp') => {
    await h.page.keyboard.down('Shift');
    await h.page.keyboard.press(key);
    await h.page.keyboard.up('Shift');
  };
  await shifted('ArrowRight');
  await shifted('ArrowDown');
  await shifted('ArrowLeft');
  await shifted('ArrowUp');
  await h.page.keyboard.press('Enter');
  await h.page.keyboard.press('Space');
  await h.page.keyboard.press('Escape');
  await h.page.keyboard.down('Control');
  await h.page.keyboard.press('0');
  await h.page.keyboard.press('ArrowRight');
  await h.page.keyboard.up('Control');
  await h.page.keyboard.down('Alt');
  await h.page.keyboard.press('-');
  await h.page.keyboard.up('Alt');
  await h.page.keyboard.press('a');
  await h.page.evaluate(() => (window as any).target.blur());
  expect(await calls()).toEqual([['focusCell', 0, 1], ['focusCell', 1, 0], ['focusCell', 0, -1], ['focusCell', -1, 0], ['activate'], ['activate'], ['dismiss'], ['dismiss']]);
  const prevented = await h.page.evaluate(() => (window as any).prevented as [string, boolean][]);
  expect(prevented.filter(([k]) => k === 'a' || k === 'Control' || k === 'Alt').every(([, p]) => !p)).toBe(true);
});

test('keys reach the handlers only while the element has the focus; destroy() removes them and the tabindex', async () => {
  await h.page.keyboard.press('ArrowRight');
  expect(await calls()).toEqual([]);
  const after = await h.page.evaluate(() => {
    const w = window as any;
    w.kb.destroy();
    w.kb = undefined;
    w.target.focus();
    w.target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    return [w.target.hasAttribute('tabindex'), w.target.hasAttribute('aria-keyshortcuts'), w.calls.length];
  });
  expect(after).toEqual([false, false, 0]);
  // An author's tabindex is kept.
  const kept = await h.page.evaluate(() => {
    const w = window as any;
    const el = document.createElement('div');
    el.tabIndex = 3;
    w.makeBox(10, 10).append(el);
    const kb = w.keyboard.attachKeyboard(el, { pan() {}, zoom() {}, reset() {}, focusCell() {}, view: () => ({ x: [0, 1], y: [0, 1] }) });
    kb.destroy();
    return el.tabIndex;
  });
  expect(kept).toBe(3);
});

test('stepFocus: starts at the top-left visible cell, clamps to the matrix, scrolls the view by as little as possible', () => {
  const view = { x: [10, 20] as const, y: [5.5, 9.5] as const };
  // Row 5 starts above the view (5.5): scroll up to show all of it.
  expect(stepFocus(null, 0, 1, 40, 60, view)).toEqual({ row: 5, col: 10, view: { x: [10, 20], y: [5, 9] } });
  expect(stepFocus({ row: 7, col: 12 }, 1, 1, 40, 60, view)).toEqual({ row: 8, col: 13, view: null });
  // Row 9 ends at 10 > 9.5: scroll down by half a row.
  expect(stepFocus({ row: 8, col: 12 }, 1, 0, 40, 60, view)).toEqual({ row: 9, col: 12, view: { x: [10, 20], y: [6, 10] } });
  expect(stepFocus({ row: 7, col: 10 }, 0, -1, 40, 60, view)).toEqual({ row: 7, col: 9, view: { x: [9, 19], y: [5.5, 9.5] } });
  expect(stepFocus({ row: 0, col: 59 }, -1, 1, 40, 60, { x: [50, 60], y: [0, 4] })).toEqual({ row: 0, col: 59, view: null });
  // Zoomed in to less than a cell: the cell is centred.
  expect(stepFocus({ row: 3, col: 3 }, 0, 1, 10, 10, { x: [3.2, 3.7], y: [3.1, 3.6] })).toEqual({ row: 3, col: 4, view: { x: [4.25, 4.75], y: [3.25, 3.75] } });
});

test('ariaSummary', () => {
  expect(ariaSummary(40, 60, -1.2, 3.4)).toBe('Heatmap, 40 rows × 60 columns, values from −1.2 to 3.4');
  expect(ariaSummary(1, 1, 2, 2, 'Sales')).toBe('Sales. Heatmap, 1 row × 1 column, every value 2');
  expect(ariaSummary(3, 2, Number.NaN, Number.NaN, '  Q3?  ')).toBe('Q3? Heatmap, 3 rows × 2 columns, no finite values');
  expect(ariaSummary(2, 2, 0.000123456, 1234567.89)).toBe('Heatmap, 2 rows × 2 columns, values from 0.0001235 to 1235000');
});

// Runs once src/heatmap.ts wires attachKeyboard to its canvas (skipped until then).
test('the heatmap canvas: keys pan, zoom, reset, and Shift+arrows show the focused cell tooltip; aria-label summarises', async (ctx) => {
  const wired = await h.page.evaluate(() => {
    const w = window as any;
    w.kb.destroy();
    w.kb = undefined;
    w.clearBoxes();
    const values = Float64Array.from({ length: 40 * 60 }, (_, i) => (i % 60) / 10 - 1.2 + (i === 0 ? 0 : 0));
    w.hm = w.heatgl.heatmap(w.makeBox(600, 400), { values, rows: 40, cols: 60 }, { ...w.PLAIN, pixelRatio: 1, title: 'Ramp' });
    w.hm.render();
    w.events = [];
    w.hm.on('hover', (e: unknown) => w.events.push(['hover', e]));
    w.hm.on('click', (e: unknown) => w.events.push(['click', e]));
    return w.hm.canvas.tabIndex === 0;
  });
  if (!wired) ctx.skip();
  const view = () => h.page.evaluate(() => (window as any).hm.getView());
  expect(await h.page.evaluate(() => (window as any).hm.canvas.getAttribute('aria-label'))).toBe(ariaSummary(40, 60, -1.2, 4.7, 'Ramp'));
  await h.page.evaluate(() => (window as any).hm.canvas.focus());
  await h.page.keyboard.press('=');
  const zoomed = await view();
  expect(zoomed.x[1] - zoomed.x[0]).toBeCloseTo(60 / KEY_ZOOM_FACTOR, 9);
  expect((zoomed.x[0] + zoomed.x[1]) / 2).toBeCloseTo(30, 9);
  await h.page.keyboard.press('ArrowRight');
  const panned = await view();
  expect(panned.x[0] - zoomed.x[0]).toBeCloseTo(KEY_PAN_FRACTION * (zoomed.x[1] - zoomed.x[0]), 9);
  await h.page.keyboard.press('0');
  expect(await view()).toEqual({ x: [0, 60], y: [0, 40] });
  await h.page.keyboard.down('Shift');
  await h.page.keyboard.press('ArrowRight'); // focuses the top-left cell
  await h.page.keyboard.press('ArrowRight');
  await h.page.keyboard.press('ArrowDown');
  await h.page.keyboard.up('Shift');
  await h.page.keyboard.press('Enter');
  const r = await h.page.evaluate(() => {
    const w = window as any;
    const tip = w.hm.element.querySelector('.heatgl-tooltip');
    return { events: w.events, tip: tip.textContent, shown: tip.style.display };
  });
  expect(r.events.map(([t, e]: [string, any]) => [t, e.row, e.col])).toEqual([
    ['hover', 0, 0],
    ['hover', 0, 1],
    ['hover', 1, 1],
    ['click', 1, 1],
  ]);
  expect(r.shown).toBe('block');
  expect(r.tip).toBe('row 1, column 1\n-1.1');
  await h.page.keyboard.press('Escape');
  expect(await h.page.evaluate(() => (window as any).hm.element.querySelector('.heatgl-tooltip').style.display)).toBe('none');
});

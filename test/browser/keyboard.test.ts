// Keyboard navigation (src/view/keyboard.ts): real key presses in headless Chromium on an element with attachKeyboard,
// the pure focus stepping and aria summary, and the heatmap's own canvas once heatmap.ts wires the keyboard in.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { ariaSummary, dragIntoView, KEY_PAN_FRACTION, KEY_ZOOM_FACTOR, neighbourOnScreen } from '../../src/view/keyboard';
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
    // A 300×200 canvas (tabIndex -1 by default) with recording handlers.
    const box = w.makeBox(300, 200);
    w.target = document.createElement('canvas');
    w.target.style.cssText = 'display:block;width:300px;height:200px;';
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
    });
    w.onKey ??= (e: KeyboardEvent) => w.prevented.push([e.key, e.defaultPrevented]);
    document.removeEventListener('keydown', w.onKey);
    document.addEventListener('keydown', w.onKey);
  });
});

const calls = () => h.page.evaluate(() => (window as any).calls as unknown[][]);

test('the element becomes focusable; arrows pan by 10% of its size, + = - _ zoom about its centre, 0 resets', async () => {
  const tab = await h.page.evaluate(() => [(window as any).target.tabIndex, (window as any).target.getAttribute('aria-keyshortcuts')]);
  expect(tab[0]).toBe(0);
  expect(tab[1]).toContain('Shift+ArrowLeft');
  await h.page.keyboard.press('Tab');
  expect(await h.page.evaluate(() => document.activeElement === (window as any).target)).toBe(true);
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', '=', '-', '0'] as const) await h.page.keyboard.press(key);
  await h.page.keyboard.type('+_');
  // Drag semantics (as pointer input): showing what is to the right drags the content left.
  const dx = KEY_PAN_FRACTION * 300;
  const dy = KEY_PAN_FRACTION * 200;
  expect(await calls()).toEqual([
    ['pan', -dx, 0],
    ['pan', dx, 0],
    ['pan', 0, -dy],
    ['pan', 0, dy],
    ['zoom', KEY_ZOOM_FACTOR, 150, 100],
    ['zoom', 1 / KEY_ZOOM_FACTOR, 150, 100],
    ['reset'],
    ['zoom', KEY_ZOOM_FACTOR, 150, 100],
    ['zoom', 1 / KEY_ZOOM_FACTOR, 150, 100],
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
    const kb = w.keyboard.attachKeyboard(el, { pan() {}, zoom() {}, reset() {}, focusCell() {} });
    kb.destroy();
    return el.tabIndex;
  });
  expect(kept).toBe(3);
});

test('neighbourOnScreen follows the screen, whichever way rows and columns run; dragIntoView scrolls as little as possible', () => {
  // 10×10 cells of 20 px; rows run upwards on screen (imshow origin 'lower'), columns left to right.
  const up = (row: number, col: number) => ({ x: col * 20, y: (9 - row) * 20, width: 20, height: 20 });
  expect(neighbourOnScreen({ row: 4, col: 4 }, 1, 0, 10, 10, up)).toEqual({ row: 3, col: 4 });
  expect(neighbourOnScreen({ row: 4, col: 4 }, -1, 0, 10, 10, up)).toEqual({ row: 5, col: 4 });
  expect(neighbourOnScreen({ row: 4, col: 4 }, 0, 1, 10, 10, up)).toEqual({ row: 4, col: 5 });
  // At the edge it stays.
  expect(neighbourOnScreen({ row: 0, col: 9 }, 1, 0, 10, 10, up)).toEqual({ row: 0, col: 9 });
  expect(neighbourOnScreen({ row: 0, col: 9 }, 0, 1, 10, 10, up)).toEqual({ row: 0, col: 9 });
  const down = (row: number, col: number) => ({ x: col * 20, y: row * 20, width: 20, height: 20 });
  expect(neighbourOnScreen({ row: 4, col: 4 }, 1, 0, 10, 10, down)).toEqual({ row: 5, col: 4 });
  const viewport = { x: 100, y: 50, width: 200, height: 100 };
  expect(dragIntoView({ x: 120, y: 60, width: 20, height: 20 }, viewport)).toEqual([0, 0]);
  expect(dragIntoView({ x: 90, y: 140, width: 20, height: 20 }, viewport)).toEqual([10, -10]);
  expect(dragIntoView({ x: 295, y: 45, width: 20, height: 20 }, viewport)).toEqual([-15, 5]);
  // Larger than the viewport: centred.
  expect(dragIntoView({ x: 0, y: 0, width: 400, height: 20 }, viewport)).toEqual([0, 50]);
  expect(dragIntoView({ x: 100, y: 50, width: 400, height: 20 }, viewport)).toEqual([-100, 0]);
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

test('the heatmap canvas: the focused cell scrolls the view along, and follows the screen when rows run upwards', async (ctx) => {
  const wired = await h.page.evaluate(() => {
    const w = window as any;
    w.kb.destroy();
    w.kb = undefined;
    w.clearBoxes();
    const values = Float64Array.from({ length: 40 * 60 }, (_, i) => i);
    w.hm = w.heatgl.heatmap(w.makeBox(600, 400), { values, rows: 40, cols: 60 }, { ...w.PLAIN, pixelRatio: 1 });
    w.hm.setView({ x: [0, 10], y: [0, 5] });
    w.hm.render();
    w.hm.canvas.focus();
    return w.hm.canvas.tabIndex === 0;
  });
  if (!wired) ctx.skip();
  const shifted = async (key: 'ArrowDown' | 'ArrowRight', times: number) => {
    await h.page.keyboard.down('Shift');
    for (let i = 0; i < times; i++) await h.page.keyboard.press(key);
    await h.page.keyboard.up('Shift');
  };
  // The first press focuses cell (0, 0); six more reach row 6, which needs the view to end at 7.
  await shifted('ArrowDown', 7);
  const r = await h.page.evaluate(() => {
    const w = window as any;
    return { view: w.hm.getView(), tip: w.hm.element.querySelector('.heatgl-tooltip').textContent };
  });
  expect(r.view.y[0]).toBeCloseTo(2, 9);
  expect(r.view.y[1]).toBeCloseTo(7, 9);
  expect(r.view.x).toEqual([0, 10]);
  expect(r.tip).toBe('row 6, column 0\n3.6e+02');

  // imshow's origin 'lower' (when this heatmap supports it): row 0 is at the bottom, so the cell below is row - 1.
  const lower = await h.page.evaluate(() => {
    const w = window as any;
    w.hm.destroy();
    w.clearBoxes();
    try {
      w.hm = w.heatgl.heatmap(w.makeBox(300, 300), { values: Float64Array.from({ length: 9 }, (_, i) => i), rows: 3, cols: 3 }, { ...w.PLAIN, pixelRatio: 1, origin: 'lower' });
    } catch {
      return false;
    }
    w.hm.render();
    w.hm.canvas.focus();
    w.rows = [];
    w.hm.on('hover', (e: any) => w.rows.push(e?.row));
    return w.hm.cellToClient(0, 0).y > w.hm.cellToClient(2, 0).y;
  });
  if (!lower) return;
  await shifted('ArrowDown', 3);
  // The first press focuses the top-left cell (row 2 here), then down: rows 1 and 0.
  expect(await h.page.evaluate(() => (window as any).rows)).toEqual([2, 1, 0]);
});

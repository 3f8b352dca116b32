// clicktracker(): clicks (and throttled moves) recorded relative to the element, handed to onPoint, stopped by stop(),
// and drawn as a density whose peak sits where the clicks were; overlay() lies over the element without taking clicks.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(800, 600);
});
afterAll(async () => h.close());

test('records clicks and throttled moves in CSS px and fractions, calls onPoint, stops', async () => {
  const r = await h.page.evaluate(() => {
    const w = window as any;
    w.clearBoxes();
    const el = w.makeBox(400, 200);
    el.style.left = '50px';
    el.style.top = '30px';
    const seen: unknown[] = [];
    const t = w.heatgl.clicktracker(el, { move: { throttleMs: 50 }, onPoint: (p: unknown) => seen.push(p) });
    const click = (x: number, y: number) => el.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
    const move = (x: number, y: number) => el.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
    // A page handler that stops propagation cannot hide the click (capture phase).
    const inner = document.createElement('button');
    el.appendChild(inner);
    inner.addEventListener('click', (e) => e.stopPropagation());
    click(150, 130);
    inner.dispatchEvent(new MouseEvent('click', { clientX: 250, clientY: 80, bubbles: true }));
    move(60, 40);
    move(61, 41); // within 50 ms of the last: dropped
    const pts = t.points();
    pts[0].x = -1; // a copy: the tracker keeps its own
    t.stop();
    click(100, 100);
    const after = t.points();
    return { pts, seen: seen.length, after, stopped: t.stopped };
  });
  expect(r.pts.map((p: any) => [p.type, p.nx, p.ny])).toEqual([
    ['click', 0.25, 0.5],
    ['click', 0.5, 0.25],
    ['move', 10 / 400, 10 / 200],
  ]);
  expect(r.seen).toBe(3);
  expect(r.after.map((p: any) => [p.x, p.y])).toEqual([[100, 100], [200, 50], [10, 10]]);
  expect(r.stopped).toBe(true);
});

test('draw() puts the density peak at the clicks; overlay() follows new clicks and lets them through', async () => {
  const r = await h.page.evaluate(async () => {
    const w = window as any;
    w.clearBoxes();
    const el = w.makeBox(300, 150);
    const t = w.heatgl.clicktracker(el);
    const click = (x: number, y: number) => el.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
    for (let i = 0; i < 5; i++) click(220, 40);
    click(50, 120);
    const target = w.makeBox(150, 75);
    target.style.top = '300px';
    const dm = t.draw(target, { pixelRatio: 1 });
    const grid = dm.readDensity();
    let best = 0;
    for (let i = 1; i < grid.data.length; i++) if (grid.data[i] > grid.data[best]) best = i;
    const peak = [best % grid.width, Math.floor(best / grid.width)];
    const px = dm.readPixels();
    const cornerAlpha = px.data[3];
    dm.destroy();
    const ov = t.overlay({ pixelRatio: 1, radiusPixels: 6 });
    const layer = el.querySelector('.heatgl-click-overlay') as HTMLElement;
    const pointerEvents = layer ? getComputedStyle(layer).pointerEvents : 'no layer';
    const under = document.elementFromPoint(100, 75);
    const before = ov.stats().points;
    click(100, 75);
    const afterClick = ov.stats().points;
    ov.render();
    const v = ov.valueAt(100.5, 75.5);
    ov.destroy();
    return { peak, cornerAlpha, size: [grid.width, grid.height], pointerEvents, underIsBox: under === el, before, afterClick, v, layerGone: !el.querySelector('.heatgl-click-overlay') };
  });
  // The 300×150 element drawn at half size: the clicks at (220, 40) land at (110, 20).
  expect(r.size).toEqual([150, 75]);
  expect(Math.abs((r.peak[0] as number) - 110)).toBeLessThanOrEqual(1);
  expect(Math.abs((r.peak[1] as number) - 20)).toBeLessThanOrEqual(1);
  expect(r.cornerAlpha).toBe(0);
  expect(r.pointerEvents).toBe('none');
  expect(r.underIsBox).toBe(true);
  expect([r.before, r.afterClick]).toEqual([6, 7]);
  expect(r.v).toBeGreaterThan(0);
  expect(r.layerGone).toBe(true);
});

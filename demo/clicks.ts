// Click heatmap demo: a mock landing page (#site) recorded by clicktracker(); its overlay() draws the density of the
// clicks over the live page (pointer-events: none, so the page keeps working) and redraws as clicks arrive. A few
// hundred "earlier visitors" are replayed as real click events at load so there is something to see.
// `window.clicksDemoReady` becomes true after the first frame, for screenshots.
import { clicktracker, type DensityMap } from 'heatgl';

declare global {
  interface Window {
    clicksDemoReady?: boolean;
  }
}

const $ = <T extends HTMLElement>(sel: string) => {
  const el = document.querySelector(sel);
  if (!el) throw new Error(`${sel} missing`);
  return el as T;
};

const site = $('#site');
const count = $('#count');
let tracker = clicktracker(site, { onPoint: () => showCount() });
let overlay: DensityMap | null = null;
const showCount = () => {
  count.textContent = `${tracker.points().length} points recorded`;
};

function showOverlay(): void {
  overlay?.destroy();
  overlay = $<HTMLInputElement>('#show').checked ? tracker.overlay({ radiusPixels: 14, cmap: 'turbo' }) : null;
}

// Earlier visitors: clicks scattered around the things people click (a fixed seed), dispatched as real events.
function replayVisitors(n: number): void {
  let s = 12345;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const targets: [string, number][] = [['.cta .primary', 0.34], ['.cta .secondary', 0.12], ['nav .login', 0.1], ['.plan.featured a', 0.14], ['.plan:first-child a', 0.06], ['nav a[href="#pricing"]', 0.08], ['.hero h1', 0.06], ['.features div:nth-child(2)', 0.05], ['footer', 0.05]];
  for (let i = 0; i < n; i++) {
    let r = rand();
    let sel = targets[0]?.[0] as string;
    for (const [t, p] of targets) {
      if (r < p) {
        sel = t;
        break;
      }
      r -= p;
    }
    const box = $(sel).getBoundingClientRect();
    const x = box.left + box.width / 2 + gauss() * box.width * 0.25;
    const y = box.top + box.height / 2 + gauss() * box.height * 0.3;
    site.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
  }
}

// Links on the mock page go nowhere.
site.addEventListener('click', (e) => {
  if ((e.target as HTMLElement).closest('a')) e.preventDefault();
});
$('#show').addEventListener('change', showOverlay);
$('#clear').addEventListener('click', () => {
  tracker.clear();
  showCount();
});
$('#moves').addEventListener('change', (e) => {
  const points = tracker.points();
  tracker.stop();
  tracker = clicktracker(site, { move: (e.target as HTMLInputElement).checked ? { throttleMs: 80 } : false, onPoint: () => showCount() });
  // Keep what was recorded: replay it into the new tracker.
  for (const p of points) {
    const r = site.getBoundingClientRect();
    site.dispatchEvent(new MouseEvent('click', { clientX: r.left + p.x, clientY: r.top + p.y, bubbles: true }));
  }
  showOverlay();
});

replayVisitors(400);
showOverlay();
showCount();
(overlay as DensityMap | null)?.on('render', () => {
  window.clicksDemoReady = true;
});
